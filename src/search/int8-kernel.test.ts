import { describe, expect, it } from 'vitest'
import { Int8Arena, simdAvailable } from './int8-kernel.ts'

const randomRow = (stride: number, seed: number) =>
  Int8Array.from({ length: stride }, (_, j) => Math.round(Math.sin(seed * 31.7 + j * 7.3) * 127))

const expectedDots = (query: Int8Array, rows: Int8Array[]) =>
  rows.map((row) => row.reduce((sum, value, j) => sum + value * (query[j] as number), 0))

describe('Int8Arena', () => {
  it('validates the hand-assembled SIMD module on this engine', () => {
    expect(simdAvailable()).toBe(true)
  })

  it.each([
    ['SIMD', true],
    ['plain JS', false],
  ])('%s: dots match a reference, including extremes and across growth', (_, simd) => {
    const arena = new Int8Arena(40, simd)
    expect(arena.stride).toBe(48)
    expect(arena.simd).toBe(simd)
    const rows: Int8Array[] = []
    for (let i = 0; i < 700; i++) {
      const row =
        i === 0 ? new Int8Array(48).fill(-127) : i === 1 ? new Int8Array(48).fill(127) : randomRow(48, i)
      row.fill(0, 40)
      arena.reserve(rows.length + 1)
      arena.rows.set(row, rows.length * arena.stride)
      rows.push(row)
    }
    expect(arena.capacity).toBeGreaterThanOrEqual(700)
    const query = randomRow(48, 999).fill(0, 40)
    query.fill(-127, 0, 8)
    expect([...arena.scan(query, rows.length)]).toEqual(expectedDots(query, rows))
    const extreme = new Int8Array(48).fill(-127, 0, 40)
    const scores = arena.scan(extreme, 2)
    expect([...scores]).toEqual([127 * 127 * 40, -127 * 127 * 40])
    expect(arena.scan(extreme, 0).length).toBe(0)
  })
})
