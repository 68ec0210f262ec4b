import { MAX_TOTAL, type RangeDecoder, type RangeEncoder } from './range-coder.ts'

/**
 * A static probability distribution over symbols 0…n−1 as integer frequencies, for the range coder:
 * symbol i owns [cumulative[i], cumulative[i + 1]) of [0, total). Every frequency must be at least
 * 1, or its symbol could not be coded at all.
 */
export class FrequencyTable {
  readonly cumulative: Float64Array
  readonly total: number

  constructor(frequencies: ArrayLike<number>) {
    this.cumulative = new Float64Array(frequencies.length + 1)
    let sum = 0
    for (let i = 0; i < frequencies.length; i += 1) {
      const f = frequencies[i] ?? 0
      if (!Number.isInteger(f) || f < 1)
        throw new Error(`Frequency ${f} of symbol ${i} is not a positive integer.`)
      sum += f
      this.cumulative[i + 1] = sum
    }
    if (sum > MAX_TOTAL) throw new Error(`Frequencies total ${sum}, more than the coder's ${MAX_TOTAL}.`)
    this.total = sum
  }

  get size() {
    return this.cumulative.length - 1
  }

  encode(encoder: RangeEncoder, symbol: number) {
    const start = this.cumulative[symbol]
    const end = this.cumulative[symbol + 1]
    if (start === undefined || end === undefined) throw new Error(`Symbol ${symbol} is outside the table.`)
    encoder.encode(start, end - start, this.total)
  }

  /** Binary search for the symbol whose interval holds the decoder's target. */
  decode(decoder: RangeDecoder): number {
    const target = decoder.target(this.total)
    let lo = 0
    let hi = this.size - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.cumulative[mid] ?? 0) <= target) lo = mid
      else hi = mid - 1
    }
    const start = this.cumulative[lo] ?? 0
    decoder.consume(start, (this.cumulative[lo + 1] ?? 0) - start)
    return lo
  }
}

/** `value` in [0, 2^bits) with every value equally likely (bits ≤ 32). */
export const encodeUniform = (encoder: RangeEncoder, value: number, bits: number) =>
  encoder.encode(value, 1, 2 ** bits)

export const decodeUniform = (decoder: RangeDecoder, bits: number) => {
  const value = decoder.target(2 ** bits)
  decoder.consume(value, 1)
  return value
}
