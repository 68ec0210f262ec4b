import { describe, expect, it } from 'vitest'
import { highlight } from './highlight.ts'

const marked = (text: string, terms: string[]) =>
  highlight(text, terms).map((range) => text.slice(range.start, range.end))

describe('highlight', () => {
  it('marks every inflected, accented or capitalised form of a matched term in the original text', () => {
    expect(marked('Plants need water. The PLANT by the café; plantation', ['plant', 'cafe'])).toEqual([
      'Plants',
      'PLANT',
      'café',
    ])
  })

  it('returns ordered UTF-16 ranges that survive emoji and decomposed accents', () => {
    const text = '🌱 cafe\u0301 🌱 cafe'
    const ranges = highlight(text, ['cafe'])
    expect(ranges).toEqual([
      { start: 3, end: 8 },
      { start: 12, end: 16 },
    ])
  })

  it('marks nothing for no terms, stopwords or text with markup left as text', () => {
    expect(highlight('anything', [])).toEqual([])
    expect(marked('the <b>dog</b>', ['', 'the', 'dog'])).toEqual(['dog'])
  })
})
