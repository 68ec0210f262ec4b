// Near-duplicates among a set of documents (one persona's memories): every pair whose vectors are
// at least `minSimilarity` similar, found by an exact scan with the int8 kernel — each row against
// the rows before it, so n·(n−1)/2 dot products. Measured in Node with SIMD on this shared 2-core
// machine (clustered vectors): 1k memories ~30 ms; 10k memories 4.2–4.4 s at 256 dimensions (the
// static embedder's) and 6–7 s at 512 — it streams every earlier row from memory for each row; a
// blocked kernel (many query rows per pass over a cache-sized block) would be the next step. The
// work goes in slices with a pause between them, so searches from the tabs are answered meanwhile
// (the worker is single-threaded), and it can be cancelled.
import type { VectorIndex } from './vector-index.ts'

export interface SimilarPair {
  readonly a: string
  readonly b: string
  /** Cosine of the two stored vectors, -1 … 1. */
  readonly similarity: number
}

export interface PairOptions {
  readonly minSimilarity: number
  /** At most this many pairs, the most similar. */
  readonly limit?: number
  readonly signal?: AbortSignal
  /** Rows scanned between pauses. */
  readonly slice?: number
  /** The pause (tests pass one that does not wait). */
  readonly pause?: () => Promise<void>
}

const DEFAULT_LIMIT = 500
const DEFAULT_SLICE = 256
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Pairs among `ids` (those with a vector in `vectors`), the most similar first; ties by ids. */
export const similarPairs = async (
  vectors: VectorIndex,
  ids: Iterable<string>,
  { minSimilarity, limit = DEFAULT_LIMIT, signal, slice = DEFAULT_SLICE, pause = nextTask }: PairOptions,
): Promise<SimilarPair[]> => {
  const subset = vectors.subset(ids)
  let pairs: { a: string; b: string; similarity: number }[] = []
  for (let from = 0; from < subset.size; from += slice) {
    signal?.throwIfAborted()
    subset.pairsAmongRows(from, from + slice, minSimilarity, pairs)
    // Many pairs (a threshold set too low): keep the best, so memory stays bounded.
    if (pairs.length > 4 * limit) pairs = best(pairs, limit)
    if (from + slice < subset.size) await pause()
  }
  signal?.throwIfAborted()
  return best(pairs, limit)
}

const best = (pairs: { a: string; b: string; similarity: number }[], limit: number) =>
  pairs
    .map((p) => (p.a < p.b ? p : { a: p.b, b: p.a, similarity: p.similarity }))
    .sort((x, y) => y.similarity - x.similarity || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1))
    .slice(0, limit)
