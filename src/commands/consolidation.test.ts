import { describe, expect, test } from 'vitest'
import { events, tables } from '../schema/index.ts'
import { linkedMemories$, memoryFields } from '../schema/memories.ts'
import { memoryHistory$ } from '../schema/memory-history.ts'
import { settings$ } from '../schema/settings.ts'
import { memoryRecord, personaRecord, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import { autoMerge, dismissMerge, mergeMemories, setConsolidationSettings } from './consolidation.ts'
import { editMemory, undoLastEdit } from './memories.ts'

const testStore = freshStorePerTest()
const row = (id: string) => only(testStore().query(tables.memories.where({ id })))
const opened = (id: string) => memoryFields.open(TEST_KEY, row(id))

const seed = (memories: Array<Parameters<typeof memoryRecord>[0]>) => {
  const store = testStore()
  store.commit(
    events.personasImported({ personas: [personaRecord({ id: 'p1' }), personaRecord({ id: 'p2' })] }),
  )
  store.commit(events.memoriesImported({ memories: memories.map((m) => memoryRecord(m)) }))
  return store
}

describe('mergeMemories', () => {
  test('keeps the union of tags (sealed for the kept memory), the higher importance and both links', () => {
    const store = seed([
      { id: 'a', personaId: 'p1', tags: ['tea'], importance: 30 },
      { id: 'b', personaId: 'p1', tags: ['drinks', 'tea'], importance: 80 },
      { id: 'c', personaId: 'p1' },
      { id: 'd', personaId: 'p1' },
    ])
    store.commit(events.memoriesLinked({ id: 'l1', fromId: 'a', toId: 'c', createdAt: T0 }))
    store.commit(events.memoriesLinked({ id: 'l2', fromId: 'd', toId: 'b', createdAt: T0 }))
    mergeMemories(store, TEST_KEY, 'a', 'b', T0 + 1)
    expect(opened('a')).toMatchObject({ tags: ['tea', 'drinks'], importance: 80, deletedAt: null })
    expect(row('b').deletedAt).toBe(T0 + 1)
    expect(
      store
        .query(linkedMemories$('a'))
        .map((l) => l.id)
        .sort(),
    ).toEqual(['c', 'd'])
    expect(
      testStore()
        .query(memoryHistory$('a'))
        .map((h) => h.kind),
    ).toEqual(['merged'])
  })

  test('refuses a memory that is gone, itself, or another persona’s', () => {
    const store = seed([
      { id: 'a', personaId: 'p1' },
      { id: 'b', personaId: 'p1' },
      { id: 'x', personaId: 'p2' },
    ])
    expect(() => mergeMemories(store, TEST_KEY, 'a', 'a')).toThrow(/itself/)
    expect(() => mergeMemories(store, TEST_KEY, 'a', 'x')).toThrow(/same persona/)
    mergeMemories(store, TEST_KEY, 'a', 'b')
    expect(() => mergeMemories(store, TEST_KEY, 'a', 'b')).toThrow(/no longer exists/)
  })
})

describe('autoMerge', () => {
  test('merges the plan’s pairs in batch events, skipping dismissed pairs and facts', async () => {
    const store = seed([
      { id: 'a', personaId: 'p1', importance: 90 },
      { id: 'b', personaId: 'p1' },
      { id: 'c', personaId: 'p1' },
      { id: 'd', personaId: 'p1' },
      { id: 'e', personaId: 'p1' },
      { id: 'f', personaId: 'p1' },
      { id: 'f1', personaId: 'p1', type: 'fact', factKey: 'k1' },
      { id: 'f2', personaId: 'p1', type: 'fact', factKey: 'k2' },
    ])
    dismissMerge(store, 'f', 'e')
    const merged = await autoMerge(
      store,
      TEST_KEY,
      [
        { a: 'a', b: 'b', similarity: 0.99 },
        { a: 'c', b: 'd', similarity: 0.98 },
        { a: 'e', b: 'f', similarity: 0.99 },
        { a: 'f1', b: 'f2', similarity: 1 },
        { a: 'a', b: 'c', similarity: 0.9 },
      ],
      0.97,
      T0 + 5,
      { batchSize: 1 },
    )
    expect(merged).toBe(2)
    const gone = store
      .query(tables.memories.where({ deletedAt: { op: '!=', value: null } }))
      .map((m) => m.id)
      .sort()
    expect(gone).toEqual(['b', 'd'])
    expect(store.query(memoryHistory$('a')).map((h) => [h.kind, JSON.parse(h.detail).auto] as const)).toEqual(
      [['merged', 1]],
    )
  })
})

describe('undoLastEdit', () => {
  test('restores the content before the last edit; with no edit left it says so', () => {
    const store = seed([{ id: 'a', personaId: 'p1', name: 'Tea', content: 'Green tea.' }])
    const before = { ...opened('a'), importance: row('a').importance }
    editMemory(store, TEST_KEY, before, { ...before, content: 'Black tea.' }, T0 + 1)
    expect(opened('a').content).toBe('Black tea.')
    undoLastEdit(store, 'a', T0 + 2)
    expect(opened('a').content).toBe('Green tea.')
    expect(() => undoLastEdit(store, 'a')).toThrow(/no edit to undo/)
  })
})

describe('setConsolidationSettings', () => {
  test('stores valid rules once, refuses invalid ones', () => {
    const store = testStore()
    const rules = { proposeAt: 0.85, autoMerge: true, autoMergeAt: 0.95 }
    expect(setConsolidationSettings(store, rules)).toBe(true)
    expect(setConsolidationSettings(store, rules)).toBe(false)
    expect(store.query(settings$).consolidation).toEqual(rules)
    expect(() => setConsolidationSettings(store, { ...rules, autoMergeAt: 0.5 })).toThrow(/automatically/)
  })
})
