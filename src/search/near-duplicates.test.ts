import { describe, expect, it } from 'vitest'
import { clusteredVectors, randomUnitVector, seededRandom } from '../testing/vectors.ts'
import { normalize } from './embedder.ts'
import { similarPairs } from './near-duplicates.ts'
import { VectorIndex } from './vector-index.ts'

const DIMS = 64
const noPause = async () => {}

/** 300 clustered vectors, plus near-copies of three of them (what a near-duplicate memory looks like). */
const build = (simd?: boolean) => {
  const vectors = clusteredVectors(300, DIMS, { clusters: 30, seed: 11 })
  const random = seededRandom(4)
  const copies = [5, 120, 299].map((i) => {
    const offset = randomUnitVector(DIMS, random)
    return normalize((vectors[i] as Float32Array).map((v, j) => v + 0.08 * (offset[j] as number)))
  })
  const index = new VectorIndex('test-model', DIMS, simd === undefined ? {} : { simd })
  vectors.forEach((v, i) => {
    index.upsert(`v${i}`, v)
  })
  copies.forEach((v, i) => {
    index.upsert(`copy${i}`, v)
  })
  return { index, vectors, copies }
}

/** Every pair at least `min` similar by float cosine of the dequantized rows: the reference. */
const bruteForce = (index: VectorIndex, ids: string[], min: number) => {
  const out: string[] = []
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = index.vector(ids[i] as string) as Float32Array
      const b = index.vector(ids[j] as string) as Float32Array
      let dot = 0
      for (let d = 0; d < DIMS; d++) dot += (a[d] as number) * (b[d] as number)
      if (dot >= min) out.push([ids[i], ids[j]].sort().join('|'))
    }
  }
  return out.sort()
}

describe('similarPairs', () => {
  it('finds exactly the pairs above the threshold that an exact comparison of the stored rows finds', async () => {
    const { index } = build()
    const ids = [...index.ids()]
    const pairs = await similarPairs(index, ids, { minSimilarity: 0.9, pause: noPause, slice: 37 })
    const found = pairs.map((p) => [p.a, p.b].join('|')).sort()
    expect(found).toEqual(bruteForce(index, ids, 0.9))
    // Each near-copy is found with its original, and reported as the pair's similarity.
    for (const [copy, original] of [
      ['copy0', 'v5'],
      ['copy1', 'v120'],
      ['copy2', 'v299'],
    ]) {
      const pair = pairs.find((p) => [p.a, p.b].sort().join('|') === [copy, original].sort().join('|'))
      expect(pair?.similarity).toBeGreaterThan(0.98)
    }
    // Most similar first; each pair once with a < b.
    expect(pairs.every((p, i) => i === 0 || (pairs[i - 1]?.similarity ?? 2) >= p.similarity)).toBe(true)
    expect(pairs.every((p) => p.a < p.b)).toBe(true)
  })

  it('looks only among the ids given (one persona’s memories), and keeps the best `limit`', async () => {
    const { index } = build()
    const pairs = await similarPairs(index, ['v5', 'copy0', 'v6', 'copy1', 'missing'], {
      minSimilarity: 0.9,
      pause: noPause,
    })
    expect(pairs.map((p) => `${p.a}|${p.b}`)).toEqual(['copy0|v5'])
    const all = await similarPairs(index, index.ids(), { minSimilarity: 0.5, pause: noPause })
    const best = await similarPairs(index, index.ids(), { minSimilarity: 0.5, limit: 3, pause: noPause })
    expect(best).toEqual(all.slice(0, 3))
  })

  it('answers the same with the SIMD kernel and the JS fallback', async () => {
    const simd = await similarPairs(build(true).index, build(true).index.ids(), {
      minSimilarity: 0.8,
      pause: noPause,
    })
    const js = build(false).index
    expect(js.simd).toBe(false)
    expect(await similarPairs(js, js.ids(), { minSimilarity: 0.8, pause: noPause })).toEqual(simd)
  })

  it('pauses between slices and stops when cancelled', async () => {
    const { index } = build()
    const controller = new AbortController()
    let pauses = 0
    const run = similarPairs(index, index.ids(), {
      minSimilarity: 0.9,
      slice: 50,
      signal: controller.signal,
      pause: async () => {
        pauses += 1
        if (pauses === 2) controller.abort(new Error('stop'))
      },
    })
    await expect(run).rejects.toThrow('stop')
    expect(pauses).toBe(2)
  })
})
