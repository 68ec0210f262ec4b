/** Recall@k on the paraphrase set, for any ranking. */
import { DISTRACTORS, PAIRS } from './paraphrase-set.ts'

/** The searchable memories: each pair's memory at its own index, then the distractors. */
export const CORPUS: ReadonlyArray<string> = [...PAIRS.map((p) => p.memory), ...DISTRACTORS]
export const QUERIES: ReadonlyArray<string> = PAIRS.map((p) => p.query)

/** `rank(query index)` returns corpus indices, best first. The share of queries whose target is in the top k. */
export const recallAt = (k: number, rank: (query: number) => ReadonlyArray<number>): number => {
  let found = 0
  QUERIES.forEach((_, q) => {
    if (rank(q).slice(0, k).includes(q)) found++
  })
  return found / QUERIES.length
}

export const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number)
  return s
}

/** Corpus indices by decreasing cosine (vectors are unit length). */
export const rankByVector = (query: Float32Array, docs: ReadonlyArray<Float32Array>): number[] =>
  docs
    .map((d, i) => [i, dot(query, d)] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([i]) => i)
