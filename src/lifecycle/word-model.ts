import { FrequencyTable } from './frequency-table.ts'
import { WORD_COUNTS_V2, WORDS_V2 } from './word-model-v2.ts'

/**
 * The English word model of compression format 2, unpacked from the frozen `word-model-v2.ts`
 * (built by scripts/build-word-model.mjs from SUBTLEX-US, first-name lists and a hand-written domain
 * list; see there). Unpacking takes some milliseconds, so it happens on first use, once.
 */

/** A word's case: how its letters compare with the lower-case form. */
export const LOWER = 0
export const CAPITALISED = 1
export const UPPER = 2
export const MIXED = 3
export type CaseForm = typeof LOWER | typeof CAPITALISED | typeof UPPER | typeof MIXED

/** The first of LOWER, CAPITALISED, UPPER that spells `word`, else MIXED ("I" is CAPITALISED). */
export const caseOf = (word: string): CaseForm => {
  const lower = word.toLowerCase()
  if (word === lower) return LOWER
  if (word === (lower[0] ?? '').toUpperCase() + lower.slice(1)) return CAPITALISED
  if (word === word.toUpperCase()) return UPPER
  return MIXED
}

/**
 * How often a word is not in the vocabulary, as a count beside SUBTLEX's (51 M words): 2 % of
 * words, chosen by hand (names and places of people's notes are the usual misses). Part of the format.
 */
const ESCAPE_COUNT = 1_000_000

/** Letters a–z are 0–25; 26 is the word's edge (before its first letter, after its last). */
const EDGE = 26
const LETTERS = 27

export type WordModel = {
  /** Symbol 0 is the escape (a word spelled out); word i is symbol i + 1. */
  words: FrequencyTable
  /** Lower-case word → symbol. */
  index: Map<string, number>
  /** Symbol → lower-case word. */
  lowerWords: string[]
  /** Symbol → the case of the word's most common form in SUBTLEX (or as the dictionary writes it). */
  naturalCase: Uint8Array
  /** Order-2 letter model for spelling words outside the vocabulary: table of context a·27+b. */
  letters: FrequencyTable[]
}

let model: WordModel | undefined

export const wordModel = (): WordModel => {
  if (model === undefined) model = unpack()
  return model
}

const unpack = (): WordModel => {
  const counts = [ESCAPE_COUNT]
  const lowerWords = ['']
  const cases = [LOWER as number]
  let position = 0
  for (const run of WORD_COUNTS_V2.split(',')) {
    const [count, length] = run.split(':').map(Number)
    if (count === undefined || length === undefined) throw new Error('Word model damaged.')
    let previous = ''
    for (let i = 0; i < length; i += 1) {
      const shared = WORDS_V2.charCodeAt(position) - 48
      let end = position + 1
      while (end < WORDS_V2.length && WORDS_V2.charCodeAt(end) > 57) end += 1
      const form = previous.slice(0, shared) + WORDS_V2.slice(position + 1, end)
      position = end
      previous = form
      counts.push(count)
      lowerWords.push(form.toLowerCase())
      cases.push(caseOf(form))
    }
  }
  if (position !== WORDS_V2.length) throw new Error('Word model damaged.')
  const index = new Map<string, number>()
  for (let i = 1; i < lowerWords.length; i += 1) index.set(lowerWords[i] ?? '', i)

  // Letter trigrams of the vocabulary's word types (each word once: words spelled out are rare
  // words, which look like the vocabulary's many rare types more than its few frequent tokens).
  const trigrams = new Uint32Array(LETTERS * LETTERS * LETTERS)
  for (let i = 1; i < lowerWords.length; i += 1) {
    let a = EDGE
    let b = EDGE
    for (const c of [...letterCodes(lowerWords[i] ?? ''), EDGE]) {
      trigrams[(a * LETTERS + b) * LETTERS + c] = (trigrams[(a * LETTERS + b) * LETTERS + c] ?? 0) + 1
      a = b
      b = c
    }
  }
  const letters: FrequencyTable[] = []
  for (let context = 0; context < LETTERS * LETTERS; context += 1) {
    // ×4 + 1: a letter never seen after these two still gets a small share.
    letters.push(
      new FrequencyTable(
        Array.from(trigrams.subarray(context * LETTERS, (context + 1) * LETTERS), (n) => n * 4 + 1),
      ),
    )
  }
  return {
    words: new FrequencyTable(counts),
    index,
    lowerWords,
    naturalCase: Uint8Array.from(cases),
    letters,
  }
}

/** a–z as 0–25 (the word is lower case ASCII). */
export const letterCodes = (word: string) => Array.from(word, (c) => c.charCodeAt(0) - 97)

export const LETTER_EDGE = EDGE
export const letterContext = (a: number, b: number) => a * LETTERS + b
