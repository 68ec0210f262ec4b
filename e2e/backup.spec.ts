import { readFile, writeFile } from 'node:fs/promises'
import { expect, type Page, test } from '@playwright/test'
import {
  contextWithDownloads,
  loadSampleData,
  openApp,
  PASSPHRASE,
  setupHeading,
  unlock,
} from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'

const BACKUP_PASSPHRASE = 'quartz lantern harbour velvet'

/** The "Stored records" list on the Storage page, as text. */
const storedCounts = async (page: Page) => {
  await page.evaluate(() => {
    window.location.hash = '#/storage'
  })
  const list = page.getByRole('list', { name: 'Stored records' })
  await expect(list).toBeVisible()
  return (await list.getByRole('listitem').allTextContents()).join(' | ')
}

const makeBackup = async (page: Page, path: string) => {
  await page.evaluate(() => {
    window.location.hash = '#/backup'
  })
  await expect(page.getByRole('heading', { level: 1, name: 'Backup' })).toBeVisible()
  await page.getByLabel('A passphrase for this backup').fill(BACKUP_PASSPHRASE)
  await page.getByLabel('Type it again').fill(BACKUP_PASSPHRASE)
  const download = page.waitForEvent('download', { timeout: 60_000 })
  await page.getByRole('button', { name: 'Make a backup' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^hearth-backup-\d{4}-\d{2}-\d{2}\.hbk$/)
  await file.saveAs(path)
  await expect(page.getByRole('status').filter({ hasText: 'Backup saved' })).toBeVisible()
}

const checkFile = async (page: Page, path: string, passphrase: string) => {
  await page.getByLabel('Backup file').setInputFiles(path)
  await page.getByLabel('The backup’s passphrase').fill(passphrase)
  await page.getByRole('button', { name: 'Check this backup' }).click()
}

test('back up, restore in a new empty browser, refuse bad files, and merge without duplicates', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000)
  const path = testInfo.outputPath('hearth.hbk')

  // 1. Data in one browser, backed up.
  const first = await contextWithDownloads(browser)
  const page = await first.newPage()
  await openApp(page)
  await loadSampleData(page)
  const before = await storedCounts(page)
  await expect(page.getByText('No backup has been made on this device yet.')).toBeVisible()
  await expect(page.getByText('Back up soon')).toBeVisible()
  await shootEverywhere(page, 'storage-backup-nudge')
  await makeBackup(page, path)
  await shootEverywhere(page, 'backup-screen', { fullPage: true })
  await page.evaluate(() => {
    window.location.hash = '#/storage'
  })
  await expect(page.getByText(/Last backup:/)).toBeVisible()
  await expect(page.getByText('Back up soon')).toBeHidden()
  await page.getByRole('link', { name: 'Personas' }).click()
  const personaNames = await page
    .getByRole('list', { name: 'Personas' })
    .getByRole('heading')
    .allTextContents()
  expect(personaNames.length).toBeGreaterThan(0)

  // 2. A new, empty browser: restore on the setup screen.
  const second = await contextWithDownloads(browser)
  const fresh = await second.newPage()
  await fresh.goto('/')
  await expect(setupHeading(fresh)).toBeVisible({ timeout: 30_000 })
  await fresh.getByRole('button', { name: 'Restore from a backup' }).click()

  // Wrong passphrase: its own message, nothing written.
  await checkFile(fresh, path, 'not the right passphrase')
  await expect(fresh.getByRole('alert')).toContainText('That passphrase does not open this backup')

  // One flipped byte in the middle: its own message.
  const bytes = await readFile(path)
  const middle = Math.floor(bytes.length / 2)
  bytes[middle] = (bytes[middle] ?? 0) ^ 0x01
  const damaged = testInfo.outputPath('damaged.hbk')
  await writeFile(damaged, bytes)
  await checkFile(fresh, damaged, BACKUP_PASSPHRASE)
  await expect(fresh.getByRole('alert')).toContainText('This backup is damaged')
  await shootEverywhere(fresh, 'restore-refused')

  await checkFile(fresh, path, BACKUP_PASSPHRASE)
  await expect(fresh.getByRole('status').filter({ hasText: 'Every part is intact' })).toBeVisible({
    timeout: 60_000,
  })
  await expect(fresh.getByRole('list', { name: 'In this backup' })).toContainText('200 memories')
  await shootEverywhere(fresh, 'restore-setup-preview')
  await fresh.getByLabel('Your vault passphrase (from when this backup was made)').fill(PASSPHRASE)
  await fresh.getByRole('button', { name: 'Unlock and restore' }).click()
  await expect(fresh.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 60_000 })
  expect(await storedCounts(fresh)).toBe(before)
  await fresh.getByRole('link', { name: 'Personas' }).click()
  expect(await fresh.getByRole('list', { name: 'Personas' }).getByRole('heading').allTextContents()).toEqual(
    personaNames,
  )

  // The old vault passphrase unlocks the restored vault after a reload.
  await fresh.reload()
  await unlock(fresh, PASSPHRASE)

  // 3. Merging the same backup again duplicates nothing.
  await fresh.evaluate(() => {
    window.location.hash = '#/backup'
  })
  await checkFile(fresh, path, BACKUP_PASSPHRASE)
  await expect(fresh.getByRole('status').filter({ hasText: 'Every part is intact' })).toBeVisible({
    timeout: 60_000,
  })
  await fresh.getByRole('button', { name: 'Merge into what is here' }).click()
  await expect(
    fresh.getByRole('status').filter({ hasText: /Restored: added 0 records, kept \d+/ }),
  ).toBeVisible({
    timeout: 60_000,
  })
  await shootEverywhere(fresh, 'backup-merge-summary', { fullPage: true })
  expect(await storedCounts(fresh)).toBe(before)

  // A wrong passphrase on the backup screen changes nothing either.
  await fresh.evaluate(() => {
    window.location.hash = '#/backup'
  })
  await checkFile(fresh, path, 'still not the right one')
  await expect(fresh.getByRole('alert')).toContainText('That passphrase does not open this backup')
  expect(await storedCounts(fresh)).toBe(before)

  await first.close()
  await second.close()
})
