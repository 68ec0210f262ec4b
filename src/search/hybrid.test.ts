import { describe, expect, it } from 'vitest'
import { bestPossibleScore, fuse, RRF_K } from './hybrid.ts'

const text = (...ids: string[]) => ids.map((id, i) => ({ id, score: 10 - i, terms: [`t-${id}`] }))
const vector = (...ids: string[]) => ids.map((id, i) => ({ id, similarity: 0.9 - i / 10 }))

describe('reciprocal rank fusion', () => {
  it('sums 1/(60 + rank) over the lists a document appears in', () => {
    const fused = fuse(text('a', 'b', 'c'), vector('c', 'd'))
    const score = (id: string) => fused.find((hit) => hit.id === id)?.score
    expect(score('a')).toBeCloseTo(1 / 61, 12)
    expect(score('c')).toBeCloseTo(1 / 63 + 1 / 61, 12)
    expect(score('d')).toBeCloseTo(1 / 62, 12)
    expect(fused.map((hit) => hit.id)).toEqual(['c', 'a', 'b', 'd']) // b and d tie at 1/62: by id
  })

  it('lifts a document that both lists agree on above either list’s single winner', () => {
    const fused = fuse(text('x', 'both'), vector('y', 'both'))
    expect(fused[0]?.id).toBe('both')
    expect(fused[0]?.score).toBeLessThanOrEqual(bestPossibleScore(2))
  })

  it('says why each document matched', () => {
    const [both, onlyText, onlyVector] = fuse(text('b', 't'), vector('b', 'v'))
    expect(both).toEqual({
      id: 'b',
      score: 2 / (RRF_K + 1),
      text: { rank: 1, score: 10, terms: ['t-b'] },
      vector: { rank: 1, similarity: 0.9 },
    })
    expect(onlyText?.vector).toBeUndefined()
    expect(onlyText?.text?.rank).toBe(2)
    expect(onlyVector?.text).toBeUndefined()
    expect(onlyVector?.vector?.similarity).toBeCloseTo(0.8, 12)
  })

  it('breaks exact ties by rank then id, and passes a single list through in order', () => {
    expect(fuse(text('q', 'p'), vector('p', 'q')).map((hit) => hit.id)).toEqual(['p', 'q'])
    expect(fuse(text('z', 'y', 'x'), []).map((hit) => hit.id)).toEqual(['z', 'y', 'x'])
    expect(fuse([], [])).toEqual([])
  })
})
