import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { plainMemoryRecord, plainPersonaRecord } from '../src/testing/builders.ts'
import {
  createMemory,
  createPersona,
  expectSaved,
  importThroughApp,
  memoryList,
  openApp,
  personaCard,
  reloadApp,
} from './support/app.ts'

const PERSONA = 'p-dup'

/** WCAG 2.1 A and AA, serious and critical findings (as e2e/accessibility.spec.ts scans every screen). */
const expectAccessible = async (page: Page, where: string) => {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious, `accessibility of ${where}`).toEqual([])
}

/**
 * A persona with two near-duplicate pairs (the same fact saved twice, a little differently) and
 * two unrelated memories; A–C and D–B are linked.
 */
const plant = async (page: Page) => {
  const now = Date.now()
  const memory = (id: string, name: string, content: string, importance: number, tags: string[]) =>
    plainMemoryRecord({
      id,
      personaId: PERSONA,
      name,
      content,
      importance,
      tags,
      createdAt: now - 60_000,
      lastAccessedAt: now - 60_000,
    })
  await importThroughApp(page, {
    personas: [plainPersonaRecord({ id: PERSONA, name: 'Rowan', createdAt: now - 60_000 })],
    memories: [
      memory('m-a', 'Peanut allergy', 'Sam is allergic to peanuts and carries an EpiPen everywhere.', 80, [
        'health',
      ]),
      memory(
        'm-b',
        'Allergic to peanuts',
        'Sam is allergic to peanuts and always carries an EpiPen everywhere.',
        40,
        ['allergy'],
      ),
      memory('m-c', 'Tomato seedlings', 'The tomato seedlings on the balcony need repotting in May.', 50, []),
      memory('m-d', 'Dentist', 'Dentist check-up booked for the second Thursday of March at nine.', 50, []),
      memory(
        'm-e',
        'Train to Leeds',
        'Takes the 7:42 train to Leeds on weekdays, coach C, quiet carriage.',
        50,
        [],
      ),
      memory(
        'm-f',
        'Leeds train',
        'Takes the 7:42 train to Leeds every weekday, in coach C, the quiet carriage.',
        50,
        [],
      ),
    ],
  })
  await page.evaluate(async () => {
    const hearth = window.__hearth
    if (hearth === undefined) throw new Error('bench handle missing')
    const createdAt = Date.now()
    hearth.store.commit(
      hearth.events.memoryLinksImported({
        links: [
          { id: 'l-ac', fromId: 'm-a', toId: 'm-c', createdAt },
          { id: 'l-db', fromId: 'm-d', toId: 'm-b', createdAt },
        ],
      }),
    )
    await hearth.whenPersisted()
  })
}

const linkedNames = (page: Page) =>
  page.getByRole('list', { name: 'Linked memories' }).getByRole('link').allTextContents()

/** The memory page's content panel. */
const content = (page: Page) => page.getByRole('region', { name: 'Content' })

const duplicates = (page: Page) => page.getByRole('list', { name: 'Possible duplicates' })

test('a proposed merge keeps both memories’ links, tags and origins; a dismissed pair is not proposed again', async ({
  page,
}) => {
  await openApp(page, '#/', { bench: true })
  await plant(page)
  await page.goto('/?bench#/memories/p-dup')
  await page.getByRole('link', { name: 'Find duplicates' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Possible duplicates' })).toBeVisible()

  // The search worker embeds the planted memories, then both pairs are proposed (and nothing else).
  const allergy = duplicates(page).getByRole('listitem', { name: 'Peanut allergy and Allergic to peanuts' })
  const train = duplicates(page).getByRole('listitem', {
    name: /Train to Leeds and Leeds train|Leeds train and Train to Leeds/,
  })
  await expect(allergy).toBeVisible({ timeout: 30_000 })
  await expect(train).toBeVisible()
  await expect(duplicates(page).getByRole('listitem')).toHaveCount(2)
  await expectAccessible(page, 'the duplicates screen')

  await train.getByRole('button', { name: 'Not duplicates' }).click()
  await expect(train).toBeHidden()
  await allergy.getByRole('button', { name: 'Merge', exact: true }).click()
  await expect(page.getByText('Merged “Allergic to peanuts” into “Peanut allergy”.')).toBeVisible()
  await expect(page.getByText('No duplicates found')).toBeVisible()
  await expectSaved(page)

  // Asked again after a reload: the dismissal is remembered, the merged memory is gone.
  await reloadApp(page)
  await expect(page.getByText('No duplicates found')).toBeVisible({ timeout: 30_000 })

  // The kept memory has both links (shown on both ends), both tags, and the other's origin.
  await page.goto('/?bench#/memory/m-a')
  await expect(page.getByRole('heading', { level: 1, name: 'Peanut allergy' })).toBeVisible()
  await expect.poll(async () => (await linkedNames(page)).sort()).toEqual(['Dentist', 'Tomato seedlings'])
  await expect(page.getByRole('heading', { name: 'Linked memories (2)' })).toBeVisible()
  await expect(page.getByText('#health')).toBeVisible()
  await expect(page.getByText('#allergy')).toBeVisible()
  await expect(page.getByText('80 / 100')).toBeVisible()
  await expect(page.getByRole('list', { name: 'Merged in' })).toContainText(
    'merged in “Allergic to peanuts”, written by hand',
  )
  await expect(page.getByRole('list', { name: 'History' })).toContainText(
    'Merged “Allergic to peanuts” into this memory',
  )
  await expectAccessible(page, 'a merged memory’s page')

  await page.goto('/?bench#/memory/m-d')
  await expect.poll(() => linkedNames(page)).toEqual(['Peanut allergy'])
  await page.goto('/?bench#/memory/m-b')
  await expect(page.getByText('This memory does not exist')).toBeVisible()
  await page.goto('/?bench#/memories/p-dup')
  await expect(page.getByText('5 memories,')).toBeVisible()
})

test('a memory’s page suggests similar memories and links one with a click, on both pages', async ({
  page,
}) => {
  await openApp(page, '#/', { bench: true })
  await plant(page)
  await page.goto('/?bench#/memory/m-e')
  const similar = page.getByRole('list', { name: 'Similar memories' })
  await expect(similar.getByRole('listitem', { name: 'Leeds train' })).toBeVisible({ timeout: 30_000 })
  await similar.getByRole('button', { name: 'Link to Leeds train' }).click()
  await expect(page.getByRole('heading', { name: 'Linked memories (1)' })).toBeVisible()
  await expect.poll(() => linkedNames(page)).toEqual(['Leeds train'])
  // Linked now, so no longer suggested.
  await expect(similar.getByRole('listitem', { name: 'Leeds train' })).toBeHidden()

  await page.goto('/?bench#/memory/m-f')
  await expect.poll(() => linkedNames(page)).toEqual(['Train to Leeds'])
  await page.goto('/?bench#/memories/p-dup')
  await expect(memoryList(page).getByRole('listitem', { name: 'Leeds train' })).toContainText('1 link')
})

test('undo restores the previous content, in every open tab, and the history shows both', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await openApp(page)
  await createPersona(page, 'Hazel')
  await personaCard(page, 'Hazel').getByRole('link', { name: 'Memories' }).click()
  await createMemory(page, { name: 'Bread', content: 'Bakes sourdough on Sundays.' })
  await memoryList(page).getByRole('link', { name: 'Bread' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Bread' })).toBeVisible()
  const memoryHash = new URL(page.url()).hash

  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Edit memory' })
  await dialog.getByLabel('Content').fill('Bakes rye bread on Saturdays.')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(content(page)).toContainText('Bakes rye bread on Saturdays.')
  const history = page.getByRole('list', { name: 'History' })
  await expect(history.getByRole('listitem').first()).toContainText('Edited')
  await expectSaved(page)

  // A second tab on the same memory.
  const other = await context.newPage()
  await openApp(other, memoryHash)
  await expect(content(other)).toContainText('Bakes rye bread on Saturdays.', { timeout: 30_000 })

  await page.getByRole('button', { name: 'Undo last edit' }).click()
  await expect(content(page)).toContainText('Bakes sourdough on Sundays.')
  await expect(content(other)).toContainText('Bakes sourdough on Sundays.')
  await expect(history.getByRole('listitem').first()).toContainText('Undid an edit')
  await expect(history).toContainText('Edited (undone)')
  // What the edit replaced is kept, folded, in the history.
  await history.getByText('Before this edit').click()
  await expect(history).toContainText('Bakes sourdough on Sundays.')
  // Nothing more to undo.
  await expect(page.getByRole('button', { name: 'Undo last edit' })).toBeHidden()
  await context.close()
})

test('with automatic merges allowed, the cleanup job merges near-duplicates by itself, never a dismissed pair, and says so', async ({
  page,
}) => {
  await openApp(page, '#/', { bench: true })
  await plant(page)
  // Wait until the search worker has the vectors (the screen shows the pairs), as the job would find them.
  await page.goto('/?bench#/duplicates/p-dup')
  await expect(duplicates(page).getByRole('listitem')).toHaveCount(2, { timeout: 30_000 })
  await duplicates(page)
    .getByRole('listitem', { name: /Leeds/ })
    .getByRole('button', { name: 'Not duplicates' })
    .click()
  await expect(duplicates(page).getByRole('listitem')).toHaveCount(1)

  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Merge by itself at').fill('90')
  await page.getByLabel('Merge near-duplicates automatically').check()
  await page.getByRole('button', { name: 'Save duplicate settings' }).click()
  await expect(page.getByText('Duplicate settings saved.')).toBeVisible()

  await page.getByRole('link', { name: 'Storage' }).click()
  await page.getByRole('button', { name: 'Clean up now' }).click()
  await page.getByRole('link', { name: /Notifications/ }).click()
  await expect(page.getByText('Merged 1 near-duplicate memory', { exact: true })).toBeVisible({
    timeout: 30_000,
  })

  const gone = await page.evaluate(
    () =>
      window.__hearth?.store.query({
        query: "SELECT id FROM memories WHERE deletedAt IS NOT NULL AND personaId = 'p-dup' ORDER BY id",
        bindValues: {},
      }) as Array<{ id: string }>,
  )
  expect(gone).toEqual([{ id: 'm-b' }])
  await page.goto('/?bench#/memory/m-a')
  await expect(page.getByRole('list', { name: 'History' })).toContainText(
    'Merged “Allergic to peanuts” into this memory automatically',
  )
  await expect.poll(async () => (await linkedNames(page)).sort()).toEqual(['Dentist', 'Tomato seedlings'])
})
