// Where the matched terms are in a text, as UTF-16 ranges. Plain data, never markup: the UI wraps
// the ranges itself (as React elements), so document text can never be interpreted as HTML.
import { forEachToken } from './text.ts'

export interface HighlightRange {
  readonly start: number
  readonly end: number
}

/** Ranges of the words of `text` whose index term is one of `terms`, in order, not overlapping. */
export const highlight = (text: string, terms: Iterable<string>): HighlightRange[] => {
  const wanted = new Set(terms)
  const ranges: HighlightRange[] = []
  if (wanted.size === 0) return ranges
  forEachToken(text, (term, start, end) => {
    if (term && wanted.has(term)) ranges.push({ start, end })
  })
  return ranges
}
