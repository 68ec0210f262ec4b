/**
 * How big an import may be. A document and all its chunks travel in one event (nothing is ever
 * half-imported), and LiveStore's leader persists about 100 events a second, so one event may be
 * large but should stay under a few MB: 1,000 chunks of at most 1,500 characters, 2 MB of text in
 * all, is about 2.7 MB once sealed (base64 adds a third) — roughly 150,000 words, a 500-page book.
 */

/** A file larger than this is refused before it is read (PDFs carry images, hence the room). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024

/** Most chunks one document may have; a longer text must be split into several files. */
export const MAX_CHUNKS = 1_000

/** Most text (UTF-8 bytes, headings included) one document may carry. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024

/**
 * A chunk's bounds. The full embedding model reads 256 SentencePiece pieces, about 180 English
 * words, so a chunk aims at that many words and never goes past 1,500 characters; small
 * paragraphs are packed together until a chunk reaches about 800 characters.
 */
export const CHUNK_MAX_WORDS = 180
export const CHUNK_MAX_CHARS = 1_500
export const CHUNK_TARGET_CHARS = 800

/** A heading path longer than this is cut (with "…"): it labels a chunk, it is not its text. */
export const HEADING_MAX_CHARS = 300

/** "20 MB", "20.1 MB": sizes in the messages about limits, rounded up (one byte over 20 MB reads "20.1 MB"). */
export const formatLimitMB = (bytes: number) =>
  `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1).replace(/\.0$/, '')} MB`

const utf8 = new TextEncoder()

/**
 * Why a document's chunks are too much for one import event, or `null` when they fit. The reader
 * and the import command both ask, so a file is refused before anything is written.
 */
export const documentTooLong = (
  chunks: ReadonlyArray<{ heading: string | null; text: string }>,
): string | null => {
  const split = 'Split it into smaller files and import those.'
  if (chunks.length > MAX_CHUNKS) {
    return `This document is too long to import in one piece (${chunks.length.toLocaleString('en')} chunks; at most ${MAX_CHUNKS.toLocaleString('en')}, about 150,000 words). ${split}`
  }
  const bytes = chunks.reduce(
    (sum, c) => sum + utf8.encode(c.text).length + utf8.encode(c.heading ?? '').length,
    0,
  )
  if (bytes > MAX_TEXT_BYTES) {
    return `This document has too much text to import in one piece (${formatLimitMB(bytes)}; at most ${formatLimitMB(MAX_TEXT_BYTES)}). ${split}`
  }
  return null
}
