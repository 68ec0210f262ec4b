import type { HighlightRange } from '../../search/highlight.ts'

export interface Piece {
  readonly text: string
  readonly marked: boolean
}

/**
 * The part of `text` to show for a result, split into plain and marked pieces (the screen renders
 * marked ones as `<mark>`, from plain text: never HTML). A long text is cut to about `max`
 * characters around its first highlight, with "…" where it was cut.
 */
export const snippet = (text: string, ranges: readonly HighlightRange[], max = 320): Piece[] => {
  let from = 0
  let to = text.length
  if (text.length > max) {
    const first = ranges[0]?.start ?? 0
    from = Math.max(0, Math.min(first - Math.floor(max / 4), text.length - max))
    to = Math.min(text.length, from + max)
    // Cut at spaces rather than inside words, when one is near.
    if (from > 0) {
      const space = text.indexOf(' ', from)
      if (space !== -1 && space - from < 20 && space < (ranges[0]?.start ?? to)) from = space + 1
    }
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to)
      if (space > from && to - space < 20) to = space
    }
  }
  const pieces: Piece[] = []
  const push = (piece: string, marked: boolean) => {
    if (piece !== '') pieces.push({ text: piece, marked })
  }
  if (from > 0) push('…', false)
  let at = from
  for (const { start, end } of ranges) {
    if (end <= from || start >= to) continue
    const s = Math.max(start, from)
    const e = Math.min(end, to)
    push(text.slice(at, s), false)
    push(text.slice(s, e), true)
    at = e
  }
  push(text.slice(at, to), false)
  if (to < text.length) push('…', false)
  return pieces
}

/** The words that matched, as written in the text (lower-cased, each once, in order). */
export const matchedWords = (text: string, ranges: readonly HighlightRange[]): string[] => [
  ...new Set(ranges.map((r) => text.slice(r.start, r.end).toLowerCase())),
]

/** `text` without its first line (shown elsewhere, e.g. as the result's link), ranges moved along. */
export const withoutFirstLine = (
  text: string,
  ranges: readonly HighlightRange[],
): { text: string; ranges: HighlightRange[] } => {
  const cut = text.indexOf('\n') + 1
  if (cut === 0) return { text, ranges: [...ranges] }
  return {
    text: text.slice(cut),
    ranges: ranges.filter((r) => r.start >= cut).map((r) => ({ start: r.start - cut, end: r.end - cut })),
  }
}
