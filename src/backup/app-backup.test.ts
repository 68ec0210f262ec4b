import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { generateSample } from '../sample/generate.ts'
import { presetOptions } from '../sample/presets.ts'
import { sealSampleBatch } from '../sample/seal-batch.ts'
import { conversationFields, messageFields } from '../schema/conversations.ts'
import { chunkFields, documentFields } from '../schema/documents.ts'
import { events } from '../schema/index.ts'
import { memoryFields } from '../schema/memories.ts'
import { notificationFields } from '../schema/notifications.ts'
import { recordCounts$ } from '../schema/overview.ts'
import { personaFields, personaSecretFields } from '../schema/personas.ts'
import {
  defaultModelFields,
  defaultModelSecretFields,
  searchModelFields,
  settingsFields,
} from '../schema/settings.ts'
import { runFields, workflowFields } from '../schema/workflows.ts'
import { chunkRecord, DAY, notificationPostedArgs, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { makeTestStore, type TestStore } from '../testing/test-store.ts'
import type { DataKey } from '../vault/envelope.ts'
import type { BackupSection } from './backup-format.ts'
import { cachedDerive, FLOOR_COST } from './backup-test-kit.ts'
import { collectSections } from './collect.ts'
import { createBackup } from './create-backup.ts'
import { APP_V1_COUNTS, APP_V1_PASSPHRASE, APP_V1_USER_NAME } from './fixtures/app-v1.ts'
import { openBackup } from './open-backup.ts'
import { buildExport, type ExportScope, exportFileName, onePersona, parseExport } from './plain-export.ts'
import { clearAllData, inspectSections, restoreSections } from './restore.ts'

/** Another vault's key: a restore seals every record anew with the key of the store it goes into. */
const OTHER_KEY: DataKey = { id: 'otherkey', bytes: new Uint8Array(32).fill(9) }
const NOW = Date.UTC(2025, 5, 1, 12)

/** Small sample data plus one of everything the sample leaves out, and some deleted records. */
const seed = (store: TestStore) => {
  for (const batch of generateSample(presetOptions('small', 8, NOW))) {
    store.commit(sealSampleBatch(TEST_KEY, batch).event)
  }
  const memoryIds = (
    store.query({ query: 'SELECT id FROM memories ORDER BY id LIMIT 4', bindValues: {} }) as Array<{
      id: string
    }>
  ).map((m) => m.id)
  const [a, b, c, d] = memoryIds as [string, string, string, string]
  store.commit(
    events.memoriesLinked({ id: 'l1', fromId: a, toId: b, createdAt: T0 }),
    events.memoriesLinked({ id: 'l2', fromId: b, toId: c, createdAt: T0 }),
    events.memoriesLinked({ id: 'l3', fromId: c, toId: d, createdAt: T0 }),
    // Deleted: not in the backup, and its links go with it.
    events.memoryDeleted({ id: d, personaId: personaOf(store, d), deletedAt: T0 + DAY }),
    events.documentImported({
      id: 'doc1',
      personaId: null,
      ...documentFields.seal(TEST_KEY, 'doc1', { name: 'Notes.md' }),
      kind: 'md',
      size: 120,
      chunks: [chunkRecord({ documentId: 'doc1', ord: 0 }), chunkRecord({ documentId: 'doc1', ord: 1 })],
      createdAt: T0,
    }),
    events.notificationPosted(notificationPostedArgs({ id: 'n1' })),
    events.notificationPosted(notificationPostedArgs({ id: 'n2', title: 'Read one' })),
    events.notificationsRead({ ids: ['n2'], readAt: T0 + DAY }),
    events.notificationPosted(notificationPostedArgs({ id: 'n3', title: 'Dismissed' })),
    events.notificationDismissed({ id: 'n3', dismissedAt: T0 + DAY }),
    events.userNameChanged(settingsFields.seal(TEST_KEY, 'global', { userName: 'Grace' })),
    events.appearanceChanged({ appearance: { theme: 'dark' } }),
    events.lifecycleSettingsChanged({ lifecycle: { hotDays: 3, coldDays: 45 } }),
    events.searchModelChosen(
      searchModelFields.seal(TEST_KEY, 'global', {
        searchModel: { baseUrl: 'http://127.0.0.1:11434', model: 'nomic-embed-text', apiKey: 'sk-embed' },
      }),
    ),
    events.defaultModelChanged(
      defaultModelFields.seal(TEST_KEY, 'global', {
        defaultModel: { endpoint: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
      }),
    ),
    events.defaultModelApiKeySet(
      defaultModelSecretFields.seal(TEST_KEY, 'global', { defaultApiKey: 'sk-default-secret' }),
    ),
    events.modelPricesChanged({
      modelPrices: [{ model: 'gpt-4o', inputPerMillion: 2.5, outputPerMillion: 10 }],
    }),
    events.consolidationSettingsChanged({
      consolidation: { proposeAt: 0.8, autoMerge: true, autoMergeAt: 0.95 },
    }),
  )
  // An assistant reply that remembered two memories and was cut off: both survive a backup.
  const [conversation] = store.query({
    query: 'SELECT id FROM conversations ORDER BY id LIMIT 1',
    bindValues: {},
  }) as Array<{ id: string }>
  store.commit(
    events.assistantReplied({
      id: 'reply1',
      conversationId: conversation?.id ?? '',
      role: 'assistant',
      ...messageFields.seal(TEST_KEY, 'reply1', { content: 'You like tea.', toolCalls: [], attachments: [] }),
      model: 'llama3.1',
      inputTokens: 120,
      outputTokens: 8,
      cost: 0,
      latencyMs: 300,
      rememberedIds: [a, b],
      ending: 'cut-off',
      createdAt: T0 + DAY,
    }),
  )
  const [persona] = store.query({
    query: 'SELECT id FROM personas ORDER BY id LIMIT 1',
    bindValues: {},
  }) as Array<{
    id: string
  }>
  store.commit(
    events.personaApiKeySet({
      id: persona?.id ?? '',
      apiKey: personaSecretFields.seal(TEST_KEY, persona?.id ?? '', { apiKey: 'sk-secret' }).apiKey,
      updatedAt: T0,
    }),
  )
}

const personaOf = (store: TestStore, memoryId: string) =>
  (
    store.query({
      query: 'SELECT personaId FROM memories WHERE id = $id',
      bindValues: { id: memoryId },
    }) as Array<{
      personaId: string
    }>
  )[0]?.personaId ?? ''

const collectAll = async (store: TestStore, key: DataKey, secrets = true) => {
  const sections: BackupSection[] = []
  for await (const section of collectSections(store, key, { secrets })) sections.push(section)
  return sections
}

async function* replay(sections: ReadonlyArray<BackupSection>) {
  yield* sections
}

/** Every live row of every domain table with its sealed columns opened, minus what a restore derives anew. */
const SEALED: Record<string, Array<{ open: (key: DataKey, row: never) => Record<string, unknown> }>> = {
  personas: [personaFields, personaSecretFields],
  memories: [memoryFields],
  memory_links: [],
  conversations: [conversationFields],
  messages: [messageFields],
  workflows: [workflowFields],
  workflow_runs: [runFields],
  documents: [documentFields],
  document_chunks: [chunkFields],
  notifications: [notificationFields],
  settings: [settingsFields, searchModelFields, defaultModelFields, defaultModelSecretFields],
}
/** Columns a restore recomputes from the records rather than copying (docs/BACKUP_FORMAT.md). */
const DERIVED: Record<string, string[]> = {
  personas: ['updatedAt'],
  memories: ['updatedAt', 'embeddingModel', 'compressed'],
  conversations: ['updatedAt', 'lastMessageAt'],
  workflows: ['updatedAt', 'nextRunAt'],
}
const LIVE: Record<string, string> = {
  notifications: 'dismissedAt IS NULL',
  workflow_runs: '1 = 1',
  document_chunks: '1 = 1',
  settings: '1 = 1',
  memory_links: `deletedAt IS NULL AND fromId IN (SELECT id FROM memories WHERE deletedAt IS NULL)
       AND toId IN (SELECT id FROM memories WHERE deletedAt IS NULL)`,
}

const snapshot = (store: TestStore, key: DataKey) =>
  Object.fromEntries(
    Object.entries(SEALED).map(([table, codecs]) => {
      const rows = store.query({
        query: `SELECT * FROM '${table}' WHERE ${LIVE[table] ?? 'deletedAt IS NULL'} ORDER BY id`,
        bindValues: {},
      }) as Array<Record<string, unknown>>
      return [
        table,
        rows.map((row) => {
          let opened: Record<string, unknown> = row
          for (const codec of codecs) opened = codec.open(key, opened as never)
          for (const column of DERIVED[table] ?? []) delete opened[column]
          return opened
        }),
      ]
    }),
  )

describe('collecting a store and restoring it into another', () => {
  const useStore = freshStorePerTest()

  test('every table comes back equal after re-sealing with the new vault key, through a real backup file', async () => {
    const source = useStore()
    seed(source)
    const derive = cachedDerive()
    const file = await createBackup({
      passphrase: 'backup passphrase',
      sections: collectSections(source, TEST_KEY, { secrets: true }),
      meta: { appVersion: 'test', schemaVersion: 1 },
      kdf: FLOOR_COST,
      derive,
    })
    const backup = await openBackup(file, 'backup passphrase', { derive })
    const contents = await inspectSections(backup.sections())
    expect(contents.counts).toMatchObject({ personas: 3, memories: 199, memoryLinks: 2, notifications: 2 })

    const target = await makeTestStore()
    try {
      const summary = await restoreSections(target, OTHER_KEY, backup.sections(), { mode: 'merge' })
      expect(summary.kept).toEqual({})
      expect(summary.added).toEqual(contents.counts)
      // Batches, not rows: far fewer events than records.
      expect(summary.batches).toBeLessThan(20)

      expect(target.query(recordCounts$)).toEqual(source.query(recordCounts$))
      expect(snapshot(target, OTHER_KEY)).toEqual(snapshot(source, TEST_KEY))
      expect(await collectAll(target, OTHER_KEY)).toEqual(await collectAll(source, TEST_KEY))
    } finally {
      backup.close()
      await target.shutdownPromise()
    }
  })

  test('merging the same backup again duplicates nothing and says what it kept', async () => {
    const store = useStore()
    seed(store)
    const sections = await collectAll(store, TEST_KEY)
    const before = snapshot(store, TEST_KEY)
    const counts = store.query(recordCounts$)
    const summary = await restoreSections(store, TEST_KEY, replay(sections), { mode: 'merge' })
    expect(summary.added).toEqual({})
    expect(summary.batches).toBe(0)
    expect(summary.kept).toMatchObject({ personas: 3, memories: 199, messages: 241, settings: 1 })
    expect(store.query(recordCounts$)).toEqual(counts)
    expect(snapshot(store, TEST_KEY)).toEqual(before)
  })

  test('a partly overlapping backup adds only what is new', async () => {
    const store = useStore()
    seed(store)
    const sections = await collectAll(store, TEST_KEY)
    const extra: BackupSection[] = [
      {
        kind: 'notifications',
        rows: [{ ...notificationPostedArgs({ id: 'n9' }), title: 'New', body: '', readAt: null }],
      },
    ]
    const summary = await restoreSections(store, TEST_KEY, replay([...sections, ...extra]), { mode: 'merge' })
    expect(summary.added).toEqual({ notifications: 1 })
    expect(store.query(recordCounts$).notifications).toBe(3)
  })

  test('replace: cleared, then everything comes back under the same ids', async () => {
    const store = useStore()
    seed(store)
    const sections = await collectAll(store, TEST_KEY)
    const before = snapshot(store, TEST_KEY)
    store.commit(events.notificationPosted(notificationPostedArgs({ id: 'later' })))
    await clearAllData(store, NOW)
    expect(store.query(recordCounts$).memories).toBe(0)
    await restoreSections(store, TEST_KEY, replay(sections), { mode: 'replace' })
    expect(snapshot(store, TEST_KEY)).toEqual(before)
  })

  test('the plain form leaves API keys out', async () => {
    const store = useStore()
    seed(store)
    const personas = (await collectAll(store, TEST_KEY, false)).filter((s) => s.kind === 'personas')
    const rows = personas.flatMap((s) => s.rows) as Array<{ apiKey: unknown }>
    expect(rows.every((p) => p.apiKey === null)).toBe(true)
    const withSecrets = (await collectAll(store, TEST_KEY, true)).flatMap((s) =>
      s.kind === 'personas' ? s.rows : [],
    ) as Array<{ apiKey: unknown }>
    expect(withSecrets.some((p) => p.apiKey === 'sk-secret')).toBe(true)
    // The search endpoint stays (where to embed is a setting), its key does not.
    const plainSettings = (await collectAll(store, TEST_KEY, false)).find((s) => s.kind === 'settings')
    expect(plainSettings?.rows[0]).toMatchObject({
      searchModel: { baseUrl: 'http://127.0.0.1:11434', model: 'nomic-embed-text', apiKey: '' },
    })
    expect(JSON.stringify(await collectAll(store, TEST_KEY, false))).not.toContain('sk-embed')
  })

  test('a row that does not match its schema refuses the whole backup before anything is written', async () => {
    const store = useStore()
    const bad: BackupSection[] = [{ kind: 'memories', rows: [{ id: 'x', type: 'not-a-type' }] }]
    await expect(inspectSections(replay(bad))).rejects.toMatchObject({ code: 'corrupt' })
    expect(store.query(recordCounts$).memories).toBe(0)
  })
})

describe('the plain JSON export', () => {
  const useStore = freshStorePerTest()
  const exportText = async (store: TestStore, scope: ExportScope) => {
    const base = collectSections(store, TEST_KEY, { secrets: false })
    const sections = scope.kind === 'persona' ? onePersona(base, scope.personaId) : base
    const { parts } = await buildExport(sections, { exportedAt: NOW, appVersion: 'test', scope })
    return parts.join('')
  }

  test('is readable JSON of everything, without secrets, and imports into an empty store as it was', async () => {
    const source = useStore()
    seed(source)
    const text = await exportText(source, { kind: 'everything' })
    const data = JSON.parse(text)
    expect(data).toMatchObject({
      format: 'hearth-export',
      version: 1,
      exportedAt: '2025-06-01T12:00:00.000Z',
    })
    expect(data.memories).toHaveLength(199)
    expect(data.conversations[0].messages.length).toBeGreaterThan(0)
    expect(data.documents[0].chunks).toHaveLength(2)
    expect(data.settings.userName).toBe('Grace')
    // No API key, no envelope, no keyring: nothing secret or sealed.
    expect(text).not.toContain('sk-secret')
    expect(text).not.toContain('sk-embed')
    expect(text).not.toContain('sk-default-secret')
    expect(data.settings.defaultModel).toEqual({ endpoint: 'http://127.0.0.1:11434/v1', model: 'llama3.1' })
    expect(text).not.toMatch(/hv1\.[a-z0-9]{4,32}\./)
    expect(data.keyring).toBeUndefined()

    const target = await makeTestStore()
    try {
      const file = parseExport(text)
      const contents = await inspectSections(file.sections())
      expect(contents.counts).toMatchObject({ personas: 3, memories: 199, memoryLinks: 2, chunks: 2 })
      await restoreSections(target, OTHER_KEY, file.sections(), { mode: 'merge' })
      const withoutKeys = (s: ReturnType<typeof snapshot>) => ({
        ...s,
        personas: (s.personas ?? []).map((p) => ({ ...p, apiKey: null })),
        settings: (s.settings ?? []).map((row) => {
          const endpoint = row.searchModel as { apiKey: string } | null
          return { ...row, defaultApiKey: null, searchModel: endpoint && { ...endpoint, apiKey: '' } }
        }),
      })
      expect(withoutKeys(snapshot(target, OTHER_KEY))).toEqual(withoutKeys(snapshot(source, TEST_KEY)))
    } finally {
      await target.shutdownPromise()
    }
  })

  test('one persona: only hers, and importing it where it came from duplicates nothing', async () => {
    const store = useStore()
    seed(store)
    const persona = (
      store.query({
        query: 'SELECT id FROM personas ORDER BY memoryCount DESC LIMIT 1',
        bindValues: {},
      }) as Array<{ id: string }>
    )[0]?.id as string
    const text = await exportText(store, { kind: 'persona', personaId: persona, name: 'Ada Lovelace' })
    const data = JSON.parse(text)
    expect(data.scope).toEqual({ kind: 'persona', personaId: persona, name: 'Ada Lovelace' })
    expect(data.personas.map((p: { id: string }) => p.id)).toEqual([persona])
    expect(data.memories.length).toBeGreaterThan(0)
    expect(data.memories.every((m: { personaId: string }) => m.personaId === persona)).toBe(true)
    expect(data.conversations.every((c: { personaId: string }) => c.personaId === persona)).toBe(true)
    expect(data.settings).toBeNull()
    expect(data.notifications).toEqual([])
    const memoryIds = new Set(data.memories.map((m: { id: string }) => m.id))
    for (const link of data.memoryLinks) {
      expect(memoryIds.has(link.fromId) && memoryIds.has(link.toId)).toBe(true)
    }

    const before = snapshot(store, TEST_KEY)
    const again = await restoreSections(store, TEST_KEY, parseExport(text).sections(), { mode: 'merge' })
    expect(again.added).toEqual({})
    expect(snapshot(store, TEST_KEY)).toEqual(before)

    const fresh = await makeTestStore()
    try {
      const summary = await restoreSections(fresh, OTHER_KEY, parseExport(text).sections(), { mode: 'merge' })
      expect(summary.added.personas).toBe(1)
      expect(fresh.query(recordCounts$).memories).toBe(data.memories.length)
    } finally {
      await fresh.shutdownPromise()
    }
  })

  test.each([
    ['text that is not JSON', 'hello', 'not-a-backup'],
    ['a JSON file of another app', '{"version":1,"items":[]}', 'not-a-backup'],
    ['an export cut short', '{"format":"hearth-export","version":1,"memories":[{"id":', 'not-a-backup'],
    ['an export of a newer format', '{"format":"hearth-export","version":2}', 'unsupported-version'],
    ['a list where a record belongs', '{"format":"hearth-export","version":1,"memories":{}}', 'not-a-backup'],
  ])('refuses %s with its reason', (_, text, code) => {
    expect(() => parseExport(text)).toThrow(expect.objectContaining({ code }))
  })

  test('a record that does not match its schema is refused before anything is written', async () => {
    const store = useStore()
    const text = JSON.stringify({
      format: 'hearth-export',
      version: 1,
      memories: [{ id: 'm1', type: 'nope' }],
    })
    await expect(inspectSections(parseExport(text).sections())).rejects.toMatchObject({ code: 'corrupt' })
    expect(store.query(recordCounts$).memories).toBe(0)
  })

  test('file names say what and when', () => {
    expect(exportFileName({ kind: 'everything' }, NOW)).toBe('hearth-export-2025-06-01.json')
    expect(exportFileName({ kind: 'persona', personaId: 'p1', name: 'Zoë the Gardener!' }, NOW)).toBe(
      'hearth-persona-zoe-the-gardener-2025-06-01.json',
    )
  })
})

describe('the app fixture of version 0.1.0 (format 1, content version 1)', () => {
  test('still restores into this version’s schema, every record readable', async () => {
    const fixture = readFileSync(new URL('./fixtures/app-v1.hbk', import.meta.url))
    const derive = cachedDerive()
    const backup = await openBackup(new Blob([fixture]), APP_V1_PASSPHRASE, { derive })
    expect(backup.header.appVersion).toBe('0.1.0')
    const contents = await inspectSections(backup.sections())
    expect(contents.counts).toEqual(APP_V1_COUNTS)
    const target = await makeTestStore()
    try {
      const summary = await restoreSections(target, OTHER_KEY, backup.sections(), { mode: 'merge' })
      expect(summary.added).toEqual(APP_V1_COUNTS)
      const counts = target.query(recordCounts$)
      expect(counts).toMatchObject({ personas: 3, memories: 200, conversations: 20, messages: 240 })
      const [settingsRow] = target.query({
        query: "SELECT * FROM settings WHERE id = 'global'",
        bindValues: {},
      }) as Array<Record<string, unknown>>
      expect(settingsFields.open(OTHER_KEY, settingsRow as never).userName).toBe(APP_V1_USER_NAME)
      // Every record opens with the key it was restored under.
      const restored = await collectAll(target, OTHER_KEY)
      expect(restored.flatMap((s) => s.rows)).toHaveLength(
        Object.values(APP_V1_COUNTS).reduce((a, b) => a + b, 0),
      )
    } finally {
      backup.close()
      await target.shutdownPromise()
    }
  })
})
