import { CHUNK_MAX_CHARS, CHUNK_MAX_WORDS, CHUNK_TARGET_CHARS, HEADING_MAX_CHARS } from './limits.ts'

/**
 * Splitting a document's text into chunks a search can embed and quote: each chunk is at most
 * `CHUNK_MAX_WORDS` words and `CHUNK_MAX_CHARS` characters, never crosses a heading (Markdown) or a
 * page (PDF), and keeps the document's order. Small paragraphs are packed together up to about
 * `CHUNK_TARGET_CHARS`; a paragraph too long for one chunk is split at sentence ends, and only a
 * sentence too long on its own is split between words.
 */
export type TextChunk = {
  /** Position in the document, from 0. */
  ord: number
  /** The nearest heading's path, e.g. "Garden › Tomatoes"; `null` before any heading and in text files. */
  heading: string | null
  /** The PDF page it comes from, from 1; `null` for Markdown and text. */
  page: number | null
  text: string
}

/** Separates the levels of a heading path. */
export const HEADING_SEPARATOR = ' › '

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`
/** Words as the bound counts them: runs of non-space, and each Chinese or Japanese character alone. */
const WORD = new RegExp(`[${CJK}]|[^\\s${CJK}]+`, 'gu')

export const countWords = (text: string) => text.match(WORD)?.length ?? 0

const fits = (text: string) => text.length <= CHUNK_MAX_CHARS && countWords(text) <= CHUNK_MAX_WORDS

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

/** The sentences of a text, each with its trailing space, so joining them gives the text back. */
const sentences = (text: string) => Array.from(sentenceSegmenter.segment(text), (s) => s.segment)

/** Words with their trailing space; a word longer than a chunk (a pasted hash, say) is cut. */
const words = (text: string) =>
  text.split(/(?<=\s)(?=\S)/).flatMap((word) => {
    const parts: string[] = []
    for (let at = 0; at < word.length; at += CHUNK_MAX_CHARS) parts.push(word.slice(at, at + CHUNK_MAX_CHARS))
    return parts
  })

/**
 * Greedy packing: a piece joins the current chunk while the two fit together and the chunk is
 * shorter than `closeAt` characters; otherwise it starts the next one. Every piece must fit alone.
 */
const pack = (pieces: ReadonlyArray<string>, separator: string, closeAt: number): string[] => {
  const out: string[] = []
  let current = ''
  for (const piece of pieces) {
    const joined = current === '' ? piece : current + separator + piece
    if (current !== '' && (current.length >= closeAt || !fits(joined.trim()))) {
      out.push(current.trim())
      current = piece
    } else {
      current = joined
    }
  }
  if (current.trim() !== '') out.push(current.trim())
  return out
}

/** A paragraph that is too long for one chunk, cut into about equal parts at sentence ends. */
const splitParagraph = (paragraph: string): string[] => {
  const parts = Math.max(
    Math.ceil(countWords(paragraph) / CHUNK_MAX_WORDS),
    Math.ceil(paragraph.length / CHUNK_MAX_CHARS),
  )
  const pieces = sentences(paragraph).flatMap((s) => (fits(s.trim()) ? [s] : words(s)))
  return pack(pieces, '', Math.ceil(paragraph.length / parts))
}

/** Paragraphs (already trimmed, none empty) packed into chunk texts. */
const packParagraphs = (paragraphs: ReadonlyArray<string>): string[] =>
  pack(
    paragraphs.flatMap((p) => (fits(p) ? [p] : splitParagraph(p))),
    '\n\n',
    CHUNK_TARGET_CHARS,
  )

/** Blank lines separate paragraphs. */
const paragraphsOf = (text: string) =>
  text
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')

const numbered = (chunks: ReadonlyArray<Omit<TextChunk, 'ord'>>): TextChunk[] =>
  chunks.map((c, ord) => ({ ord, ...c }))

/** Line breaks are normalised to `\n` (files from Windows and old Macs read alike). */
export const normaliseNewlines = (text: string) => text.replace(/\r\n?/g, '\n')

// --- plain text -------------------------------------------------------------------------------

export const chunkPlainText = (text: string): TextChunk[] =>
  numbered(
    packParagraphs(paragraphsOf(normaliseNewlines(text))).map((t) => ({
      heading: null,
      page: null,
      text: t,
    })),
  )

// --- Markdown ---------------------------------------------------------------------------------

type Section = { heading: string | null; lines: string[] }

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/
const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** A heading as a person reads it: links become their text, emphasis and code marks go. */
export const plainHeading = (heading: string) =>
  heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*`]|(?<!\w)_+|_+(?!\w)/g, '')
    .replace(/\s+/g, ' ')
    .trim()

const headingPath = (levels: ReadonlyArray<string | undefined>): string | null => {
  const path = levels.filter((h): h is string => h !== undefined && h !== '').join(HEADING_SEPARATOR)
  if (path === '') return null
  return path.length <= HEADING_MAX_CHARS ? path : `${path.slice(0, HEADING_MAX_CHARS - 1).trimEnd()}…`
}

/** YAML front matter (`---` … `---` at the very top) is metadata, not text to search. */
const withoutFrontMatter = (lines: string[]) => {
  if (lines[0]?.trim() !== '---') return lines
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'))
  return end === -1 ? lines : lines.slice(end + 1)
}

/** The document cut at its headings (ATX `#` and setext underlines), outside fenced code. */
const sectionsOf = (markdown: string): Section[] => {
  const levels: Array<string | undefined> = []
  const sections: Section[] = [{ heading: null, lines: [] }]
  let fence: string | null = null
  const startSection = (level: number, text: string) => {
    levels.length = level
    levels[level - 1] = plainHeading(text)
    sections.push({ heading: headingPath(levels), lines: [] })
  }
  for (const line of withoutFrontMatter(normaliseNewlines(markdown).split('\n'))) {
    const section = sections[sections.length - 1] as Section
    const fenceMark = FENCE.exec(line)?.[1]
    if (fence !== null) {
      if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length)
        fence = null
      section.lines.push(line)
      continue
    }
    if (fenceMark !== undefined) {
      fence = fenceMark
      section.lines.push(line)
      continue
    }
    const atx = ATX_HEADING.exec(line)
    if (atx !== null) {
      startSection(atx[1]?.length ?? 1, atx[2] ?? '')
      continue
    }
    // "Title" over "=====" or "-----": a heading when the line above is a one-line paragraph.
    const underline = SETEXT_UNDERLINE.exec(line)?.[1]
    const above = section.lines.at(-1)
    const twoAbove = section.lines.at(-2)
    if (
      underline !== undefined &&
      above !== undefined &&
      above.trim() !== '' &&
      (twoAbove === undefined || twoAbove.trim() === '') &&
      !/^\s*([-*+]|\d+[.)])\s/.test(above)
    ) {
      section.lines.pop()
      startSection(underline[0] === '=' ? 1 : 2, above)
      continue
    }
    section.lines.push(line)
  }
  return sections
}

export const chunkMarkdown = (markdown: string): TextChunk[] =>
  numbered(
    sectionsOf(markdown).flatMap(({ heading, lines }) =>
      packParagraphs(paragraphsOf(lines.join('\n'))).map((text) => ({ heading, page: null, text })),
    ),
  )

// --- PDF --------------------------------------------------------------------------------------

/**
 * A PDF page's lines within a paragraph are joined into running text: a line break is a space,
 * except after a hyphen ("twenty-" / "five" → "twenty-five"). Whether such a hyphen splits a word
 * or belongs to it cannot be told, so it is kept: nothing is lost or invented.
 */
const unwrap = (paragraph: string) =>
  paragraph
    .replace(/(\p{L})-[ \t]*\n[ \t]*(?=\p{L})/gu, '$1-')
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')

/**
 * Pages of text (paragraphs separated by blank lines, as `pdf-text.ts` writes them), chunked page by
 * page; `headings[i]` labels page i + 1's chunks (the PDF's outline, when it has one).
 */
export const chunkPages = (
  pages: ReadonlyArray<string>,
  headings: ReadonlyArray<string | null> = [],
): TextChunk[] =>
  numbered(
    pages.flatMap((text, i) =>
      packParagraphs(paragraphsOf(normaliseNewlines(text)).map(unwrap)).map((t) => ({
        heading: headings[i] ?? null,
        page: i + 1,
        text: t,
      })),
    ),
  )
