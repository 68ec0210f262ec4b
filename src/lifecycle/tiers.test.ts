import { describe, expect, test } from 'vitest'
import { DAY, T0 } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { DEFAULT_TIER_RULES, tierFor, tierRulesProblem, tierSql } from './tiers.ts'

const rules = DEFAULT_TIER_RULES // hot < 7 days, warm < 30 days, stretched by 1 + importance/100

describe('tierFor', () => {
  test('an unimportant memory is hot for 7 days of not being used, warm until 30, then cold', () => {
    const memory = { importance: 0, lastAccessedAt: T0 }
    expect(tierFor(memory, rules, T0)).toBe('hot')
    expect(tierFor(memory, rules, T0 + 7 * DAY - 1)).toBe('hot')
    expect(tierFor(memory, rules, T0 + 7 * DAY)).toBe('warm')
    expect(tierFor(memory, rules, T0 + 30 * DAY - 1)).toBe('warm')
    expect(tierFor(memory, rules, T0 + 30 * DAY)).toBe('cold')
    expect(tierFor(memory, rules, T0 + 400 * DAY)).toBe('cold')
  })

  test('importance stretches both thresholds, up to twice as long at 100', () => {
    const important = { importance: 100, lastAccessedAt: T0 }
    expect(tierFor(important, rules, T0 + 13 * DAY)).toBe('hot')
    expect(tierFor(important, rules, T0 + 14 * DAY)).toBe('warm')
    expect(tierFor(important, rules, T0 + 59 * DAY)).toBe('warm')
    expect(tierFor(important, rules, T0 + 60 * DAY)).toBe('cold')
    const middling = { importance: 50, lastAccessedAt: T0 }
    expect(tierFor(middling, rules, T0 + 10 * DAY)).toBe('hot')
    expect(tierFor(middling, rules, T0 + 11 * DAY)).toBe('warm')
    expect(tierFor(middling, rules, T0 + 45 * DAY)).toBe('cold')
  })

  test('using a memory makes it hot again: the clock counts from its last use', () => {
    const now = T0 + 100 * DAY
    expect(tierFor({ importance: 20, lastAccessedAt: T0 }, rules, now)).toBe('cold')
    expect(tierFor({ importance: 20, lastAccessedAt: now - DAY }, rules, now)).toBe('hot')
  })

  test('the settings move the thresholds', () => {
    const memory = { importance: 0, lastAccessedAt: T0 }
    expect(tierFor(memory, { hotDays: 1, coldDays: 2 }, T0 + DAY)).toBe('warm')
    expect(tierFor(memory, { hotDays: 1, coldDays: 2 }, T0 + 2 * DAY)).toBe('cold')
    expect(tierFor(memory, { hotDays: 60, coldDays: 365 }, T0 + 59 * DAY)).toBe('hot')
  })
})

describe('tierRulesProblem', () => {
  test('accepts whole days with cold after hot, and says what is wrong otherwise', () => {
    expect(tierRulesProblem({ hotDays: 7, coldDays: 30 })).toBeUndefined()
    expect(tierRulesProblem({ hotDays: 0, coldDays: 30 })).toMatch(/Hot takes whole days/)
    expect(tierRulesProblem({ hotDays: 1.5, coldDays: 30 })).toMatch(/Hot takes whole days/)
    expect(tierRulesProblem({ hotDays: 7, coldDays: 4000 })).toMatch(/Cold takes whole days/)
    expect(tierRulesProblem({ hotDays: 30, coldDays: 30 })).toMatch(/Cold must come after hot/)
  })
})

describe('tierSql', () => {
  const useStore = freshStorePerTest()

  test('agrees with tierFor over importance and idle time, at and around the thresholds', () => {
    const store = useStore()
    const now = T0 + 1000 * DAY
    const custom = { hotDays: 3, coldDays: 45 }
    for (const r of [rules, custom]) {
      const { expression, bindValues } = tierSql(r, now)
      for (const importance of [0, 1, 33, 50, 99, 100]) {
        for (const idleDays of [
          0, 1, 2.99, 3, 6.9, 7, 10.5, 13.9, 14, 29.9, 30, 44, 45, 59, 60, 89, 90, 500,
        ]) {
          for (const nudge of [-1, 0, 1]) {
            const lastAccessedAt = Math.round(now - idleDays * DAY) + nudge
            const [row] = store.query({
              query: `SELECT ${expression.replaceAll('importance', '$importance').replaceAll('lastAccessedAt', '$last')} AS tier`,
              bindValues: { ...bindValues, importance, last: lastAccessedAt },
            }) as Array<{ tier: string }>
            expect(row?.tier, `importance ${importance}, idle ${idleDays} days ${nudge} ms`).toBe(
              tierFor({ importance, lastAccessedAt }, r, now),
            )
          }
        }
      }
    }
  })
})
