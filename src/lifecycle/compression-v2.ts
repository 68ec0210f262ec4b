import { decodeUniform, encodeUniform } from './frequency-table.ts'
import { RangeDecoder, RangeEncoder } from './range-coder.ts'
import {
  APOSTROPHE_WORDS,
  apostropheTable,
  CASE_FORMS,
  CODE_POINT_RANGES,
  caseTables,
  codePointRangeTable,
  digitTable,
  END,
  FIRST_PUNCTUATION,
  kindSymbol,
  longLengthTable,
  MAX_DIGITS,
  minutesTable,
  NUMBER,
  NUMBER_1900,
  NUMBER_2000,
  NUMBER_LONG,
  NUMBER_ZERO_PADDED,
  nextTables,
  numberTable,
  OTHER,
  PUNCTUATION,
  SPELLED,
  State,
  sentenceStart,
  stateAfter,
  twoDigitTable,
  WORD,
} from './text-model.ts'
import {
  CAPITALISED,
  type CaseForm,
  caseOf,
  LETTER_EDGE,
  LOWER,
  letterCodes,
  letterContext,
  MIXED,
  nextLetterContext,
  UPPER,
  type WordModel,
  wordModel,
} from './word-model.ts'

/**
 * Compression format 2 (docs/LIFECYCLE.md): a memory is a sequence of tokens — words (runs of
 * ASCII letters), numbers (runs of digits), punctuation and whitespace characters, and any other
 * character by its code point — each optionally preceded by one space. Each token is coded with
 * the range coder against a static model: the English word model (`word-model.ts`) and the
 * hand-set token model (`text-model.ts`). A text of 100 bytes becomes about 30: a common word
 * costs ~10 bits, the space before it and the full stop at the end almost nothing.
 *
 * Lossless for every JavaScript string, lone surrogates included. Deterministic: the model is
 * frozen, so the same text always gives the same bytes (a golden test pins some).
 */

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isDigit = (c: number) => c >= 48 && c <= 57
const SPACE = 32
const punctuationKind = new Map(Array.from(PUNCTUATION, (c, i) => [c, FIRST_PUNCTUATION + i]))

export const compressTextV2 = (text: string): Uint8Array => {
  const encoder = new RangeEncoder()
  let state: State = State.start
  let sentenceWords = 0
  let i = 0
  while (i < text.length) {
    // One space before a token is part of the token's symbol; more are tokens of their own.
    let spaced = false
    if (text.charCodeAt(i) === SPACE && i + 1 < text.length && text.charCodeAt(i + 1) !== SPACE) {
      spaced = true
      i += 1
    }
    const c = text.charCodeAt(i)
    const table = nextTables[state]
    if (table === undefined) throw new Error(`No table for state ${state}.`)
    let kind: number
    // The word in lower case, made once: the vocabulary, its case and the next state all use it.
    let lower = ''
    if (isLetter(c)) {
      let end = i + 1
      while (end < text.length && isLetter(text.charCodeAt(end))) end += 1
      table.encode(encoder, kindSymbol(WORD, spaced))
      const word = text.slice(i, end)
      lower = word.toLowerCase()
      encodeWord(encoder, word, lower, state)
      kind = WORD
      i = end
    } else if (isDigit(c)) {
      let end = i + 1
      while (end < text.length && end - i < MAX_DIGITS && isDigit(text.charCodeAt(end))) end += 1
      table.encode(encoder, kindSymbol(NUMBER, spaced))
      encodeNumber(encoder, text.slice(i, end), state === State.numberColon)
      kind = NUMBER
      i = end
    } else {
      const codePoint = text.codePointAt(i) ?? c
      const char = String.fromCodePoint(codePoint)
      kind = punctuationKind.get(char) ?? OTHER
      table.encode(encoder, kindSymbol(kind, spaced))
      if (kind === OTHER) encodeCodePoint(encoder, codePoint)
      i += char.length
    }
    if (kind === WORD) sentenceWords += 1
    state = stateAfter(kind, state, lower, sentenceWords)
    if (sentenceStart(state)) sentenceWords = 0
  }
  nextTables[state]?.encode(encoder, END)
  return encoder.finish()
}

/** Throws when the bytes are not format-2 data (see `RangeDecoder`). */
export const decompressTextV2 = (bytes: Uint8Array): string => {
  const decoder = new RangeDecoder(bytes)
  const parts: string[] = []
  let state: State = State.start
  let sentenceWords = 0
  for (;;) {
    const table = nextTables[state]
    if (table === undefined) throw new Error(`No table for state ${state}.`)
    const symbol = table.decode(decoder)
    if (symbol === END) break
    const kind = (symbol - 1) >> 1
    if ((symbol - 1) & 1) parts.push(' ')
    let word = ''
    if (kind === WORD) {
      word = decodeWord(decoder, state)
      parts.push(word)
    } else if (kind === NUMBER) parts.push(decodeNumber(decoder, state === State.numberColon))
    else if (kind === OTHER) parts.push(String.fromCodePoint(decodeCodePoint(decoder)))
    else parts.push(PUNCTUATION[kind - FIRST_PUNCTUATION] ?? '')
    if (kind === WORD) sentenceWords += 1
    state = stateAfter(kind, state, word.toLowerCase(), sentenceWords)
    if (sentenceStart(state)) sentenceWords = 0
  }
  return parts.join('')
}

// Words: after an apostrophe, first the usual contraction endings; then the vocabulary, or the
// escape and the word spelled out letter by letter; then its case.

const wordTable = (model: WordModel, state: State) =>
  state === State.determiner
    ? model.wordsAfterDeterminer
    : state === State.number
      ? model.wordsAfterNumber
      : model.words

const encodeWord = (encoder: RangeEncoder, word: string, lower: string, state: State) => {
  const form = caseOf(word, lower)
  if (state === State.apostrophe) {
    const ending = APOSTROPHE_WORDS.indexOf(lower)
    apostropheTable.encode(encoder, ending + 1)
    if (ending >= 0) return encodeCase(encoder, word, form, LOWER, state)
  }
  const model = wordModel()
  const symbol = model.index.lookup(lower)
  wordTable(model, state).encode(encoder, symbol)
  if (symbol !== 0) return encodeCase(encoder, word, form, model.naturalCase[symbol] ?? LOWER, state)
  // Spelled out: the case first, so that a capitalised word is spelled like a name.
  caseTable(SPELLED, state).encode(encoder, CASE_FORMS.indexOf(form))
  const letters = form === LOWER ? model.letters : model.nameLetters
  let context = letterContext(LETTER_EDGE, LETTER_EDGE)
  for (const letter of [...letterCodes(lower), LETTER_EDGE]) {
    letters[context]?.encode(encoder, letter)
    context = nextLetterContext(context, letter)
  }
  encodeMixed(encoder, word, form)
}

const decodeWord = (decoder: RangeDecoder, state: State): string => {
  if (state === State.apostrophe) {
    const ending = apostropheTable.decode(decoder) - 1
    const word = APOSTROPHE_WORDS[ending]
    if (word !== undefined) return decodeCase(decoder, word, LOWER, state)
  }
  const model = wordModel()
  const symbol = wordTable(model, state).decode(decoder)
  if (symbol !== 0)
    return decodeCase(decoder, model.index.wordAt(symbol), model.naturalCase[symbol] ?? LOWER, state)
  const form = decodeCaseForm(decoder, SPELLED, state)
  const letters = form === LOWER ? model.letters : model.nameLetters
  let word = ''
  let context = letterContext(LETTER_EDGE, LETTER_EDGE)
  for (;;) {
    const table = letters[context]
    if (table === undefined) throw new Error('Compressed text is damaged.')
    const letter = table.decode(decoder)
    if (letter === LETTER_EDGE) break
    word += String.fromCharCode(97 + letter)
    context = nextLetterContext(context, letter)
  }
  if (word === '') throw new Error('Compressed text is damaged.')
  return applyCase(decoder, word, form)
}

const caseTable = (natural: number, state: State) => {
  const table = caseTables[natural]?.[sentenceStart(state) ? 1 : 0]
  if (table === undefined) throw new Error(`No case table for ${natural}.`)
  return table
}

/** A MIXED word's case, letter by letter. */
const encodeMixed = (encoder: RangeEncoder, word: string, form: CaseForm) => {
  if (form === MIXED) for (const c of word) encodeUniform(encoder, c === c.toLowerCase() ? 0 : 1, 1)
}

const encodeCase = (encoder: RangeEncoder, word: string, form: CaseForm, natural: number, state: State) => {
  caseTable(natural, state).encode(encoder, CASE_FORMS.indexOf(form))
  encodeMixed(encoder, word, form)
}

const decodeCaseForm = (decoder: RangeDecoder, natural: number, state: State): CaseForm =>
  CASE_FORMS[caseTable(natural, state).decode(decoder)] ?? LOWER

const applyCase = (decoder: RangeDecoder, lower: string, form: CaseForm): string => {
  if (form === LOWER) return lower
  if (form === CAPITALISED) return (lower[0] ?? '').toUpperCase() + lower.slice(1)
  if (form === UPPER) return lower.toUpperCase()
  return Array.from(lower, (c) => (decodeUniform(decoder, 1) ? c.toUpperCase() : c)).join('')
}

const decodeCase = (decoder: RangeDecoder, lower: string, natural: number, state: State): string =>
  applyCase(decoder, lower, decodeCaseForm(decoder, natural, state))

// Numbers (see `numberTable` for the symbols).

const encodeNumber = (encoder: RangeEncoder, digits: string, minutes: boolean) => {
  const table = minutes ? minutesTable : numberTable
  if (digits.length === 1 || (digits.length === 2 && digits[0] !== '0'))
    return table.encode(encoder, Number(digits))
  if (digits.length === 2) return table.encode(encoder, NUMBER_ZERO_PADDED + Number(digits[1]))
  if (digits.length === 4 && (digits.startsWith('19') || digits.startsWith('20'))) {
    table.encode(encoder, digits.startsWith('19') ? NUMBER_1900 : NUMBER_2000)
    return twoDigitTable.encode(encoder, Number(digits.slice(2)))
  }
  table.encode(encoder, NUMBER_LONG)
  longLengthTable.encode(encoder, digits.length - 3)
  for (const digit of digits) digitTable.encode(encoder, Number(digit))
}

const decodeNumber = (decoder: RangeDecoder, minutes: boolean): string => {
  const symbol = (minutes ? minutesTable : numberTable).decode(decoder)
  if (symbol < NUMBER_ZERO_PADDED) return String(symbol)
  if (symbol < NUMBER_1900) return `0${symbol - NUMBER_ZERO_PADDED}`
  if (symbol < NUMBER_LONG) {
    const rest = String(twoDigitTable.decode(decoder)).padStart(2, '0')
    return `${symbol === NUMBER_1900 ? '19' : '20'}${rest}`
  }
  const length = longLengthTable.decode(decoder) + 3
  let digits = ''
  for (let i = 0; i < length; i += 1) digits += String(digitTable.decode(decoder))
  return digits
}

// Other characters, by code point.

const encodeCodePoint = (encoder: RangeEncoder, codePoint: number) => {
  let range = CODE_POINT_RANGES.length - 1
  while (range > 0 && codePoint < (CODE_POINT_RANGES[range]?.start ?? 0)) range -= 1
  const { start, bits } = CODE_POINT_RANGES[range] ?? CODE_POINT_RANGES[0]
  codePointRangeTable.encode(encoder, range)
  encodeUniform(encoder, codePoint - start, bits)
}

const decodeCodePoint = (decoder: RangeDecoder): number => {
  const range = codePointRangeTable.decode(decoder)
  const { start, bits } = CODE_POINT_RANGES[range] ?? CODE_POINT_RANGES[0]
  const codePoint = start + decodeUniform(decoder, bits)
  const next = CODE_POINT_RANGES[range + 1]?.start ?? 0x110000
  if (codePoint >= next) throw new Error('Compressed text is damaged.')
  return codePoint
}
