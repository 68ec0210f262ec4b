import { describe, expect, test } from 'vitest'
import {
  autoMergePlan,
  chooseSurvivor,
  consolidationRulesProblem,
  DEFAULT_CONSOLIDATION,
  type MergeCandidate,
  mergedImportance,
  mergedTags,
  pairKey,
  proposals,
} from './consolidation.ts'

const T0 = Date.UTC(2026, 0, 1)

const memory = (id: string, overrides: Partial<MergeCandidate> = {}): MergeCandidate => ({
  id,
  personaId: 'p1',
  type: 'knowledge',
  importance: 50,
  linkCount: 0,
  accessCount: 0,
  createdAt: T0,
  ...overrides,
})

const live = (...rows: MergeCandidate[]) => new Map(rows.map((r) => [r.id, r]))
const ids = (list: ReadonlyArray<{ keep: { id: string }; absorb: { id: string } }>) =>
  list.map((p) => `${p.keep.id}<-${p.absorb.id}`)

describe('chooseSurvivor', () => {
  test('keeps the more important memory, whichever way round the pair comes', () => {
    const a = memory('a', { importance: 40 })
    const b = memory('b', { importance: 70 })
    expect(chooseSurvivor(a, b)).toEqual({ keep: b, absorb: a })
    expect(chooseSurvivor(b, a)).toEqual({ keep: b, absorb: a })
  })

  test('between equally important memories: more links, then more use, then the older, then the smaller id', () => {
    expect(chooseSurvivor(memory('a'), memory('b', { linkCount: 2 })).keep.id).toBe('b')
    expect(chooseSurvivor(memory('a', { accessCount: 1 }), memory('b')).keep.id).toBe('a')
    expect(chooseSurvivor(memory('a', { createdAt: T0 + 1 }), memory('b')).keep.id).toBe('b')
    expect(chooseSurvivor(memory('b'), memory('a')).keep.id).toBe('a')
    // Importance outranks everything else.
    expect(
      chooseSurvivor(memory('a', { importance: 51 }), memory('b', { linkCount: 9, accessCount: 9 })).keep.id,
    ).toBe('a')
  })
})

describe('what the kept memory ends up with', () => {
  test('the union of both memories’ tags, the kept one’s first, without duplicates that differ only in case', () => {
    expect(mergedTags(['garden', 'Tomatoes'], ['tomatoes', 'balcony', ' garden ', ''])).toEqual([
      'garden',
      'Tomatoes',
      'balcony',
    ])
    expect(mergedTags([], ['a'])).toEqual(['a'])
  })

  test('the higher importance', () => {
    expect(mergedImportance({ importance: 30 }, { importance: 80 })).toBe(80)
    expect(mergedImportance({ importance: 80 }, { importance: 30 })).toBe(80)
  })
})

describe('proposals', () => {
  test('pairs at or above the threshold, most similar first, each once, with the survivor chosen', () => {
    const rows = live(memory('a'), memory('b', { importance: 90 }), memory('c'), memory('d'))
    const result = proposals(
      [
        { a: 'a', b: 'b', similarity: 0.95 },
        { a: 'b', b: 'a', similarity: 0.95 },
        { a: 'c', b: 'd', similarity: 0.97 },
        { a: 'a', b: 'c', similarity: 0.89 },
      ],
      { live: rows, dismissed: new Set(), minSimilarity: 0.9 },
    )
    expect(ids(result)).toEqual(['c<-d', 'b<-a'])
    expect(result.map((p) => p.similarity)).toEqual([0.97, 0.95])
  })

  test('never proposes a dismissed pair, a pair with a memory gone, or across personas or types', () => {
    const rows = live(
      memory('a'),
      memory('b'),
      memory('c', { personaId: 'p2' }),
      memory('d', { type: 'fact' }),
      memory('e'),
    )
    const pairs = [
      { a: 'b', b: 'a', similarity: 0.99 },
      { a: 'a', b: 'c', similarity: 0.99 },
      { a: 'a', b: 'd', similarity: 0.99 },
      { a: 'a', b: 'gone', similarity: 0.99 },
      { a: 'e', b: 'e', similarity: 1 },
      { a: 'a', b: 'e', similarity: 0.98 },
    ]
    const result = proposals(pairs, {
      live: rows,
      dismissed: new Set([pairKey('a', 'b')]),
      minSimilarity: 0.9,
    })
    expect(ids(result)).toEqual(['a<-e'])
  })
})

describe('autoMergePlan', () => {
  test('uses its own (stricter) threshold and puts each memory in at most one merge per run', () => {
    const rows = live(memory('a', { importance: 80 }), memory('b'), memory('c'), memory('x'), memory('y'))
    const pairs = [
      { a: 'a', b: 'b', similarity: 0.99 },
      { a: 'b', b: 'c', similarity: 0.985 }, // b is absorbed by the first merge: not this run
      { a: 'a', b: 'c', similarity: 0.98 }, // a already takes part in one merge
      { a: 'x', b: 'y', similarity: 0.96 }, // proposed, but below the auto-merge threshold
    ]
    const plan = autoMergePlan(pairs, { live: rows, dismissed: new Set(), minSimilarity: 0.97 })
    expect(ids(plan)).toEqual(['a<-b'])
  })

  test('never merges facts by itself, and respects dismissals', () => {
    const rows = live(
      memory('f1', { type: 'fact' }),
      memory('f2', { type: 'fact' }),
      memory('a'),
      memory('b'),
      memory('c'),
      memory('d'),
    )
    const plan = autoMergePlan(
      [
        { a: 'f1', b: 'f2', similarity: 1 },
        { a: 'a', b: 'b', similarity: 0.99 },
        { a: 'c', b: 'd', similarity: 0.99 },
      ],
      { live: rows, dismissed: new Set([pairKey('b', 'a')]), minSimilarity: 0.97 },
    )
    expect(ids(plan)).toEqual(['c<-d'])
  })
})

describe('consolidationRulesProblem', () => {
  test('accepts the defaults (no automatic merges unless the person opts in)', () => {
    expect(DEFAULT_CONSOLIDATION.autoMerge).toBe(false)
    expect(consolidationRulesProblem(DEFAULT_CONSOLIDATION)).toBeUndefined()
  })

  test('refuses thresholds out of range, or an automatic merge looser than a proposal', () => {
    expect(consolidationRulesProblem({ ...DEFAULT_CONSOLIDATION, proposeAt: 0.3 })).toMatch(/Propose/)
    expect(consolidationRulesProblem({ ...DEFAULT_CONSOLIDATION, proposeAt: Number.NaN })).toMatch(/Propose/)
    expect(consolidationRulesProblem({ proposeAt: 0.9, autoMerge: true, autoMergeAt: 0.85 })).toMatch(
      /automatically/,
    )
    expect(consolidationRulesProblem({ proposeAt: 0.9, autoMerge: true, autoMergeAt: 1.01 })).toMatch(
      /automatically/,
    )
  })
})
