import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { CAPITALISED, caseOf, LOWER, MIXED, UPPER, wordModel } from './word-model.ts'
import { WORD_COUNTS_V2, WORDS_V2 } from './word-model-v2.ts'

describe('word model of compression format 2', () => {
  test('is the frozen model: every format-2 memory needs exactly these data to open', () => {
    // A new model is a new format: never regenerate word-model-v2.ts to make this pass.
    const hash = createHash('sha256').update(`${WORD_COUNTS_V2}\n${WORDS_V2}`).digest('hex')
    expect(hash).toBe('cdf8b3e2860c4eb891d86ba2f97f8a0b9251f52875a568e234cfc933fb440c2e')
  })

  test('unpacks into the vocabulary, its counts, usual case and a letter model', () => {
    const model = wordModel()
    expect(model.index.size).toBe(46_750)
    expect(model.words.size).toBe(46_751) // the escape and the words
    const symbol = (word: string) => model.index.lookup(word)
    expect(model.index.wordAt(symbol('you'))).toBe('you')
    expect(symbol('you')).toBe(1) // the most frequent word of SUBTLEX
    // Every word is found again under its own symbol.
    for (let s = 1; s <= model.index.size; s += 1) expect(model.index.lookup(model.index.wordAt(s))).toBe(s)
    expect(symbol('qwzx')).toBe(0)
    expect(symbol('')).toBe(0)
    // Frequent words get wide intervals: "the" is far likelier than "anniversary".
    const width = (s: number) => (model.words.cumulative[s + 1] ?? 0) - (model.words.cumulative[s] ?? 0)
    expect(width(symbol('the'))).toBeGreaterThan(100 * width(symbol('anniversary')))
    // After "the", "of" is 16 times less likely, "tea" a little more.
    const share = (table: typeof model.words, s: number) =>
      ((table.cumulative[s + 1] ?? 0) - (table.cumulative[s] ?? 0)) / table.total
    expect(share(model.wordsAfterDeterminer, symbol('of'))).toBeLessThan(
      share(model.words, symbol('of')) / 10,
    )
    expect(share(model.wordsAfterDeterminer, symbol('tea'))).toBeGreaterThan(
      share(model.words, symbol('tea')),
    )
    // After a number, "pm" and "September" are likelier.
    expect(share(model.wordsAfterNumber, symbol('pm'))).toBeGreaterThan(10 * share(model.words, symbol('pm')))
    expect(model.naturalCase[symbol('monday')]).toBe(CAPITALISED)
    expect(model.naturalCase[symbol('i')]).toBe(CAPITALISED)
    expect(model.naturalCase[symbol('what')]).toBe(LOWER) // SUBTLEX has "What"; the hand-written list corrects it
    expect(model.index.lookup('priya')).toBe(0) // a name outside both name lists is spelled out
    expect(model.letters.length).toBe(27 * 27)
    expect(model.nameLetters.length).toBe(27 * 27)
    expect(wordModel()).toBe(model) // unpacked once
  })

  test('tells cases apart', () => {
    expect([caseOf('tea'), caseOf('Tea'), caseOf('TEA'), caseOf('tEa'), caseOf('I')]).toEqual([
      LOWER,
      CAPITALISED,
      UPPER,
      MIXED,
      CAPITALISED,
    ])
  })
})
