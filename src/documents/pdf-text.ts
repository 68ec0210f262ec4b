import { HEADING_SEPARATOR } from './chunk-text.ts'
import { ImportError } from './import-error.ts'
import { HEADING_MAX_CHARS } from './limits.ts'

/**
 * A PDF's text, page by page, read with pdf.js. No DOM here: the caller passes the pdf.js module
 * (the browser build with its Web Worker in the app, the legacy build in Node tests).
 */
export type PdfText = {
  /** Each page's text: lines joined by `\n`, paragraphs (a wider gap between lines) by `\n\n`. */
  pages: string[]
  /** For each page, the PDF outline's entry in force there ("Chapter 2 › Soil"), if it has an outline. */
  headings: Array<string | null>
}

type TextItem = { str: string; hasEOL: boolean; transform: number[]; height: number }
type OutlineNode = { title: string; dest: string | unknown[] | null; items: OutlineNode[] }
type PdfDocument = {
  numPages: number
  getPage(
    n: number,
  ): Promise<{ getTextContent(): Promise<{ items: ReadonlyArray<object> }>; cleanup(): void }>
  getOutline(): Promise<OutlineNode[] | null>
  getDestination(id: string): Promise<unknown[] | null>
  getPageIndex(ref: never): Promise<number>
  destroy(): Promise<void>
}
/** The part of pdf.js this uses (`getDocument` of `pdfjs-dist` or its legacy build). */
export type PdfJs = {
  getDocument(params: {
    data: Uint8Array
    worker?: unknown
    isEvalSupported: boolean
    disableFontFace: boolean
    useSystemFonts: boolean
    verbosity: number
  }): { promise: Promise<PdfDocument>; destroy(): Promise<void> }
}

export type PdfOptions = {
  /** Called as each page is read: page 3 of 12 → `(3, 12)`. */
  onPage?: (page: number, pages: number) => void
  /** pdf.js's `PDFWorker` to parse in (the browser passes one; Node uses pdf.js's own fake worker). */
  worker?: unknown
  signal?: AbortSignal
}

const isTextItem = (item: object): item is TextItem => 'str' in item && 'transform' in item

/**
 * A page's text from pdf.js's items: a new line where pdf.js says a line ends or the baseline
 * moves, and a blank line (a new paragraph) where the gap is wider than one and a half lines.
 */
export const pageText = (items: ReadonlyArray<object>): string => {
  let out = ''
  let lastY: number | null = null
  let lineEnded = false
  for (const item of items) {
    if (!isTextItem(item)) continue
    const y = item.transform[5] ?? 0
    const size = item.height > 0 ? item.height : Math.abs(item.transform[3] ?? 0) || 10
    if (lastY !== null && item.str !== '') {
      const gap = Math.abs(lastY - y)
      if (gap > size * 1.6) out = `${out.trimEnd()}\n\n`
      else if (lineEnded || gap > size * 0.5) out = `${out.trimEnd()}\n`
    }
    out += item.str
    if (item.str !== '') {
      lastY = y
      lineEnded = false
    }
    if (item.hasEOL) lineEnded = true
  }
  return out.trim()
}

/** The outline flattened in reading order, each entry with its path and 0-based page. */
const outlineEntries = async (doc: PdfDocument) => {
  const entries: Array<{ path: string; page: number }> = []
  const visit = async (nodes: ReadonlyArray<OutlineNode>, parents: string[]) => {
    for (const node of nodes) {
      const title = node.title.replace(/\s+/g, ' ').trim()
      const path = title === '' ? parents : [...parents, title]
      const page = await pageOf(doc, node.dest)
      if (page !== null && path.length > 0) entries.push({ path: path.join(HEADING_SEPARATOR), page })
      await visit(node.items, path)
    }
  }
  await visit((await doc.getOutline()) ?? [], [])
  return entries
}

const pageOf = async (doc: PdfDocument, dest: OutlineNode['dest']): Promise<number | null> => {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest
    const target = explicit?.[0]
    if (typeof target === 'number') return target
    if (typeof target === 'object' && target !== null) return await doc.getPageIndex(target as never)
  } catch {
    // A broken outline entry only loses its heading.
  }
  return null
}

/**
 * Which outline entry labels each page: the first one starting on it, else the last one before it
 * (a section starting mid-page labels that page from its top: pages are the finest grain here).
 */
const headingsByPage = (entries: ReadonlyArray<{ path: string; page: number }>, pages: number) => {
  const headings: Array<string | null> = []
  let current: string | null = null
  for (let page = 0; page < pages; page++) {
    const starting = entries.filter((e) => e.page === page)
    const before = entries.filter((e) => e.page < page).at(-1)
    if (before !== undefined) current = before.path
    const heading = starting[0]?.path ?? current
    headings.push(heading === null ? null : heading.slice(0, HEADING_MAX_CHARS))
  }
  return headings
}

/** pdf.js's failures in words a person can act on. */
const importErrorOf = (error: unknown): ImportError => {
  if (error instanceof ImportError) return error
  const name = error instanceof Error ? error.name : ''
  if (name === 'PasswordException') {
    return new ImportError('This PDF is protected by a password; remove the protection and import it again.')
  }
  if (name === 'InvalidPDFException' || name === 'FormatError') {
    return new ImportError('This PDF is damaged or not really a PDF; it could not be read.')
  }
  if (name === 'AbortError') return new ImportError('The import was cancelled.')
  return new ImportError(
    `This PDF could not be read (${error instanceof Error ? error.message : String(error)}).`,
  )
}

export const extractPdfText = async (
  pdfjs: PdfJs,
  data: Uint8Array,
  { onPage, worker, signal }: PdfOptions = {},
): Promise<PdfText> => {
  const task = pdfjs.getDocument({
    data,
    ...(worker === undefined ? {} : { worker }),
    // Text only: no script evaluation, no fonts installed, errors only in the console.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  })
  const cancel = () => void task.destroy()
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    const doc = await task.promise
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      signal?.throwIfAborted()
      onPage?.(n, doc.numPages)
      const page = await doc.getPage(n)
      pages.push(pageText((await page.getTextContent()).items))
      page.cleanup()
    }
    const headings = headingsByPage(await outlineEntries(doc), doc.numPages)
    return { pages, headings }
  } catch (error) {
    throw importErrorOf(signal?.aborted ? signal.reason : error)
  } finally {
    signal?.removeEventListener('abort', cancel)
    await task.destroy()
  }
}
