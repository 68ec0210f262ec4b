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
import type { TestStore } from '../testing/test-store.ts'
import { events, tables } from './index.ts'
import {
  linkedMemories$,
  MEMORY_PAGE_SIZE,
  type MemoryFilters,
  memoryById$,
  memoryFields,
  memoryPage$,
  NO_MEMORY_FILTERS,
  type SealedMemoryRecord,
} from './memories.ts'

const useStore = freshStorePerTest()

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id)
const memoryRow = (id: string) => only(useStore().query(tables.memories.where({ id })))
/** A memory row with its sealed content opened. */
const openMemoryRow = (id: string) => memoryFields.openStrict(TEST_KEY, memoryRow(id))
const personaRow = (id: string) => only(useStore().query(tables.personas.where({ id })))
const linkRow = (id: string) => only(useStore().query(tables.memoryLinks.where({ id })))

const page = (personaId: string, filters: Partial<MemoryFilters> = {}, pageNo = 0) =>
  useStore().query(memoryPage$(personaId, { ...NO_MEMORY_FILTERS, ...filters }, pageNo))

/** A persona to hang memories on. */
const addPersona = (store: TestStore) => {
  const p = personaCreatedArgs()
  store.commit(events.personaCreated(p))
  return p.id
}

/** Imports memories for one persona in one batch and returns them in the order given. */
const importMemories = (store: TestStore, records: ReadonlyArray<SealedMemoryRecord>) => {
  store.commit(events.memoriesImported({ memories: records }))
  return records
}

const link = (store: TestStore, fromId: string, toId: string, createdAt = T0) => {
  const args = { id: `link-${fromId}-${toId}-${createdAt}`, fromId, toId, createdAt }
  store.commit(events.memoriesLinked(args))
  return args.id
}

describe('MemoryCreated', () => {
  test('stores a hot, never-accessed memory and increments the persona memoryCount', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const other = addPersona(store)
    const args = memoryCreatedArgs({
      personaId,
      type: 'fact',
      factCategory: 'diet',
      factKey: 'diet.milk',
      tags: ['food', 'milk'],
      importance: 80,
      originKind: 'message',
      originId: 'msg-1',
      createdAt: T0 + MINUTE,
    })
    store.commit(events.memoryCreated(args))

    expect(openMemoryRow(args.id)).toMatchObject({
      personaId,
      type: 'fact',
      factCategory: 'diet',
      factKey: 'diet.milk',
      tags: ['food', 'milk'],
      importance: 80,
      tier: 'hot',
      compressed: 0,
      accessCount: 0,
      linkCount: 0,
      originKind: 'message',
      originId: 'msg-1',
      createdAt: T0 + MINUTE,
      updatedAt: T0 + MINUTE,
      lastAccessedAt: T0 + MINUTE,
      deletedAt: null,
    })
    expect(personaRow(personaId).memoryCount).toBe(1)
    expect(personaRow(other).memoryCount).toBe(0)

    store.commit(events.memoryCreated(memoryCreatedArgs({ personaId })))
    expect(personaRow(personaId).memoryCount).toBe(2)
    expect(ids(page(personaId))).toHaveLength(2)
    expect(page(other)).toEqual([])
  })
})

describe('memoryPage$', () => {
  test('orders by importance, then most recently accessed', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [low, highOld, highNew, mid] = importMemories(store, [
      memoryRecord({ personaId, importance: 10, lastAccessedAt: T0 + 9 * MINUTE }),
      memoryRecord({ personaId, importance: 90, lastAccessedAt: T0 + MINUTE }),
      memoryRecord({ personaId, importance: 90, lastAccessedAt: T0 + 5 * MINUTE }),
      memoryRecord({ personaId, importance: 50, lastAccessedAt: T0 }),
    ])
    expect(ids(page(personaId))).toEqual([highNew?.id, highOld?.id, mid?.id, low?.id])
  })

  test('only shows the requested persona and never deleted memories', () => {
    const store = useStore()
    const mine = addPersona(store)
    const theirs = addPersona(store)
    const [a, b] = importMemories(store, [
      memoryRecord({ personaId: mine }),
      memoryRecord({ personaId: mine }),
    ])
    importMemories(store, [memoryRecord({ personaId: theirs })])
    if (b === undefined) throw new Error('fixture')
    store.commit(events.memoryDeleted({ id: b.id, personaId: mine, deletedAt: T0 + MINUTE }))
    expect(ids(page(mine))).toEqual([a?.id])
  })

  test('type filter', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [fact, pref, fact2] = importMemories(store, [
      memoryRecord({ personaId, type: 'fact', importance: 30 }),
      memoryRecord({ personaId, type: 'preference', importance: 60 }),
      memoryRecord({ personaId, type: 'fact', importance: 70 }),
    ])
    expect(ids(page(personaId))).toEqual([fact2?.id, pref?.id, fact?.id])
    expect(ids(page(personaId, { type: 'fact' }))).toEqual([fact2?.id, fact?.id])
    expect(ids(page(personaId, { type: 'preference' }))).toEqual([pref?.id])
    expect(page(personaId, { type: 'event' })).toEqual([])
  })

  test('minImportance filter is inclusive; 0 means no filter', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [zero, forty, fortyOne, hundred] = importMemories(store, [
      memoryRecord({ personaId, importance: 0 }),
      memoryRecord({ personaId, importance: 40 }),
      memoryRecord({ personaId, importance: 41 }),
      memoryRecord({ personaId, importance: 100 }),
    ])
    expect(ids(page(personaId, { minImportance: 0 }))).toEqual([
      hundred?.id,
      fortyOne?.id,
      forty?.id,
      zero?.id,
    ])
    expect(ids(page(personaId, { minImportance: 40 }))).toEqual([hundred?.id, fortyOne?.id, forty?.id])
    expect(ids(page(personaId, { minImportance: 41 }))).toEqual([hundred?.id, fortyOne?.id])
    expect(ids(page(personaId, { minImportance: 100 }))).toEqual([hundred?.id])
  })

  test('tier filter', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [hot, warm, cold] = importMemories(store, [
      memoryRecord({ personaId, tier: 'hot', importance: 10 }),
      memoryRecord({ personaId, tier: 'warm', importance: 20 }),
      memoryRecord({ personaId, tier: 'cold', importance: 30 }),
    ])
    expect(ids(page(personaId, { tier: 'hot' }))).toEqual([hot?.id])
    expect(ids(page(personaId, { tier: 'warm' }))).toEqual([warm?.id])
    expect(ids(page(personaId, { tier: 'cold' }))).toEqual([cold?.id])
  })

  test('createdFrom / createdTo bound the creation date inclusively, each on its own or together', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [day0, day1, day2, day3] = importMemories(store, [
      memoryRecord({ personaId, createdAt: T0, importance: 10 }),
      memoryRecord({ personaId, createdAt: T0 + DAY, importance: 20 }),
      memoryRecord({ personaId, createdAt: T0 + 2 * DAY, importance: 30 }),
      memoryRecord({ personaId, createdAt: T0 + 3 * DAY, importance: 40 }),
    ])
    expect(ids(page(personaId, { createdFrom: T0 + DAY }))).toEqual([day3?.id, day2?.id, day1?.id])
    expect(ids(page(personaId, { createdTo: T0 + 2 * DAY }))).toEqual([day2?.id, day1?.id, day0?.id])
    expect(ids(page(personaId, { createdFrom: T0 + DAY, createdTo: T0 + 2 * DAY }))).toEqual([
      day2?.id,
      day1?.id,
    ])
    expect(ids(page(personaId, { createdFrom: T0 + DAY + 1, createdTo: T0 + 2 * DAY - 1 }))).toEqual([])
  })

  test('filters combine', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [match] = importMemories(store, [
      memoryRecord({ personaId, type: 'task', tier: 'warm', importance: 70, createdAt: T0 + DAY }),
      memoryRecord({ personaId, type: 'task', tier: 'hot', importance: 70, createdAt: T0 + DAY }),
      memoryRecord({ personaId, type: 'event', tier: 'warm', importance: 70, createdAt: T0 + DAY }),
      memoryRecord({ personaId, type: 'task', tier: 'warm', importance: 20, createdAt: T0 + DAY }),
      memoryRecord({ personaId, type: 'task', tier: 'warm', importance: 70, createdAt: T0 }),
    ])
    const filters: MemoryFilters = {
      sort: 'importance',
      type: 'task',
      tier: 'warm',
      minImportance: 50,
      createdFrom: T0 + DAY,
      createdTo: null,
    }
    expect(ids(page(personaId, filters))).toEqual([match?.id])
  })

  test(`pages hold ${MEMORY_PAGE_SIZE} rows and fetch one more, so the UI can tell a next page exists`, () => {
    const store = useStore()
    const personaId = addPersona(store)
    const total = 2 * MEMORY_PAGE_SIZE + 20
    // Importance from 0 up and distinct access times make the expected order unambiguous.
    const records = Array.from({ length: total }, (_, i) =>
      memoryRecord({ personaId, importance: Math.floor(i / 2), lastAccessedAt: T0 + i * MINUTE }),
    )
    importMemories(store, records)
    const expected = ids(records).reverse()

    const first = page(personaId, {}, 0)
    const second = page(personaId, {}, 1)
    const third = page(personaId, {}, 2)
    expect(first).toHaveLength(MEMORY_PAGE_SIZE + 1)
    expect(second).toHaveLength(MEMORY_PAGE_SIZE + 1)
    expect(third).toHaveLength(20)
    expect(page(personaId, {}, 3)).toEqual([])

    // The extra row of a page is the first row of the next one.
    expect(first[MEMORY_PAGE_SIZE]?.id).toBe(second[0]?.id)
    const shown = [first, second, third].flatMap((rows) => ids(rows.slice(0, MEMORY_PAGE_SIZE)))
    expect(shown).toEqual(expected)
  })

  test('a page of exactly 50 matching rows has no extra row', () => {
    const store = useStore()
    const personaId = addPersona(store)
    importMemories(
      store,
      Array.from({ length: MEMORY_PAGE_SIZE }, () => memoryRecord({ personaId })),
    )
    expect(page(personaId)).toHaveLength(MEMORY_PAGE_SIZE)
    expect(page(personaId, {}, 1)).toEqual([])
  })
})

describe('MemoryEdited / MemoryImportanceChanged / MemoryTierChanged', () => {
  test('an edit replaces the content and updatedAt, keeping importance, tier and counters', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const m = memoryCreatedArgs({ personaId, importance: 65 })
    store.commit(events.memoryCreated(m))
    const edit = memoryEditedArgs(
      m.id,
      { type: 'preference', name: 'Coffee', content: 'Now drinks coffee', tags: ['x'] },
      T0 + MINUTE,
    )

    store.commit(events.memoryEdited(edit))

    expect(openMemoryRow(m.id)).toMatchObject({
      type: 'preference',
      name: 'Coffee',
      content: 'Now drinks coffee',
      tags: ['x'],
      importance: 65,
      tier: 'hot',
      createdAt: T0,
      updatedAt: T0 + MINUTE,
    })
    expect(ids(page(personaId, { type: 'preference' }))).toEqual([m.id])
    expect(page(personaId, { type: 'knowledge' })).toEqual([])
    expect(personaRow(personaId).memoryCount).toBe(1)
  })

  test('an importance change re-ranks the memory in the list', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [a, b] = importMemories(store, [
      memoryRecord({ personaId, importance: 60 }),
      memoryRecord({ personaId, importance: 40 }),
    ])
    if (a === undefined || b === undefined) throw new Error('fixture')
    expect(ids(page(personaId))).toEqual([a.id, b.id])

    store.commit(events.memoryImportanceChanged({ id: b.id, importance: 95, updatedAt: T0 + MINUTE }))
    expect(ids(page(personaId))).toEqual([b.id, a.id])
    expect(memoryRow(b.id)).toMatchObject({ importance: 95, updatedAt: T0 + MINUTE })
    expect(ids(page(personaId, { minImportance: 90 }))).toEqual([b.id])
  })

  test('a tier change moves the memory between tier filters and records compression', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const m = memoryCreatedArgs({ personaId })
    store.commit(events.memoryCreated(m))
    expect(ids(page(personaId, { tier: 'hot' }))).toEqual([m.id])

    store.commit(events.memoryTierChanged({ id: m.id, tier: 'cold', compressed: true, changedAt: T0 + DAY }))
    expect(page(personaId, { tier: 'hot' })).toEqual([])
    expect(ids(page(personaId, { tier: 'cold' }))).toEqual([m.id])
    expect(memoryRow(m.id)).toMatchObject({ tier: 'cold', compressed: 1 })

    store.commit(
      events.memoryTierChanged({ id: m.id, tier: 'warm', compressed: false, changedAt: T0 + 2 * DAY }),
    )
    expect(memoryRow(m.id)).toMatchObject({ tier: 'warm', compressed: 0 })
  })
})

describe('MemoriesAccessed', () => {
  test('one batch adds each count and keeps the latest access time, never moving it back', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [a, b, untouched] = importMemories(store, [
      memoryRecord({ personaId, accessCount: 2, lastAccessedAt: T0 + 10 * MINUTE }),
      memoryRecord({ personaId, accessCount: 0, lastAccessedAt: T0 }),
      memoryRecord({ personaId, accessCount: 5, lastAccessedAt: T0 }),
    ])
    if (a === undefined || b === undefined || untouched === undefined) throw new Error('fixture')

    store.commit(
      events.memoriesAccessed({
        accesses: [
          // Older than what `a` already has: the count adds, the time stays.
          { id: a.id, count: 3, lastAccessedAt: T0 + 5 * MINUTE },
          { id: b.id, count: 1, lastAccessedAt: T0 + 20 * MINUTE },
          { id: b.id, count: 4, lastAccessedAt: T0 + 15 * MINUTE },
        ],
      }),
    )

    expect(memoryRow(a.id)).toMatchObject({ accessCount: 5, lastAccessedAt: T0 + 10 * MINUTE })
    expect(memoryRow(b.id)).toMatchObject({ accessCount: 5, lastAccessedAt: T0 + 20 * MINUTE })
    expect(memoryRow(untouched.id)).toMatchObject({ accessCount: 5, lastAccessedAt: T0 })
  })

  test('within equal importance, a fresh access moves a memory up the list', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [a, b] = importMemories(store, [
      memoryRecord({ personaId, importance: 50, lastAccessedAt: T0 + MINUTE }),
      memoryRecord({ personaId, importance: 50, lastAccessedAt: T0 }),
    ])
    if (a === undefined || b === undefined) throw new Error('fixture')
    expect(ids(page(personaId))).toEqual([a.id, b.id])
    store.commit(
      events.memoriesAccessed({ accesses: [{ id: b.id, count: 1, lastAccessedAt: T0 + 2 * MINUTE }] }),
    )
    expect(ids(page(personaId))).toEqual([b.id, a.id])
  })
})

describe('MemoriesEmbedded', () => {
  test('records the model on exactly the listed memories', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [a, b, c] = importMemories(store, [
      memoryRecord({ personaId }),
      memoryRecord({ personaId }),
      memoryRecord({ personaId }),
    ])
    if (a === undefined || b === undefined || c === undefined) throw new Error('fixture')
    store.commit(events.memoriesEmbedded({ ids: [a.id, c.id], model: 'minilm-v2' }))
    expect(memoryRow(a.id).embeddingModel).toBe('minilm-v2')
    expect(memoryRow(b.id).embeddingModel).toBeNull()
    expect(memoryRow(c.id).embeddingModel).toBe('minilm-v2')
  })
})

describe('links', () => {
  const threeMemories = (store: TestStore) => {
    const personaId = addPersona(store)
    const [a, b, c] = importMemories(store, [
      memoryRecord({ personaId, name: 'A', importance: 30 }),
      memoryRecord({ personaId, name: 'B', importance: 20 }),
      memoryRecord({ personaId, name: 'C', importance: 10 }),
    ])
    if (a === undefined || b === undefined || c === undefined) throw new Error('fixture')
    return { personaId, a: a.id, b: b.id, c: c.id }
  }
  const linkCounts = (...memoryIds: string[]) => memoryIds.map((id) => memoryRow(id).linkCount)
  const linked = (id: string) => ids(useStore().query(linkedMemories$(id)))

  test('a link counts on both ends and shows from either side', () => {
    const store = useStore()
    const { a, b, c } = threeMemories(store)
    const ab = link(store, a, b)
    expect(linkCounts(a, b, c)).toEqual([1, 1, 0])
    expect(linked(a)).toEqual([b])
    expect(linked(b)).toEqual([a])
    expect(linked(c)).toEqual([])

    link(store, c, a)
    expect(linkCounts(a, b, c)).toEqual([2, 1, 1])
    // Neighbours come most important first.
    expect(linked(a)).toEqual([b, c])
    const neighbours = store.query(linkedMemories$(b)).map((n) => memoryFields.openStrict(TEST_KEY, n))
    expect(neighbours).toEqual([
      expect.objectContaining({
        linkId: ab,
        fromId: a,
        toId: b,
        id: a,
        name: 'A',
        type: 'knowledge',
        importance: 30,
      }),
    ])
  })

  test('unlinking decrements both ends and hides the link from both sides', () => {
    const store = useStore()
    const { a, b, c } = threeMemories(store)
    const ab = link(store, a, b)
    link(store, a, c)
    store.commit(events.memoriesUnlinked({ id: ab, fromId: a, toId: b, deletedAt: T0 + MINUTE }))
    expect(linkCounts(a, b, c)).toEqual([1, 0, 1])
    expect(linked(a)).toEqual([c])
    expect(linked(b)).toEqual([])
    expect(linkRow(ab).deletedAt).toBe(T0 + MINUTE)
  })

  test('unlinking twice counts once', () => {
    const store = useStore()
    const { a, b } = threeMemories(store)
    const ab = link(store, a, b)
    const unlink = events.memoriesUnlinked({ id: ab, fromId: a, toId: b, deletedAt: T0 + MINUTE })
    store.commit(unlink)
    store.commit(events.memoriesUnlinked({ id: ab, fromId: a, toId: b, deletedAt: T0 + 2 * MINUTE }))
    expect(linkCounts(a, b)).toEqual([0, 0])
    expect(linkRow(ab).deletedAt).toBe(T0 + MINUTE)
  })

  test('the same pair linked in both directions counts two links, and a delete takes both away', () => {
    const store = useStore()
    const { personaId, a, b } = threeMemories(store)
    link(store, a, b)
    link(store, b, a)
    expect(linkCounts(a, b)).toEqual([2, 2])
    store.commit(events.memoryDeleted({ id: a, personaId, deletedAt: T0 + MINUTE }))
    expect(linkCounts(b)).toEqual([0])
    store.commit(
      events.memoryRestored({ id: a, personaId, deletedAt: T0 + MINUTE, restoredAt: T0 + 2 * MINUTE }),
    )
    expect(linkCounts(a, b)).toEqual([2, 2])
  })
})

describe('MemoryDeleted / MemoryRestored', () => {
  const linkedTrio = (store: TestStore) => {
    const personaId = addPersona(store)
    const [a, b, c, d] = importMemories(store, [
      memoryRecord({ personaId, importance: 40 }),
      memoryRecord({ personaId, importance: 30 }),
      memoryRecord({ personaId, importance: 20 }),
      memoryRecord({ personaId, importance: 10 }),
    ])
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('fixture')
    // a–b, c–a and b–c: deleting a takes two of the three links with it.
    const links = { ab: link(store, a.id, b.id), ca: link(store, c.id, a.id), bc: link(store, b.id, c.id) }
    return { personaId, a: a.id, b: b.id, c: c.id, d: d.id, links }
  }
  const linkCounts = (...memoryIds: string[]) => memoryIds.map((id) => memoryRow(id).linkCount)

  test('soft-deletes the memory, removes its links, and updates the neighbours and the persona', () => {
    const store = useStore()
    const { personaId, a, b, c, d, links } = linkedTrio(store)
    expect(linkCounts(a, b, c)).toEqual([2, 2, 2])
    expect(personaRow(personaId).memoryCount).toBe(4)

    store.commit(events.memoryDeleted({ id: a, personaId, deletedAt: T0 + DAY }))

    expect(memoryRow(a).deletedAt).toBe(T0 + DAY)
    expect(ids(page(personaId))).toEqual([b, c, d])
    expect(store.query(memoryById$(a))).toMatchObject({ id: a, deletedAt: T0 + DAY })
    expect(personaRow(personaId).memoryCount).toBe(3)
    expect(linkRow(links.ab).deletedAt).toBe(T0 + DAY)
    expect(linkRow(links.ca).deletedAt).toBe(T0 + DAY)
    expect(linkRow(links.bc).deletedAt).toBeNull()
    expect(linkCounts(b, c)).toEqual([1, 1])
    expect(ids(store.query(linkedMemories$(b)))).toEqual([c])
    expect(store.query(linkedMemories$(a))).toEqual([])
  })

  test('restore brings back the memory and exactly the links its delete removed', () => {
    const store = useStore()
    const { personaId, a, b, c, links } = linkedTrio(store)
    // Unlinked before the delete: must stay unlinked after the restore.
    store.commit(events.memoriesUnlinked({ id: links.ab, fromId: a, toId: b, deletedAt: T0 + MINUTE }))
    store.commit(events.memoryDeleted({ id: a, personaId, deletedAt: T0 + DAY }))
    expect(linkCounts(b, c)).toEqual([1, 1])

    store.commit(events.memoryRestored({ id: a, personaId, deletedAt: T0 + DAY, restoredAt: T0 + 2 * DAY }))

    expect(memoryRow(a)).toMatchObject({ deletedAt: null, updatedAt: T0 + 2 * DAY })
    expect(ids(page(personaId))[0]).toBe(a)
    expect(personaRow(personaId).memoryCount).toBe(4)
    expect(linkRow(links.ca).deletedAt).toBeNull()
    expect(linkRow(links.ab).deletedAt).toBe(T0 + MINUTE)
    expect(linkCounts(a, b, c)).toEqual([1, 1, 2])
    expect(ids(store.query(linkedMemories$(a)))).toEqual([c])
  })

  test('a repeated delete or a second undo changes the counts only once', () => {
    const store = useStore()
    const { personaId, a, b, c } = linkedTrio(store)
    const deleted = events.memoryDeleted({ id: a, personaId, deletedAt: T0 + DAY })
    store.commit(deleted)
    store.commit(events.memoryDeleted({ id: a, personaId, deletedAt: T0 + DAY + 1 }))
    expect(personaRow(personaId).memoryCount).toBe(3)
    expect(linkCounts(b, c)).toEqual([1, 1])
    expect(memoryRow(a).deletedAt).toBe(T0 + DAY)

    const restore = { id: a, personaId, deletedAt: T0 + DAY, restoredAt: T0 + 2 * DAY }
    store.commit(events.memoryRestored(restore))
    store.commit(events.memoryRestored({ ...restore, restoredAt: T0 + 3 * DAY }))
    expect(personaRow(personaId).memoryCount).toBe(4)
    expect(linkCounts(a, b, c)).toEqual([2, 2, 2])
  })

  test('restoring a memory whose neighbour was deleted meanwhile does not count the dead link', () => {
    const store = useStore()
    const { personaId, a, b, c } = linkedTrio(store)
    store.commit(events.memoryDeleted({ id: a, personaId, deletedAt: T0 + DAY }))
    store.commit(events.memoryDeleted({ id: b, personaId, deletedAt: T0 + 2 * DAY }))
    store.commit(events.memoryRestored({ id: a, personaId, deletedAt: T0 + DAY, restoredAt: T0 + 3 * DAY }))
    expect(linkCounts(a, c)).toEqual([1, 1])
    expect(ids(store.query(linkedMemories$(a)))).toEqual([c])

    store.commit(
      events.memoryRestored({ id: b, personaId, deletedAt: T0 + 2 * DAY, restoredAt: T0 + 4 * DAY }),
    )
    expect(linkCounts(a, b, c)).toEqual([2, 2, 2])
    expect(personaRow(personaId).memoryCount).toBe(4)
  })
})

describe('MemoriesImported', () => {
  test('inserts the batch as given and adds to each persona memoryCount', () => {
    const store = useStore()
    const p1 = addPersona(store)
    const p2 = addPersona(store)
    const p3 = addPersona(store)
    store.commit(events.memoryCreated(memoryCreatedArgs({ personaId: p1 })))

    const first = memoryRecord({
      personaId: p1,
      tier: 'warm',
      accessCount: 9,
      lastAccessedAt: T0 + DAY,
      createdAt: T0,
      tags: ['a', 'b'],
    })
    importMemories(store, [
      first,
      memoryRecord({ personaId: p2 }),
      memoryRecord({ personaId: p1 }),
      memoryRecord({ personaId: p2 }),
      memoryRecord({ personaId: p2 }),
    ])

    expect([p1, p2, p3].map((id) => personaRow(id).memoryCount)).toEqual([3, 3, 0])
    expect(page(p1)).toHaveLength(3)
    expect(page(p2)).toHaveLength(3)
    expect(openMemoryRow(first.id)).toMatchObject({
      tier: 'warm',
      accessCount: 9,
      lastAccessedAt: T0 + DAY,
      createdAt: T0,
      updatedAt: T0,
      tags: ['a', 'b'],
      linkCount: 0,
    })
  })
})

describe('MemoryLinksImported', () => {
  test('a batch of links is stored and counted on both ends, as single links are', () => {
    const store = useStore()
    const personaId = addPersona(store)
    const [a, b, c] = importMemories(store, [
      memoryRecord({ personaId }),
      memoryRecord({ personaId }),
      memoryRecord({ personaId }),
    ]).map((m) => m.id) as [string, string, string]
    store.commit(
      events.memoryLinksImported({
        links: [
          { id: 'l-ab', fromId: a, toId: b, createdAt: T0 },
          { id: 'l-ca', fromId: c, toId: a, createdAt: T0 + DAY },
        ],
      }),
    )
    expect([a, b, c].map((id) => memoryRow(id).linkCount)).toEqual([2, 1, 1])
    expect(linkRow('l-ca')).toEqual({ id: 'l-ca', fromId: c, toId: a, createdAt: T0 + DAY, deletedAt: null })
    expect(ids(store.query(linkedMemories$(a))).sort()).toEqual([b, c].sort())
  })

  test('an empty batch changes nothing', () => {
    const store = useStore()
    store.commit(events.memoryLinksImported({ links: [] }))
    expect(store.query(tables.memoryLinks.count())).toBe(0)
  })
})
