import { expect, test } from '@playwright/test'
import type { MemoryTier, MemoryType } from '../src/schema/memories.ts'
import {
  plainMemoryRecord as memoryRecord,
  plainPersonaRecord as personaRecord,
} from '../src/testing/builders.ts'
import { expectSaved, importThroughApp, memoryNames, openApp, reloadApp } from './support/app.ts'

const DAY = 24 * 3600_000
const NOW = Date.UTC(2026, 5, 15, 12)
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

const memory = (name: string, type: MemoryType, importance: number, tier: MemoryTier, ageDays: number) =>
  memoryRecord({
    id: name,
    personaId: 'p-filter',
    type,
    name,
    content: `Memory ${name}`,
    importance,
    tier,
    factCategory: type === 'fact' ? 'misc' : null,
    factKey: type === 'fact' ? `misc.${name}` : null,
    createdAt: NOW - ageDays * DAY,
    lastAccessedAt: NOW - ageDays * DAY,
  })

test('each memory filter changes the list as it should', async ({ page }) => {
  await openApp(page, '#/', { bench: true })
  await importThroughApp(page, {
    personas: [personaRecord({ id: 'p-filter', name: 'Filter Test' })],
    memories: [
      memory('Alpha', 'fact', 90, 'hot', 1),
      memory('Bravo', 'event', 70, 'warm', 40),
      memory('Charlie', 'task', 50, 'cold', 200),
      memory('Delta', 'fact', 30, 'cold', 300),
      memory('Echo', 'preference', 10, 'hot', 2),
    ],
  })
  await openApp(page, '#/memories/p-filter', { bench: true })
  const names = () => memoryNames(page)

  await expect.poll(names).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'])

  await page.getByLabel('Sort by').selectOption('Newest')
  await expect.poll(names).toEqual(['Alpha', 'Echo', 'Bravo', 'Charlie', 'Delta'])
  await page.getByLabel('Sort by').selectOption('Oldest')
  await expect.poll(names).toEqual(['Delta', 'Charlie', 'Bravo', 'Echo', 'Alpha'])
  await page.getByLabel('Sort by').selectOption('Recently used')
  await expect.poll(names).toEqual(['Alpha', 'Echo', 'Bravo', 'Charlie', 'Delta'])
  await page.getByLabel('Sort by').selectOption('Most important')

  await page.getByLabel('Type').selectOption('fact')
  await expect.poll(names).toEqual(['Alpha', 'Delta'])
  await page.getByLabel('Type').selectOption('')

  await page.getByLabel('Minimum importance').fill('50')
  await expect.poll(names).toEqual(['Alpha', 'Bravo', 'Charlie'])
  await page.getByLabel('Minimum importance').fill('0')

  await page.getByLabel('Tier').selectOption('cold')
  await expect.poll(names).toEqual(['Charlie', 'Delta'])
  await page.getByLabel('Tier').selectOption('')

  await page.getByLabel('Created from').fill(isoDay(NOW - 50 * DAY))
  await expect.poll(names).toEqual(['Alpha', 'Bravo', 'Echo'])
  await page.getByLabel('Created to').fill(isoDay(NOW - 10 * DAY))
  await expect.poll(names).toEqual(['Bravo'])

  // Filters are UI state kept in a client document: they survive a reload.
  await expectSaved(page)
  await reloadApp(page)
  await expect.poll(names, { timeout: 30_000 }).toEqual(['Bravo'])
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect.poll(names).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'])

  await page.getByLabel('Type').selectOption('person')
  await expect(page.getByText('No memories match these filters')).toBeVisible()
})

test('paging walks through a persona with more memories than a page', async ({ page }) => {
  await openApp(page, '#/', { bench: true })
  await importThroughApp(page, {
    personas: [personaRecord({ id: 'p-pages', name: 'Pages' })],
    memories: Array.from({ length: 120 }, (_, i) =>
      memoryRecord({
        personaId: 'p-pages',
        name: `Note ${String(i).padStart(3, '0')}`,
        importance: 100 - Math.floor(i / 10),
      }),
    ),
  })
  await openApp(page, '#/memories/p-pages', { bench: true })
  await expect(page.getByText('120 memories,')).toBeVisible()
  await expect.poll(() => memoryNames(page).then((n) => n.length)).toBe(50)
  await expect(page.getByText('Showing 1–50')).toBeVisible()
  await page.getByRole('button', { name: 'Next →' }).click()
  await expect(page.getByText('Showing 51–100')).toBeVisible()
  await page.getByRole('button', { name: 'Next →' }).click()
  await expect(page.getByText('Showing 101–120')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Next →' })).toBeDisabled()
  await page.getByRole('button', { name: '← Previous' }).click()
  await expect(page.getByText('Showing 51–100')).toBeVisible()
})
