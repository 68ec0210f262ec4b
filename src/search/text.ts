// Text → index terms. The same function runs on documents and on queries, so whatever folding
// happens here decides what can match. Offsets are kept in the original text so highlights can be
// drawn on the text the person wrote (never on the folded copy, whose length may differ).

/** Small on purpose: only words that carry no meaning in memories and messages. Negations ("not",
 *  "no", "never") are kept because they change what a memory says. */
const STOPWORDS = new Set(
  (
    'a an and are as at be been but by for from had has have he her his i if in into is it its me my ' +
    'of on or our she so than that the their them then there these they this those to was we were ' +
    'what when where which who will with would you your'
  ).split(' '),
)

/** Letters NFKD does not decompose into a base letter plus marks. */
const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
}
const SPECIAL_PATTERN = /[ßæœøđðłıþ]/g
const MARKS = /\p{M}/gu
const APOSTROPHES = /['’]/g
const POSSESSIVE = /['’]s$/
const ASCII = /^[\x20-\x7e]*$/

/** A word: letters, digits and combining marks, with apostrophes inside ("don't", "Anna’s"). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu
/** Han, Hiragana and Katakana are written without spaces: each character is its own token, so a
 *  query word in them becomes a phrase of consecutive characters. */
const CJK_SPLIT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+/gu
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u

/** Longer runs are identifiers, hashes or base64, not words: indexing them only grows the vocabulary. */
export const MAX_TOKEN_LENGTH = 48

/** Lower case, compatibility-decomposed (ﬁ → fi, ² → 2), accents stripped (é → e). */
export const fold = (word: string): string => {
  const lower = word.toLowerCase()
  if (ASCII.test(lower)) return lower
  return lower
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_FOLDS[letter] ?? letter)
}

/**
 * Harman's S-stemmer (1991): plural and third-person -s only. Chosen over Porter because it never
 * merges words of different meaning that a person would notice ("university"/"universe"); the gain
 * measured on `text.test.ts`'s inflection set is documented in docs/SEARCH.md.
 */
export const stem = (term: string): string => {
  const n = term.length
  if (n <= 3 || term.charCodeAt(n - 1) !== 115 /* s */) return term
  if (term.endsWith('ies') && !term.endsWith('eies') && !term.endsWith('aies')) return `${term.slice(0, -3)}y`
  if (term.endsWith('es') && !term.endsWith('aes') && !term.endsWith('ees') && !term.endsWith('oes')) {
    return term.slice(0, -1)
  }
  if (term.endsWith('us') || term.endsWith('ss')) return term
  return term.slice(0, -1)
}

export const isStopword = (folded: string): boolean => STOPWORDS.has(folded)

/** The index term of one word as it appears in text, or '' for a stopword. */
export const termOf = (word: string): string => {
  const folded = fold(word.replace(POSSESSIVE, '')).replace(APOSTROPHES, '')
  return isStopword(folded) ? '' : stem(folded)
}

/**
 * Calls `visit` for every token in order. `position` counts stopwords too, so a phrase such as
 * "walk the dog" still needs "walk" and "dog" two positions apart. `term` is '' for a stopword.
 * A callback rather than an array: indexing 100k documents would otherwise allocate millions of
 * short-lived objects.
 */
export const forEachToken = (
  text: string,
  visit: (term: string, start: number, end: number, position: number) => void,
): void => {
  let position = 0
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const start = match.index
    if (CJK.test(word)) {
      for (const piece of word.matchAll(CJK_SPLIT)) {
        const pieceStart = start + piece.index
        if (piece[0].length > MAX_TOKEN_LENGTH) continue
        visit(termOf(piece[0]), pieceStart, pieceStart + piece[0].length, position++)
      }
      continue
    }
    if (word.length > MAX_TOKEN_LENGTH) continue
    visit(termOf(word), start, start + word.length, position++)
  }
}

export interface Token {
  readonly term: string
  readonly start: number
  readonly end: number
  readonly position: number
}

/** Every token, stopwords included (term ''). For highlighting and tests; indexing uses `forEachToken`. */
export const tokenize = (text: string): Token[] => {
  const tokens: Token[] = []
  forEachToken(text, (term, start, end, position) => tokens.push({ term, start, end, position }))
  return tokens
}

/** The index terms of `text`, stopwords dropped. */
export const terms = (text: string): string[] => {
  const out: string[] = []
  forEachToken(text, (term) => {
    if (term) out.push(term)
  })
  return out
}
