// Memory retrieval: which memories to bring back for a query, weighing what the query is about
// against how much a memory matters and how fresh it is (after Park et al., "Generative Agents",
// 2023, which sums the three; here relevance carries the most weight so a fresh, important but
// unrelated memory cannot outrank what was asked for).
//
//   score = wRelevance · relevance + wImportance · importance + wRecency · recency
//   relevance  = fused / max(fused over the candidates)        ∈ (0, 1]
//   importance = the memory's importance, clamped to [0, 1]     (0.5 when unknown)
//   recency    = 0.5 ^ (age / halfLife), age = now − timestamp ∈ (0, 1] (0.5 when unknown; a future
//                timestamp counts as age 0)
//
// Defaults: wRelevance 1, wImportance 0.3, wRecency 0.3, halfLife 30 days. Relevance is divided by
// the best candidate rather than min-max scaled, so the last candidate keeps a relevance above 0.

export interface RetrievalWeights {
  readonly relevance: number
  readonly importance: number
  readonly recency: number
  readonly halfLifeDays: number
}

export const DEFAULT_RETRIEVAL: RetrievalWeights = {
  relevance: 1,
  importance: 0.3,
  recency: 0.3,
  halfLifeDays: 30,
}

const DAY_MS = 86_400_000
const NEUTRAL = 0.5

export interface RetrievalCandidate {
  /** The fused (or any non-negative) relevance score. */
  readonly relevance: number
  readonly importance?: number | undefined
  /** Epoch milliseconds of the memory. */
  readonly timestamp?: number | undefined
}

export const recency = (timestamp: number | undefined, now: number, halfLifeDays: number): number => {
  if (timestamp === undefined || !Number.isFinite(timestamp)) return NEUTRAL
  const age = Math.max(0, now - timestamp)
  return 0.5 ** (age / (halfLifeDays * DAY_MS))
}

/** Retrieval scores for `candidates`, in their order. */
export const retrievalScores = (
  candidates: readonly RetrievalCandidate[],
  now: number,
  weights: RetrievalWeights = DEFAULT_RETRIEVAL,
): number[] => {
  const best = candidates.reduce((max, c) => Math.max(max, c.relevance), 0)
  return candidates.map((c) => {
    const relevance = best > 0 ? c.relevance / best : 0
    const importance =
      c.importance === undefined || !Number.isFinite(c.importance)
        ? NEUTRAL
        : Math.min(1, Math.max(0, c.importance))
    return (
      weights.relevance * relevance +
      weights.importance * importance +
      weights.recency * recency(c.timestamp, now, weights.halfLifeDays)
    )
  })
}
