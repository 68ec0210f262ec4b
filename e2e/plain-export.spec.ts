import { readFile } from 'node:fs/promises'
import { expect, type Page, test } from '@playwright/test'
import { contextWithDownloads, loadSampleData, openApp } from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'

const openBackupScreen = async (page: Page) => {
  await page.evaluate(() => {
    window.location.hash = '#/backup'
  })
  await expect(page.getByRole('heading', { level: 2, name: 'Export as JSON' })).toBeVisible()
}

const exportAs = async (page: Page, choice: string, path: string) => {
  await page.getByLabel('What to export').selectOption({ label: choice })
  const download = page.waitForEvent('download', { timeout: 60_000 })
  await page.getByRole('button', { name: 'Export as JSON' }).click()
  const file = await download
  await file.saveAs(path)
  await expect(page.getByRole('status').filter({ hasText: /^Exported/ })).toBeVisible()
  return { name: file.suggestedFilename(), data: JSON.parse(await readFile(path, 'utf8')) }
}

test('export everything or one persona as readable JSON without secrets, and import a persona into another browser', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000)
  const first = await contextWithDownloads(browser)
  const page = await first.newPage()
  await openApp(page)
  await loadSampleData(page)
  await openBackupScreen(page)

  const all = await exportAs(page, 'Everything', testInfo.outputPath('all.json'))
  expect(all.name).toMatch(/^hearth-export-\d{4}-\d{2}-\d{2}\.json$/)
  expect(all.data).toMatchObject({ format: 'hearth-export', version: 1, scope: { kind: 'everything' } })
  expect(all.data.memories.length).toBeGreaterThan(100)
  expect(all.data.conversations[0].messages.length).toBeGreaterThan(0)
  // Plain text a person can read, and nothing sealed or secret in it.
  const text = JSON.stringify(all.data)
  expect(text).not.toMatch(/hv1\.[a-z0-9]{4,32}\./)
  expect(all.data.keyring).toBeUndefined()
  expect(all.data.personas.every((p: { apiKey: unknown }) => p.apiKey === null)).toBe(true)

  const [persona] = all.data.personas as Array<{ id: string; name: string }>
  if (persona === undefined) throw new Error('the sample has no persona')
  const mine = all.data.memories.filter((m: { personaId: string }) => m.personaId === persona.id)
  const one = await exportAs(
    page,
    `${persona.name}, with its memories and conversations`,
    testInfo.outputPath('persona.json'),
  )
  expect(one.name).toMatch(/^hearth-persona-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/)
  expect(one.data.personas.map((p: { id: string }) => p.id)).toEqual([persona.id])
  expect(one.data.memories).toHaveLength(mine.length)
  await shootEverywhere(page, 'backup-export', { fullPage: true })

  // Another browser, empty: the persona file is checked, shown, then added.
  const second = await contextWithDownloads(browser)
  const other = await second.newPage()
  await openApp(other)
  await openBackupScreen(other)
  await other.getByLabel('Import an export file').setInputFiles(testInfo.outputPath('persona.json'))
  const preview = other.getByRole('list', { name: 'In this export' })
  await expect(preview).toContainText(`1 persona`)
  await expect(preview).toContainText(`${mine.length} memories`)
  await other.getByRole('button', { name: 'Add to Hearth' }).click()
  await expect(other.getByRole('status').filter({ hasText: /^Imported: added/ })).toContainText(
    `${mine.length} memories`,
  )
  await other.getByRole('link', { name: 'Personas' }).click()
  await expect(
    other.getByRole('list', { name: 'Personas' }).getByRole('heading', { name: persona.name }),
  ).toBeVisible()

  // The same file again adds nothing; a file that is not an export is refused with its reason.
  await openBackupScreen(other)
  await other.getByLabel('Import an export file').setInputFiles(testInfo.outputPath('persona.json'))
  await other.getByRole('button', { name: 'Add to Hearth' }).click()
  await expect(other.getByRole('status').filter({ hasText: /^Imported: added 0 records/ })).toBeVisible()
  await other.getByLabel('Import an export file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"notes": []}'),
  })
  await expect(other.getByRole('alert')).toContainText('This is not a Hearth export file')
  await first.close()
  await second.close()
})
