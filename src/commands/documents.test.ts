import { describe, expect, test } from 'vitest'
import { CHUNK_MAX_CHARS, HEADING_MAX_CHARS, MAX_CHUNKS, MAX_FILE_BYTES } from '../documents/limits.ts'
import { chunkFields, documentChunks$, documentFields, recentDocuments$ } from '../schema/documents.ts'
import { events, tables } from '../schema/index.ts'
import { MINUTE, personaCreatedArgs, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError } from './command-error.ts'
import {
  type DocumentImport,
  deleteDocument,
  importDocument,
  renameDocument,
  restoreDocument,
} from './documents.ts'

const useStore = freshStorePerTest()

const OTHER_KEY: DataKey = { id: 'otherkey', bytes: new Uint8Array(32).fill(9) }

const documentRow = (id: string) => only(useStore().query(tables.documents.where({ id })))

const gardenPlan = (overrides: Partial<DocumentImport> = {}): DocumentImport => ({
  name: 'Garden plan.md',
  kind: 'md',
  size: 2048,
  chunks: [
    { heading: 'Garden', page: null, text: 'Four raised beds.' },
    { heading: 'Garden › Tomatoes', page: null, text: 'Plant after the last frost.' },
    { heading: null, page: null, text: 'Water every morning.' },
  ],
  personaId: null,
  ...overrides,
})

/** Imports a document with three chunks. */
const seedDocument = (name = 'Garden plan.md', createdAt = T0) =>
  importDocument(useStore(), TEST_KEY, gardenPlan({ name }), createdAt)

const counts = (store: ReturnType<typeof useStore>) => ({
  documents: store.query(tables.documents.count()),
  chunks: store.query(tables.documentChunks.count()),
})

describe('importDocument', () => {
  test('stores the document and its chunks in order, name, headings and words sealed', () => {
    const store = useStore()
    const id = importDocument(store, TEST_KEY, gardenPlan({ name: '  Garden plan.md ' }), T0)
    const row = documentRow(id)
    expect(row).toMatchObject({ kind: 'md', size: 2048, chunkCount: 3, createdAt: T0, personaId: null })
    expect(documentFields.openStrict(TEST_KEY, row).name).toBe('Garden plan.md')
    const chunks = store.query(documentChunks$(id))
    expect(JSON.stringify([row, chunks])).not.toMatch(/Garden|Tomatoes|raised|frost|morning/)
    expect(chunks.every((c) => c.text.startsWith('hv1.') && c.documentId === id)).toBe(true)
    expect(
      chunks.map((c) => chunkFields.openStrict(TEST_KEY, c)).map((c) => [c.ord, c.heading, c.page, c.text]),
    ).toEqual([
      [0, 'Garden', null, 'Four raised beds.'],
      [1, 'Garden › Tomatoes', null, 'Plant after the last frost.'],
      [2, null, null, 'Water every morning.'],
    ])
    expect(chunks.map((c) => chunkFields.open(OTHER_KEY, c).unreadable)).toEqual([true, true, true])
    expect(store.query(recentDocuments$).map((d) => d.id)).toEqual([id])
  })

  test('a PDF keeps its page numbers; a persona it belongs to is kept', () => {
    const store = useStore()
    const persona = personaCreatedArgs()
    store.commit(events.personaCreated(persona))
    const id = importDocument(
      store,
      TEST_KEY,
      gardenPlan({
        name: 'Manual.pdf',
        kind: 'pdf',
        personaId: persona.id,
        chunks: [
          { heading: null, page: 1, text: 'Open the box.' },
          { heading: 'Vents', page: 3, text: 'Open vents at 25 °C.' },
        ],
      }),
    )
    expect(documentRow(id)).toMatchObject({ kind: 'pdf', personaId: persona.id, chunkCount: 2 })
    expect(store.query(documentChunks$(id)).map((c) => c.page)).toEqual([1, 3])
  })

  test('refuses bad input with a clear message, and then nothing at all is stored', () => {
    const store = useStore()
    const chunk = { heading: null, page: null, text: 'Text.' }
    const refusals: Array<[Partial<DocumentImport>, RegExp]> = [
      [{ name: '  ' }, /^Name cannot be empty\.$/],
      [{ name: 'x'.repeat(301) }, /Name is too long/],
      [{ kind: 'docx' as DocumentImport['kind'] }, /Only Markdown, text and PDF/],
      [{ size: MAX_FILE_BYTES + 1 }, /size must be from 0/],
      [{ size: -1 }, /size must be from 0/],
      [{ chunks: [] }, /no text to import/],
      [{ chunks: Array.from({ length: MAX_CHUNKS + 1 }, () => chunk) }, /too long to import in one piece/],
      [{ chunks: [chunk, { ...chunk, text: '  ' }] }, /^Chunk 2 must have 1 to 1500 characters/],
      [{ chunks: [{ ...chunk, text: 'x'.repeat(CHUNK_MAX_CHARS + 1) }] }, /^Chunk 1 must have/],
      [{ chunks: [{ ...chunk, heading: 'h'.repeat(HEADING_MAX_CHARS + 1) }] }, /heading is too long/],
      [{ chunks: [chunk, chunk, { ...chunk, page: 0 }] }, /^Chunk 3's page must be a whole number/],
      [{ chunks: [{ ...chunk, page: 1.5 }] }, /page must be a whole number/],
      [{ personaId: 'nobody' }, /persona chosen for this document no longer exists/],
    ]
    for (const [overrides, message] of refusals) {
      expect(() => importDocument(store, TEST_KEY, gardenPlan(overrides), T0)).toThrow(CommandError)
      expect(() => importDocument(store, TEST_KEY, gardenPlan(overrides), T0)).toThrow(message)
      expect(counts(store)).toEqual({ documents: 0, chunks: 0 })
    }
  })
})

describe('renameDocument', () => {
  test('stores the new name sealed: no plaintext in the row, and it opens back only with the key', () => {
    const id = seedDocument()
    expect(renameDocument(useStore(), TEST_KEY, id, '  Vegetable beds.md  ')).toBe(true)
    const row = documentRow(id)
    expect(row.name.startsWith('hv1.')).toBe(true)
    expect(JSON.stringify(row)).not.toContain('Vegetable')
    expect(documentFields.openStrict(TEST_KEY, row).name).toBe('Vegetable beds.md')
    expect(documentFields.open(OTHER_KEY, row)).toMatchObject({ unreadable: true, name: '⚠ unreadable' })
    expect(row).toMatchObject({ kind: 'md', size: 2048, chunkCount: 3, createdAt: T0 })
  })

  test('the same name again writes nothing', () => {
    const id = seedDocument('Notes.txt')
    const before = documentRow(id).name
    expect(renameDocument(useStore(), TEST_KEY, id, 'Notes.txt ')).toBe(false)
    expect(documentRow(id).name).toBe(before)
  })

  test('refuses an empty or overlong name and a deleted or unknown document', () => {
    const store = useStore()
    const id = seedDocument()
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
    const older = seedDocument('Older.md', T0)
    const newer = seedDocument('Newer.md', T0 + MINUTE)
    expect(store.query(recentDocuments$).map((d) => d.id)).toEqual([newer, older])

    deleteDocument(store, newer, T0 + 2 * MINUTE)
    expect(store.query(recentDocuments$).map((d) => d.id)).toEqual([older])
    expect(documentRow(newer).deletedAt).toBe(T0 + 2 * MINUTE)
    expect(store.query(documentChunks$(newer))).toHaveLength(3)
  })

  test('undo brings it back, once, and only for the delete it names', () => {
    const store = useStore()
    const id = seedDocument()
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
    const id = seedDocument()
    deleteDocument(store, id, T0 + MINUTE)
    expect(() => deleteDocument(store, id, T0 + 2 * MINUTE)).toThrow(CommandError)
    expect(documentRow(id).deletedAt).toBe(T0 + MINUTE)
  })
})
