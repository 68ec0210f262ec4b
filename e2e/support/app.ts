import { expect, type Page } from '@playwright/test'
import type { MemoryRecord } from '../../src/schema/memories.ts'
import type { PersonaRecord } from '../../src/schema/personas.ts'
import type {} from '../../src/store/bench-handle.ts'

/** Page model of the Hearth app: the steps every test repeats, by role and label like a person would. */
export const openApp = async (page: Page, hash = '#/', { bench = false } = {}) => {
  await page.goto(`/${bench ? '?bench' : ''}${hash}`)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 })
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
 * Commits records through the app's own batch events (needs `openApp(…, { bench: true })`): for
 * tests that need exact data, e.g. old dates or cold tiers that no screen can create.
 */
export const importThroughApp = (page: Page, data: { personas: PersonaRecord[]; memories: MemoryRecord[] }) =>
  page.evaluate(async ({ personas, memories }) => {
    const hearth = window.__hearth
    if (hearth === undefined) throw new Error('bench handle missing: open the app with { bench: true }')
    hearth.store.commit(
      hearth.events.personasImported({ personas }),
      hearth.events.memoriesImported({ memories }),
    )
    await hearth.whenPersisted()
  }, data)
