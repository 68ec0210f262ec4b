import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, expect, type Page, test } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs'
import { openBackup } from '../src/backup/open-backup.ts'
import { type DataKey, open } from '../src/vault/envelope.ts'
import { deriveKey } from '../src/vault/kdf.ts'
import type { Keyring } from '../src/vault/keyring.ts'
import { unlockWithPassphrase } from '../src/vault/keyring.ts'
import { KEYRING_STORAGE_KEY } from '../src/vault/keyring-store.ts'
import { decodeKeyPage, RECORD_KEYS_PURPOSE } from '../src/vault/record-keys.ts'
import { openBytes } from '../src/vault/sealed-bytes.ts'
import { createMemory, createPersona, openApp, PASSPHRASE, personaCard } from './support/app.ts'
import { scanProfile } from './support/profile-scan.ts'
import { shootEverywhere } from './support/screens.ts'

// The forensic pass issue #11 asks for: write a canary into a memory, a message and a document, forget
// them, close the browser, then — knowing the passphrase — read every file of the Chromium profile
// and try every key the vault can still yield on every envelope and sealed file found there. The
// canary must open nowhere; what was not forgotten must open; a backup made afterwards must not hold it.

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`
const BACKUP_PASSPHRASE = 'quartz lantern harbour velvet'
const ENVELOPE = /hv1\.([a-z0-9]{4,32})\.([A-Za-z0-9_-]{40,})/g

const go = (page: Page, hash: string) =>
  page.evaluate((to) => {
    window.location.hash = to
  }, hash)

/** Every file of the profile, read whole. */
const profileFiles = (dir: string) => {
  const out: Array<{ path: string; bytes: Buffer }> = []
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) out.push({ path: full, bytes: readFileSync(full) })
    }
  }
  walk(dir)
  return out
}

test('forgotten content cannot be recovered from the profile on disk, even with the passphrase', async () => {
  test.setTimeout(300_000)
  const canary = `Kq${Math.random().toString(36).slice(2, 10)}Zx`
  const kept = `Keep${Math.random().toString(36).slice(2, 8)}`
  const dir = mkdtempSync(join(tmpdir(), 'hearth-forget-'))
  const backupPath = join(dir, '..', `hearth-forget-${canary}.hbk`)
  let context: BrowserContext | undefined = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: BASE,
    acceptDownloads: true,
    serviceWorkers: 'block',
  })
  // Backups download like in browsers without the File System Access API.
  await context.addInitScript(() => {
    // biome-ignore lint/suspicious/noExplicitAny: removing a browser API for the test
    delete (window as any).showSaveFilePicker
  })
  let ids: {
    kept: string
    memory: string
    conversation: string
    message: string
    document: string
    chunks: string[]
  }
  let keyringJson: string
  let pages: Array<{ name: string; base64: string }>
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await openApp(page, '#/personas', { bench: true })
    await createPersona(page, 'Keeper')
    await personaCard(page, 'Keeper').getByRole('link', { name: 'Memories' }).click()
    await createMemory(page, { name: 'Kept memory', content: `${kept} stays readable` })
    await createMemory(page, { name: 'Canary memory', content: `${canary}-memory` })
    // A document through the screen; a conversation with a message through the same events.
    await go(page, '#/documents')
    await page.getByLabel('Import documents').setInputFiles([
      {
        name: 'canary.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from(`# Notes\n\n${canary}-document text.`),
      },
    ])
    await expect(page.getByRole('list', { name: 'Documents' }).getByText('canary.md')).toBeVisible({
      timeout: 30_000,
    })
    ids = await page.evaluate(async (mark) => {
      const hearth = window.__hearth
      if (hearth === undefined) throw new Error('the bench handle is missing')
      const { store, events, seal, whenPersisted } = hearth
      const one = (query: string) =>
        (store.query({ query, bindValues: {} }) as Array<{ id: string }>)[0]?.id ?? ''
      const persona = one('SELECT id FROM personas WHERE deletedAt IS NULL LIMIT 1')
      const now = Date.now()
      store.commit(
        events.conversationsImported({
          conversations: [
            seal.conversation({
              id: 'conv-canary',
              personaId: persona,
              title: 'Canary talk',
              summary: '',
              topics: [],
              sentiment: null,
              importance: 50,
              archivedAt: null,
              createdAt: now,
            }),
          ],
          messages: [
            seal.message({
              id: 'msg-canary',
              conversationId: 'conv-canary',
              role: 'user',
              content: `${mark}-message`,
              toolCalls: [],
              attachments: [],
              model: null,
              inputTokens: null,
              outputTokens: null,
              cost: null,
              latencyMs: null,
              createdAt: now,
            }),
          ],
        }),
      )
      await whenPersisted()
      const document = one('SELECT id FROM documents WHERE deletedAt IS NULL LIMIT 1')
      return {
        kept: one('SELECT id FROM memories WHERE deletedAt IS NULL ORDER BY createdAt ASC, id LIMIT 1'),
        memory: one('SELECT id FROM memories WHERE deletedAt IS NULL ORDER BY createdAt DESC, id LIMIT 1'),
        conversation: 'conv-canary',
        message: 'msg-canary',
        document,
        chunks: (
          store.query({
            query: `SELECT id FROM document_chunks WHERE documentId = '${document}'`,
            bindValues: {},
          }) as Array<{ id: string }>
        ).map((c) => c.id),
      }
    }, canary)

    // Forget: the memory through its screen, the conversation and the document through their events,
    // then "Forget deleted items now" (otherwise the job does it once Undo's grace is over).
    await page.goBack()
    await page.getByRole('button', { name: 'Delete Canary memory' }).click()
    await page
      .getByRole('dialog', { name: 'Delete this memory?' })
      .getByRole('button', { name: 'Delete memory' })
      .click()
    await page.evaluate(
      async ({ conversation, document }) => {
        const hearth = window.__hearth
        if (hearth === undefined) throw new Error('the bench handle is missing')
        const { store, events, whenPersisted } = hearth
        store.commit(
          events.conversationDeleted({ id: conversation, deletedAt: Date.now() }),
          events.documentDeleted({ id: document, deletedAt: Date.now() }),
        )
        await whenPersisted()
      },
      { conversation: ids.conversation, document: ids.document },
    )
    await go(page, '#/settings')
    const forgetAt = Date.now()
    await page.getByRole('button', { name: 'Forget deleted items now' }).click()
    await expect(
      page.getByRole('status').filter({ hasText: /Forgot \d+ deleted items? for good/ }),
    ).toBeVisible()
    await shootEverywhere(page, 'settings-forget', { showing: page.getByRole('region', { name: 'Forget' }) })
    // The dialog that asks before a persona is forgotten says what goes, and that nothing brings it back.
    await go(page, '#/personas')
    await page.getByRole('button', { name: 'Forget Keeper and everything that belongs to it' }).click()
    const asking = page.getByRole('dialog', { name: /^Forget Keeper/ })
    await expect(asking).toContainText('will be forgotten, with no undo')
    await shootEverywhere(page, 'persona-forget-dialog')
    await asking.getByRole('button', { name: 'Cancel' }).click()
    await expect(asking).toBeHidden()

    // The search index lets go of it too, and writes its sealed snapshot again.
    await expect
      .poll(
        async () =>
          page.evaluate(async (t) => {
            const status = await window.__hearth?.search.status()
            if (status === undefined) return false
            return (status.persistence.savedAt ?? 0) > t && status.progress === null
          }, forgetAt),
        { timeout: 60_000 },
      )
      .toBe(true)
    const found = await page.evaluate((q) => window.__hearth?.search.run({ query: q, limit: 5 }), canary)
    expect(found?.results.filter((r) => r.text.includes(canary))).toEqual([])

    // A backup made afterwards.
    await go(page, '#/backup')
    await page.getByLabel('A passphrase for this backup').fill(BACKUP_PASSPHRASE)
    await page.getByLabel('Type it again').fill(BACKUP_PASSPHRASE)
    const download = page.waitForEvent('download', { timeout: 60_000 })
    await page.getByRole('button', { name: 'Make a backup' }).click()
    await (await download).saveAs(backupPath)

    // What an auditor with the passphrase takes from the browser: the keyring and the key pages.
    keyringJson = (await page.evaluate((k) => localStorage.getItem(k), KEYRING_STORAGE_KEY)) ?? ''
    pages = await page.evaluate(async () => {
      const dirHandle = await (await navigator.storage.getDirectory()).getDirectoryHandle('record-keys')
      const out: Array<{ name: string; base64: string }> = []
      for await (const [name, handle] of dirHandle as unknown as AsyncIterable<
        [string, FileSystemFileHandle]
      >) {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer())
        out.push({ name, base64: btoa(String.fromCharCode(...bytes)) })
      }
      return out
    })
  } finally {
    await context.close()
    context = undefined
  }

  try {
    // 1. Plaintext: nowhere, in any encoding.
    expect(scanProfile(dir, canary).hits).toEqual([])

    // 2. Every key the vault still yields: the data key (passphrase) and every remaining record key.
    const dataKey = await unlockWithPassphrase(JSON.parse(keyringJson) as Keyring, PASSPHRASE, deriveKey)
    const recordKeys = pages.flatMap((p) => decodeKeyPage(dataKey, Buffer.from(p.base64, 'base64')))
    expect(recordKeys.length).toBeGreaterThan(0)
    const everyKey: DataKey[] = [dataKey, ...recordKeys.map((k) => ({ id: k.id, bytes: k.bytes }))]

    // Where the canary was sealed: each field of each forgotten record.
    const contexts = [
      ...['name', 'content', 'summary', 'tags', 'factCategory', 'factKey'].map((field) => ({
        table: 'memories',
        field,
        recordId: ids.memory,
      })),
      ...['content', 'toolCalls', 'attachments'].map((field) => ({
        table: 'messages',
        field,
        recordId: ids.message,
      })),
      ...['title', 'summary', 'topics'].map((field) => ({
        table: 'conversations',
        field,
        recordId: ids.conversation,
      })),
      { table: 'documents', field: 'name', recordId: ids.document },
      ...ids.chunks.flatMap((id) => [
        { table: 'document_chunks', field: 'text', recordId: id },
        { table: 'document_chunks', field: 'heading', recordId: id },
      ]),
    ]

    const files = profileFiles(dir)
    const envelopes = new Set<string>()
    for (const file of files) {
      for (const match of file.bytes.toString('latin1').matchAll(ENVELOPE)) envelopes.add(match[0])
    }
    expect(envelopes.size).toBeGreaterThan(10)
    // (No expect() inside these loops: Playwright records every call as a step.)
    const leaks: string[] = []
    let keptOpened = false
    let forgottenSeen = 0
    for (const envelope of envelopes) {
      const named = envelope.split('.')[1]
      const namedKey = everyKey.find((k) => k.id === named)
      for (const where of contexts) {
        // The key the envelope names, and — where it is gone — every key there is, under that name.
        const candidates = namedKey
          ? [namedKey]
          : everyKey.map((k) => ({ id: named as string, bytes: k.bytes }))
        for (const key of candidates) {
          let text: string | undefined
          try {
            text = open(key, where, envelope)
          } catch {
            text = undefined
          }
          if (text?.includes(canary)) leaks.push(`${where.table}.${where.field} of ${where.recordId}`)
        }
      }
      if (!namedKey && named?.startsWith('r')) forgottenSeen++
      if (namedKey && !keptOpened) {
        try {
          const where = { table: 'memories', field: 'content', recordId: ids.kept }
          keptOpened = open(namedKey, where, envelope).includes(kept)
        } catch {
          // bound to another record or field: not the kept memory's content
        }
      }
    }
    expect(leaks).toEqual([])
    // The forgotten records' ciphertext is still on disk (the log is append-only): only its keys are gone.
    expect(forgottenSeen).toBeGreaterThan(0)

    // 3. Sealed files (the search index snapshot, key pages): opened with the data key, no canary.
    let sealedFiles = 0
    for (const file of files) {
      if (file.bytes.subarray(0, 3).toString('latin1') !== 'HB1') continue
      for (const purpose of ['search-index', RECORD_KEYS_PURPOSE]) {
        try {
          const plain = Buffer.from(openBytes(dataKey, purpose, new Uint8Array(file.bytes)))
          sealedFiles++
          expect(plain.includes(Buffer.from(canary))).toBe(false)
          if (purpose === 'search-index') expect(plain.includes(Buffer.from(kept))).toBe(true)
        } catch {
          // another purpose
        }
      }
    }
    expect(sealedFiles).toBeGreaterThan(1)

    // 4. What was not forgotten opens: the kept memory, found among the envelopes on disk.
    expect(keptOpened).toBe(true)

    // 5. The backup made afterwards holds the kept memory, not the canary.
    const backup = await openBackup(new Blob([readFileSync(backupPath)]), BACKUP_PASSPHRASE)
    let everything = ''
    for await (const section of backup.sections()) everything += JSON.stringify(section.rows)
    backup.close()
    expect(everything).toContain(kept)
    expect(everything).not.toContain(canary)
  } finally {
    rmSync(dir, { recursive: true, force: true })
    rmSync(backupPath, { force: true })
  }
})
