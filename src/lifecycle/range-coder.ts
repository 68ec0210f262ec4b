/**
 * A range coder (arithmetic coding in whole bytes, after LZMA's) for compression format 2
 * (`compression-v2.ts`). Arithmetic coding spends −log2 p bits on a symbol of probability p, also
 * less than one bit (a space the model expects costs almost nothing), which Huffman codes cannot.
 *
 * Exact integer arithmetic in JavaScript numbers (exact up to 2^53): `range` is kept in
 * [2^40, 2^48) and `low` below 2^49 (bit 48 is a carry not yet written). A symbol's frequencies
 * may total up to 2^32, so a word model can use raw corpus counts; with range ≥ 2^40 the rounding
 * of `range / total` costs under 0.006 bits a symbol. The same operations run in the encoder and
 * decoder, and IEEE division and `Math.floor` are exact and identical on every engine.
 */

const TOP = 2 ** 48
const BOTTOM = 2 ** 40
const BYTE = 2 ** 40 // the weight of the top byte of `low`
/** Largest frequency total a model may use. */
export const MAX_TOTAL = 2 ** 32

/** `floor(range / total)`, corrected where the rounded quotient lands on the next integer. */
const unit = (range: number, total: number) => {
  const r = Math.floor(range / total)
  return r * total > range ? r - 1 : r
}

export class RangeEncoder {
  private low = 0
  private range = TOP - 1
  /** The last top byte, held back until we know whether a carry will change it. */
  private cache = 0
  /** 1 + the number of 0xFF bytes held back behind `cache`. */
  private pending = 1
  private readonly out: number[] = []
  /** The first byte the scheme writes is always 0 (the value stays below 1), so it is dropped. */
  private first = true

  /** Codes the symbol occupying [start, start + size) of [0, total). */
  encode(start: number, size: number, total: number) {
    const r = unit(this.range, total)
    this.low += r * start
    this.range = r * size
    while (this.range < BOTTOM) {
      this.range *= 256
      this.shiftLow()
    }
  }

  private shiftLow() {
    if (this.low < 0xff * BYTE || this.low >= TOP) {
      const carry = this.low >= TOP ? 1 : 0
      let byte = this.cache
      do {
        if (this.first) this.first = false
        else this.out.push((byte + carry) & 0xff)
        byte = 0xff
        this.pending -= 1
      } while (this.pending !== 0)
      this.cache = Math.floor(this.low / BYTE) & 0xff
    }
    this.pending += 1
    this.low = (this.low % BYTE) * 256
  }

  /**
   * Ends the stream with the shortest value inside the final interval: the decoder reads missing
   * bytes as zero, so trailing zero bytes are left out (on a 100-byte memory that is ~3 % saved).
   */
  finish(): Uint8Array {
    let step = BYTE
    while (step >= 1) {
      const value = Math.ceil(this.low / step) * step
      if (value < this.low + this.range) {
        this.low = value
        break
      }
      step /= 256
    }
    // Only the flush's own zeros go: a data byte of zero stays, so the decoder never needs more
    // than the 7 zero bytes the flush could have written (what `RangeDecoder` relies on).
    const flushed = this.out.length
    for (let i = 0; i < 7; i += 1) this.shiftLow()
    let end = this.out.length
    while (end > flushed && this.out[end - 1] === 0) end -= 1
    return Uint8Array.from(this.out.slice(0, end))
  }
}

/** Throws on input no encoder could have written within the bytes given (see `readByte`). */
export class RangeDecoder {
  private range = TOP - 1
  private code = 0
  private position = 0
  private r = 1

  constructor(private readonly bytes: Uint8Array) {
    for (let i = 0; i < 6; i += 1) this.code = this.code * 256 + this.readByte()
  }

  /**
   * Bytes past the end read as zero (`finish` leaves trailing zeros out), but a real stream never
   * needs more than the 7 bytes `finish` may have left out: more means the input was cut
   * or is not format-2 data, and decoding stops instead of inventing text.
   */
  private readByte() {
    const byte = this.bytes[this.position] ?? 0
    this.position += 1
    if (this.position > this.bytes.length + 7) throw new Error('Compressed text ends too early.')
    return byte
  }

  /** The cumulative frequency the next symbol's interval contains; then call `consume`. */
  target(total: number) {
    this.r = unit(this.range, total)
    const value = Math.floor(this.code / this.r)
    if (value >= total) throw new Error('Compressed text is damaged.')
    return value
  }

  /** Removes the symbol found from `target` (its interval [start, start + size)). */
  consume(start: number, size: number) {
    this.code -= this.r * start
    this.range = this.r * size
    while (this.range < BOTTOM) {
      this.range *= 256
      this.code = this.code * 256 + this.readByte()
    }
  }
}
