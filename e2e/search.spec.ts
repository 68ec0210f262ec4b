import { expect, type Page, test } from '@playwright/test'
import { PAIRS } from '../src/search/quality/paraphrase-set.ts'
import {
  createMemory,
  createPersona,
  lockedHeading,
  openApp,
  PASSPHRASE,
  reloadApp,
  unlock,
} from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'
import { serveBuild } from './support/static-server.ts'

const DIST = process.env.E2E_DIST ?? 'dist'

// The worker's fetches must reach the network (and `route`), not the service worker's cache.
test.use({ serviceWorkers: 'block' })

const CAT = PAIRS.find((p) => p.query === 'new cat we got')
if (!CAT) throw new Error('paraphrase pair missing')

const results = (page: Page) => page.getByRole('list', { name: 'Search results' })
const searchField = (page: Page) => page.getByRole('searchbox', { name: 'Search for' })
const stats = (page: Page) => page.getByTestId('search-stats')
const stillLoading = (page: Page) => page.getByText('the language model is still loading')

const addMemories = async (page: Page, persona: string) => {
  await createPersona(page, persona)
  await page
    .getByRole('list', { name: 'Personas' })
    .getByRole('listitem', { name: persona, exact: true })
    .getByRole('link', { name: 'Memories' })
    .click()
  await createMemory(page, { name: 'Garden', content: 'Cover the tomato plants tonight: frost is forecast.' })
  await createMemory(page, { name: 'Misty', content: CAT.memory })
  await createMemory(page, {
    name: 'Dentist',
    content: 'The dentist said I need a filling in my lower left molar.',
  })
}

/** `/` from outside a text field opens Search with the field focused. */
const quickSearch = async (page: Page, query: string) => {
  await page.locator('body').click({ position: { x: 1, y: 1 } })
  await page.keyboard.press('/')
  await expect(searchField(page)).toBeFocused()
  await searchField(page).fill(query)
}

test('finds memories by keyword with highlights, and by a paraphrase with no shared word', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await openApp(page, '#/personas')
  await addMemories(page, 'Hazel')

  await quickSearch(page, 'tomato frost')
  await expect(page).toHaveURL(/#\/search\?q=tomato\+frost$/)
  const garden = results(page).getByRole('listitem', { name: 'Memory: Garden' })
  await expect(garden).toBeVisible()
  await expect(garden.locator('mark')).toHaveText(['tomato', 'frost'])
  await expect(garden.getByText('matched: tomato, frost')).toBeVisible()
  await expect(garden.getByRole('link', { name: 'Garden' })).toHaveAttribute('href', /^#\/memory\//)

  // By meaning: wait until the model is in and the memories are embedded.
  await expect(stillLoading(page)).toBeHidden({ timeout: 60_000 })
  await expect(stats(page)).toContainText('3 items indexed, 3 embedded this session')
  await searchField(page).fill(CAT.query)
  const first = results(page).getByRole('listitem').first()
  await expect(first).toHaveAccessibleName('Memory: Misty')
  await expect(first.getByText(/similar in meaning, 0\.\d\d/)).toBeVisible()
  await expect(first.locator('mark')).toHaveCount(0)
  await expect(page.getByText('re-ranked by meaning')).toBeVisible()

  // Filters: a kind with nothing in it finds nothing.
  await page.getByLabel('Kind').selectOption('message')
  await expect(page.getByText(`Nothing found for “${CAT.query}”.`)).toBeVisible()
  await page.getByLabel('Kind').selectOption('all')
  await searchField(page).fill('tomato')
  await expect(results(page).getByRole('listitem')).toHaveCount(1)
  await shootEverywhere(page, 'search-results')
})

test('the palette offers to search for what was typed', async ({ page }) => {
  await openApp(page, '#/')
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Go to or do' }).fill('zebra crossing')
  await page.getByRole('option', { name: 'Search for “zebra crossing”' }).click()
  await expect(page).toHaveURL(/#\/search\?q=zebra\+crossing$/)
  await expect(searchField(page)).toHaveValue('zebra crossing')
})

test('a memory written in one tab is found from another within seconds', async ({ context }) => {
  test.setTimeout(120_000)
  const writer = await context.newPage()
  const reader = await context.newPage()
  await openApp(writer, '#/personas')
  await openApp(reader, '#/search?q=lighthouse')
  await expect(reader.getByText('Nothing found for “lighthouse”.')).toBeVisible()

  await createPersona(writer, 'Ada')
  await writer
    .getByRole('list', { name: 'Personas' })
    .getByRole('listitem', { name: 'Ada', exact: true })
    .getByRole('link', { name: 'Memories' })
    .click()
  const written = Date.now()
  await createMemory(writer, { name: 'Holiday', content: 'We climbed the old lighthouse in Brittany.' })
  await expect(results(reader).getByRole('listitem', { name: 'Memory: Holiday' })).toBeVisible({
    timeout: 5_000,
  })
  test.info().annotations.push({ type: 'cross-tab latency', description: `${Date.now() - written} ms` })
})

test('after lock, unlock and reload search still works and nothing is embedded again', async ({ page }) => {
  test.setTimeout(150_000)
  await openApp(page, '#/personas')
  await addMemories(page, 'Iris')
  await page.evaluate(() => {
    window.location.hash = '#/search?q=molar'
  })
  await expect(stillLoading(page)).toBeHidden({ timeout: 60_000 })
  await expect(stats(page)).toContainText('3 items indexed, 3 embedded this session')

  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(lockedHeading(page)).toBeVisible()
  await unlock(page, PASSPHRASE)
  await expect(results(page).getByRole('listitem', { name: 'Memory: Dentist' })).toBeVisible()
  await expect(stats(page)).toContainText('3 items indexed, 0 embedded this session, 3 restored')

  await reloadApp(page)
  await expect(results(page).getByRole('listitem', { name: 'Memory: Dentist' })).toBeVisible()
  await expect(stillLoading(page)).toBeHidden({ timeout: 60_000 })
  await searchField(page).fill(CAT.query)
  await expect(results(page).getByRole('listitem').first()).toHaveAccessibleName('Memory: Misty')
  await expect(stats(page)).toContainText('3 items indexed, 0 embedded this session, 3 restored')
})

test('without the model files keyword search answers and the notice says why', async ({ page }) => {
  test.setTimeout(90_000)
  // Its own server, which answers 404 for the static embedder and USE Lite's files.
  const server = await serveBuild(DIST, {
    refuse: /^\/(models\/static-use-lite\.bin|assets\/(group1-shard|model-|vocab-))/,
  })
  try {
    await openApp(page, '#/personas', { origin: server.url })
    await addMemories(page, 'Juno')
    await quickSearch(page, 'filling')
    await expect(results(page).getByRole('listitem', { name: 'Memory: Dentist' })).toBeVisible()
    const notice = page.getByRole('status').filter({ hasText: 'Search by meaning is unavailable' })
    await expect(notice).toContainText('could not be loaded', { timeout: 30_000 })
    await expect(notice).toContainText('404')
    await expect(notice).toContainText('Keyword search still works')
    await expect(stats(page)).toContainText('3 items indexed, 0 embedded this session')
    await shootEverywhere(page, 'search-no-model')
  } finally {
    await page.close()
    await server.stop()
  }
})
