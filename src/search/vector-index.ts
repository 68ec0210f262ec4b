// Exact nearest-neighbour search by cosine over one embedder's vectors.
//
// Why an exact scan and not a graph (HNSW): at 100k vectors a quantized scan answers in a few
// milliseconds, builds in no time, updates in O(1) and is exact up to quantization; hnswlib-wasm
// took 394 s to build here (issue #6). Each vector is stored as int8 with its own scale
// (x ≈ scale·q, scale = max|x|/127): a quarter of float32's memory and 16 lanes per SIMD step.
// The scan ranks by int8·int8; the best `rerank` candidates are then re-scored in float: against
// float32 copies when `keepFloat` is set, otherwise against the dequantized rows. Measured at
// 100k × 512 (docs/SEARCH.md): recall@10 0.98 either way without copies, 1.00 with them, but the
// copies cost 205 MB more. The default keeps no copies; the rerank then only makes the reported
// similarity a float32-query cosine rather than an int8·int8 estimate.
import type { ByteReader, ByteWriter } from './binary.ts'
import { Int8Arena } from './int8-kernel.ts'
import { TopK } from './top-k.ts'

export interface VectorHit {
  readonly id: string
  /** Cosine similarity with the query (the vectors are unit length), -1 … 1. */
  readonly similarity: number
}

export interface VectorSearchOptions {
  readonly limit?: number
  /** How many int8 candidates to re-score in float; at least `limit`. */
  readonly rerank?: number
  readonly filter?: (id: string) => boolean
}

export interface VectorIndexOptions {
  /** Keep float32 copies for an exact rerank (4× the memory). */
  readonly keepFloat?: boolean
  /** Force the plain JS scan (tests, measurements). */
  readonly simd?: boolean
}

const DEFAULT_RERANK = 50

export class VectorIndex {
  readonly #arena: Int8Arena
  readonly #keepFloat: boolean
  #ids: string[] = []
  #slots = new Map<string, number>()
  #scales = new Float32Array(0)
  #floats = new Float32Array(0)
  #queryScratch: Int8Array

  /** `embedderId` is the model every vector here came from; queries must come from it too. */
  constructor(
    readonly embedderId: string,
    readonly dims: number,
    options: VectorIndexOptions = {},
  ) {
    if (!Number.isInteger(dims) || dims <= 0)
      throw new RangeError(`vector index: bad dimension count ${dims}`)
    this.#arena = options.simd === undefined ? new Int8Arena(dims) : new Int8Arena(dims, options.simd)
    this.#keepFloat = options.keepFloat ?? false
    this.#queryScratch = new Int8Array(this.#arena.stride)
  }

  get size(): number {
    return this.#ids.length
  }

  get simd(): boolean {
    return this.#arena.simd
  }

  /** Bytes of vector storage: the int8 arena, scales and any float copies. */
  get byteLength(): number {
    return this.#arena.byteLength + this.#scales.byteLength + this.#floats.byteLength
  }

  has(id: string): boolean {
    return this.#slots.has(id)
  }

  ids(): IterableIterator<string> {
    return this.#slots.keys()
  }

  upsert(id: string, vector: Float32Array): void {
    this.#check(vector)
    let slot = this.#slots.get(id)
    if (slot === undefined) {
      slot = this.#ids.length
      this.#reserve(slot + 1)
      this.#ids.push(id)
      this.#slots.set(id, slot)
    }
    const stride = this.#arena.stride
    this.#scales[slot] = quantize(vector, this.#arena.rows.subarray(slot * stride, (slot + 1) * stride))
    if (this.#keepFloat) this.#floats.set(vector, slot * this.dims)
  }

  /** Moves the last row into the freed slot, so the scan always covers a dense prefix. */
  remove(id: string): boolean {
    const slot = this.#slots.get(id)
    if (slot === undefined) return false
    const last = this.#ids.length - 1
    const stride = this.#arena.stride
    if (slot !== last) {
      const lastId = this.#ids[last] as string
      this.#arena.rows.copyWithin(slot * stride, last * stride, (last + 1) * stride)
      this.#scales[slot] = this.#scales[last] as number
      if (this.#keepFloat) this.#floats.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims)
      this.#ids[slot] = lastId
      this.#slots.set(lastId, slot)
    }
    this.#arena.rows.fill(0, last * stride, (last + 1) * stride)
    this.#ids.pop()
    this.#slots.delete(id)
    return true
  }

  search(query: Float32Array, options: VectorSearchOptions = {}): VectorHit[] {
    this.#check(query)
    const limit = options.limit ?? 10
    const count = this.#ids.length
    if (limit <= 0 || count === 0) return []
    const queryScale = quantize(query, this.#queryScratch)
    if (queryScale === 0) return []
    const dots = this.#arena.scan(this.#queryScratch, count)
    const candidates = new TopK(Math.max(limit, options.rerank ?? DEFAULT_RERANK))
    const filter = options.filter
    for (let slot = 0; slot < count; slot++) {
      const approximate = (dots[slot] as number) * (this.#scales[slot] as number)
      if (approximate <= candidates.threshold) continue
      if (filter && !filter(this.#ids[slot] as string)) continue
      candidates.push(slot, approximate)
    }
    const { indexes } = candidates.drain()
    const top = new TopK(limit)
    for (const slot of indexes) top.push(slot, this.#similarity(query, slot))
    const { indexes: best, scores } = top.drain()
    return Array.from(best, (slot, i) => ({ id: this.#ids[slot] as string, similarity: scores[i] as number }))
  }

  /**
   * Every row scored in float, one by one, without the int8 kernel: the exact answer `search`
   * approximates — recall's reference and the unindexed baseline `npm run bench` compares against.
   */
  exactSearch(query: Float32Array, limit = 10): VectorHit[] {
    this.#check(query)
    const top = new TopK(limit)
    for (let slot = 0; slot < this.#ids.length; slot++) top.push(slot, this.#similarity(query, slot))
    const { indexes, scores } = top.drain()
    return Array.from(indexes, (slot, i) => ({
      id: this.#ids[slot] as string,
      similarity: scores[i] as number,
    }))
  }

  /**
   * A new index holding only `ids` (those present here), their int8 rows and scales copied as they
   * are (nothing re-quantized): near-duplicates are looked for among one persona's memories.
   */
  subset(ids: Iterable<string>): VectorIndex {
    const out = new VectorIndex(this.embedderId, this.dims, { simd: this.simd })
    const slots: number[] = []
    for (const id of ids) {
      const slot = this.#slots.get(id)
      if (slot !== undefined && !out.#slots.has(id)) {
        out.#slots.set(id, out.#ids.length)
        out.#ids.push(id)
        slots.push(slot)
      }
    }
    out.#reserve(slots.length)
    const stride = this.#arena.stride
    slots.forEach((slot, to) => {
      out.#arena.rows.set(this.#arena.rows.subarray(slot * stride, (slot + 1) * stride), to * stride)
      out.#scales[to] = this.#scales[slot] as number
    })
    return out
  }

  /**
   * Pairs (i, j) with j < i, for rows i in [from, to), whose cosine is at least `minSimilarity`,
   * appended to `out`. The cosine is that of the dequantized rows, which the int8 dot product times
   * both scales gives exactly (the same kernel as a search: one scan of the rows before i per row).
   */
  pairsAmongRows(
    from: number,
    to: number,
    minSimilarity: number,
    out: { a: string; b: string; similarity: number }[],
  ): void {
    const stride = this.#arena.stride
    const end = Math.min(to, this.#ids.length)
    const query = new Int8Array(stride)
    for (let i = Math.max(1, from); i < end; i++) {
      const scaleI = this.#scales[i] as number
      if (scaleI === 0) continue
      query.set(this.#arena.rows.subarray(i * stride, (i + 1) * stride))
      const dots = this.#arena.scan(query, i)
      for (let j = 0; j < i; j++) {
        const similarity = (dots[j] as number) * scaleI * (this.#scales[j] as number)
        if (similarity >= minSimilarity) {
          out.push({ a: this.#ids[j] as string, b: this.#ids[i] as string, similarity })
        }
      }
    }
  }

  /** The stored vector of `id` (dequantized unless float copies are kept), for tests and export. */
  vector(id: string): Float32Array | undefined {
    const slot = this.#slots.get(id)
    if (slot === undefined) return undefined
    if (this.#keepFloat) return this.#floats.slice(slot * this.dims, (slot + 1) * this.dims)
    const row = this.#arena.rows.subarray(slot * this.#arena.stride)
    const scale = this.#scales[slot] as number
    return Float32Array.from({ length: this.dims }, (_, j) => (row[j] as number) * scale)
  }

  // ── persistence: ids, scales and int8 rows (float copies are not persisted) ───────────────────

  writeTo(w: ByteWriter): void {
    w.string(this.embedderId)
    w.u32(this.dims)
    w.strings(this.#ids)
    w.typed(this.#scales.subarray(0, this.#ids.length))
    const rows = new Int8Array(this.#ids.length * this.dims)
    for (let slot = 0; slot < this.#ids.length; slot++) {
      const start = slot * this.#arena.stride
      rows.set(this.#arena.rows.subarray(start, start + this.dims), slot * this.dims)
    }
    w.typed(rows)
  }

  static readFrom(r: ByteReader, options: VectorIndexOptions = {}): VectorIndex {
    const embedderId = r.string()
    const dims = r.u32()
    const index = new VectorIndex(embedderId, dims, { ...options, keepFloat: false })
    const ids = r.strings()
    const scales = r.float32s()
    const rows = r.int8s()
    if (scales.length !== ids.length || rows.length !== ids.length * dims) {
      throw new RangeError('search index: vector section is inconsistent')
    }
    index.#reserve(ids.length)
    const stride = index.#arena.stride
    ids.forEach((id, slot) => {
      index.#ids.push(id)
      index.#slots.set(id, slot)
      index.#arena.rows.set(rows.subarray(slot * dims, (slot + 1) * dims), slot * stride)
    })
    index.#scales.set(scales)
    return index
  }

  #similarity(query: Float32Array, slot: number): number {
    let sum = 0
    if (this.#keepFloat) {
      const base = slot * this.dims
      for (let j = 0; j < this.dims; j++) sum += (query[j] as number) * (this.#floats[base + j] as number)
      return sum
    }
    const rows = this.#arena.rows
    const base = slot * this.#arena.stride
    for (let j = 0; j < this.dims; j++) sum += (query[j] as number) * (rows[base + j] as number)
    return sum * (this.#scales[slot] as number)
  }

  #reserve(count: number): void {
    this.#arena.reserve(count)
    const capacity = this.#arena.capacity
    if (this.#scales.length < capacity) {
      const scales = new Float32Array(capacity)
      scales.set(this.#scales)
      this.#scales = scales
      if (this.#keepFloat) {
        const floats = new Float32Array(capacity * this.dims)
        floats.set(this.#floats)
        this.#floats = floats
      }
    }
  }

  #check(vector: Float32Array): void {
    if (vector.length !== this.dims) {
      throw new RangeError(
        `vector index ${this.embedderId}: expected ${this.dims} dims, got ${vector.length}`,
      )
    }
  }
}

/** Writes round(x / scale) into `out` (its tail beyond x stays as is) and returns the scale. */
const quantize = (vector: Float32Array, out: Int8Array): number => {
  let max = 0
  for (let j = 0; j < vector.length; j++) {
    const value = Math.abs(vector[j] as number)
    if (value > max) max = value
  }
  if (max === 0 || !Number.isFinite(max)) {
    out.fill(0, 0, vector.length)
    return 0
  }
  const inverse = 127 / max
  for (let j = 0; j < vector.length; j++) out[j] = Math.round((vector[j] as number) * inverse)
  return max / 127
}
