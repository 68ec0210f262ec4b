import { describe, expect, test } from 'vitest'
import { documentChunks$, documentFields, recentDocuments$ } from '../schema/documents.ts'
import { events, tables } from '../schema/index.ts'
import { chunkRecord, MINUTE, nextId, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError } from './command-error.ts'
import { deleteDocument, renameDocument, restoreDocument } from './documents.ts'

const useStore = freshStorePerTest()

const OTHER_KEY: DataKey = { id: 'otherkey', bytes: new Uint8Array(32).fill(9) }

const documentRow = (id: string) => only(useStore().query(tables.documents.where({ id })))

/** Imports a document with three chunks, as the import of the search issue will. */
const importDocument = (name = 'Garden plan.md', createdAt = T0) => {
  const id = nextId('doc')
  useStore().commit(
    events.documentImported({
      id,
      personaId: null,
      ...documentFields.seal(TEST_KEY, id, { name }),
      kind: 'md',
      size: 2048,
      chunks: [0, 1, 2].map((ord) => chunkRecord({ documentId: id, ord })),
      createdAt,
    }),
  )
  return id
}

describe('renameDocument', () => {
  test('stores the new name sealed: no plaintext in the row, and it opens back only with the key', () => {
    const id = importDocument()
    expect(renameDocument(useStore(), TEST_KEY, id, '  Vegetable beds.md  ')).toBe(true)
    const row = documentRow(id)
    expect(row.name.startsWith('hv1.')).toBe(true)
    expect(JSON.stringify(row)).not.toContain('Vegetable')
    expect(documentFields.openStrict(TEST_KEY, row).name).toBe('Vegetable beds.md')
    expect(documentFields.open(OTHER_KEY, row)).toMatchObject({ unreadable: true, name: '⚠ unreadable' })
    expect(row).toMatchObject({ kind: 'md', size: 2048, chunkCount: 3, createdAt: T0 })
  })

  test('the same name again writes nothing', () => {
    const id = importDocument('Notes.txt')
    const before = documentRow(id).name
    expect(renameDocument(useStore(), TEST_KEY, id, 'Notes.txt ')).toBe(false)
    expect(documentRow(id).name).toBe(before)
  })

  test('refuses an empty or overlong name and a deleted or unknown document', () => {
    const store = useStore()
    const id = importDocument()
    expect(() => renameDocument(store, TEST_KEY, id, '   ')).toThrow(
      new CommandError('Name cannot be empty.'),
    )
    expect(() => renameDocument(store, TEST_KEY, id, 'x'.repeat(301))).toThrow(/too long/)
    expect(() => renameDocument(store, TEST_KEY, 'nope', 'A')).toThrow(/no longer exists/)
    deleteDocument(store, id, T0 + MINUTE)
    expect(() => renameDocument(store, TEST_KEY, id, 'A')).toThrow(/no longer exists/)
    expect(documentFields.openStrict(TEST_KEY, documentRow(id)).name).toBe('Garden plan.md')
  })
})

describe('deleteDocument', () => {
  test('takes the document off the list; its rows stay, marked deleted', () => {
    const store = useStore()
    const older = importDocument('Older.md', T0)
    const newer = importDocument('Newer.md', T0 + MINUTE)
    expect(store.query(recentDocuments$).map((d) => d.id)).toEqual([newer, older])

    deleteDocument(store, newer, T0 + 2 * MINUTE)
    expect(store.query(recentDocuments$).map((d) => d.id)).toEqual([older])
    expect(documentRow(newer).deletedAt).toBe(T0 + 2 * MINUTE)
    expect(store.query(documentChunks$(newer))).toHaveLength(3)
  })

  test('undo brings it back, once, and only for the delete it names', () => {
    const store = useStore()
    const id = importDocument()
    const deletedAt = deleteDocument(store, id, T0 + MINUTE)
    restoreDocument(store, id, deletedAt)
    expect(store.query(recentDocuments$).map((d) => d.id)).toEqual([id])
    // Deleted again later: an old undo (say, a stale toast in another tab) does not bring it back.
    deleteDocument(store, id, T0 + 2 * MINUTE)
    restoreDocument(store, id, deletedAt)
    expect(store.query(recentDocuments$)).toEqual([])
  })

  test('a second delete (say, from another tab) is refused and keeps the first time', () => {
    const store = useStore()
    const id = importDocument()
    deleteDocument(store, id, T0 + MINUTE)
    expect(() => deleteDocument(store, id, T0 + 2 * MINUTE)).toThrow(CommandError)
    expect(documentRow(id).deletedAt).toBe(T0 + MINUTE)
  })
})
