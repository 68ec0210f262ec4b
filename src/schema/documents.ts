import { Events, queryDb, Schema, State } from '@livestore/livestore'
import type { DataKey } from '../vault/envelope.ts'
import { nullable, recordCodec, text } from '../vault/record-codec.ts'
import { insertMany } from './insert-many.ts'
import { Id, Millis, Sealed } from './shared.ts'

export const DocumentKind = Schema.Literal('md', 'txt', 'pdf')
export type DocumentKind = typeof DocumentKind.Type

export const ChunkRecord = Schema.Struct({
  id: Id,
  documentId: Id,
  ord: Schema.Number,
  heading: Schema.NullOr(Schema.String),
  page: Schema.NullOr(Schema.Number),
  text: Schema.String,
})
export type ChunkRecord = typeof ChunkRecord.Type

/** A document's name and every chunk's words are sealed; kind, size and order stay plain. */
export const documentFields = recordCodec('documents', { name: text }, { perRecord: true })
/** Chunks are sealed with their document's key: forgetting the document forgets every chunk. */
export const chunkFields = recordCodec(
  'document_chunks',
  { heading: nullable(text), text },
  { perRecord: true },
)

export const SealedChunkRecord = Schema.Struct({
  ...ChunkRecord.fields,
  heading: Schema.NullOr(Sealed),
  text: Sealed,
})
export type SealedChunkRecord = typeof SealedChunkRecord.Type

export const sealChunkRecord = (key: DataKey, c: ChunkRecord): SealedChunkRecord => ({
  ...c,
  ...chunkFields.seal(key, c.id, c, c.documentId),
})

export const documents = State.SQLite.table({
  name: 'documents',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    personaId: State.SQLite.text({ nullable: true }),
    name: State.SQLite.text(),
    kind: State.SQLite.text({ schema: DocumentKind }),
    size: State.SQLite.integer(),
    chunkCount: State.SQLite.integer({ default: 0 }),
    createdAt: State.SQLite.integer(),
    deletedAt: State.SQLite.integer({ nullable: true }),
  },
  indexes: [{ name: 'documents_recent', columns: ['deletedAt', 'createdAt'] }],
})
export type DocumentRow = typeof documents.Type

export const documentChunks = State.SQLite.table({
  name: 'document_chunks',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    documentId: State.SQLite.text(),
    ord: State.SQLite.integer(),
    heading: State.SQLite.text({ nullable: true }),
    page: State.SQLite.integer({ nullable: true }),
    text: State.SQLite.text(),
  },
  indexes: [{ name: 'document_chunks_order', columns: ['documentId', 'ord'] }],
})
export type DocumentChunkRow = typeof documentChunks.Type

export const documentEvents = {
  /** A document and all its chunks arrive in one event: one import, one event. */
  documentImported: Events.synced({
    name: 'v1.DocumentImported',
    schema: Schema.Struct({
      id: Id,
      personaId: Schema.NullOr(Id),
      name: Sealed,
      kind: DocumentKind,
      size: Schema.Number,
      chunks: Schema.Array(SealedChunkRecord),
      createdAt: Millis,
    }),
  }),
  documentRenamed: Events.synced({
    name: 'v1.DocumentRenamed',
    schema: Schema.Struct({ id: Id, name: Sealed }),
  }),
  documentDeleted: Events.synced({
    name: 'v1.DocumentDeleted',
    schema: Schema.Struct({ id: Id, deletedAt: Millis }),
  }),
  /** Undo of the delete made at `deletedAt`. */
  documentRestored: Events.synced({
    name: 'v1.DocumentRestored',
    schema: Schema.Struct({ id: Id, deletedAt: Millis }),
  }),
}

export const documentMaterializers = State.SQLite.materializers(documentEvents, {
  'v1.DocumentImported': ({ chunks, ...doc }) => [
    documents.insert({ ...doc, chunkCount: chunks.length }),
    ...insertMany(documentChunks, chunks),
  ],
  'v1.DocumentRenamed': ({ id, name }) => documents.update({ name }).where({ id }),
  'v1.DocumentDeleted': ({ id, deletedAt }) => documents.update({ deletedAt }).where({ id }),
  'v1.DocumentRestored': ({ id, deletedAt }) =>
    documents.update({ deletedAt: null }).where({ id, deletedAt }),
})

export const recentDocuments$ = queryDb(documents.where({ deletedAt: null }).orderBy('createdAt', 'desc'), {
  label: 'documents.recent',
})

/** One document, deleted or not (commands check it is still there before changing it). */
export const documentById$ = (id: string) =>
  queryDb(documents.where({ id }).first({ behaviour: 'undefined' }), { label: 'documents.byId', deps: [id] })

export const documentChunks$ = (documentId: string) =>
  queryDb(documentChunks.where({ documentId }).orderBy('ord', 'asc'), {
    label: 'documents.chunks',
    deps: [documentId],
  })
