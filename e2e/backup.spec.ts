import { readFile, writeFile } from 'node:fs/promises'
import { expect, type Page, test } from '@playwright/test'
import { CLEARED_TABLES } from '../src/schema/restore.ts'
import {
  contextWithDownloads,
  createPersona,
  loadSampleData,
  memoryNames,
  openApp,
  PASSPHRASE,
  personaCard,
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

/** What Search finds for a word of the first memory's name, once indexing is done: the result labels, sorted. */
const searchFinds = async (page: Page, query?: string) => {
  let q = query
  if (q === undefined) {
    await page.evaluate(() => {
      window.location.hash = '#/memories'
    })
    const [name] = await memoryNames(page)
    q = (name ?? '').split(/\W+/).find((word) => word.length > 4) ?? name ?? ''
  }
  await page.evaluate((text) => {
    window.location.hash = `#/search?q=${encodeURIComponent(text)}`
  }, q)
  const list = page.getByRole('list', { name: 'Search results' })
  await expect(list.getByRole('listitem').first()).toBeVisible({ timeout: 60_000 })
  await expect(page.getByText(/Indexing your data|Preparing search by meaning/)).toHaveCount(0, {
    timeout: 120_000,
  })
  await page.waitForTimeout(500) // the screen re-runs the search when the index version moves
  const labels = await list
    .getByRole('listitem')
    .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))
  return { query: q, labels: labels.sort() }
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
  // `?bench`: the lifecycle job does not run by itself, so retention does not trim the sample's old
  // data between counting it and backing it up.
  await openApp(page, '#/', { bench: true })
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
  const found = await searchFinds(page)
  expect(found.labels.length).toBeGreaterThan(0)

  // 2. A new, empty browser: restore on the setup screen.
  const second = await contextWithDownloads(browser)
  const fresh = await second.newPage()
  await fresh.goto('/?bench')
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
  // What the first browser held when it made the backup (retention may have trimmed the sample's old data).
  const memoriesBefore = /[\d,]+ memories/.exec(before)?.[0] ?? 'no memories line'
  await expect(fresh.getByRole('list', { name: 'In this backup' })).toContainText(memoriesBefore)
  await shootEverywhere(fresh, 'restore-setup-preview')
  await fresh.getByLabel('Your vault passphrase (from when this backup was made)').fill(PASSPHRASE)
  await fresh.getByRole('button', { name: 'Unlock and restore' }).click()
  await expect(fresh.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 60_000 })
  expect(await storedCounts(fresh)).toBe(before)
  await fresh.getByRole('link', { name: 'Personas' }).click()
  expect(await fresh.getByRole('list', { name: 'Personas' }).getByRole('heading').allTextContents()).toEqual(
    personaNames,
  )

  // Search finds the same in the restored browser (its index is rebuilt from the restored records).
  expect(await searchFinds(fresh, found.query)).toEqual(found)

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

/** Every row of every domain table, sealed columns as stored: equal dumps mean nothing was written. */
const dumpStore = (page: Page) =>
  page.evaluate(
    (tables) => {
      const { store } = window.__hearth ?? {}
      if (store === undefined) throw new Error('open the app with { bench: true }')
      return JSON.stringify(
        tables.map((table) => [
          table,
          store.query({ query: `SELECT * FROM '${table}' ORDER BY id`, bindValues: {} }),
        ]),
      )
    },
    [...CLEARED_TABLES, 'settings'],
  )

test('every refused restore leaves the store exactly as it was; replace saves a safety backup first', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000)
  const context = await contextWithDownloads(browser)
  const page = await context.newPage()
  await openApp(page, '#/', { bench: true })
  await loadSampleData(page)
  const path = testInfo.outputPath('hearth.hbk')
  await makeBackup(page, path)
  const original = await readFile(path)

  // Something written after the backup: Replace must remove it, the safety backup must keep it.
  await page.getByRole('link', { name: 'Personas' }).click()
  await createPersona(page, 'Written after the backup')
  const before = await dumpStore(page)
  await page.evaluate(() => {
    window.location.hash = '#/backup'
  })

  const variant = async (name: string, change: (bytes: Buffer) => Buffer) => {
    const file = testInfo.outputPath(name)
    await writeFile(file, change(Buffer.from(original)))
    return file
  }
  const flip = (at: number) => (bytes: Buffer) => {
    bytes[at] = (bytes[at] ?? 0) ^ 0x20
    return bytes
  }
  const refusals: Array<[string, string, string]> = [
    [path, 'not the passphrase', 'That passphrase does not open this backup'],
    [await variant('header.hbk', flip(20)), BACKUP_PASSPHRASE, 'This backup is damaged'],
    [
      await variant('middle.hbk', flip(Math.floor(original.length / 2))),
      BACKUP_PASSPHRASE,
      'This backup is damaged',
    ],
    [await variant('end.hbk', flip(original.length - 1)), BACKUP_PASSPHRASE, 'This backup is damaged'],
    [
      await variant('cut.hbk', (b) => b.subarray(0, b.length - 1000)),
      BACKUP_PASSPHRASE,
      'This backup is incomplete',
    ],
    [
      await variant('other.hbk', () => Buffer.from('%PDF-1.7 not a backup at all '.repeat(40))),
      BACKUP_PASSPHRASE,
      'This file is not a Hearth backup',
    ],
  ]
  for (const [file, passphrase, message] of refusals) {
    await checkFile(page, file, passphrase)
    await expect(page.getByRole('alert')).toContainText(message, { timeout: 30_000 })
  }
  expect(await dumpStore(page)).toBe(before)

  // Replace: a safety backup of what is here downloads first, then the file's data replaces it all.
  await checkFile(page, path, BACKUP_PASSPHRASE)
  await expect(page.getByRole('status').filter({ hasText: 'Every part is intact' })).toBeVisible({
    timeout: 60_000,
  })
  await page.getByRole('button', { name: 'Replace…' }).click()
  const safety = page.waitForEvent('download', { timeout: 60_000 })
  await page.getByRole('button', { name: 'Save a safety backup, then replace everything' }).click()
  const safetyPath = testInfo.outputPath('safety.hbk')
  await (await safety).saveAs(safetyPath)
  await expect(page.getByRole('status').filter({ hasText: /^Restored: added/ })).toBeVisible({
    timeout: 60_000,
  })
  await page.getByRole('link', { name: 'Personas' }).click()
  await expect(personaCard(page, 'Written after the backup')).toHaveCount(0)

  // The safety backup holds what Replace removed: merging it brings the persona back.
  await page.evaluate(() => {
    window.location.hash = '#/backup'
  })
  await checkFile(page, safetyPath, BACKUP_PASSPHRASE)
  await expect(page.getByRole('status').filter({ hasText: 'Every part is intact' })).toBeVisible({
    timeout: 60_000,
  })
  await page.getByRole('button', { name: 'Merge into what is here' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: /Restored: added 1 record \(1 persona\)/ }),
  ).toBeVisible({
    timeout: 60_000,
  })
  await page.getByRole('link', { name: 'Personas' }).click()
  await expect(personaCard(page, 'Written after the backup')).toBeVisible()
  await context.close()
})
