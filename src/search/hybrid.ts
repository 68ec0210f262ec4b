// Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ over lists 1 / (k + rank),
// rank starting at 1. It needs no score calibration between BM25 (unbounded) and cosine (−1…1),
// which is why it is used here instead of a weighted sum; k = 60 is the paper's value, and it keeps
// the first few ranks of either list from drowning the other.
import type { TextHit } from './bm25.ts'
import type { VectorHit } from './vector-index.ts'

export const RRF_K = 60

export interface FusedHit {
  readonly id: string
  readonly score: number
  /** Present when keyword search found it: its rank there (1-based), BM25 score and terms. */
  readonly text?: { readonly rank: number; readonly score: number; readonly terms: readonly string[] }
  /** Present when it is similar in meaning: its rank by vector and the cosine similarity. */
  readonly vector?: { readonly rank: number; readonly similarity: number }
}

/** The largest score a document can get from `lists` result lists: first in all of them. */
export const bestPossibleScore = (lists: number, k = RRF_K): number => lists / (k + 1)

/** Fuses two ranked lists, best first; ties go to the better single rank, then to the id. */
export const fuse = (text: readonly TextHit[], vector: readonly VectorHit[], k = RRF_K): FusedHit[] => {
  type Mutable = {
    id: string
    score: number
    best: number
    text?: NonNullable<FusedHit['text']>
    vector?: NonNullable<FusedHit['vector']>
  }
  const byId = new Map<string, Mutable>()
  const entry = (id: string) => {
    let found = byId.get(id)
    if (!found) {
      found = { id, score: 0, best: Number.POSITIVE_INFINITY }
      byId.set(id, found)
    }
    return found
  }
  text.forEach((hit, i) => {
    const e = entry(hit.id)
    e.score += 1 / (k + i + 1)
    e.best = Math.min(e.best, i + 1)
    e.text = { rank: i + 1, score: hit.score, terms: hit.terms }
  })
  vector.forEach((hit, i) => {
    const e = entry(hit.id)
    e.score += 1 / (k + i + 1)
    e.best = Math.min(e.best, i + 1)
    e.vector = { rank: i + 1, similarity: hit.similarity }
  })
  return [...byId.values()]
    .sort((a, b) => b.score - a.score || a.best - b.best || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ best: _best, ...hit }) => hit)
}
