// A little-endian byte writer and reader for the persisted index (format in docs/SEARCH.md).
// Typed arrays are written raw with their lengths and copied out on read, so a reader never
// depends on the alignment of its section inside the whole buffer.

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export class ByteWriter {
  #bytes = new Uint8Array(1 << 16)
  #view = new DataView(this.#bytes.buffer)
  #length = 0

  #reserve(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return
    let size = this.#bytes.length * 2
    while (size < this.#length + extra) size *= 2
    const next = new Uint8Array(size)
    next.set(this.#bytes.subarray(0, this.#length))
    this.#bytes = next
    this.#view = new DataView(next.buffer)
  }

  u8(value: number): void {
    this.#reserve(1)
    this.#view.setUint8(this.#length, value)
    this.#length += 1
  }

  u32(value: number): void {
    this.#reserve(4)
    this.#view.setUint32(this.#length, value, true)
    this.#length += 4
  }

  f64(value: number): void {
    this.#reserve(8)
    this.#view.setFloat64(this.#length, value, true)
    this.#length += 8
  }

  bytes(value: Uint8Array): void {
    this.u32(value.length)
    this.#reserve(value.length)
    this.#bytes.set(value, this.#length)
    this.#length += value.length
  }

  string(value: string): void {
    this.bytes(encoder.encode(value))
  }

  /** Many strings as one length-prefixed UTF-8 block plus their byte lengths: one encode call, not n. */
  strings(values: readonly string[]): void {
    const encoded = values.map((value) => encoder.encode(value))
    const lengths = new Uint32Array(encoded.length)
    let total = 0
    encoded.forEach((bytes, i) => {
      lengths[i] = bytes.length
      total += bytes.length
    })
    const joined = new Uint8Array(total)
    let at = 0
    for (const bytes of encoded) {
      joined.set(bytes, at)
      at += bytes.length
    }
    this.typed(lengths)
    this.bytes(joined)
  }

  typed(value: Int32Array | Uint32Array | Float32Array | Float64Array | Int8Array | Uint8Array): void {
    this.bytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
  }

  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length)
  }
}

export class ByteReader {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  #at = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get done(): boolean {
    return this.#at === this.#bytes.length
  }

  #need(count: number): void {
    if (this.#at + count > this.#bytes.length) throw new RangeError('search index: truncated data')
  }

  u8(): number {
    this.#need(1)
    return this.#view.getUint8(this.#at++)
  }

  u32(): number {
    this.#need(4)
    const value = this.#view.getUint32(this.#at, true)
    this.#at += 4
    return value
  }

  f64(): number {
    this.#need(8)
    const value = this.#view.getFloat64(this.#at, true)
    this.#at += 8
    return value
  }

  bytes(): Uint8Array<ArrayBuffer> {
    const length = this.u32()
    this.#need(length)
    const out = this.#bytes.slice(this.#at, this.#at + length)
    this.#at += length
    return out
  }

  string(): string {
    return decoder.decode(this.bytes())
  }

  strings(): string[] {
    const lengths = this.uint32s()
    const joined = this.bytes()
    const out: string[] = new Array(lengths.length)
    let at = 0
    for (let i = 0; i < lengths.length; i++) {
      const end = at + (lengths[i] as number)
      if (end > joined.length) throw new RangeError('search index: string block overruns')
      out[i] = decoder.decode(joined.subarray(at, end))
      at = end
    }
    return out
  }

  #aligned(width: number): ArrayBuffer {
    const bytes = this.bytes()
    if (bytes.length % width !== 0) throw new RangeError('search index: misaligned array')
    return bytes.buffer
  }

  int32s(): Int32Array<ArrayBuffer> {
    return new Int32Array(this.#aligned(4))
  }
  uint32s(): Uint32Array {
    return new Uint32Array(this.#aligned(4))
  }
  float32s(): Float32Array {
    return new Float32Array(this.#aligned(4))
  }
  float64s(): Float64Array {
    return new Float64Array(this.#aligned(8))
  }
  int8s(): Int8Array {
    return new Int8Array(this.#aligned(1))
  }
}
