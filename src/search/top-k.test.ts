import { describe, expect, it } from 'vitest'
import { TopK } from './top-k.ts'

describe('TopK', () => {
  it('keeps the k best of a shuffled stream, best first', () => {
    const scores = Array.from({ length: 1000 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453)
    const top = new TopK(10)
    for (const [index, score] of scores.entries()) top.push(index, score)
    const { indexes, scores: kept } = top.drain()
    const expected = scores
      .map((score, index) => ({ score, index }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
    expect([...indexes]).toEqual(expected.map((e) => e.index))
    expect([...kept]).toEqual(expected.map((e) => e.score))
    expect(top.size).toBe(0)
  })

  it('breaks ties by the lower index whatever the arrival order', () => {
    const top = new TopK(2)
    for (const index of [5, 3, 9, 1, 7]) top.push(index, 1)
    expect([...top.drain().indexes]).toEqual([1, 3])
  })

  it('reports a threshold only once full, and ignores NaN', () => {
    const top = new TopK(2)
    expect(top.threshold).toBe(Number.NEGATIVE_INFINITY)
    top.push(0, 3)
    top.push(1, Number.NaN)
    top.push(2, 1)
    expect(top.threshold).toBe(1)
    expect([...top.drain().indexes]).toEqual([0, 2])
  })

  it('returns fewer than k when fewer arrive, and nothing for k = 0', () => {
    const top = new TopK(5)
    top.push(4, 0.5)
    expect([...top.drain().indexes]).toEqual([4])
    const none = new TopK(0)
    none.push(1, 1)
    expect(none.drain().indexes.length).toBe(0)
  })
})
