import { FrequencyTable } from './frequency-table.ts'
import { CAPITALISED, DETERMINERS, FUNCTION_WORDS, LOWER, MIXED, UPPER } from './word-model.ts'

/**
 * The hand-set token model of compression format 2 (`compression-v2.ts`): which kind of token comes
 * next given the one before, whether a space precedes it, how words are cased, and what numbers
 * look like. The weights are written by hand from general knowledge of English prose and notes
 * (sentences end in a full stop, a comma is followed by a space and a word, times read 12:30), not
 * measured on any data. FROZEN: changing a weight changes every format-2 text; a better model is
 * a new format.
 */

/** Every character that is a token of its own; anything else that is not a letter or digit is OTHER. */
export const PUNCTUATION = ` .,'"!?:;-()/&%+=@#*_[]{}<>$~\`|\\^\n\t\r—–’‘“”…€£°`

export const WORD = 0
export const NUMBER = 1
export const OTHER = 2
/** Punctuation character i of PUNCTUATION is kind FIRST_PUNCTUATION + i. */
export const FIRST_PUNCTUATION = 3
const KINDS = FIRST_PUNCTUATION + PUNCTUATION.length

/** Symbol 0 ends the text; kind k is symbol 1 + 2k without a space before it, 2 + 2k with one. */
export const END = 0
export const kindSymbol = (kind: number, spaced: boolean) => 1 + 2 * kind + (spaced ? 1 : 0)
const SYMBOLS = 1 + 2 * KINDS

/** What came before the next token: the context of the token tables. */
export const State = {
  start: 0,
  word: 1,
  number: 2,
  /** after . ! ? … */
  stop: 3,
  /** after , ; */
  comma: 4,
  colon: 5,
  /** after a number and a colon: a time's minutes */
  numberColon: 6,
  apostrophe: 7,
  open: 8,
  close: 9,
  quote: 10,
  dash: 11,
  newline: 12,
  space: 13,
  other: 14,
  /** after a word that does not end a phrase (`FUNCTION_WORDS`) */
  functionWord: 15,
  /** after a determiner (`DETERMINERS`), also a function word */
  determiner: 16,
  /** after a content word among the first four of a sentence, which rarely ends so soon */
  wordEarly: 17,
} as const

/** A sentence of fewer words than this is short (`State.wordEarly`). */
const SHORT_SENTENCE = 5
export type State = (typeof State)[keyof typeof State]

const PUNCTUATION_STATE: Record<string, State> = {
  '.': State.stop,
  '!': State.stop,
  '?': State.stop,
  '…': State.stop,
  ',': State.comma,
  ';': State.comma,
  ':': State.colon,
  "'": State.apostrophe,
  '’': State.apostrophe,
  '(': State.open,
  '[': State.open,
  '{': State.open,
  '“': State.open,
  '‘': State.open,
  ')': State.close,
  ']': State.close,
  '}': State.close,
  '”': State.close,
  '"': State.quote,
  '-': State.dash,
  '–': State.dash,
  '—': State.dash,
  '/': State.dash,
  '\n': State.newline,
  '\r': State.newline,
  ' ': State.space,
  '\t': State.space,
}

/**
 * `lower`: the word just coded, in lower case, when `kind` is WORD; `sentenceWords`: how many words
 * the sentence has had so far, this one included.
 */
export const stateAfter = (kind: number, previous: State, lower: string, sentenceWords: number): State => {
  if (kind === WORD) {
    if (DETERMINERS.has(lower)) return State.determiner
    if (FUNCTION_WORDS.has(lower)) return State.functionWord
    return sentenceWords < SHORT_SENTENCE ? State.wordEarly : State.word
  }
  if (kind === NUMBER) return State.number
  if (kind === OTHER) return State.other
  const char = PUNCTUATION[kind - FIRST_PUNCTUATION] ?? ''
  if (char === ':' && previous === State.number) return State.numberColon
  return PUNCTUATION_STATE[char] ?? State.other
}

/** A capital letter is expected here. */
export const sentenceStart = (state: State) =>
  state === State.start || state === State.stop || state === State.newline

/**
 * Weights in parts of about 10,000 for the likely next tokens; every other symbol weighs 1 (OTHER,
 * a non-ASCII character such as é inside a word, 5). Keys: W word, N number, O other, END, or the
 * punctuation character; a trailing `_` means "with a space before it" ("__" is a spaced underscore).
 */
/** After a content word, but for the end of a sentence: punctuation is about 1.5 times as likely as after any word. */
const AFTER_CONTENT_WORD = {
  W_: 7000,
  ',': 1050,
  N_: 200,
  "'": 220,
  '’': 150,
  '-': 90,
  ':': 75,
  ')': 45,
  '"': 45,
  '(_': 45,
  '\n': 45,
  '”': 30,
  ';': 30,
  '—_': 30,
  '—': 15,
  '–_': 15,
  '-_': 15,
  '/': 15,
  '&_': 8,
  O: 30,
}
const AFTER_FUNCTION_WORD = { W_: 9500, N_: 350, '"_': 20, '“_': 20, '(_': 10, "'": 10, '’': 10, O: 10 }
const NEXT: Record<State, Record<string, number>> = {
  [State.start]: { W: 8800, N: 300, END: 100, '"': 100, '“': 50, '(': 50, '-': 50, '*': 30, '#': 20, O: 50 },
  // After a content word (function words have their own states): a sentence of four words or
  // fewer rarely ends yet, a longer one more often.
  [State.word]: { ...AFTER_CONTENT_WORD, '.': 1300, END: 170, '?': 80, '!': 60 },
  [State.wordEarly]: { ...AFTER_CONTENT_WORD, '.': 300, END: 40, '?': 20, '!': 15 },
  [State.functionWord]: AFTER_FUNCTION_WORD,
  [State.determiner]: AFTER_FUNCTION_WORD,
  [State.stop]: {
    END: 5000,
    W_: 4200,
    '\n': 200,
    N_: 100,
    '"': 50,
    '”': 50,
    ')': 50,
    '.': 50,
    ' ': 50,
    N: 30,
    '"_': 30,
    '(_': 20,
  },
  [State.comma]: { W_: 9200, N_: 400, '"_': 50, '“_': 30, '\n': 30, '(_': 20, W: 50 },
  [State.colon]: { W_: 7500, N_: 700, '\n': 800, '"_': 100, '“_': 50, N: 100 },
  [State.numberColon]: { N: 9500, W_: 200, N_: 100, '\n': 50 },
  [State.number]: {
    W_: 5400,
    ':': 800,
    '.': 700,
    ',': 700,
    W: 300,
    N_: 200,
    '-': 200,
    '/': 200,
    END: 200,
    '%': 150,
    ')': 80,
    '–': 50,
    '\n': 50,
    "'": 20,
    '’': 20,
    ';': 20,
  },
  [State.apostrophe]: { W: 9000, W_: 100, '.': 50, ',': 50, END: 50 },
  [State.open]: { W: 8500, N: 1000, '"': 50, O: 50 },
  [State.close]: { W_: 5000, '.': 2000, ',': 1500, END: 500, ';': 100, ':': 100, ')': 50 },
  [State.quote]: { W: 4000, W_: 2500, ',': 600, '.': 500, END: 400, N: 200, '?': 100, '!': 50 },
  [State.dash]: { W: 6000, W_: 2500, N: 800, N_: 300 },
  [State.newline]: { W: 7000, '\n': 1000, N: 500, '-': 500, END: 300, '*': 200, ' ': 200, '#': 100 },
  [State.space]: { W_: 4000, W: 2000, ' ': 2000, END: 1000, N_: 300, N: 200 },
  [State.other]: {
    W_: 3000,
    W: 2500,
    O: 800,
    END: 500,
    O_: 400,
    N_: 300,
    N: 300,
    '.': 300,
    ',': 300,
    ' ': 100,
  },
}

const symbolOfKey = (key: string): number => {
  if (key === 'END') return END
  const spaced = key.length === 2 && key.endsWith('_')
  const name = spaced ? key.slice(0, 1) : key
  const kind =
    name === 'W'
      ? WORD
      : name === 'N'
        ? NUMBER
        : name === 'O'
          ? OTHER
          : FIRST_PUNCTUATION + PUNCTUATION.indexOf(name)
  if (kind < WORD || name.length !== 1) throw new Error(`Bad token key ${key}.`)
  return kindSymbol(kind, spaced)
}

export const nextTables = Object.values(NEXT).map((weights) => {
  const frequencies = new Array<number>(SYMBOLS).fill(1)
  frequencies[kindSymbol(OTHER, false)] = 5
  for (const [key, weight] of Object.entries(weights)) frequencies[symbolOfKey(key)] = weight
  return new FrequencyTable(frequencies)
})

/** Words after an apostrophe (don't, she's, we'll…); symbol 0 is "another word". */
export const APOSTROPHE_WORDS = ['s', 't', 'll', 're', 've', 'd', 'm']
export const apostropheTable = new FrequencyTable([500, 4000, 3000, 800, 700, 500, 400, 400])

/**
 * Case tables, by the word's natural case (LOWER, CAPITALISED, UPPER, MIXED, or 4: spelled out,
 * not in the vocabulary) and whether a sentence starts here. Symbols: LOWER, CAPITALISED, UPPER, MIXED.
 */
const CASES: Array<[mid: number[], start: number[]]> = [
  [
    [9700, 250, 40, 10],
    [600, 9300, 80, 20],
  ],
  // SUBTLEX capitalises some words only because subtitles start lines with them, hence 23 % lower.
  [
    [2300, 7500, 150, 50],
    [200, 9700, 80, 20],
  ],
  [
    [1500, 2500, 6000, 10],
    [500, 3000, 6490, 10],
  ],
  [
    [2000, 2000, 1000, 5000],
    [500, 3500, 1000, 5000],
  ],
  // Words outside the vocabulary are mostly names and places.
  [
    [3500, 6000, 400, 100],
    [300, 9500, 150, 50],
  ],
]
export const SPELLED = 4
export const caseTables = CASES.map(
  ([mid, start]) => [new FrequencyTable(mid), new FrequencyTable(start)] as const,
)
export const CASE_FORMS = [LOWER, CAPITALISED, UPPER, MIXED] as const

/**
 * Numbers: symbols 0–99 are those values written plainly, 100–109 are "00"–"09", 110 and 111 are
 * years 19xx and 20xx (two more digits follow), 112 is any other digit string (its length, then
 * its digits).
 */
export const NUMBER_ZERO_PADDED = 100
export const NUMBER_1900 = 110
export const NUMBER_2000 = 111
export const NUMBER_LONG = 112
/** Digit strings are cut into tokens of at most this many digits. */
export const MAX_DIGITS = 32

const numberWeights = (minutes: boolean) => {
  const weights = new Array<number>(NUMBER_LONG + 1).fill(1)
  for (let n = 0; n < 100; n += 1) {
    // Counts, days of the month and hours are small; round numbers are common.
    let w = n === 0 ? 40 : n <= 12 ? 60 : n <= 31 ? 30 : n < 60 ? 8 : 5
    if (n % 5 === 0 && n > 0) w *= 2
    weights[n] = minutes ? (n >= 10 ? (n % 5 === 0 ? 15 : 2) : 1) : w
  }
  for (let d = 0; d < 10; d += 1) weights[NUMBER_ZERO_PADDED + d] = minutes ? (d === 5 ? 15 : 2) : 3
  if (minutes) {
    // A time's minutes: on the hour, half past, quarter past and to.
    weights[NUMBER_ZERO_PADDED] = 400
    weights[30] = 200
    weights[15] = 80
    weights[45] = 80
  } else {
    weights[NUMBER_ZERO_PADDED] = 10
    weights[NUMBER_1900] = 60
    weights[NUMBER_2000] = 150
    weights[NUMBER_LONG] = 100
  }
  return new FrequencyTable(weights)
}
export const numberTable = numberWeights(false)
export const minutesTable = numberWeights(true)
/** Lengths 3…MAX_DIGITS of a long number, symbol = length − 3: amounts of 3–4 digits are usual. */
export const longLengthTable = new FrequencyTable(
  Array.from({ length: MAX_DIGITS - 2 }, (_, i) => (i === 0 ? 30 : i === 1 ? 20 : i === 2 ? 10 : 3)),
)
export const digitTable = new FrequencyTable(new Array<number>(10).fill(1))
export const twoDigitTable = new FrequencyTable(new Array<number>(100).fill(1))

/**
 * A character outside the token alphabet is coded as its code point (a lone surrogate as itself):
 * first its range, then its offset in that range, uniformly. Ranges: ASCII controls (7 bits),
 * U+0080–07FF (accented Latin, Greek, Cyrillic…: 11 bits), the rest of the BMP (16 bits), above it
 * (20 bits).
 */
export const CODE_POINT_RANGES = [
  { start: 0, bits: 7 },
  { start: 0x80, bits: 11 },
  { start: 0x800, bits: 16 },
  { start: 0x10000, bits: 20 },
] as const
export const codePointRangeTable = new FrequencyTable([1, 60, 30, 9])
