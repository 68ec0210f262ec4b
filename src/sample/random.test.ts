import { describe, expect, test } from 'vitest'
import { allocate, Random, WeightedTable } from './random.ts'

const draw = (r: Random, n: number) => Array.from({ length: n }, () => r.next())

describe('Random', () => {
  test('the same seed and stream give the same sequence', () => {
    expect(draw(new Random(7, 'a'), 50)).toEqual(draw(new Random(7, 'a'), 50))
  })

  test('another seed or another stream gives another sequence', () => {
    const base = draw(new Random(7, 'a'), 20)
    expect(draw(new Random(8, 'a'), 20)).not.toEqual(base)
    expect(draw(new Random(7, 'b'), 20)).not.toEqual(base)
  })

  test('floats are in [0, 1) and spread evenly', () => {
    const values = draw(new Random(1), 20_000)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
    const mean = values.reduce((s, v) => s + v, 0) / values.length
    expect(mean).toBeGreaterThan(0.48)
    expect(mean).toBeLessThan(0.52)
  })

  test('int is inclusive on both ends and hits every value', () => {
    const r = new Random(2)
    const seen = new Set(Array.from({ length: 2_000 }, () => r.int(3, 8)))
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8])
  })

  test('weighted follows the weights and never picks a zero weight', () => {
    const r = new Random(3)
    const counts = { a: 0, b: 0, c: 0 }
    for (let i = 0; i < 10_000; i++) counts[r.weighted(['a', 'b', 'c'] as const, [1, 3, 0])]++
    expect(counts.c).toBe(0)
    expect(counts.b / counts.a).toBeGreaterThan(2.6)
    expect(counts.b / counts.a).toBeLessThan(3.4)
  })

  test('shuffle is a permutation and sample takes distinct items', () => {
    const r = new Random(4)
    const items = Array.from({ length: 30 }, (_, i) => i)
    const shuffled = r.shuffle(items)
    expect(shuffled).not.toEqual(items)
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items)
    const sample = r.sample(items, 5)
    expect(new Set(sample).size).toBe(5)
  })

  test('pick refuses an empty list', () => {
    expect(() => new Random(5).pick([])).toThrow(/empty/)
  })
})

describe('WeightedTable', () => {
  test('picks in proportion to the weights', () => {
    const table = new WeightedTable([
      ['x', 9],
      ['y', 1],
      ['z', 0],
    ] as const)
    const r = new Random(6)
    const counts = { x: 0, y: 0, z: 0 }
    for (let i = 0; i < 10_000; i++) counts[table.pick(r)]++
    expect(counts.z).toBe(0)
    expect(counts.x / 10_000).toBeCloseTo(0.9, 1)
  })
})

describe('allocate', () => {
  test('parts add up exactly and follow the weights', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3])
    expect(allocate(100_000, [5, 3, 2])).toEqual([50_000, 30_000, 20_000])
    const parts = allocate(1_001, [0.7, 1.3, 0.2, 2.9])
    expect(parts.reduce((s, p) => s + p, 0)).toBe(1_001)
    expect(allocate(0, [1, 2])).toEqual([0, 0])
    expect(allocate(5, [])).toEqual([])
  })
})
