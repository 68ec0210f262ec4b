import { nanoid } from '@livestore/livestore'
import {
  autoMergePlan,
  type ConsolidationRules,
  consolidationRulesProblem,
  type MergeCandidate,
  mergedImportance,
  mergedTags,
  pairKey,
  type SimilarPair,
} from '../lifecycle/consolidation.ts'
import { events } from '../schema/index.ts'
import { liveMemoriesByIds$, type MemoryRow, memoryFields } from '../schema/memories.ts'
import { notificationFields } from '../schema/notifications.ts'
import { settings$ } from '../schema/settings.ts'
import type { DataKey, Sealed } from '../vault/envelope.ts'
import { whenPersisted } from './bulk.ts'
import { CommandError } from './command-error.ts'
import type { HearthStore } from './store.ts'

/** Merges per `v1.MemoriesMerged` when the job merges by itself (each is ~10 statements). */
export const MERGE_BATCH = 100

type Merge = { keepId: string; absorbedId: string; personaId: string; tags: Sealed; importance: number }

/** The merge of `absorb` into `keep`: the union of their tags, sealed for `keep`; the higher importance. */
const mergeOf = (key: DataKey, keep: MemoryRow, absorb: MemoryRow): Merge => {
  const [k, a] = [memoryFields.open(key, keep), memoryFields.open(key, absorb)]
  if (k.unreadable || a.unreadable)
    throw new CommandError('One of these memories cannot be opened, so they are not merged.')
  const tags = mergedTags(k.tags, a.tags)
  return {
    keepId: keep.id,
    absorbedId: absorb.id,
    personaId: keep.personaId,
    // Sealed like every memory field: bound to the kept memory's id and the `tags` field.
    tags: memoryFields.seal(key, keep.id, { ...k, tags }).tags,
    importance: mergedImportance(keep, absorb),
  }
}

const liveRows = (store: HearthStore, ids: ReadonlyArray<string>) =>
  new Map(store.query(liveMemoriesByIds$(ids)).map((row) => [row.id, row]))

/**
 * Merges `absorbId` into `keepId` (the Duplicates screen proposes which one stays): one
 * `v1.MemoriesMerged`. Refused when either is gone or they belong to different personas.
 */
export const mergeMemories = (
  store: HearthStore,
  key: DataKey,
  keepId: string,
  absorbId: string,
  now = Date.now(),
) => {
  if (keepId === absorbId) throw new CommandError('A memory cannot be merged with itself.')
  const rows = liveRows(store, [keepId, absorbId])
  const keep = rows.get(keepId)
  const absorb = rows.get(absorbId)
  if (keep === undefined || absorb === undefined)
    throw new CommandError('One of these memories no longer exists (it may have been merged in another tab).')
  if (keep.personaId !== absorb.personaId)
    throw new CommandError('Only memories of the same persona can be merged.')
  store.commit(events.memoriesMerged({ merges: [mergeOf(key, keep, absorb)], mergedAt: now, auto: false }))
  return { keepId, absorbedId: absorbId }
}

/** "Not duplicates": this pair is never proposed again, here or in any tab. */
export const dismissMerge = (store: HearthStore, a: string, b: string, now = Date.now()) => {
  if (a === b) throw new CommandError('A memory cannot be paired with itself.')
  const [firstId, secondId] = a < b ? [a, b] : [b, a]
  store.commit(events.mergeDismissed({ firstId, secondId, dismissedAt: now }))
}

export const setConsolidationSettings = (store: HearthStore, rules: ConsolidationRules): boolean => {
  const problem = consolidationRulesProblem(rules)
  if (problem !== undefined) throw new CommandError(problem)
  const before = store.query(settings$).consolidation
  if (
    before.proposeAt === rules.proposeAt &&
    before.autoMerge === rules.autoMerge &&
    before.autoMergeAt === rules.autoMergeAt
  )
    return false
  store.commit(
    events.consolidationSettingsChanged({
      consolidation: {
        proposeAt: rules.proposeAt,
        autoMerge: rules.autoMerge,
        autoMergeAt: rules.autoMergeAt,
      },
    }),
  )
  return true
}

/** The pairs of ids dismissed among the given memories, as `pairKey`s. */
export const dismissedKeys = (rows: ReadonlyArray<{ firstId: string; secondId: string }>) =>
  new Set(rows.map((r) => pairKey(r.firstId, r.secondId)))

const DISMISSED_AMONG = `SELECT firstId, secondId FROM merge_dismissals
  WHERE firstId IN (SELECT value FROM json_each($ids)) AND secondId IN (SELECT value FROM json_each($ids))`

/**
 * The lifecycle job's automatic merges (only when the person opted in): the pairs the search worker
 * found, through `autoMergePlan` (src/lifecycle/consolidation.ts), committed one batch event at a
 * time with the leader's persistence awaited between batches. Returns how many it merged.
 */
export const autoMerge = async (
  store: HearthStore,
  key: DataKey,
  pairs: ReadonlyArray<SimilarPair>,
  minSimilarity: number,
  now: number,
  { batchSize = MERGE_BATCH, signal }: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<number> => {
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))]
  if (ids.length === 0) return 0
  const rows = liveRows(store, ids)
  const dismissed = dismissedKeys(
    store.query({
      query: DISMISSED_AMONG,
      bindValues: { ids: JSON.stringify(ids) },
    }) as ReadonlyArray<{ firstId: string; secondId: string }>,
  )
  const plan = autoMergePlan<MemoryRow & MergeCandidate>(pairs, { live: rows, dismissed, minSimilarity })
  const merges = plan.flatMap(({ keep, absorb }) => {
    try {
      return [mergeOf(key, keep, absorb)]
    } catch {
      return [] // an unreadable memory is left as it is
    }
  })
  for (let at = 0; at < merges.length; at += batchSize) {
    signal?.throwIfAborted()
    store.commit(
      events.memoriesMerged({ merges: merges.slice(at, at + batchSize), mergedAt: now, auto: true }),
    )
    await whenPersisted(store, 1)
  }
  return merges.length
}

/** Personas with two or more live memories: the only ones that can hold duplicates. */
export const personasToConsolidate = (store: HearthStore): string[] =>
  (
    store.query({
      query: `SELECT personaId FROM memories WHERE deletedAt IS NULL GROUP BY personaId HAVING count(*) > 1
              ORDER BY personaId`,
      bindValues: {},
    }) as ReadonlyArray<{ personaId: string }>
  ).map((r) => r.personaId)

/** After the job merged by itself: one notification saying how many, so nothing happens unseen. */
export const notifyAutoMerged = (store: HearthStore, key: DataKey, merged: number, now = Date.now()) => {
  const id = nanoid()
  const title = `Merged ${merged.toLocaleString('en')} near-duplicate ${merged === 1 ? 'memory' : 'memories'}`
  const body =
    'You allowed automatic merges (Settings › Privacy). Each merged memory’s history shows what went into it.'
  store.commit(
    events.notificationPosted({
      id,
      kind: 'system',
      priority: 'low',
      ...notificationFields.seal(key, id, { title, body }),
      subjectId: null,
      createdAt: now,
    }),
  )
}
