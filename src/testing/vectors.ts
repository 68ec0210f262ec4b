// Deterministic unit vectors for search tests and measurements. Real sentence embeddings are not
// uniform on the sphere: they gather around topics. `clusteredVectors` imitates that (centroids plus
// noise), which is the hard case for quantization — neighbours differ by small amounts.
import { normalize } from '../search/embedder.ts'

/** mulberry32: small, fast, good enough for test data. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Approximately normal, from the sum of uniforms (enough for direction sampling). */
const gaussian = (random: () => number) => random() + random() + random() + random() - 2

export const randomUnitVector = (dims: number, random: () => number): Float32Array =>
  normalize(Float32Array.from({ length: dims }, () => gaussian(random)))

/** `count` unit vectors around `clusters` centroids; `spread` is the noise relative to the centroid. */
export const clusteredVectors = (
  count: number,
  dims: number,
  { clusters = 200, spread = 0.6, seed = 1 } = {},
): Float32Array[] => {
  const random = seededRandom(seed)
  const centroids = Array.from({ length: clusters }, () => randomUnitVector(dims, random))
  return Array.from({ length: count }, () => {
    const centroid = centroids[Math.floor(random() * clusters)] as Float32Array
    const noise = randomUnitVector(dims, random)
    return normalize(centroid.map((value, j) => value + spread * (noise[j] as number)))
  })
}

/** Exact top-k ids by float32 dot product: the reference recall is measured against. */
export const exactTopK = (vectors: readonly Float32Array[], query: Float32Array, k: number): number[] =>
  vectors
    .map((vector, index) => {
      let sum = 0
      for (let j = 0; j < vector.length; j++) sum += (vector[j] as number) * (query[j] as number)
      return { index, sum }
    })
    .sort((a, b) => b.sum - a.sum || a.index - b.index)
    .slice(0, k)
    .map((entry) => entry.index)
