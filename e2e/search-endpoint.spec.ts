import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, type Page, test } from '@playwright/test'
import { createMemory, createPersona, openApp, personaCard, reloadApp } from './support/app.ts'

// The worker's fetches must reach the network, not the service worker's cache.
test.use({ serviceWorkers: 'block' })

/**
 * A fake OpenAI-compatible embeddings endpoint on loopback (an edge we do not own). Its "model"
 * knows one thing no built-in model can: the made-up word "zorblax" means a tomato. So a memory
 * about tomatoes found by "zorblax" was found through this endpoint's vectors.
 */
const DIMS = 16
const CONCEPTS: string[][] = [
  ['tomato', 'tomatoes', 'zorblax'],
  ['dentist', 'molar', 'filling'],
  ['cat', 'kitten'],
]

const embed = (text: string): number[] => {
  const vector = new Array<number>(DIMS).fill(0)
  for (const word of text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)) {
    const concept = CONCEPTS.findIndex((words) => words.includes(word))
    if (concept >= 0) vector[concept] = (vector[concept] ?? 0) + 3
    else {
      let h = 7
      for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0
      const at = CONCEPTS.length + (h % (DIMS - CONCEPTS.length))
      vector[at] = (vector[at] ?? 0) + 1
    }
  }
  return vector
}

type Endpoint = { url: string; texts: string[]; authorizations: Set<string>; close: () => Promise<void> }

const port = (url: string) => Number(new URL(url).port)

const startEndpoint = async (listenOn = 0): Promise<Endpoint> => {
  const texts: string[] = []
  const authorizations = new Set<string>()
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = ''
      req.on('data', (chunk) => {
        data += chunk
      })
      req.on('end', () => resolve(data))
    })
  const server: Server = createServer(async (req, res) => {
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-allow-headers', 'content-type, authorization')
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS')
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return
    }
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
      return
    }
    authorizations.add(req.headers.authorization ?? '')
    const { model, input } = JSON.parse(await body(req)) as { model: string; input: string[] }
    if (model !== 'fake-embed') {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `model "${model}" not found` } }))
      return
    }
    texts.push(...input)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ data: input.map((text, index) => ({ index, embedding: embed(text) })) }))
  })
  await new Promise<void>((resolve) => server.listen(listenOn, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    texts,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const panel = (page: Page) => page.getByRole('region', { name: 'Search by meaning' })
const modelStatus = (page: Page) => panel(page).getByRole('status')
const results = (page: Page) => page.getByRole('list', { name: 'Search results' })

/** Moves within the open app (a hash change: the vault stays unlocked). */
const go = (page: Page, hash: string) =>
  page.evaluate((to) => {
    window.location.hash = to
  }, hash)

const search = (page: Page, query: string) => go(page, `#/search?q=${encodeURIComponent(query)}`)

test('search by meaning through the person’s own embeddings endpoint, and what happens when it is gone', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const endpoint = await startEndpoint()
  try {
    await openApp(page, '#/personas', { bench: true })
    await createPersona(page, 'Hazel')
    await personaCard(page, 'Hazel').getByRole('link', { name: 'Memories' }).click()
    await createMemory(page, {
      name: 'Garden',
      content: 'Cover the tomato plants tonight: frost is forecast.',
    })
    await createMemory(page, {
      name: 'Dentist',
      content: 'The dentist found a cavity in my lower left molar.',
    })

    // The built-in model is in use at first, and knows no "zorblax".
    await go(page, '#/settings')
    await expect(modelStatus(page)).toContainText('In use: the built-in model', { timeout: 60_000 })

    await panel(page)
      .getByRole('radio', { name: /My own endpoint/ })
      .check()
    await panel(page).getByLabel('Endpoint address').fill(endpoint.url)
    await panel(page).getByLabel('Embedding model').fill('fake-embed')
    await panel(page).getByLabel('API key (if the endpoint needs one)').fill('sk-embed-test')
    await panel(page).getByRole('button', { name: 'Save model choice' }).click()
    await expect(modelStatus(page)).toContainText(`In use: fake-embed at ${endpoint.url}`, {
      timeout: 60_000,
    })
    // Every memory was embedded by the endpoint, with the key the person gave.
    await panel(page).screenshot({ path: 'test-results/screens/settings-search-model.png' })
    for (const content of ['Cover the tomato plants tonight', 'The dentist found a cavity']) {
      expect(endpoint.texts.some((text) => text.includes(content))).toBe(true)
    }
    expect([...endpoint.authorizations]).toEqual(['Bearer sk-embed-test'])

    await search(page, 'zorblax')
    const garden = results(page).getByRole('listitem', { name: 'Memory: Garden' })
    await expect(garden).toBeVisible({ timeout: 30_000 })
    await expect(garden.getByText(/similar in meaning, 0\.\d\d/)).toBeVisible()
    await expect(results(page).getByRole('listitem')).toHaveCount(1)

    // The endpoint goes away; after a restart Hearth says why meaning is off, keywords still answer.
    await endpoint.close()
    await reloadApp(page)
    await go(page, '#/settings')
    await expect(modelStatus(page)).toContainText(`Hearth cannot use fake-embed at ${endpoint.url}`, {
      timeout: 60_000,
    })
    await expect(modelStatus(page)).toContainText('Keyword search still works')
    await panel(page).screenshot({ path: 'test-results/screens/settings-search-model-error.png' })
    await search(page, 'tomato')
    await expect(results(page).getByRole('listitem', { name: 'Memory: Garden' })).toBeVisible()
    await expect(
      page.getByRole('status').filter({ hasText: 'Search by meaning is unavailable' }),
    ).toContainText('the embeddings endpoint (fake-embed at')

    // It comes back (same address); "Try the endpoint again" turns meaning on without a restart.
    const again = await startEndpoint(port(endpoint.url))
    try {
      await go(page, '#/settings')
      await panel(page).getByRole('button', { name: 'Try the endpoint again' }).click()
      await expect(modelStatus(page)).toContainText(`In use: fake-embed at ${endpoint.url}`, {
        timeout: 30_000,
      })
      await search(page, 'zorblax')
      await expect(results(page).getByRole('listitem', { name: 'Memory: Garden' })).toBeVisible()
    } finally {
      await again.close()
    }

    // Back to the built-in model: meaning works again, offline.
    await go(page, '#/settings')
    await panel(page)
      .getByRole('radio', { name: /Built-in model/ })
      .check()
    await panel(page).getByRole('button', { name: 'Save model choice' }).click()
    await expect(modelStatus(page)).toContainText('In use: the built-in model', { timeout: 60_000 })
    await search(page, 'cavity')
    await expect(results(page).getByRole('listitem', { name: 'Memory: Dentist' })).toBeVisible()
    await expect(page.getByText('Search by meaning is unavailable')).toBeHidden()
  } finally {
    await endpoint.close().catch(() => {})
  }
})
