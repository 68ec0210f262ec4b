import { type Browser, expect, type Page } from '@playwright/test'
import type { MemoryRecord } from '../../src/schema/memories.ts'
import type { PersonaRecord } from '../../src/schema/personas.ts'
import type {} from '../../src/store/bench-handle.ts'

/** The passphrase tests set up their vault with (each test starts with a fresh browser profile). */
export const PASSPHRASE = 'amber kettle orbit meadow'

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

/**
 * Page model of the Hearth app: the steps every test repeats, by role and label like a person would.
 * Opens the app and gets past the vault: sets it up on a first visit (returning the recovery code
 * it showed), unlocks it afterwards.
 */
export const openApp = async (
  page: Page,
  hash = '#/',
  { bench = false, lifecycle = false, workflows = false, passphrase = PASSPHRASE, origin = '' } = {},
) => {
  // `origin`: another server than the configured one (a test's own), '' for the usual.
  // `lifecycle`: with `bench`, the lifecycle job still runs by itself (it does not under `?bench` alone).
  // `workflows`: with `bench`, schedules and event triggers run and unfinished runs are settled.
  const query = bench ? `?bench${lifecycle ? '&lifecycle' : ''}${workflows ? '&workflows' : ''}` : ''
  await page.goto(`${origin}/${query}${hash}`)
  return enterVault(page, passphrase)
}

/** A reload locks the vault (the key lives only in memory): reload and unlock. */
export const reloadApp = async (page: Page, passphrase = PASSPHRASE) => {
  await page.reload()
  await enterVault(page, passphrase)
}

export const setupHeading = (page: Page) => page.getByRole('heading', { name: 'Welcome to Hearth' })
export const lockedHeading = (page: Page) => page.getByRole('heading', { name: 'Hearth is locked' })

const enterVault = async (page: Page, passphrase: string): Promise<string | null> => {
  // A navigation that only changes the hash keeps the page, and an unlocked vault stays unlocked.
  await expect(setupHeading(page).or(lockedHeading(page)).or(mainNav(page))).toBeVisible({ timeout: 30_000 })
  if (await setupHeading(page).isVisible()) return setUpVault(page, passphrase)
  if (await lockedHeading(page).isVisible()) await unlock(page, passphrase)
  return null
}

/** First run: choose the passphrase, keep the recovery code (returned), open Hearth. */
export const setUpVault = async (page: Page, passphrase: string) => {
  await page.getByLabel('Choose a passphrase').fill(passphrase)
  await page.getByLabel('Type it again').fill(passphrase)
  await page.getByRole('button', { name: 'Create my encrypted vault' }).click()
  const code = page.getByRole('status', { name: 'Recovery code' })
  await expect(code).toBeVisible({ timeout: 30_000 })
  const recoveryCode = (await code.textContent()) ?? ''
  await page.getByLabel('I have saved my recovery code').check()
  await page.getByRole('button', { name: 'Open Hearth' }).click()
  await expect(mainNav(page)).toBeVisible({ timeout: 30_000 })
  return recoveryCode
}

export const unlock = async (page: Page, passphrase: string) => {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(mainNav(page)).toBeVisible({ timeout: 30_000 })
}

export const createPersona = async (page: Page, name: string, description = '') => {
  await page.getByRole('link', { name: 'Personas' }).click()
  await page.getByRole('button', { name: 'New persona' }).click()
  const dialog = page.getByRole('dialog', { name: 'New persona' })
  await dialog.getByLabel('Name').fill(name)
  if (description !== '') await dialog.getByLabel('Description').fill(description)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toBeHidden()
  await expect(personaCard(page, name)).toBeVisible()
}

export const personaCard = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Personas' }).getByRole('listitem', { name, exact: true })

export type MemoryInput = { name: string; content: string; type?: string; importance?: number; tags?: string }

export const createMemory = async (page: Page, memory: MemoryInput) => {
  await page.getByRole('button', { name: 'New memory' }).click()
  const dialog = page.getByRole('dialog', { name: 'New memory' })
  if (memory.type !== undefined) await dialog.getByLabel('Type').selectOption(memory.type)
  await dialog.getByLabel('Name').fill(memory.name)
  await dialog.getByLabel('Content').fill(memory.content)
  if (memory.tags !== undefined) await dialog.getByLabel('Tags (comma-separated)').fill(memory.tags)
  if (memory.importance !== undefined) await dialog.getByLabel('Importance').fill(String(memory.importance))
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toBeHidden()
}

export const memoryList = (page: Page) => page.getByRole('list', { name: 'Memories' })

/** Names of the memories on the current page, in display order. */
export const memoryNames = (page: Page) =>
  memoryList(page).getByRole('heading', { level: 2 }).allTextContents()

/** Waits until the leader has written this tab's changes to disk, as the sidebar says. */
export const expectSaved = (page: Page) =>
  expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()

/**
 * Seals plaintext records with the page's vault key and commits them through the app's own batch
 * events (needs `openApp(…, { bench: true })`): for tests that need exact data, e.g. old dates or
 * cold tiers that no screen can create.
 */
export const importThroughApp = (page: Page, data: { personas: PersonaRecord[]; memories: MemoryRecord[] }) =>
  page.evaluate(async ({ personas, memories }) => {
    const hearth = window.__hearth
    if (hearth === undefined) throw new Error('bench handle missing: open the app with { bench: true }')
    hearth.store.commit(
      hearth.events.personasImported({ personas: personas.map(hearth.seal.persona) }),
      hearth.events.memoriesImported({ memories: memories.map(hearth.seal.memory) }),
    )
    await hearth.whenPersisted()
  }, data)

/** Clicks Undo on the message that says `message` (other toasts may offer their own Undo). */
export const undoFrom = (page: Page, message: string) =>
  page.getByRole('status').filter({ hasText: message }).getByRole('button', { name: 'Undo' }).click()

/** Loads sample data of a size from the home screen's form and waits until it is saved. */
export const loadSampleData = async (page: Page, size: 'small' | 'medium' = 'small', timeout = 60_000) => {
  await page.getByLabel('Size').selectOption(size)
  await page.getByRole('button', { name: 'Load sample data' }).click()
  await expect(page.getByRole('status').filter({ hasText: /Sample data loaded/ })).toBeVisible({ timeout })
}

/** A browser context without save dialogs (`showSaveFilePicker`), so files arrive as downloads. */
export const contextWithDownloads = async (browser: Browser) => {
  const context = await browser.newContext()
  await context.addInitScript(() => {
    // biome-ignore lint/suspicious/noExplicitAny: removing a browser API for the test
    delete (window as any).showSaveFilePicker
  })
  return context
}
