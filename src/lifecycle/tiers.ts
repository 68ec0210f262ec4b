import type { MemoryTier } from '../schema/memories.ts'

export const DAY_MS = 24 * 60 * 60 * 1000

/**
 * When a memory moves between tiers (docs/LIFECYCLE.md). A memory is **hot** while it was used
 * (opened, found, written) in the last `hotDays`, **warm** until `coldDays`, then **cold**.
 * Importance stretches both thresholds: a memory of importance `i` (0–100) keeps each tier
 * `1 + i/100` times as long, so an importance-100 memory stays hot twice as long as an
 * importance-0 one. Using a memory makes it hot again at the next lifecycle run.
 */
export type TierRules = { readonly hotDays: number; readonly coldDays: number }

export const DEFAULT_TIER_RULES: TierRules = { hotDays: 7, coldDays: 30 }

/** What the rule reads of a memory: all plain columns, no content. */
export type TierInput = { readonly importance: number; readonly lastAccessedAt: number }

const stretch = (importance: number) => 1 + Math.min(100, Math.max(0, importance)) / 100

/** The tier a memory belongs in at `now`. */
export const tierFor = (memory: TierInput, rules: TierRules, now: number): MemoryTier => {
  const idle = now - memory.lastAccessedAt
  const factor = stretch(memory.importance)
  if (idle < rules.hotDays * DAY_MS * factor) return 'hot'
  if (idle < rules.coldDays * DAY_MS * factor) return 'warm'
  return 'cold'
}

/**
 * The same rule as SQL over the `memories` columns (`importance`, `lastAccessedAt`), so the job
 * asks SQLite only for the rows whose tier is out of date instead of reading every memory.
 * `tiers.test.ts` checks it agrees with `tierFor`.
 */
export const tierSql = (rules: TierRules, now: number) => {
  const factor = '(1 + min(100, max(0, importance)) / 100.0)'
  return {
    expression: `CASE
      WHEN $now - lastAccessedAt < ${rules.hotDays * DAY_MS} * ${factor} THEN 'hot'
      WHEN $now - lastAccessedAt < ${rules.coldDays * DAY_MS} * ${factor} THEN 'warm'
      ELSE 'cold' END`,
    bindValues: { now },
  }
}

export const TIER_DAYS_MAX = 3650

/** A sentence for what is wrong with a pair of thresholds, or `undefined` when they are usable. */
export const tierRulesProblem = (rules: TierRules): string | undefined => {
  const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= TIER_DAYS_MAX
  if (!whole(rules.hotDays)) return `Hot takes whole days from 1 to ${TIER_DAYS_MAX}.`
  if (!whole(rules.coldDays)) return `Cold takes whole days from 1 to ${TIER_DAYS_MAX}.`
  if (rules.coldDays <= rules.hotDays) return 'Cold must come after hot: give it more days.'
  return undefined
}
