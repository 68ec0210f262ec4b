import { describe, expect, test } from 'vitest'
import { keyReferences, UNDO_GRACE_MS } from '../lifecycle/forgetting.ts'
import { conversationFields, messageFields } from '../schema/conversations.ts'
import { chunkFields, documentFields, sealChunkRecord } from '../schema/documents.ts'
import { events, tables } from '../schema/index.ts'
import { memoryFields } from '../schema/memories.ts'
import { notificationFields } from '../schema/notifications.ts'
import { personaFields } from '../schema/personas.ts'
import { runFields, workflowRunById$ } from '../schema/workflows.ts'
import { personaProfile, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { memoryKeyPages, sharedOrigin } from '../testing/key-pages.ts'
import type { TestStore } from '../testing/test-store.ts'
import { type DataKey, envelopeKeyId } from '../vault/envelope.ts'
import { openRecordKeys } from '../vault/record-keyring.ts'
import { decodeKeyPage, SPARE_TTL_MS } from '../vault/record-keys.ts'
import { addMessage, startConversation } from './conversations.ts'
import { forgetDeleted, forgetPersona, forgetSince, resolveKeysFrom } from './forgetting.ts'
import { createMemory, deleteMemory, editMemory, emptyMemoryDraft } from './memories.ts'
import { postNotification } from './notifications.ts'
import { createPersona } from './personas.ts'
import { finishRun, recordStep, requestRun, startRun } from './workflow-runs.ts'
import { createWorkflow } from './workflows.ts'

const useStore = freshStorePerTest()
const T0 = Date.UTC(2026, 10, 1, 9)
const MINUTE = 60_000

/** A vault with record keys kept in memory, as one tab has it. */
const vault = async (store: TestStore) => {
  const { pages, storage } = memoryKeyPages()
  const records = await openRecordKeys(TEST_KEY, { storage, share: sharedOrigin().tab(), now: () => T0 })
  await records.reserve(50)
  resolveKeysFrom(store, records)
  const key: DataKey = { ...TEST_KEY, records }
  const storedKeyIds = () => [...pages.values()].flatMap((p) => decodeKeyPage(TEST_KEY, p).map((k) => k.id))
  return { key, records, storedKeyIds }
}

const memoryRow = (store: TestStore, id: string) => {
  const row = store.query(tables.memories.where({ id }).first({ behaviour: 'undefined' }))
  if (row === undefined) throw new Error(`no memory ${id}`)
  return row
}

const draft = (name: string, content: string) => ({ ...emptyMemoryDraft(), name, content })

describe('forgetting a deleted record', () => {
  test('its key goes once Undo’s grace is over: the memory no longer opens, the others do', async () => {
    const store = useStore()
    const { key, records, storedKeyIds } = await vault(store)
    const personaId = createPersona(store, key, personaProfile(), '', T0)
    const kept = createMemory(store, key, personaId, draft('Kept', 'Stays readable'), T0)
    const gone = createMemory(store, key, personaId, draft('Canary', 'Kq-canary-Zx'), T0)
    const goneKey = envelopeKeyId(memoryRow(store, gone).content) as string
    expect(goneKey).not.toBe(envelopeKeyId(memoryRow(store, kept).content))
    expect(storedKeyIds()).toContain(goneKey)

    deleteMemory(store, { id: gone, personaId }, T0 + MINUTE)
    // Within the grace Undo could still bring it back: nothing is destroyed.
    expect(await forgetDeleted(store, records, { now: T0 + MINUTE + 1_000 })).toBe(0)
    expect(memoryFields.open(key, memoryRow(store, gone)).content).toBe('Kq-canary-Zx')

    expect(await forgetDeleted(store, records, { now: T0 + MINUTE + UNDO_GRACE_MS })).toBe(1)
    expect(storedKeyIds()).not.toContain(goneKey)
    expect(memoryFields.open(key, memoryRow(store, gone))).toMatchObject({ unreadable: true })
    expect(memoryFields.open(key, memoryRow(store, kept))).toMatchObject({ content: 'Stays readable' })
    // Spares nobody used yet are not garbage.
    expect(storedKeyIds().length).toBeGreaterThan(40)
  })

  test('a record keeps one key through its edits, so forgetting it takes every version', async () => {
    const store = useStore()
    const { key } = await vault(store)
    const personaId = createPersona(store, key, personaProfile(), '', T0)
    const id = createMemory(store, key, personaId, draft('Diary', 'First version'), T0)
    const before = envelopeKeyId(memoryRow(store, id).content)
    editMemory(
      store,
      key,
      { ...draft('Diary', 'First version'), id, personaId, importance: 50 },
      draft('Diary', 'Second version'),
      T0 + MINUTE,
    )
    expect(envelopeKeyId(memoryRow(store, id).content)).toBe(before)
  })

  test('notifications about a forgotten record go with it', async () => {
    const store = useStore()
    const { key, records } = await vault(store)
    const personaId = createPersona(store, key, personaProfile(), '', T0)
    const gone = createMemory(store, key, personaId, draft('Canary', 'Kq-canary-Zx'), T0)
    postNotification(
      store,
      key,
      { kind: 'reminder', priority: 'normal', title: 'About Kq-canary-Zx', body: '', subjectId: gone },
      T0,
    )
    postNotification(
      store,
      key,
      { kind: 'system', priority: 'low', title: 'Other', body: '', subjectId: null },
      T0,
    )
    deleteMemory(store, { id: gone, personaId }, T0)
    expect(await forgetDeleted(store, records, { now: T0 + UNDO_GRACE_MS })).toBe(2)
    const left = store.query(tables.notifications.where({}))
    expect(left.map((n) => notificationFields.open(key, n).title)).toEqual(['Other'])
  })
})

/** A workflow (acting for `personaId`) run once to its end, its result `result`: the run and its key. */
const finishedRun = (store: TestStore, key: DataKey, personaId: string | null, result: string) => {
  const workflowId = createWorkflow(
    store,
    key,
    {
      name: 'Digest',
      description: '',
      personaId,
      tags: [],
      trigger: { kind: 'manual' },
      steps: [{ id: 'a', kind: 'notify', config: { title: 'Digest', priority: 'normal' } }],
    },
    { now: T0 },
  )
  const id = requestRun(store, key, workflowId, T0)
  startRun(store, { id, workflowId, trigger: 'manual', stepsTotal: 1 }, T0)
  recordStep(store, key, id, 0, 'Send a notification')
  finishRun(store, key, { id, workflowId }, { status: 'success', result, stepsCompleted: 1 }, T0)
  const row = store.query(workflowRunById$(id))
  if (row === undefined || row.result === null) throw new Error(`run ${id} missing`)
  return { id, keyId: envelopeKeyId(row.result) as string }
}

const runResult = (store: TestStore, key: DataKey, id: string) => {
  const row = store.query(workflowRunById$(id))
  return row === undefined ? undefined : runFields.open(key, row).result
}

describe('forgetting a workflow run', () => {
  test('a run’s result has its own key, which goes once retention has removed the run', async () => {
    const store = useStore()
    const { key, records, storedKeyIds } = await vault(store)
    const runOnce = (result: string) => finishedRun(store, key, null, result)
    const gone = runOnce('Summary: Kq-canary-Zx')
    const kept = runOnce('Summary: nothing private')
    expect(gone.keyId).toMatch(/^r/)
    expect(gone.keyId).not.toBe(kept.keyId)

    store.commit(
      events.retentionApplied({
        cleanupId: 'c1',
        at: T0 + MINUTE,
        memoryIds: [],
        conversationIds: [],
        runIds: [gone.id],
        notificationIds: [],
      }),
    )
    await forgetDeleted(store, records, { now: T0 + SPARE_TTL_MS })
    expect(storedKeyIds()).not.toContain(gone.keyId)
    expect(storedKeyIds()).toContain(kept.keyId)
    expect(runResult(store, key, kept.id)).toBe('Summary: nothing private')
  })
})

describe('forgetPersona', () => {
  test('forgets her and her memories, conversations, messages, documents and her workflows’ runs at once; others stay', async () => {
    const store = useStore()
    const { key, storedKeyIds } = await vault(store)
    const ava = createPersona(store, key, personaProfile({ name: 'Ava' }), '', T0)
    const bo = createPersona(store, key, personaProfile({ name: 'Bo' }), '', T0)
    const avaRun = finishedRun(store, key, ava, 'Summary: Kq-run-Zx')
    const boRun = finishedRun(store, key, bo, 'Summary: Bo stays')
    const avaMemory = createMemory(store, key, ava, draft('Ava secret', 'Kq-ava-Zx'), T0)
    const boMemory = createMemory(store, key, bo, draft('Bo note', 'Bo stays'), T0)
    const talk = startConversation(store, key, ava, 'Kq-title-Zx', T0)
    const said = addMessage(store, key, talk, { role: 'user', content: 'Kq-message-Zx' }, T0)
    store.commit(
      events.documentImported({
        id: 'doc1',
        personaId: ava,
        ...documentFields.seal(key, 'doc1', { name: 'Kq-doc-Zx.md' }),
        kind: 'md',
        size: 10,
        chunks: [
          sealChunkRecord(key, {
            id: 'c1',
            documentId: 'doc1',
            ord: 0,
            heading: null,
            page: null,
            text: 'Kq-chunk-Zx',
          }),
        ],
        createdAt: T0,
      }),
    )

    expect(await forgetPersona(store, key, ava, T0 + MINUTE)).toBeGreaterThanOrEqual(5)

    const one = <T extends { id: string }>(rows: readonly T[], id: string) =>
      rows.find((r) => r.id === id) as T
    expect(personaFields.open(key, one(store.query(tables.personas.where({})), ava))).toMatchObject({
      unreadable: true,
    })
    expect(memoryFields.open(key, memoryRow(store, avaMemory))).toMatchObject({ unreadable: true })
    expect(
      conversationFields.open(key, one(store.query(tables.conversations.where({})), talk)),
    ).toMatchObject({
      unreadable: true,
    })
    expect(messageFields.open(key, one(store.query(tables.messages.where({})), said))).toMatchObject({
      unreadable: true,
    })
    expect(documentFields.open(key, one(store.query(tables.documents.where({})), 'doc1'))).toMatchObject({
      unreadable: true,
    })
    expect(chunkFields.open(key, one(store.query(tables.documentChunks.where({})), 'c1'))).toMatchObject({
      unreadable: true,
    })
    // The run of a workflow acting for her is gone, its key with it, at once.
    expect(runResult(store, key, avaRun.id)).toBeUndefined()
    expect(storedKeyIds()).not.toContain(avaRun.keyId)
    expect(runResult(store, key, boRun.id)).toBe('Summary: Bo stays')
    // Bo is untouched.
    expect(personaFields.open(key, one(store.query(tables.personas.where({})), bo)).name).toBe('Bo')
    expect(memoryFields.open(key, memoryRow(store, boMemory)).content).toBe('Bo stays')
    expect(memoryRow(store, avaMemory).deletedAt).toBe(T0 + MINUTE)
  })
})

describe('forgetSince', () => {
  test('forgets what was written from that moment on, of every kind, and keeps what came before', async () => {
    const store = useStore()
    const { key } = await vault(store)
    const persona = createPersona(store, key, personaProfile(), '', T0)
    const old = createMemory(store, key, persona, draft('Old', 'Before'), T0)
    const talk = startConversation(store, key, persona, 'Long talk', T0)
    const oldMessage = addMessage(store, key, talk, { role: 'user', content: 'Before' }, T0)
    const recent = createMemory(store, key, persona, draft('Recent', 'Kq-recent-Zx'), T0 + 10 * MINUTE)
    const newMessage = addMessage(store, key, talk, { role: 'user', content: 'Kq-said-Zx' }, T0 + 10 * MINUTE)

    await forgetSince(store, key, T0 + 5 * MINUTE, T0 + 20 * MINUTE)

    expect(memoryFields.open(key, memoryRow(store, old)).content).toBe('Before')
    expect(memoryFields.open(key, memoryRow(store, recent))).toMatchObject({ unreadable: true })
    const messages = store.query(tables.messages.where({}))
    const message = (id: string) => messages.find((m) => m.id === id) as (typeof messages)[number]
    expect(messageFields.open(key, message(oldMessage)).content).toBe('Before')
    expect(messageFields.open(key, message(newMessage))).toMatchObject({ unreadable: true })
    const conversation = store.query(tables.conversations.where({ id: talk }).first())
    expect(conversation).toMatchObject({ deletedAt: null, messageCount: 1 })
  })

  test('refuses a moment in the future', async () => {
    const store = useStore()
    const { key } = await vault(store)
    await expect(forgetSince(store, key, T0 + MINUTE, T0)).rejects.toThrow('Choose a moment in the past.')
  })
})

describe('a round reads the tables a slice at a time', () => {
  test('small slices find the same kept and dead keys as one read, and nothing else', async () => {
    const store = useStore()
    const { key } = await vault(store)
    const personaId = createPersona(store, key, personaProfile(), '', T0)
    const ids = Array.from({ length: 7 }, (_, i) =>
      createMemory(store, key, personaId, draft(`Memory ${i}`, `Content ${i}`), T0),
    )
    const keyOf = (id: string) => envelopeKeyId(memoryRow(store, id).content) as string
    // Two deleted long ago (dead), one deleted within Undo's grace (still kept).
    deleteMemory(store, { id: ids[1] as string, personaId }, T0)
    deleteMemory(store, { id: ids[5] as string, personaId }, T0)
    deleteMemory(store, { id: ids[6] as string, personaId }, T0 + 10 * MINUTE)
    const sql = (query: string, bindValues: Record<string, string | number>) =>
      store.query({ query, bindValues }) as ReadonlyArray<unknown>
    const cutoff = T0 + 10 * MINUTE - 1
    const whole = await keyReferences(sql, cutoff)
    const sliced = await keyReferences(sql, cutoff, 2)
    expect(sliced.dead).toEqual(new Set([keyOf(ids[1] as string), keyOf(ids[5] as string)]))
    expect(sliced.live).toEqual(whole.live)
    for (const id of [0, 2, 3, 4, 6]) expect(sliced.live.has(keyOf(ids[id] as string))).toBe(true)
    expect(sliced.live.has(keyOf(ids[1] as string))).toBe(false)
    expect(sliced.dead).toEqual(whole.dead)
  })
})
