import { describe, expect, test } from 'vitest'
import { conversationFields } from '../schema/conversations.ts'
import { documentFields } from '../schema/documents.ts'
import { events } from '../schema/index.ts'
import {
  chunkRecord,
  MINUTE,
  memoryCreatedArgs,
  memoryEditedArgs,
  messageRecord,
  nextId,
  sealTestField,
  T0,
  TEST_KEY,
} from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import type { TestStore } from '../testing/test-store.ts'
import { planDelta, type RunSql, readDocs, readEntries, searchVersion$ } from './store-sync.ts'

const useStore = freshStorePerTest()
const sqlOf =
  (store: TestStore): RunSql =>
  (query, bindValues) =>
    store.query({ query, bindValues }) as ReadonlyArray<unknown>

const seed = (store: TestStore) => {
  const memory = memoryCreatedArgs({
    personaId: 'p1',
    name: 'Garden',
    content: 'Cover the tomatoes against frost',
  })
  const conversationId = nextId('c')
  store.commit(
    events.memoryCreated(memory),
    events.conversationStarted({
      id: conversationId,
      personaId: 'p2',
      title: sealTestField(conversationFields, conversationId, 'title', 'Chat'),
      createdAt: T0,
    }),
  )
  const message = messageRecord({
    conversationId,
    content: 'The car needs new tyres',
    createdAt: T0 + MINUTE,
  })
  store.commit(events.messageAdded(message))
  const documentId = nextId('doc')
  const chunk = chunkRecord({ documentId, ord: 0, heading: 'Recipes', text: 'Slow-cooked lentil soup' })
  store.commit(
    events.documentImported({
      id: documentId,
      personaId: 'p1',
      ...documentFields.seal(TEST_KEY, documentId, { name: 'notes.md' }),
      kind: 'md',
      size: 10,
      chunks: [chunk],
      createdAt: T0,
    }),
  )
  return { memory, message, chunk, documentId, conversationId }
}

describe('store sync planning', () => {
  test('reads every live searchable row as an entry and opens it as a document', async () => {
    const store = useStore()
    const { memory, message, chunk, conversationId } = seed(store)
    const sql = sqlOf(store)
    const entries = await readEntries(sql)
    expect(entries.map((e) => e.kind).sort()).toEqual(['chunk', 'memory', 'message'])
    const docs = readDocs(sql, TEST_KEY, entries)
    expect(docs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: memory.id,
          kind: 'memory',
          text: 'Garden\nCover the tomatoes against frost\ndrinks',
          personaId: 'p1',
          importance: 0.5,
        }),
        expect.objectContaining({
          id: message.id,
          kind: 'message',
          text: 'The car needs new tyres',
          conversationId,
          personaId: 'p2',
        }),
        expect.objectContaining({
          id: chunk.id,
          kind: 'chunk',
          text: 'Recipes\nSlow-cooked lentil soup',
          personaId: 'p1',
        }),
      ]),
    )
    expect(docs.every((d) => d.contentHash !== undefined)).toBe(true)
  })

  test('read a slice at a time, the list is the same, with the hashes an index saved before holds', async () => {
    const store = useStore()
    const { memory } = seed(store)
    for (const name of ['Bees', 'Compost', 'Pruning']) {
      store.commit(events.memoryCreated(memoryCreatedArgs({ personaId: 'p1', name, content: name })))
    }
    store.commit(events.memoryDeleted({ id: memory.id, personaId: 'p1', deletedAt: T0 + MINUTE }))
    const sql = sqlOf(store)
    let pauses = 0
    const sliced = await readEntries(sql, { slice: 1, pause: async () => void pauses++ })
    expect(pauses).toBeGreaterThanOrEqual(3)
    expect(sliced).toEqual(await readEntries(sql))
    // The list as one SQL query built it before (hashes as text in SQLite): an index saved then must
    // not find every row changed.
    const before = sql(
      `SELECT id, 'memory' AS kind, 'm' || updatedAt AS hash FROM memories WHERE deletedAt IS NULL
       UNION ALL
       SELECT m.id, 'message', 'g' || m.createdAt || '.' || COALESCE(c.personaId, '')
         FROM messages m LEFT JOIN conversations c ON c.id = m.conversationId WHERE m.deletedAt IS NULL
       UNION ALL
       SELECT ch.id, 'chunk', 'c' || d.createdAt
         FROM document_chunks ch JOIN documents d ON d.id = ch.documentId WHERE d.deletedAt IS NULL`,
      {},
    )
    const byId = (xs: ReadonlyArray<unknown>) =>
      [...(xs as Array<{ id: string }>)].sort((a, b) => a.id.localeCompare(b.id))
    expect(byId(sliced)).toEqual(byId(before))
    expect(sliced.some((e) => e.id === memory.id)).toBe(false)
    expect(sliced).toHaveLength(5)
  })

  test('a subscription to the version hears every write to a searched table, and only those', async () => {
    const store = useStore()
    const heard: unknown[] = []
    const unsubscribe = store.subscribe(searchVersion$, (version) => heard.push(version))
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20))
    store.commit(events.memoryCreated(memoryCreatedArgs({ personaId: 'p1', name: 'a', content: 'b' })))
    await settle()
    store.commit(events.memoryCreated(memoryCreatedArgs({ personaId: 'p1', name: 'c', content: 'd' })))
    await settle()
    const afterMemories = heard.length
    store.commit(events.appearanceChanged({ appearance: { theme: 'dark' } }))
    await settle()
    unsubscribe()
    // The first value, then one per memory written; a settings write is not a searched table.
    expect(afterMemories).toBe(3)
    expect(new Set(heard.map((v) => JSON.stringify(v))).size).toBe(3)
    expect(heard).toHaveLength(3)
  })

  test('the version changes on writes, edits and deletes; the delta names exactly what changed', async () => {
    const store = useStore()
    const { memory, documentId } = seed(store)
    const sql = sqlOf(store)
    const before = await readEntries(sql)
    const known = new Map(before.map((e) => [e.id, e.hash]))
    const v0 = store.query(searchVersion$)

    store.commit(
      events.memoryEdited(
        memoryEditedArgs(memory.id, { name: 'Garden', content: 'Frost tonight' }, T0 + 5 * MINUTE),
      ),
    )
    const v1 = store.query(searchVersion$)
    expect(v1).not.toBe(v0)
    const afterEdit = await readEntries(sql)
    expect(planDelta(known, afterEdit)).toEqual({
      upsert: [expect.objectContaining({ id: memory.id })],
      remove: [],
    })

    store.commit(events.documentDeleted({ id: documentId, deletedAt: T0 + 6 * MINUTE }))
    expect(store.query(searchVersion$)).not.toBe(v1)
    const delta = planDelta(new Map(afterEdit.map((e) => [e.id, e.hash])), await readEntries(sql))
    expect(delta.upsert).toEqual([])
    expect(delta.remove).toHaveLength(1)

    store.commit(events.memoryDeleted({ id: memory.id, personaId: 'p1', deletedAt: T0 + 7 * MINUTE }))
    expect((await readEntries(sql)).map((e) => e.kind)).toEqual(['message'])
  })
})
