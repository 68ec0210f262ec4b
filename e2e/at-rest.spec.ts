import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, expect, test } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs'
import { plainPersonaRecord as personaRecord } from '../src/testing/builders.ts'
import { createMemory, expectSaved, openApp, personaCard } from './support/app.ts'
import { scanProfile } from './support/profile-scan.ts'

// The check an independent auditor would make: use the app, close the browser, and search every
// byte Chromium stored for this profile for what was written. The control run proves the scan
// can see each store (OPFS, IndexedDB, Local Storage, Cache Storage) where plaintext does land.

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`

const withProfile = async (run: (context: BrowserContext) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-profile-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: BASE,
  })
  try {
    await run(context)
  } finally {
    await context.close()
  }
  return dir
}

const newCanary = () => `Kq${Math.random().toString(36).slice(2, 10)}Zx`

test('nothing a person wrote is found in plaintext anywhere in the browser profile', async () => {
  test.setTimeout(180_000)
  const canary = newCanary()
  const mark = (field: string) => `${canary}-${field}`
  const dir = await withProfile(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage())
    // The passphrase itself must not land on disk either (Argon2id and the keyring only).
    await openApp(page, '#/personas', { bench: true, passphrase: `${mark('passphrase')} amber kettle` })

    // Through the screens that exist.
    await page.getByRole('button', { name: 'New persona' }).click()
    const dialog = page.getByRole('dialog', { name: 'New persona' })
    await dialog.getByLabel('Name').fill(mark('persona-name'))
    await dialog.getByLabel('Description').fill(mark('persona-description'))
    await dialog.getByLabel('System prompt').fill(mark('persona-prompt'))
    await dialog.getByLabel('Endpoint (OpenAI-compatible)').fill(`https://${mark('endpoint')}.example/v1`)
    await dialog.getByLabel('API key').fill(mark('api-key'))
    await dialog.getByRole('button', { name: 'Create' }).click()
    await expect(dialog).toBeHidden()
    // The default model endpoint and its API key (Settings › Model).
    await page.getByRole('link', { name: 'Settings' }).click()
    const model = page.getByRole('form', { name: 'Default model' })
    await model
      .getByLabel('Endpoint (OpenAI-compatible)')
      .fill(`https://${mark('default-endpoint')}.example/v1`)
    await model.getByLabel('Model', { exact: true }).fill('gpt-4o-mini')
    await model.getByLabel('API key').fill(mark('default-api-key'))
    await model.getByRole('button', { name: 'Save default model' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'The default model is saved.' })).toBeVisible()
    await page.getByRole('link', { name: 'Personas' }).click()
    await personaCard(page, mark('persona-name')).getByRole('link', { name: 'Memories' }).click()
    await createMemory(page, {
      name: mark('memory-name'),
      content: `Remember ${mark('memory-content')} always.`,
      tags: mark('memory-tag'),
    })

    // Through the same commands and events the screens to come will use (sealed by the page's vault).
    await page.evaluate((canary) => {
      const hearth = window.__hearth
      if (hearth === undefined) throw new Error('bench handle missing')
      const { store, events, seal } = hearth
      const [persona] = store.query({ query: 'SELECT id FROM personas LIMIT 1', bindValues: {} }) as Array<{
        id: string
      }>
      const personaId = persona?.id ?? 'none'
      const now = Date.now()
      store.commit(
        events.conversationsImported({
          conversations: [
            seal.conversation({
              id: 'c-canary',
              personaId,
              title: `${canary}-conversation-title`,
              summary: `${canary}-conversation-summary`,
              topics: [`${canary}-topic`],
              sentiment: null,
              importance: 50,
              archivedAt: null,
              createdAt: now,
            }),
          ],
          messages: [
            seal.message({
              id: 'msg-canary',
              conversationId: 'c-canary',
              role: 'assistant',
              content: `${canary}-message`,
              toolCalls: [{ id: 't1', name: 'search', arguments: `{"q":"${canary}-tool"}`, result: null }],
              attachments: [],
              model: 'llama3',
              inputTokens: 10,
              outputTokens: 20,
              cost: null,
              latencyMs: 300,
              createdAt: now,
            }),
          ],
        }),
        events.workflowsImported({
          workflows: [
            seal.workflow({
              id: 'w-canary',
              name: `${canary}-workflow-name`,
              description: '',
              personaId,
              definition: {
                trigger: { kind: 'manual' },
                steps: [{ id: 's1', kind: 'prompt', config: { prompt: `${canary}-workflow-prompt` } }],
              },
              tags: [],
              enabled: true,
              isTemplate: false,
              templateOrigin: null,
              createdAt: now,
            }),
          ],
          runs: [],
        }),
        events.documentImported({
          id: 'd-canary',
          personaId,
          name: seal.field(
            { table: 'documents', field: 'name', recordId: 'd-canary' },
            `${canary}-document-name`,
          ),
          kind: 'md',
          size: 100,
          chunks: [
            seal.chunk({
              id: 'ch-canary',
              documentId: 'd-canary',
              ord: 0,
              heading: null,
              page: null,
              text: `${canary}-document-text`,
            }),
          ],
          createdAt: now,
        }),
        events.notificationPosted({
          id: 'n-canary',
          kind: 'system',
          priority: 'normal',
          title: seal.field(
            { table: 'notifications', field: 'title', recordId: 'n-canary' },
            `${canary}-notification`,
          ),
          body: seal.field({ table: 'notifications', field: 'body', recordId: 'n-canary' }, ''),
          subjectId: null,
          createdAt: now,
        }),
        events.userNameChanged({
          userName: seal.field(
            { table: 'settings', field: 'userName', recordId: 'global' },
            `${canary}-user-name`,
          ),
        }),
      )
    }, canary)
    await expectSaved(page)
    // The data really is there, and readable with the key: the scan below is not vacuous.
    await page.getByRole('link', { name: 'Personas' }).click()
    await expect(personaCard(page, mark('persona-name'))).toBeVisible()
  })
  try {
    const scan = scanProfile(dir, canary)
    expect(scan.files).toBeGreaterThan(20)
    expect(scan.hits, `plaintext found in ${JSON.stringify(scan.hits)}`).toEqual([])
  } finally {
    if (!process.env.KEEP_PROFILE) rmSync(dir, { recursive: true, force: true })
    else console.info(dir)
  }
})

test('control: the same scan finds a canary written where data is stored in plaintext', async () => {
  test.setTimeout(120_000)
  const canary = newCanary()
  const dir = await withProfile(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage())
    await openApp(page, '#/', { bench: true })
    // An id is plain by design (SQL needs it): it lands in the event log and the state DB in OPFS.
    await page.evaluate(
      async (record) => {
        const hearth = window.__hearth
        if (hearth === undefined) throw new Error('bench handle missing')
        hearth.store.commit(hearth.events.personasImported({ personas: [hearth.seal.persona(record)] }))
        await hearth.whenPersisted()
      },
      personaRecord({ id: `${canary}-id` }),
    )
    await page.evaluate(async (canary) => {
      localStorage.setItem('control', `${canary}-local-storage`)
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('control', 1)
        open.onupgradeneeded = () => open.result.createObjectStore('values')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('values', 'readwrite')
          tx.objectStore('values').put(`${canary}-indexeddb`, 'k')
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        }
      })
      const cache = await caches.open('control')
      await cache.put('/control', new Response(`${canary}-cache-storage`))
    }, canary)
    await expectSaved(page)
  })
  try {
    const found = (suffix: string) => scanProfile(dir, `${canary}-${suffix}`).hits.map((h) => h.file)
    expect(found('id').some((f) => f.includes('File System'))).toBe(true)
    expect(found('local-storage').some((f) => f.includes('Local Storage'))).toBe(true)
    expect(found('indexeddb').some((f) => f.includes('IndexedDB'))).toBe(true)
    expect(found('cache-storage').some((f) => f.includes('Cache'))).toBe(true)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
