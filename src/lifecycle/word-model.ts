import { FrequencyTable } from './frequency-table.ts'
import { WordIndex } from './word-index.ts'
import { WORD_COUNTS_V2, WORDS_V2 } from './word-model-v2.ts'

/**
 * The English word model of compression format 2, unpacked from the frozen `word-model-v2.ts`
 * (built by scripts/build-word-model.mjs from SUBTLEX-US, first-name lists and a hand-written domain
 * list; see there). Unpacking takes a few tens of milliseconds, so it happens on first use, once.
 */

/** A word's case: how its letters compare with the lower-case form. */
export const LOWER = 0
export const CAPITALISED = 1
export const UPPER = 2
export const MIXED = 3
export type CaseForm = typeof LOWER | typeof CAPITALISED | typeof UPPER | typeof MIXED

/** The first of LOWER, CAPITALISED, UPPER that spells `word`, else MIXED ("I" is CAPITALISED). */
export const caseOf = (word: string, lower = word.toLowerCase()): CaseForm => {
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

/** Articles and possessives: a noun or adjective follows them (hand-written from English grammar). */
export const DETERMINERS = new Set('a an the my your his our their its every each'.split(' '))

/**
 * Words that follow numbers: units of time, quantity and money, ordinal endings, months ("16
 * September"), counted things (hand-written, general English). After a number they count 32 times more.
 * Not "m" (metres): SUBTLEX counts it as the end of "I'm", and 32 times that would crowd out the rest.
 */
export const NUMBER_WORDS = new Set(
  `am pm h min mins minutes hour hours day days week weeks month months year years decade times
  people persons kids children km miles cm kg g lb lbs litres liters euros euro dollars dollar
  pounds percent st nd rd th January February March April May June July August September October
  November December pages steps items`
    .toLowerCase()
    .split(/\s+/),
)

/**
 * Articles, possessives, prepositions and conjunctions: another word (or a number) nearly always
 * follows them, hardly ever punctuation (hand-written from English grammar).
 */
export const FUNCTION_WORDS = new Set(
  `a an the my your his her our their its of to in on at for with from by about into onto over under
  after before between through during without within across towards toward upon among against
  and or but nor if because although though while whereas than every each very`.split(/\s+/),
)

/** Letters a–z are 0–25; 26 is the word's edge (before its first letter, after its last). */
const EDGE = 26
const LETTERS = 27

export type WordModel = {
  /** Symbol 0 is the escape (a word spelled out); word i is symbol i + 1. */
  words: FrequencyTable
  /**
   * The same after a determiner (`DETERMINERS`), where a function word is rare ("the of" is not
   * English; "of the" is, so prepositions keep the plain table): their counts are divided by 16.
   */
  wordsAfterDeterminer: FrequencyTable
  /** The same after a number, where `NUMBER_WORDS` are 32 times likelier. */
  wordsAfterNumber: FrequencyTable
  /** Lower-case word ↔ symbol. */
  index: WordIndex
  /** Symbol → the case of the word's most common form in SUBTLEX (or as the dictionary writes it). */
  naturalCase: Uint8Array
  /** Order-2 letter model for spelling words outside the vocabulary: table of context a·27+b. */
  letters: FrequencyTable[]
  /**
   * The same for capitalised words (names, places): trained on the vocabulary's words whose usual
   * form is capitalised or all capitals (SUBTLEX's proper nouns and the first-name lists).
   */
  nameLetters: FrequencyTable[]
}

let model: WordModel | undefined

export const wordModel = (): WordModel => {
  if (model === undefined) model = unpack()
  return model
}

/** A separator of `WORDS_V2` (see there) → the word's usual case, and the code its ten start at. */
const separatorCase = (code: number): CaseForm =>
  code >= 85 ? MIXED : code >= 75 ? UPPER : code >= 65 ? CAPITALISED : LOWER
const SEPARATOR_BASE = [48, 65, 75, 85] as const

const unpack = (): WordModel => {
  const runs = WORD_COUNTS_V2.split(',').map((run) => run.split(':').map(Number))
  let size = 0
  for (const [, length] of runs) size += length ?? 0
  // Front coding repeats at most 9 letters a word, so this is room enough.
  const index = new WordIndex(size, WORDS_V2.length + 9 * size)
  const counts = new Float64Array(size + 1)
  const cases = new Uint8Array(size + 1)
  counts[0] = ESCAPE_COUNT
  let position = 0
  for (const [count = 0, length = 0] of runs) {
    for (let i = 0; i < length; i += 1) {
      const separator = WORDS_V2.charCodeAt(position)
      const form = separatorCase(separator)
      position = index.append(WORDS_V2, position + 1, separator - SEPARATOR_BASE[form])
      counts[index.size] = count
      cases[index.size] = form
    }
  }
  if (position !== WORDS_V2.length || index.size !== size || size === 0)
    throw new Error('Word model damaged.')

  // Letter trigrams of the vocabulary's word types (each word once: words spelled out are rare
  // words, which look like the vocabulary's many rare types more than its few frequent tokens).
  const trigrams = new Uint32Array(LETTERS * LETTERS * LETTERS)
  const nameTrigrams = new Uint32Array(LETTERS * LETTERS * LETTERS)
  index.forEachWord((symbol, letters, from, to) => {
    const target = cases[symbol] === LOWER ? trigrams : nameTrigrams
    let context = letterContext(EDGE, EDGE)
    for (let j = from; j <= to; j += 1) {
      const letter = j < to ? (letters[j] ?? 97) - 97 : EDGE
      const at = context * LETTERS + letter
      target[at] = (target[at] ?? 0) + 1
      context = nextLetterContext(context, letter)
    }
  })
  // ×4 + 1: a letter never seen after these two still gets a small share.
  const tables = (counts: Uint32Array) =>
    Array.from(
      { length: LETTERS * LETTERS },
      (_, context) =>
        new FrequencyTable(counts.subarray(context * LETTERS, (context + 1) * LETTERS).map((n) => n * 4 + 1)),
    )
  /** `counts` with the counts of `words` changed by `change`. */
  const adjusted = (words: Set<string>, change: (count: number) => number) => {
    const result = counts.slice()
    for (const word of words) {
      const symbol = index.lookup(word)
      if (symbol !== 0) result[symbol] = change(result[symbol] ?? 0)
    }
    return new FrequencyTable(result)
  }
  return {
    words: new FrequencyTable(counts),
    wordsAfterDeterminer: adjusted(FUNCTION_WORDS, (count) => Math.max(1, Math.floor(count / 16))),
    wordsAfterNumber: adjusted(NUMBER_WORDS, (count) => count * 32),
    index,
    naturalCase: cases,
    letters: tables(trigrams),
    nameLetters: tables(nameTrigrams),
  }
}

/** a–z as 0–25 (the word is lower case ASCII). */
export const letterCodes = (word: string) => Array.from(word, (c) => c.charCodeAt(0) - 97)

export const LETTER_EDGE = EDGE
export const letterContext = (a: number, b: number) => a * LETTERS + b
/** The context after `letter` followed context `context` (its second letter, then this one). */
export const nextLetterContext = (context: number, letter: number) => (context % LETTERS) * LETTERS + letter
