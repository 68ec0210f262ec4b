import { expect, type Page, test } from '@playwright/test'
import { plainMemoryRecord, plainPersonaRecord } from '../src/testing/builders.ts'
import { importThroughApp, memoryList, memoryNames, openApp } from './support/app.ts'

const DAY = 24 * 60 * 60 * 1000
const COLD_TEXT = 'Keeps the spare key to the allotment shed under the blue flowerpot by the water butt.'

/** A persona with an expired memory, a fresh one and one unused for 40 days (cold by the default rules). */
const plant = async (page: Page) => {
  const now = Date.now()
  const persona = plainPersonaRecord({ id: 'p-life', name: 'Juniper', createdAt: now - 60 * DAY })
  await importThroughApp(page, {
    personas: [persona],
    memories: [
      plainMemoryRecord({
        id: 'm-expired',
        personaId: persona.id,
        name: 'Parking permit',
        content: 'Valid until yesterday.',
        expiresAt: now - 60_000,
        createdAt: now - 2 * DAY,
        lastAccessedAt: now - 2 * DAY,
      }),
      plainMemoryRecord({
        id: 'm-fresh',
        personaId: persona.id,
        name: 'Dentist',
        content: 'Check-up on Thursday.',
        createdAt: now - DAY,
        lastAccessedAt: now - DAY,
      }),
      plainMemoryRecord({
        id: 'm-cold',
        personaId: persona.id,
        name: 'Shed key',
        content: COLD_TEXT,
        importance: 0,
        createdAt: now - 50 * DAY,
        lastAccessedAt: now - 40 * DAY,
      }),
    ],
  })
}

/** The stored (sealed) row's plain columns, read through the bench handle. */
const stored = (page: Page, id: string) =>
  page.evaluate((memoryId) => {
    const rows = window.__hearth?.store.query({
      query: 'SELECT tier, compressed, accessCount, deletedAt FROM memories WHERE id = $id',
      bindValues: { id: memoryId },
    }) as Array<{ tier: string; compressed: number; accessCount: number; deletedAt: number | null }>
    return rows[0]
  }, id)

const cleanUpNow = async (page: Page) => {
  await page.getByRole('link', { name: 'Storage' }).click()
  await page.getByRole('button', { name: 'Clean up now' }).click()
}

const openMemories = async (page: Page) => {
  await page.getByRole('link', { name: 'Personas' }).click()
  await page
    .getByRole('list', { name: 'Personas' })
    .getByRole('listitem', { name: 'Juniper', exact: true })
    .getByRole('link', { name: 'Memories' })
    .click()
  await expect(memoryList(page)).toBeVisible()
}

test('the cleanup job removes an expired memory and says so; a cold memory is compressed and reads normally', async ({
  page,
}) => {
  // `?bench` alone: the job waits for "Clean up now", so the planted data is seen first as it is.
  await openApp(page, '#/', { bench: true })
  await plant(page)
  await openMemories(page)
  await expect
    .poll(async () => (await memoryNames(page)).sort())
    .toEqual(['Dentist', 'Parking permit', 'Shed key'])

  await cleanUpNow(page)
  await expect(page.getByTestId('last-cleanup')).toContainText('Cleanup removed 1 memory on ')
  // Compressed with the current format, 2 (word model + range coder; docs/LIFECYCLE.md)
  await expect.poll(() => stored(page, 'm-cold')).toMatchObject({ tier: 'cold', compressed: 2 })
  expect(await stored(page, 'm-expired')).toMatchObject({ deletedAt: expect.any(Number) })
  expect(await stored(page, 'm-fresh')).toMatchObject({ tier: 'hot', compressed: 0, deletedAt: null })

  await page.getByRole('link', { name: /Notifications/ }).click()
  await expect(page.getByText('Cleanup removed 1 memory', { exact: true })).toBeVisible()

  await openMemories(page)
  await expect.poll(async () => (await memoryNames(page)).sort()).toEqual(['Dentist', 'Shed key'])

  // The cold memory's page opens its compressed content like any other.
  await memoryList(page).getByRole('link', { name: 'Shed key' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Shed key' })).toBeVisible()
  await expect(page.getByText(COLD_TEXT)).toBeVisible()
  await expect(page.getByText('cold (compressed)')).toBeVisible()

  // Opening it was using it: the access is written (here when the page is hidden), and the next run
  // makes it hot again and stores it plain.
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')))
  await expect.poll(() => stored(page, 'm-cold')).toMatchObject({ accessCount: 1 })
  await page.evaluate(() => window.__hearth?.lifecycle.runNow())
  await expect.poll(() => stored(page, 'm-cold')).toMatchObject({ tier: 'hot', compressed: 0 })
  await expect(page.getByText(COLD_TEXT)).toBeVisible()
})

test('two open tabs: one runs the job, under one Web Lock; a cleanup happens once', async ({ browser }) => {
  const context = await browser.newContext()
  const first = await context.newPage()
  await openApp(first, '#/', { bench: true, lifecycle: true })
  const second = await context.newPage()
  await openApp(second, '#/', { bench: true, lifecycle: true })

  const locks = await first.evaluate(async () => {
    const state = await navigator.locks.query()
    const mine = (list: LockInfo[] | undefined) =>
      (list ?? []).filter((l) => l.name === 'hearth-lifecycle').length
    return { held: mine(state.held), pending: mine(state.pending) }
  })
  expect(locks).toEqual({ held: 1, pending: 1 })

  await plant(first)
  // Both tabs ask; only the one holding the lock runs.
  await Promise.all([
    first.evaluate(() => window.__hearth?.lifecycle.runNow()),
    second.evaluate(() => window.__hearth?.lifecycle.runNow()),
  ])
  await expect
    .poll(() =>
      first.evaluate(() =>
        window.__hearth?.store.query({
          query: 'SELECT COUNT(*) AS n FROM memories WHERE deletedAt IS NOT NULL',
          bindValues: {},
        }),
      ),
    )
    .toEqual([{ n: 1 }])
  await expect.poll(() => stored(second, 'm-cold')).toMatchObject({ tier: 'cold', compressed: 2 })

  const runs = await Promise.all(
    [first, second].map((p) => p.evaluate(() => window.__hearth?.lifecycle.runsInThisTab())),
  )
  expect(runs.filter((n) => n === 0)).toHaveLength(1)
  const cleanups = await second.evaluate(
    () =>
      window.__hearth?.store.query({
        query: 'SELECT memories, facts FROM cleanups',
        bindValues: {},
      }) as unknown[],
  )
  expect(cleanups).toEqual([{ memories: 1, facts: 0 }])
  await context.close()
})
