import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRIEVAL, recency, retrievalScores } from './retrieval.ts'

const NOW = Date.UTC(2026, 0, 31)
const DAY = 86_400_000

describe('recency', () => {
  it('halves every half-life and never exceeds 1', () => {
    expect(recency(NOW, NOW, 30)).toBe(1)
    expect(recency(NOW - 30 * DAY, NOW, 30)).toBeCloseTo(0.5, 12)
    expect(recency(NOW - 90 * DAY, NOW, 30)).toBeCloseTo(0.125, 12)
    expect(recency(NOW + DAY, NOW, 30)).toBe(1)
    expect(recency(undefined, NOW, 30)).toBe(0.5)
  })
})

describe('retrievalScores', () => {
  it('computes the documented formula', () => {
    const [score] = retrievalScores(
      [
        { relevance: 0.02, importance: 0.8, timestamp: NOW - 15 * DAY },
        { relevance: 0.04, importance: 0.1, timestamp: NOW },
      ],
      NOW,
    )
    expect(score).toBeCloseTo(1 * 0.5 + 0.3 * 0.8 + 0.3 * 0.5 ** 0.5, 12)
  })

  it('keeps relevance first: a fresh, important but barely relevant memory stays below a relevant one', () => {
    const [relevant, distracting] = retrievalScores(
      [
        { relevance: 0.033, importance: 0.3, timestamp: NOW - 120 * DAY },
        { relevance: 0.009, importance: 1, timestamp: NOW },
      ],
      NOW,
    )
    expect(relevant).toBeGreaterThan(distracting as number)
  })

  it('lets importance and recency decide between equally relevant memories', () => {
    const [old, fresh, important] = retrievalScores(
      [
        { relevance: 0.03, importance: 0.5, timestamp: NOW - 60 * DAY },
        { relevance: 0.03, importance: 0.5, timestamp: NOW - DAY },
        { relevance: 0.03, importance: 0.9, timestamp: NOW - 60 * DAY },
      ],
      NOW,
    )
    expect(fresh).toBeGreaterThan(old as number)
    expect(important).toBeGreaterThan(old as number)
  })

  it('clamps importance, tolerates missing values and honours custom weights', () => {
    const scores = retrievalScores([{ relevance: 1, importance: 7 }, { relevance: 0 }], NOW, {
      ...DEFAULT_RETRIEVAL,
      recency: 0,
    })
    expect(scores).toEqual([1 + 0.3, 0.3 * 0.5])
    expect(retrievalScores([], NOW)).toEqual([])
  })
})
