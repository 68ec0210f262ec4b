import { nanoid, Schema } from '@livestore/livestore'
import type { Access } from '../lifecycle/access-log.ts'
import { COMPRESSION_FORMAT } from '../lifecycle/compression.ts'
import { retentionQueries } from '../lifecycle/retention.ts'
import { type TierRules, tierFor, tierRulesProblem, tierSql } from '../lifecycle/tiers.ts'
import { events } from '../schema/index.ts'
import {
  type MemoryTier,
  MemoryTier as MemoryTierSchema,
  memoryFields,
  sealCompressedContent,
} from '../schema/memories.ts'
import { notificationFields } from '../schema/notifications.ts'
import { type RetentionDays, settings$ } from '../schema/settings.ts'
import { type DataKey, seal } from '../vault/envelope.ts'
import { whenPersisted } from './bulk.ts'
import { CommandError } from './command-error.ts'
import type { HearthStore } from './store.ts'

/** Rows per batch event (docs/ARCHITECTURE.md, event granularity). */
export const LIFECYCLE_BATCH = 1000

/** Commits coalesced accesses: one `v1.MemoriesAccessed` per batch, never one per view. */
export const recordAccesses = (store: HearthStore, batches: ReadonlyArray<ReadonlyArray<Access>>) => {
  for (const accesses of batches) {
    if (accesses.length > 0) store.commit(events.memoriesAccessed({ accesses: [...accesses] }))
  }
}

export const setLifecycleSettings = (store: HearthStore, rules: TierRules): boolean => {
  const problem = tierRulesProblem(rules)
  if (problem !== undefined) throw new CommandError(problem)
  const before = store.query(settings$).lifecycle
  if (before.hotDays === rules.hotDays && before.coldDays === rules.coldDays) return false
  store.commit(
    events.lifecycleSettingsChanged({ lifecycle: { hotDays: rules.hotDays, coldDays: rules.coldDays } }),
  )
  return true
}

const StaleRow = Schema.Struct({
  id: Schema.String,
  tier: MemoryTierSchema,
  compressed: Schema.Number,
  importance: Schema.Number,
  lastAccessedAt: Schema.Number,
  updatedAt: Schema.Number,
  name: Schema.String,
  content: Schema.String,
  summary: Schema.String,
  tags: Schema.String,
  factCategory: Schema.NullOr(Schema.String),
  factKey: Schema.NullOr(Schema.String),
})

/**
 * Live memories whose tier or storage is out of date at `now`, after `after` in id order: the tier
 * the rules give differs from the stored one, or a cold memory is not compressed, or a warm or hot
 * one still is.
 */
const staleRows = (store: HearthStore, rules: TierRules, now: number, after: string, limit: number) => {
  const target = tierSql(rules, now)
  return store.query({
    query: `SELECT * FROM (
        SELECT id, tier, compressed, importance, lastAccessedAt, updatedAt, name, content, summary, tags,
               factCategory, factKey, ${target.expression} AS target
        FROM memories WHERE deletedAt IS NULL AND id > $after)
      WHERE target != tier OR (target = 'cold') != (compressed != 0)
      ORDER BY id LIMIT $limit`,
    bindValues: { ...target.bindValues, after, limit },
    schema: Schema.Array(StaleRow),
  })
}

export type TierReport = { hot: number; warm: number; cold: number; compressed: number; decompressed: number }

/**
 * Moves memories to the tier the rules give at `now`, one `v1.MemoriesTiered` per batch. A memory
 * going cold is compressed (its content opened, compressed, sealed again); one leaving cold is
 * stored plain again. A memory whose content cannot be opened changes tier and keeps its bytes.
 */
export const applyTiers = async (
  store: HearthStore,
  key: DataKey,
  rules: TierRules,
  now: number,
  { batchSize = LIFECYCLE_BATCH, signal }: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<TierReport> => {
  const report: TierReport = { hot: 0, warm: 0, cold: 0, compressed: 0, decompressed: 0 }
  let after = ''
  for (;;) {
    signal?.throwIfAborted()
    const rows = staleRows(store, rules, now, after, batchSize)
    const last = rows.at(-1)
    if (last === undefined) break
    after = last.id
    const changes = rows.flatMap((row) => {
      const tier: MemoryTier = tierFor(row, rules, now)
      const wantCompressed = tier === 'cold'
      let content: {
        sealed: ReturnType<typeof sealCompressedContent>
        compressed: number
        updatedAt: number
      } | null = null
      if (wantCompressed !== (row.compressed !== 0)) {
        const opened = memoryFields.open(key, row)
        if (!opened.unreadable) {
          content = wantCompressed
            ? {
                sealed: sealCompressedContent(key, row.id, opened.content),
                compressed: COMPRESSION_FORMAT,
                updatedAt: row.updatedAt,
              }
            : {
                sealed: seal(key, { table: 'memories', field: 'content', recordId: row.id }, opened.content),
                compressed: 0,
                updatedAt: row.updatedAt,
              }
          if (wantCompressed) report.compressed += 1
          else report.decompressed += 1
        }
      }
      if (tier === row.tier && content === null) return []
      if (tier !== row.tier) report[tier] += 1
      return [{ id: row.id, tier, content }]
    })
    if (changes.length > 0) {
      store.commit(events.memoriesTiered({ changes, changedAt: now }))
      await whenPersisted(store, 1)
    }
  }
  return report
}

export type CleanupReport = {
  cleanupId: string | null
  memories: number
  conversations: number
  workflowRuns: number
  notifications: number
}

const IdRows = Schema.Array(Schema.Struct({ id: Schema.String }))

const chunks = <T>(items: ReadonlyArray<T>, size: number): T[][] => {
  const out: T[][] = []
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size))
  return out
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

/** "12 memories, 3 conversations" — only the kinds it removed. */
export const describeCleanup = (c: {
  memories: number
  facts?: number
  conversations: number
  workflowRuns: number
  notifications: number
}) => {
  const parts = [
    c.memories > 0 ? plural(c.memories, 'memory', 'memories') : null,
    (c.facts ?? 0) > 0 ? plural(c.facts ?? 0, 'fact', 'facts') : null,
    c.conversations > 0 ? plural(c.conversations, 'conversation', 'conversations') : null,
    c.workflowRuns > 0 ? plural(c.workflowRuns, 'workflow run', 'workflow runs') : null,
    c.notifications > 0 ? plural(c.notifications, 'notification', 'notifications') : null,
  ].filter((p): p is string => p !== null)
  return parts.length === 0 ? 'nothing' : parts.join(', ')
}

/**
 * Applies retention and expiry at `now` (src/lifecycle/retention.ts): one `v1.RetentionApplied`
 * per batch of at most `batchSize` ids of each kind, then one notification saying what went.
 * Nothing to remove writes nothing.
 */
export const applyRetention = async (
  store: HearthStore,
  key: DataKey,
  retention: RetentionDays,
  now: number,
  { batchSize = LIFECYCLE_BATCH, signal }: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<CleanupReport> => {
  const queries = retentionQueries(retention, now)
  const ids = (q: (typeof queries)[keyof typeof queries]) =>
    q === null ? [] : store.query({ ...q, schema: IdRows }).map((r) => r.id)
  const found = {
    memoryIds: chunks(ids(queries.memories), batchSize),
    conversationIds: chunks(ids(queries.conversations), batchSize),
    runIds: chunks(ids(queries.workflowRuns), batchSize),
    notificationIds: chunks(ids(queries.notifications), batchSize),
  }
  const report: CleanupReport = {
    cleanupId: null,
    memories: found.memoryIds.flat().length,
    conversations: found.conversationIds.flat().length,
    workflowRuns: found.runIds.flat().length,
    notifications: found.notificationIds.flat().length,
  }
  const batches = Math.max(...Object.values(found).map((c) => c.length))
  if (batches === 0) return report
  const cleanupId = nanoid()
  for (let i = 0; i < batches; i += 1) {
    signal?.throwIfAborted()
    store.commit(
      events.retentionApplied({
        cleanupId,
        at: now,
        memoryIds: found.memoryIds[i] ?? [],
        conversationIds: found.conversationIds[i] ?? [],
        runIds: found.runIds[i] ?? [],
        notificationIds: found.notificationIds[i] ?? [],
      }),
    )
    await whenPersisted(store, 1)
  }
  const notificationId = nanoid()
  const title = `Cleanup removed ${describeCleanup(report)}`
  const body =
    'Retention (Settings › Privacy) and expiry dates decide what is kept. See Storage for the latest cleanup.'
  store.commit(
    events.notificationPosted({
      id: notificationId,
      kind: 'system',
      priority: 'low',
      ...notificationFields.seal(key, notificationId, { title, body }),
      subjectId: cleanupId,
      createdAt: now,
    }),
  )
  return { ...report, cleanupId }
}
