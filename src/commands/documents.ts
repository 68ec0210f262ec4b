import { nanoid, Schema } from '@livestore/livestore'
import { CHUNK_MAX_CHARS, documentTooLong, HEADING_MAX_CHARS, MAX_FILE_BYTES } from '../documents/limits.ts'
import { DocumentKind, documentById$, documentFields, sealChunkRecord } from '../schema/documents.ts'
import { events } from '../schema/index.ts'
import { personaById$ } from '../schema/personas.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError, requireText } from './command-error.ts'
import type { HearthStore } from './store.ts'

export const DOCUMENT_NAME_MAX = 300

/** A file read and chunked (`src/documents/read-file.ts`), ready to be stored. */
export type DocumentImport = {
  name: string
  kind: DocumentKind
  /** The file's size in bytes. */
  size: number
  /** In reading order; each chunk's position is its index here. */
  chunks: ReadonlyArray<{ heading: string | null; page: number | null; text: string }>
  /** The persona it belongs to, or `null` for all of them. */
  personaId: string | null
}

const isDocumentKind = Schema.is(DocumentKind)

const validChunks = (chunks: DocumentImport['chunks']) => {
  if (chunks.length === 0) throw new CommandError('This document has no text to import.')
  const tooLong = documentTooLong(chunks)
  if (tooLong !== null) throw new CommandError(tooLong)
  return chunks.map((c, ord) => {
    const text = c.text.trim()
    if (text === '' || text.length > CHUNK_MAX_CHARS) {
      throw new CommandError(`Chunk ${ord + 1} must have 1 to ${CHUNK_MAX_CHARS} characters of text.`)
    }
    if (c.heading !== null && c.heading.length > HEADING_MAX_CHARS) {
      throw new CommandError(
        `Chunk ${ord + 1}'s heading is too long (at most ${HEADING_MAX_CHARS} characters).`,
      )
    }
    if (c.page !== null && !(Number.isInteger(c.page) && c.page >= 1)) {
      throw new CommandError(`Chunk ${ord + 1}'s page must be a whole number from 1.`)
    }
    return { ord, heading: c.heading, page: c.page, text }
  })
}

/**
 * Stores a document and all its chunks in one event, names and words sealed: it arrives whole or
 * not at all. Everything is checked before anything is written; returns the new document's id.
 */
export const importDocument = (store: HearthStore, key: DataKey, input: DocumentImport, now = Date.now()) => {
  const name = requireText(input.name, 'Name', DOCUMENT_NAME_MAX)
  if (!isDocumentKind(input.kind))
    throw new CommandError('Only Markdown, text and PDF documents can be imported.')
  if (!Number.isInteger(input.size) || input.size < 0 || input.size > MAX_FILE_BYTES) {
    throw new CommandError(`A document's size must be from 0 to ${MAX_FILE_BYTES} bytes.`)
  }
  const chunks = validChunks(input.chunks)
  if (input.personaId !== null) {
    const persona = store.query(personaById$(input.personaId))
    if (persona === undefined || persona.deletedAt !== null) {
      throw new CommandError('The persona chosen for this document no longer exists; choose another.')
    }
  }
  const id = nanoid()
  store.commit(
    events.documentImported({
      id,
      personaId: input.personaId,
      ...documentFields.seal(key, id, { name }),
      kind: input.kind,
      size: input.size,
      chunks: chunks.map((c) => sealChunkRecord(key, { id: nanoid(), documentId: id, ...c })),
      createdAt: now,
    }),
  )
  return id
}

/** The document if it is still there; commands refuse to change one deleted (e.g. in another tab). */
const liveDocument = (store: HearthStore, id: string) => {
  const row = store.query(documentById$(id))
  if (row === undefined || row.deletedAt !== null) {
    throw new CommandError('This document no longer exists (it may have been deleted in another tab).')
  }
  return row
}

/** Renames a document (the name is sealed); the same name again writes nothing and returns false. */
export const renameDocument = (store: HearthStore, key: DataKey, id: string, name: string): boolean => {
  const valid = requireText(name, 'Name', DOCUMENT_NAME_MAX)
  const before = documentFields.open(key, liveDocument(store, id))
  if (!before.unreadable && before.name === valid) return false
  store.commit(events.documentRenamed({ id, ...documentFields.seal(key, id, { name: valid }) }))
  return true
}

/** Deletes a document with its chunks (soft: the rows stay for history, every list hides them). */
export const deleteDocument = (store: HearthStore, id: string, now = Date.now()) => {
  liveDocument(store, id)
  store.commit(events.documentDeleted({ id, deletedAt: now }))
  return now
}

/** Undo of `deleteDocument`. */
export const restoreDocument = (store: HearthStore, id: string, deletedAt: number) =>
  store.commit(events.documentRestored({ id, deletedAt }))
