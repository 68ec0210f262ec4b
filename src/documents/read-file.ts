import type { DocumentKind } from '../schema/documents.ts'
import { chunkMarkdown, chunkPages, chunkPlainText, type TextChunk } from './chunk-text.ts'
import { ImportError } from './import-error.ts'
import { documentTooLong, formatLimitMB, MAX_FILE_BYTES } from './limits.ts'
import type { PdfOptions, PdfText } from './pdf-text.ts'

/**
 * Reading one file for import: its kind (by content first, then by name), its text (UTF-8, or
 * UTF-16 with a byte-order mark), its chunks. Every refusal is an `ImportError` whose message says
 * what is wrong and what to do; nothing is stored until all of it has succeeded.
 */

/** What the import needs of a `File` (a test passes a plain object). */
export type FileLike = { readonly name: string; readonly size: number; arrayBuffer(): Promise<ArrayBuffer> }

/** Where one file's import has got to, for its progress bar. */
export type ReadProgress = { step: 'reading' } | { step: 'extracting'; page: number; pages: number }

/** Reads a PDF's text; the app runs pdf.js in a Web Worker, tests in Node. */
export type PdfExtractor = (data: Uint8Array, options: PdfOptions) => Promise<PdfText>

export type ReadDocument = { kind: DocumentKind; size: number; chunks: TextChunk[] }

export const ACCEPTED_EXTENSIONS = ['.md', '.markdown', '.txt', '.pdf'] as const

const EXTENSION_KINDS: Record<string, DocumentKind> = { md: 'md', markdown: 'md', txt: 'txt', pdf: 'pdf' }

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // "%PDF-"

/** A PDF starts with `%PDF-`; readers (and pdf.js) allow some junk before it, within 1 KB. */
export const looksLikePdf = (bytes: Uint8Array) => {
  const end = Math.min(bytes.length, 1024) - PDF_MAGIC.length
  for (let at = 0; at <= end; at++) {
    if (PDF_MAGIC.every((b, i) => bytes[at + i] === b)) return true
  }
  return false
}

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase()
}

/** The content decides a PDF whatever its name; otherwise the name's extension decides. */
export const detectKind = (name: string, bytes: Uint8Array): DocumentKind => {
  if (looksLikePdf(bytes)) return 'pdf'
  const kind = EXTENSION_KINDS[extensionOf(name)]
  if (kind === 'pdf') throw new ImportError('This file is not a PDF, though its name ends in .pdf.')
  if (kind === undefined) {
    throw new ImportError('Only Markdown (.md, .markdown), text (.txt) and PDF (.pdf) files can be imported.')
  }
  return kind
}

const fatal = (encoding: string) => new TextDecoder(encoding, { fatal: true })

/**
 * The text of a Markdown or text file: UTF-8 (a byte-order mark is dropped), or UTF-16 when it
 * starts with one. A NUL byte means binary data (an image, an office file renamed), not text.
 */
export const decodeText = (bytes: Uint8Array): string => {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null
  let text: string
  try {
    text = fatal(utf16 ?? 'utf-8').decode(bytes)
  } catch {
    if (utf16 === null && bytes.includes(0)) {
      throw new ImportError(
        'This file is not text (it looks like binary data, such as an image or an archive).',
      )
    }
    throw new ImportError('This file is not UTF-8 text. Save it as UTF-8 and import it again.')
  }
  if (text.includes('\0')) {
    throw new ImportError(
      'This file is not text (it looks like binary data, such as an image or an archive).',
    )
  }
  return text
}

export const readDocument = async (
  file: FileLike,
  {
    extractPdf,
    onProgress,
    signal,
  }: { extractPdf: PdfExtractor; onProgress?: (progress: ReadProgress) => void; signal?: AbortSignal },
): Promise<ReadDocument> => {
  if (file.size > MAX_FILE_BYTES) {
    throw new ImportError(
      `This file is too large (${formatLimitMB(file.size)}; at most ${formatLimitMB(MAX_FILE_BYTES)}).`,
    )
  }
  if (file.size === 0) throw new ImportError('This file is empty.')
  onProgress?.({ step: 'reading' })
  const bytes = new Uint8Array(await file.arrayBuffer())
  signal?.throwIfAborted()
  const kind = detectKind(file.name, bytes)
  let chunks: TextChunk[]
  if (kind === 'pdf') {
    const { pages, headings } = await extractPdf(bytes, {
      onPage: (page, pages) => onProgress?.({ step: 'extracting', page, pages }),
      ...(signal === undefined ? {} : { signal }),
    })
    chunks = chunkPages(pages, headings)
    if (chunks.length === 0)
      throw new ImportError('This PDF has no text to import (it may be scanned images).')
  } else {
    const text = decodeText(bytes)
    chunks = kind === 'md' ? chunkMarkdown(text) : chunkPlainText(text)
    if (chunks.length === 0) throw new ImportError('This file has no text to import.')
  }
  const tooLong = documentTooLong(chunks)
  if (tooLong !== null) throw new ImportError(tooLong)
  return { kind, size: file.size, chunks }
}
