import { describe, expect, it } from 'vitest'
import { clusteredVectors, exactTopK, randomUnitVector, seededRandom } from '../testing/vectors.ts'
import { ByteReader, ByteWriter } from './binary.ts'
import { normalize } from './embedder.ts'
import { VectorIndex } from './vector-index.ts'

const DIMS = 96
const vectors = clusteredVectors(3000, DIMS, { clusters: 40, seed: 3 })
// Queries near stored vectors but not equal to any: a paraphrase lands close to its memory.
const noise = seededRandom(5)
const queries = Array.from({ length: 60 }, (_, i) => {
  const near = vectors[i * 41] as Float32Array
  const offset = randomUnitVector(DIMS, noise)
  return normalize(near.map((value, j) => value + 0.5 * (offset[j] as number)))
})
const build = (options = {}) => {
  const index = new VectorIndex('test-model', DIMS, options)
  vectors.forEach((vector, i) => {
    index.upsert(`v${i}`, vector)
  })
  return index
}

const recallAt10 = (index: VectorIndex, rerank?: number) => {
  let found = 0
  for (const query of queries) {
    const truth = new Set(exactTopK(vectors, query, 10).map((i) => `v${i}`))
    const hits = index.search(query, rerank === undefined ? { limit: 10 } : { limit: 10, rerank })
    found += hits.filter((hit) => truth.has(hit.id)).length
  }
  return found / (queries.length * 10)
}

describe('VectorIndex', () => {
  it('finds each stored vector as its own nearest neighbour, similarity ≈ 1', () => {
    const index = build()
    for (const i of [0, 17, 2999]) {
      const [hit] = index.search(vectors[i] as Float32Array, { limit: 1 })
      expect(hit?.id).toBe(`v${i}`)
      expect(hit?.similarity).toBeCloseTo(1, 2)
    }
  })

  it('keeps recall@10 ≥ 0.95 against exact float32 on clustered vectors; the rerank is what gets it there', () => {
    const index = build()
    const withRerank = recallAt10(index)
    const int8Only = recallAt10(index, 10)
    expect(withRerank).toBeGreaterThanOrEqual(0.95)
    expect(withRerank).toBeGreaterThanOrEqual(int8Only)
    expect(recallAt10(build({ keepFloat: true }))).toBeGreaterThanOrEqual(withRerank)
  })

  it('answers the same with the SIMD kernel and the JS fallback', () => {
    const simd = build({ simd: true })
    const js = build({ simd: false })
    expect(js.simd).toBe(false)
    for (const query of queries.slice(0, 10)) {
      expect(simd.search(query, { limit: 20 })).toEqual(js.search(query, { limit: 20 }))
    }
  })

  it('reports cosine similarity within quantization error', () => {
    const index = build()
    const random = seededRandom(9)
    const query = randomUnitVector(DIMS, random)
    for (const hit of index.search(query, { limit: 5 })) {
      const stored = vectors[Number(hit.id.slice(1))] as Float32Array
      const exact = stored.reduce((sum, value, j) => sum + value * (query[j] as number), 0)
      expect(Math.abs(hit.similarity - exact)).toBeLessThan(0.01)
    }
  })

  it('updates, removes (moving the last row) and filters', () => {
    const index = build()
    const target = vectors[5] as Float32Array
    index.upsert('v5', vectors[6] as Float32Array)
    expect(index.search(target, { limit: 1 })[0]?.id).not.toBe('v5')
    expect(index.remove('v6')).toBe(true)
    expect(index.remove('v6')).toBe(false)
    expect(index.size).toBe(2999)
    // v2999 moved into v6's slot: still found, and only once.
    const moved = index.search(vectors[2999] as Float32Array, { limit: 3 })
    expect(moved[0]?.id).toBe('v2999')
    expect(moved.filter((hit) => hit.id === 'v2999')).toHaveLength(1)
    const filtered = index.search(vectors[2999] as Float32Array, { limit: 3, filter: (id) => id !== 'v2999' })
    expect(filtered.map((hit) => hit.id)).not.toContain('v2999')
    expect(filtered).toHaveLength(3)
    for (let i = 0; i < 3000; i++) index.remove(`v${i}`)
    expect(index.size).toBe(0)
    expect(index.search(target)).toEqual([])
  })

  it('rejects vectors of the wrong length and ignores a zero query', () => {
    const index = build()
    expect(() => index.upsert('x', new Float32Array(DIMS + 1))).toThrow(RangeError)
    expect(() => index.search(new Float32Array(3))).toThrow(RangeError)
    expect(index.search(new Float32Array(DIMS))).toEqual([])
  })

  it('round-trips through bytes with the embedder id', () => {
    const index = build()
    index.remove('v0')
    const w = new ByteWriter()
    index.writeTo(w)
    const loaded = VectorIndex.readFrom(new ByteReader(w.finish()))
    expect(loaded.embedderId).toBe('test-model')
    expect(loaded.size).toBe(2999)
    for (const query of queries.slice(0, 5)) expect(loaded.search(query)).toEqual(index.search(query))
    expect(loaded.vector('v1')).toEqual(index.vector('v1'))
  })
})
