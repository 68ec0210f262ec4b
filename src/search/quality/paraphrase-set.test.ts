import { describe, expect, it } from 'vitest'
import { contentWords, TermOverlapIndex } from './keyword-baseline.ts'
import { DISTRACTORS, PAIRS } from './paraphrase-set.ts'

/** Two stems are one word when equal or when one starts the other and is at least 4 letters long. */
const sameWord = (a: string, b: string) =>
  a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)))

describe('the paraphrase quality set', () => {
  it('has at least 50 pairs and about 200 distractors, all distinct', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(50)
    expect(DISTRACTORS.length).toBeGreaterThanOrEqual(200)
    const all = [...PAIRS.map((p) => p.memory), ...PAIRS.map((p) => p.query), ...DISTRACTORS]
    expect(new Set(all).size).toBe(all.length)
  })

  it('shares no content word between a query and its memory', () => {
    const shared = PAIRS.flatMap(({ memory, query }) => {
      const m = contentWords(memory)
      return contentWords(query)
        .filter((q) => m.some((w) => sameWord(w, q)))
        .map((w) => `${w} in “${query}”`)
    })
    expect(shared).toEqual([])
  })

  it('folds case, diacritics, stop words and suffixes', () => {
    expect(contentWords('The Café’s RUNNERS were running')).toEqual(['cafe', 'run', 'run'])
  })

  it('the keyword baseline finds a shared word and nothing without one', () => {
    const index = new TermOverlapIndex(['green tea', 'black coffee', 'red wine'])
    expect(index.search('coffee please', 5)).toEqual([1])
    expect(index.search('hot drink', 5)).toEqual([])
  })
})
