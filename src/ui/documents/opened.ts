import type { chunkFields, DocumentChunkRow, DocumentRow, documentFields } from '../../schema/documents.ts'

/** A document as the screens hold it: its name opened. */
export type OpenDocument = ReturnType<typeof documentFields.open<DocumentRow>>

/** A chunk as the document view shows it: heading and text opened. */
export type OpenChunk = ReturnType<typeof chunkFields.open<DocumentChunkRow>>
