/**
 * Consolidation of near-duplicate memories (docs/LIFECYCLE.md, "Consolidation"): which pairs are
 * proposed, which one of a pair is kept, what the kept one ends up with, and which merges the
 * lifecycle job may make by itself. Pure: the similarities come from the search worker's vectors
 * (`src/search/near-duplicates.ts`), the rows from the store.
 */

/** Similarities are cosines of the search worker's memory vectors, 0–1 here. */
export type ConsolidationRules = {
  /** Pairs at least this similar are proposed on the Duplicates screen. */
  readonly proposeAt: number
  /** Opt-in: the lifecycle job merges pairs at least `autoMergeAt` similar by itself. */
  readonly autoMerge: boolean
  readonly autoMergeAt: number
}

export const DEFAULT_CONSOLIDATION: ConsolidationRules = {
  proposeAt: 0.9,
  autoMerge: false,
  autoMergeAt: 0.97,
}

/** Below this, "similar" means related, not the same memory: proposing it would be noise. */
export const PROPOSE_AT_MIN = 0.5

export const consolidationRulesProblem = (rules: ConsolidationRules): string | undefined => {
  const { proposeAt, autoMergeAt } = rules
  if (!Number.isFinite(proposeAt) || proposeAt < PROPOSE_AT_MIN || proposeAt > 1)
    return `Propose merges at a similarity from ${PROPOSE_AT_MIN * 100} to 100 %.`
  if (!Number.isFinite(autoMergeAt) || autoMergeAt < proposeAt || autoMergeAt > 1)
    return 'Merge automatically at a similarity from the proposal threshold to 100 %.'
  return undefined
}

export type SimilarPair = { readonly a: string; readonly b: string; readonly similarity: number }

/** The same key whichever way round the pair comes. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`)

/** What the rules read of a memory: plain columns only (nothing sealed). */
export type MergeCandidate = {
  readonly id: string
  readonly personaId: string
  readonly type: string
  readonly importance: number
  readonly linkCount: number
  readonly accessCount: number
  readonly createdAt: number
}

/**
 * Which of two near-duplicates stays: the more important one; then the one with more links, then
 * the more used one, then the older one (it was there first), then the smaller id (so every tab
 * decides the same).
 */
export const chooseSurvivor = <M extends MergeCandidate>(a: M, b: M): { keep: M; absorb: M } => {
  const order =
    b.importance - a.importance ||
    b.linkCount - a.linkCount ||
    b.accessCount - a.accessCount ||
    a.createdAt - b.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return order <= 0 ? { keep: a, absorb: b } : { keep: b, absorb: a }
}

/** The kept memory's tags, then the absorbed one's that it lacks (compared trimmed, ignoring case). */
export const mergedTags = (keep: ReadonlyArray<string>, absorbed: ReadonlyArray<string>): string[] => {
  const seen = new Set<string>()
  const out: string[] = []
  for (const tag of [...keep, ...absorbed]) {
    const norm = tag.trim().toLowerCase()
    if (norm === '' || seen.has(norm)) continue
    seen.add(norm)
    out.push(tag.trim())
  }
  return out
}

export const mergedImportance = (a: { importance: number }, b: { importance: number }) =>
  Math.max(a.importance, b.importance)

type PairContext<M extends MergeCandidate> = {
  /** Live memories by id (a pair with an end missing here was merged or deleted meanwhile). */
  readonly live: ReadonlyMap<string, M>
  /** `pairKey`s the person dismissed. */
  readonly dismissed: ReadonlySet<string>
  readonly minSimilarity: number
}

export type Proposal<M extends MergeCandidate> = { keep: M; absorb: M; similarity: number }

/**
 * The merges to propose: pairs at least `minSimilarity` similar, both live, of the same persona and
 * type, not dismissed; each pair once, the most similar first, with the memory to keep chosen.
 */
export const proposals = <M extends MergeCandidate>(
  pairs: ReadonlyArray<SimilarPair>,
  { live, dismissed, minSimilarity }: PairContext<M>,
): Proposal<M>[] => {
  const seen = new Set<string>()
  const out: Proposal<M>[] = []
  for (const pair of pairs) {
    if (pair.similarity < minSimilarity || pair.a === pair.b) continue
    const key = pairKey(pair.a, pair.b)
    if (seen.has(key) || dismissed.has(key)) continue
    const a = live.get(pair.a)
    const b = live.get(pair.b)
    if (a === undefined || b === undefined || a.personaId !== b.personaId || a.type !== b.type) continue
    seen.add(key)
    out.push({ ...chooseSurvivor(a, b), similarity: pair.similarity })
  }
  return out.sort(
    (x, y) =>
      y.similarity - x.similarity ||
      (pairKey(x.keep.id, x.absorb.id) < pairKey(y.keep.id, y.absorb.id) ? -1 : 1),
  )
}

/**
 * The merges the lifecycle job makes by itself (only when the person opted in): proposals at
 * least `minSimilarity` (the stricter auto-merge threshold), most similar first, each memory in at
 * most one merge per run — so a chain A≈B≈C never merges into a memory that the same run deletes;
 * the next run sees the merged memory afresh. Facts are never merged automatically: each has its
 * own key, so two facts are two things even when their words are alike.
 */
export const autoMergePlan = <M extends MergeCandidate>(
  pairs: ReadonlyArray<SimilarPair>,
  context: PairContext<M>,
): Proposal<M>[] => {
  const used = new Set<string>()
  const plan: Proposal<M>[] = []
  for (const p of proposals(pairs, context)) {
    if (p.keep.type === 'fact' || used.has(p.keep.id) || used.has(p.absorb.id)) continue
    used.add(p.keep.id)
    used.add(p.absorb.id)
    plan.push(p)
  }
  return plan
}
