import { describe, expect, test } from 'vitest'
import { chunkRecord, MINUTE, nextId, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { TestStore } from '../testing/test-store.ts'
import { chunkFields, documentChunks$, documentFields, recentDocuments$ } from './documents.ts'
import { events, tables } from './index.ts'

const useStore = freshStorePerTest()

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id)
const documentRow = (id: string) => only(useStore().query(tables.documents.where({ id })))
/** A document's name, opened. */
const documentName = (id: string) => documentFields.openStrict(TEST_KEY, documentRow(id)).name

/** Imports a document with `chunkCount` chunks, committed in shuffled order to prove the query sorts them. */
const importDocument = (store: TestStore, chunkCount: number, createdAt = T0) => {
  const id = nextId('doc')
  const chunks = Array.from({ length: chunkCount }, (_, ord) =>
    chunkRecord({ documentId: id, ord, heading: ord === 0 ? 'Intro' : null, page: Math.floor(ord / 2) + 1 }),
  )
  const shuffled = [...chunks.filter((_, i) => i % 2 === 1), ...chunks.filter((_, i) => i % 2 === 0)]
  store.commit(
    events.documentImported({
      id,
      personaId: 'p1',
      ...documentFields.seal(TEST_KEY, id, { name: `${id}.md` }),
      kind: 'md',
      size: 1234,
      chunks: shuffled,
      createdAt,
    }),
  )
  return { id, chunks }
}

describe('DocumentImported', () => {
  test('stores the document with its chunk count and every chunk', () => {
    const store = useStore()
    const { id, chunks } = importDocument(store, 5)
    expect(documentName(id)).toBe(`${id}.md`)
    expect(documentRow(id)).toMatchObject({
      personaId: 'p1',
      kind: 'md',
      size: 1234,
      chunkCount: 5,
      createdAt: T0,
      deletedAt: null,
    })
    expect(store.query(tables.documentChunks.count().where({ documentId: id }))).toBe(chunks.length)
  })

  test('a document without chunks has chunkCount 0', () => {
    const store = useStore()
    const { id } = importDocument(store, 0)
    expect(documentRow(id).chunkCount).toBe(0)
    expect(store.query(documentChunks$(id))).toEqual([])
  })
})

describe('documentChunks$', () => {
  test('returns a document chunks in reading order with heading and page, and no other document chunks', () => {
    const store = useStore()
    const { id, chunks } = importDocument(store, 6)
    importDocument(store, 3)
    const rows = store.query(documentChunks$(id))
    expect(rows.map((c) => c.ord)).toEqual([0, 1, 2, 3, 4, 5])
    expect(ids(rows)).toEqual(ids(chunks))
    const opened = rows.map((c) => chunkFields.openStrict(TEST_KEY, c))
    expect(opened[0]).toMatchObject({ heading: 'Intro', page: 1, text: 'Chunk 0' })
    expect(opened[5]).toMatchObject({ heading: null, page: 3, text: 'Chunk 5' })
  })
})

describe('recentDocuments$, DocumentRenamed, DocumentDeleted', () => {
  test('lists newest first; a rename shows; a deleted document leaves the list but keeps its row', () => {
    const store = useStore()
    const older = importDocument(store, 1, T0)
    const newer = importDocument(store, 1, T0 + MINUTE)
    expect(ids(store.query(recentDocuments$))).toEqual([newer.id, older.id])

    store.commit(
      events.documentRenamed({
        id: older.id,
        ...documentFields.seal(TEST_KEY, older.id, { name: 'Renamed.md' }),
      }),
    )
    expect(documentName(older.id)).toBe('Renamed.md')

    store.commit(events.documentDeleted({ id: newer.id, deletedAt: T0 + 2 * MINUTE }))
    expect(ids(store.query(recentDocuments$))).toEqual([older.id])
    expect(documentRow(newer.id).deletedAt).toBe(T0 + 2 * MINUTE)
  })
})
