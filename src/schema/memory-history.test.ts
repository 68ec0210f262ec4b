import { describe, expect, test } from 'vitest'
import {
  DAY,
  MINUTE,
  memoryCreatedArgs,
  memoryEditedArgs,
  memoryRecord,
  personaCreatedArgs,
  T0,
  TEST_KEY,
} from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import { queryPlan, sortSteps } from '../testing/query-plan.ts'
import type { TestStore } from '../testing/test-store.ts'
import { events, tables } from './index.ts'
import { linkedMemories$, memoryFields } from './memories.ts'
import {
  lastEdit$,
  MEMORY_HISTORY_SQL,
  memoryHistory$,
  mergeDismissals$,
  mergedInto$,
  parseSnapshot,
} from './memory-history.ts'

const useStore = freshStorePerTest()

const memoryRow = (id: string) => only(useStore().query(tables.memories.where({ id })))
const opened = (id: string) => memoryFields.open(TEST_KEY, memoryRow(id))
const history = (id: string) => useStore().query(memoryHistory$(id))
const kinds = (id: string) => history(id).map((h) => h.kind)
/** A history snapshot opened like the memory it was taken from. */
const openSnapshot = (memoryId: string, json: string | null) => {
  const snapshot = parseSnapshot(json)
  if (snapshot === null) throw new Error('no snapshot')
  return memoryFields.open(TEST_KEY, { ...snapshot, id: memoryId })
}

const addPersona = (store: TestStore) => {
  const p = personaCreatedArgs()
  store.commit(events.personaCreated(p))
  return p.id
}

const tagsSealedFor = (id: string, tags: string[]) =>
  memoryFields.seal(TEST_KEY, id, {
    name: '',
    content: '',
    summary: '',
    tags,
    factCategory: null,
    factKey: null,
  }).tags

describe('history of edits, importance, tiers and use', () => {
  test('an edit keeps the content as it was before; importance, tier and use changes are recorded', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const m = memoryCreatedArgs({ personaId, content: 'Likes green tea.', createdAt: T0 })
    store.commit(events.memoryCreated(m))
    expect(history(m.id)).toEqual([])

    store.commit(events.memoryEdited(memoryEditedArgs(m.id, { content: 'Likes black tea.' }, T0 + MINUTE)))
    store.commit(events.memoryImportanceChanged({ id: m.id, importance: 80, updatedAt: T0 + 2 * MINUTE }))
    // The same importance again changes nothing, so it is not history.
    store.commit(events.memoryImportanceChanged({ id: m.id, importance: 80, updatedAt: T0 + 3 * MINUTE }))
    store.commit(
      events.memoriesTiered({
        changes: [{ id: m.id, tier: 'warm', content: null }],
        changedAt: T0 + 10 * DAY,
      }),
    )
    store.commit(
      events.memoriesTiered({
        changes: [{ id: m.id, tier: 'warm', content: null }],
        changedAt: T0 + 11 * DAY,
      }),
    )
    store.commit(
      events.memoriesAccessed({ accesses: [{ id: m.id, count: 2, lastAccessedAt: T0 + 12 * DAY }] }),
    )
    store.commit(
      events.memoriesAccessed({ accesses: [{ id: m.id, count: 3, lastAccessedAt: T0 + 12 * DAY + MINUTE }] }),
    )
    store.commit(
      events.memoriesAccessed({ accesses: [{ id: m.id, count: 1, lastAccessedAt: T0 + 13 * DAY }] }),
    )

    const rows = history(m.id)
    expect(rows.map((h) => [h.kind, h.at])).toEqual([
      ['accessed', T0 + 13 * DAY],
      ['accessed', T0 + 12 * DAY + MINUTE],
      ['tier', T0 + 10 * DAY],
      ['importance', T0 + 2 * MINUTE],
      ['edited', T0 + MINUTE],
    ])
    expect(rows.map((h) => JSON.parse(h.detail))).toEqual([
      { count: 1 },
      { count: 5 }, // one row per day used, adding up that day's views
      { from: 'hot', to: 'warm' },
      { from: 50, to: 80 },
      {},
    ])
    const edit = rows.at(-1)
    expect(openSnapshot(m.id, edit?.before ?? null).content).toBe('Likes green tea.')
    // The snapshot is stored sealed, as the memory is.
    expect(edit?.before).not.toContain('green tea')
  })
})

describe('undo of the last edit', () => {
  test('brings back the content before the newest edit, then the one before, and records each undo', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const m = memoryCreatedArgs({ personaId, name: 'Tea', content: 'v1', tags: ['a'] })
    store.commit(events.memoryCreated(m))
    store.commit(
      events.memoryEdited(memoryEditedArgs(m.id, { name: 'Tea', content: 'v2', tags: ['b'] }, T0 + 1)),
    )
    store.commit(events.memoryEdited(memoryEditedArgs(m.id, { name: 'Coffee', content: 'v3' }, T0 + 2)))
    store.commit(events.memoryImportanceChanged({ id: m.id, importance: 70, updatedAt: T0 + 3 }))

    const [last] = store.query(lastEdit$(m.id))
    expect(last?.at).toBe(T0 + 2)
    store.commit(events.memoryEditUndone({ id: m.id, historyId: last?.id ?? '', undoneAt: T0 + 4 }))
    expect(opened(m.id)).toMatchObject({ name: 'Tea', content: 'v2', tags: ['b'], importance: 70 })
    expect(memoryRow(m.id).updatedAt).toBe(T0 + 4)
    // Applying the same undo again (another tab, a replay) changes nothing more.
    store.commit(events.memoryEditUndone({ id: m.id, historyId: last?.id ?? '', undoneAt: T0 + 5 }))
    expect(opened(m.id).content).toBe('v2')

    const [previous] = store.query(lastEdit$(m.id))
    expect(previous?.at).toBe(T0 + 1)
    store.commit(events.memoryEditUndone({ id: m.id, historyId: previous?.id ?? '', undoneAt: T0 + 6 }))
    expect(opened(m.id)).toMatchObject({ name: 'Tea', content: 'v1', tags: ['a'] })
    expect(store.query(lastEdit$(m.id))).toEqual([])

    expect(kinds(m.id)).toEqual(['undone', 'undone', 'importance', 'edited', 'edited'])
    // Each undo keeps what it replaced: nothing written is ever lost.
    expect(openSnapshot(m.id, history(m.id)[0]?.before ?? null).content).toBe('v2')
    expect(openSnapshot(m.id, history(m.id)[1]?.before ?? null).content).toBe('v3')
  })

  test('an undo of a deleted memory changes nothing', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const m = memoryCreatedArgs({ personaId, content: 'v1' })
    store.commit(events.memoryCreated(m))
    store.commit(events.memoryEdited(memoryEditedArgs(m.id, { content: 'v2' }, T0 + 1)))
    store.commit(events.memoryDeleted({ id: m.id, personaId, deletedAt: T0 + 2 }))
    const [edit] = store.query(lastEdit$(m.id))
    store.commit(events.memoryEditUndone({ id: m.id, historyId: edit?.id ?? '', undoneAt: T0 + 3 }))
    expect(opened(m.id).content).toBe('v2')
    expect(kinds(m.id)).toEqual(['edited'])
  })
})

describe('MemoriesMerged', () => {
  const setUp = () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [keep, absorb, x, y, shared] = [
      memoryRecord({
        personaId,
        name: 'Peanuts',
        tags: ['health'],
        importance: 70,
        originKind: 'message',
        originId: 'msg-1',
      }),
      memoryRecord({
        personaId,
        name: 'Peanut allergy',
        tags: ['allergy'],
        importance: 40,
        accessCount: 3,
        lastAccessedAt: T0 + DAY,
        originKind: 'document',
        originId: 'doc-1',
      }),
      memoryRecord({ personaId, name: 'X' }),
      memoryRecord({ personaId, name: 'Y' }),
      memoryRecord({ personaId, name: 'Shared' }),
    ] as const
    store.commit(events.memoriesImported({ memories: [keep, absorb, x, y, shared] }))
    const link = (id: string, fromId: string, toId: string) =>
      store.commit(events.memoriesLinked({ id, fromId, toId, createdAt: T0 }))
    link('l-kx', keep.id, x.id)
    link('l-ya', y.id, absorb.id) // absorbed memory's own link, pointing at it
    link('l-ka', keep.id, absorb.id) // between the two: goes
    link('l-ks', keep.id, shared.id)
    link('l-as', absorb.id, shared.id) // both link to `shared`: kept once
    return { store, personaId, keep, absorb, x, y, shared }
  }

  const merge = (
    store: TestStore,
    m: { keepId: string; absorbedId: string; personaId: string },
    tags: string[],
    importance: number,
    at = T0 + 2 * DAY,
  ) =>
    store.commit(
      events.memoriesMerged({
        merges: [{ ...m, tags: tagsSealedFor(m.keepId, tags), importance }],
        mergedAt: at,
        auto: false,
      }),
    )

  test('keeps the union of links (counted both ways), the tags and importance given, and both provenances; the other goes', () => {
    const { store, personaId, keep, absorb, x, y, shared } = setUp()
    expect(only(store.query(tables.personas.where({ id: personaId }))).memoryCount).toBe(5)
    merge(store, { keepId: keep.id, absorbedId: absorb.id, personaId }, ['health', 'allergy'], 70)

    const linkedNames = (id: string) =>
      store
        .query(linkedMemories$(id))
        .map((l) => memoryFields.open(TEST_KEY, l).name)
        .sort()
    expect(linkedNames(keep.id)).toEqual(['Shared', 'X', 'Y'])
    expect(memoryRow(keep.id).linkCount).toBe(3)
    expect(memoryRow(y.id).linkCount).toBe(1)
    expect(memoryRow(shared.id).linkCount).toBe(1)
    expect(memoryRow(x.id).linkCount).toBe(1)
    expect(linkedNames(y.id)).toEqual(['Peanuts'])

    expect(opened(keep.id)).toMatchObject({
      tags: ['health', 'allergy'],
      importance: 70,
      accessCount: 3,
      lastAccessedAt: T0 + DAY,
      updatedAt: T0 + 2 * DAY,
    })
    expect(memoryRow(absorb.id).deletedAt).toBe(T0 + 2 * DAY)
    expect(memoryRow(absorb.id).linkCount).toBe(0)
    expect(only(store.query(tables.personas.where({ id: personaId }))).memoryCount).toBe(4)

    expect(kinds(keep.id)).toEqual(['merged'])
    expect(kinds(absorb.id)).toEqual(['absorbed'])
    const [origin] = store.query(mergedInto$(keep.id))
    const provenance = parseSnapshot(origin?.other ?? null)
    expect(provenance).toMatchObject({ originKind: 'document', originId: 'doc-1', importance: 40 })
    expect(openSnapshot(absorb.id, origin?.other ?? null).name).toBe('Peanut allergy')
  })

  test('provenance follows merges of merges; a merge whose memory is already gone changes nothing', () => {
    const { store, personaId, keep, absorb, x } = setUp()
    merge(store, { keepId: absorb.id, absorbedId: x.id, personaId }, ['allergy'], 50, T0 + DAY)
    merge(store, { keepId: keep.id, absorbedId: absorb.id, personaId }, ['health', 'allergy'], 70)
    expect(store.query(mergedInto$(keep.id)).map((m) => m.absorbedId)).toEqual([x.id, absorb.id])

    // The same pair again (another tab merged it first): nothing changes, nothing is counted twice.
    const before = store.query(tables.personas.where({ id: personaId }))
    merge(store, { keepId: keep.id, absorbedId: absorb.id, personaId }, ['other'], 10, T0 + 3 * DAY)
    expect(store.query(tables.personas.where({ id: personaId }))).toEqual(before)
    expect(opened(keep.id)).toMatchObject({ tags: ['health', 'allergy'], importance: 70 })
    expect(kinds(keep.id)).toEqual(['merged'])
  })
})

describe('MergeDismissed', () => {
  test('remembers the pair once, for the persona of its memories', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [a, b] = [memoryRecord({ personaId }), memoryRecord({ personaId })]
    store.commit(events.memoriesImported({ memories: [a, b] }))
    const [firstId, secondId] = [a.id, b.id].sort() as [string, string]
    store.commit(events.mergeDismissed({ firstId, secondId, dismissedAt: T0 }))
    store.commit(events.mergeDismissed({ firstId, secondId, dismissedAt: T0 + 1 }))
    expect(store.query(mergeDismissals$(personaId))).toEqual([{ firstId, secondId }])
    expect(store.query(mergeDismissals$('another'))).toEqual([])
  })
})

describe('reading history', () => {
  test('a memory’s history is read from its index in order, without a sort step', () => {
    const plan = queryPlan(useStore(), { query: MEMORY_HISTORY_SQL, bindValues: { memoryId: 'm1' } })
    expect(plan.join('\n')).toContain('memory_history_memory')
    expect(sortSteps(plan)).toEqual([])
  })

  test('a merge refuses plaintext tags: content enters the log only sealed', () => {
    const merge = { keepId: 'a', absorbedId: 'b', personaId: 'p', importance: 50 }
    expect(() =>
      events.memoriesMerged({ merges: [{ ...merge, tags: '["a"]' as never }], mergedAt: T0, auto: false }),
    ).toThrow()
    expect(() =>
      events.memoriesMerged({
        merges: [{ ...merge, tags: tagsSealedFor('a', ['a']) }],
        mergedAt: T0,
        auto: false,
      }),
    ).not.toThrow()
  })
})
