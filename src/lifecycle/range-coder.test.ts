import { describe, expect, test } from 'vitest'
import { Random } from '../sample/random.ts'
import { FrequencyTable } from './frequency-table.ts'
import { MAX_TOTAL, RangeDecoder, RangeEncoder } from './range-coder.ts'

/** A seeded generator (the app's, used here only for its randomness), so a failure can be replayed. */
const random = (seed: number) => {
  const r = new Random(seed, 'compression')
  return () => r.next()
}

describe('range coder', () => {
  test('decodes exactly the symbols encoded, over tables from 2 symbols to totals near 2^32', () => {
    const next = random(7)
    for (let round = 0; round < 200; round += 1) {
      const size = 2 + Math.floor(next() * 300)
      const big = round % 5 === 0
      const frequencies = Array.from({ length: size }, () =>
        big ? 1 + Math.floor(next() * (MAX_TOTAL / size - 1)) : 1 + Math.floor(next() ** 4 * 5000),
      )
      const table = new FrequencyTable(frequencies)
      const symbols = Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * size))
      const encoder = new RangeEncoder()
      for (const s of symbols) table.encode(encoder, s)
      const bytes = encoder.finish()
      const decoder = new RangeDecoder(bytes)
      expect(symbols.map(() => table.decode(decoder))).toEqual(symbols)
    }
  })

  test('spends about −log2 p bits a symbol, and nothing on a certain one', () => {
    const table = new FrequencyTable([1, 1, 1, 1, 1, 1, 1, 1]) // 3 bits each
    const encoder = new RangeEncoder()
    for (let i = 0; i < 800; i += 1) table.encode(encoder, i % 8)
    expect(encoder.finish().length).toBeLessThanOrEqual(301)
    const sure = new FrequencyTable([1_000_000_000, 1])
    const quiet = new RangeEncoder()
    for (let i = 0; i < 1000; i += 1) sure.encode(quiet, 0)
    expect(quiet.finish().length).toBeLessThanOrEqual(1)
  })

  test('refuses input far shorter than what it is asked to decode', () => {
    const table = new FrequencyTable(new Array<number>(256).fill(1))
    const decoder = new RangeDecoder(Uint8Array.of(1, 2, 3))
    expect(() => {
      for (let i = 0; i < 20; i += 1) table.decode(decoder)
    }).toThrow(/ends too early/)
  })

  test('a frequency table refuses zero frequencies and totals beyond the coder', () => {
    expect(() => new FrequencyTable([3, 0, 1])).toThrow()
    expect(() => new FrequencyTable([MAX_TOTAL, 1])).toThrow()
  })
})
