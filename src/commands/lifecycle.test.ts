import { describe, expect, test, vi } from 'vitest'
import { AccessLog } from '../lifecycle/access-log.ts'
import { COMPRESSION_FORMAT, COMPRESSION_FORMAT_DEFLATE } from '../lifecycle/compression.ts'
import { DEFAULT_TIER_RULES } from '../lifecycle/tiers.ts'
import { events, tables } from '../schema/index.ts'
import { lastCleanup$ } from '../schema/lifecycle.ts'
import { linkedMemories$, memoryFields, sealCompressedContent } from '../schema/memories.ts'
import { notificationFields } from '../schema/notifications.ts'
import { DEFAULT_PRIVACY } from '../schema/settings.ts'
import { readDocs } from '../search/store-sync.ts'
import {
  conversationRecord,
  DAY,
  memoryEditedArgs,
  memoryRecord,
  messageRecord,
  notificationPostedArgs,
  personaRecord,
  runRecord,
  T0,
  TEST_KEY,
  workflowRecord,
} from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import {
  applyRetention,
  applyTiers,
  describeCleanup,
  recordAccesses,
  setLifecycleSettings,
} from './lifecycle.ts'

const testStore = freshStorePerTest()

const row = (id: string) => only(testStore().query(tables.memories.where({ id })))
const opened = (id: string) => memoryFields.open(TEST_KEY, row(id))

/** The names of the events each `store.commit` call carried from now on. */
const watchCommits = () => {
  const spy = vi.spyOn(testStore(), 'commit')
  return () => spy.mock.calls.map((call) => (call as unknown as Array<{ name: string }>).map((e) => e.name))
}

const LONG =
  'Prefers green tea in the afternoon, with a slice of lemon and no sugar, in the blue mug from Kyoto.'

const seed = (memories: Array<Parameters<typeof memoryRecord>[0]>, personaOverrides = {}) => {
  const store = testStore()
  store.commit(events.personasImported({ personas: [personaRecord({ id: 'p1', ...personaOverrides })] }))
  const records = memories.map((m) => memoryRecord(m))
  store.commit(events.memoriesImported({ memories: records }))
  return records.map((r) => r.id)
}

describe('applyTiers', () => {
  test('days pass: hot, then warm, then cold and compressed, read the same all along; one event per batch', async () => {
    const store = testStore()
    const ids = seed(
      Array.from({ length: 5 }, (_, i) => ({
        id: `m${i}`,
        personaId: 'p1',
        content: `${LONG} (${i})`,
        importance: 0,
        lastAccessedAt: T0,
      })),
    )
    const commits = watchCommits()

    expect(await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 3 * DAY)).toMatchObject({
      warm: 0,
      cold: 0,
    })
    expect(commits()).toEqual([])

    expect(await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 10 * DAY)).toMatchObject({ warm: 5 })
    expect(ids.map((id) => row(id).tier)).toEqual(['warm', 'warm', 'warm', 'warm', 'warm'])

    const plainEnvelope = row('m0').content
    const report = await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 40 * DAY, { batchSize: 2 })
    expect(report).toMatchObject({ cold: 5, compressed: 5 })
    // 5 memories in batches of 2: three events, never one per memory.
    expect(commits().slice(1)).toEqual([['v1.MemoriesTiered'], ['v1.MemoriesTiered'], ['v1.MemoriesTiered']])
    expect(row('m0')).toMatchObject({ tier: 'cold', compressed: COMPRESSION_FORMAT })
    expect(row('m0').content).not.toBe(plainEnvelope)
    for (const [i, id] of ids.entries()) {
      expect(opened(id)).toMatchObject({ unreadable: false, content: `${LONG} (${i})`, name: 'Tea' })
    }
    // Neighbours, search and strict opening read compressed content too.
    expect(memoryFields.openStrict(TEST_KEY, row('m1')).content).toBe(`${LONG} (1)`)
    const sql = (query: string, bindValues: Record<string, string | number>) =>
      store.query({ query, bindValues }) as unknown[]
    const [doc] = readDocs(sql, TEST_KEY, [{ id: 'm2', kind: 'memory', hash: 'x' }])
    expect(doc?.text).toContain(`${LONG} (2)`)

    // Nothing left to do: a second run writes nothing.
    expect(await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 41 * DAY)).toMatchObject({
      cold: 0,
      compressed: 0,
    })
    expect(commits()).toHaveLength(4)
  })

  test('used again, a cold memory is hot at the next run and stored plain again', async () => {
    const store = testStore()
    seed([{ id: 'm1', personaId: 'p1', content: LONG, importance: 40, lastAccessedAt: T0 }])
    await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 100 * DAY)
    expect(row('m1')).toMatchObject({ tier: 'cold', compressed: COMPRESSION_FORMAT })

    const log = new AccessLog()
    log.record(['m1'], T0 + 100 * DAY + 1)
    log.record(['m1'], T0 + 100 * DAY + 2)
    recordAccesses(store, log.take())
    expect(row('m1')).toMatchObject({ accessCount: 2, lastAccessedAt: T0 + 100 * DAY + 2 })

    expect(await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 101 * DAY)).toMatchObject({
      hot: 1,
      decompressed: 1,
    })
    expect(row('m1')).toMatchObject({ tier: 'hot', compressed: 0 })
    expect(opened('m1')).toMatchObject({ unreadable: false, content: LONG })
    // Plain again: the ordinary codec opens it.
    const { compressed: _flag, ...withoutFlag } = row('m1')
    expect(memoryFields.openStrict(TEST_KEY, withoutFlag).content).toBe(LONG)
  })

  test('an edit made after the job read a memory is never undone by it', async () => {
    const store = testStore()
    seed([{ id: 'm1', personaId: 'p1', content: LONG, lastAccessedAt: T0 }])
    const stale = row('m1')
    store.commit(events.memoryEdited(memoryEditedArgs('m1', { content: 'Switched to coffee.' }, T0 + DAY)))
    // What a job in another tab would commit from the row it read before the edit.
    store.commit(
      events.memoriesTiered({
        changes: [
          {
            id: 'm1',
            tier: 'cold',
            content: {
              sealed: sealCompressedContent(TEST_KEY, 'm1', LONG),
              compressed: COMPRESSION_FORMAT,
              updatedAt: stale.updatedAt,
            },
          },
        ],
        changedAt: T0 + DAY,
      }),
    )
    expect(row('m1')).toMatchObject({ tier: 'cold', compressed: 0 })
    expect(opened('m1').content).toBe('Switched to coffee.')
  })

  test('a memory compressed with format 1 before format 2 existed reads as before, and warms up plain', async () => {
    const store = testStore()
    seed([{ id: 'm1', personaId: 'p1', content: LONG, importance: 40, lastAccessedAt: T0 }])
    const format1 = {
      sealed: sealCompressedContent(TEST_KEY, 'm1', LONG, COMPRESSION_FORMAT_DEFLATE),
      compressed: 1,
    }
    const tiered = (content: typeof format1) =>
      events.memoriesTiered({
        changes: [{ id: 'm1', tier: 'cold', content: { ...content, updatedAt: row('m1').updatedAt } }],
        changedAt: T0 + DAY,
      })
    store.commit(tiered(format1))
    expect(row('m1')).toMatchObject({ tier: 'cold', compressed: 1 })
    expect(opened('m1')).toMatchObject({ unreadable: false, content: LONG })
    expect(memoryFields.openStrict(TEST_KEY, row('m1')).content).toBe(LONG)

    // The envelope names its format: format-1 bytes labelled format 2 do not open.
    store.commit(tiered({ ...format1, compressed: 2 }))
    expect(opened('m1').unreadable).toBe(true)
    store.commit(tiered(format1))

    const log = new AccessLog()
    log.record(['m1'], T0 + 100 * DAY)
    recordAccesses(store, log.take())
    expect(await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 100 * DAY + 1)).toMatchObject({
      decompressed: 1,
    })
    expect(row('m1')).toMatchObject({ tier: 'hot', compressed: 0 })
    expect(opened('m1')).toMatchObject({ unreadable: false, content: LONG })
  })

  test('an edit of a compressed memory stores it plain', async () => {
    const store = testStore()
    seed([{ id: 'm1', personaId: 'p1', content: LONG, lastAccessedAt: T0 }])
    await applyTiers(store, TEST_KEY, DEFAULT_TIER_RULES, T0 + 100 * DAY)
    store.commit(events.memoryEdited(memoryEditedArgs('m1', { content: 'Now oolong.' }, T0 + 100 * DAY)))
    expect(row('m1').compressed).toBe(0)
    expect(opened('m1')).toMatchObject({ unreadable: false, content: 'Now oolong.' })
  })

  test('a memory whose content cannot be opened changes tier and keeps its bytes', async () => {
    const store = testStore()
    seed([{ id: 'm1', personaId: 'p1', lastAccessedAt: T0 }])
    const otherKey = { id: 'otherkey', bytes: new Uint8Array(32).fill(9) }
    const before = row('m1').content
    expect(await applyTiers(store, otherKey, DEFAULT_TIER_RULES, T0 + 100 * DAY)).toMatchObject({
      cold: 1,
      compressed: 0,
    })
    expect(row('m1')).toMatchObject({ tier: 'cold', compressed: 0, content: before })
    expect(opened('m1').unreadable).toBe(false)
  })
})

describe('setLifecycleSettings', () => {
  test('saves valid thresholds once and refuses others with a sentence', () => {
    const store = testStore()
    expect(setLifecycleSettings(store, { hotDays: 3, coldDays: 60 })).toBe(true)
    expect(setLifecycleSettings(store, { hotDays: 3, coldDays: 60 })).toBe(false)
    expect(() => setLifecycleSettings(store, { hotDays: 10, coldDays: 5 })).toThrow(
      'Cold must come after hot',
    )
  })
})

describe('applyRetention', () => {
  const NOW = T0 + 400 * DAY

  const seedAll = () => {
    const store = testStore()
    store.commit(
      events.personasImported({
        personas: [
          personaRecord({ id: 'p1' }),
          personaRecord({ id: 'p2', memorySettings: { enabled: true, retentionDays: 365 } }),
        ],
      }),
    )
    store.commit(
      events.memoriesImported({
        memories: [
          memoryRecord({ id: 'old', personaId: 'p1', lastAccessedAt: NOW - 91 * DAY }),
          memoryRecord({ id: 'recent', personaId: 'p1', lastAccessedAt: NOW - 89 * DAY }),
          memoryRecord({ id: 'old-but-p2', personaId: 'p2', lastAccessedAt: NOW - 200 * DAY }),
          memoryRecord({ id: 'ancient-p2', personaId: 'p2', lastAccessedAt: NOW - 366 * DAY }),
          memoryRecord({ id: 'fact', personaId: 'p1', type: 'fact', factKey: 'diet', lastAccessedAt: T0 }),
          memoryRecord({ id: 'expired', personaId: 'p1', lastAccessedAt: NOW, expiresAt: NOW - 1 }),
          memoryRecord({ id: 'expiring', personaId: 'p1', lastAccessedAt: NOW, expiresAt: NOW + 1 }),
          memoryRecord({
            id: 'expired-fact',
            personaId: 'p1',
            type: 'fact',
            factKey: 'x',
            lastAccessedAt: NOW,
            expiresAt: NOW,
          }),
        ],
      }),
    )
    store.commit(events.memoriesLinked({ id: 'l1', fromId: 'old', toId: 'recent', createdAt: T0 }))
    store.commit(
      events.conversationsImported({
        conversations: [
          conversationRecord({ id: 'c-old', personaId: 'p1', createdAt: NOW - 120 * DAY }),
          conversationRecord({ id: 'c-new', personaId: 'p1', createdAt: NOW - 120 * DAY }),
        ],
        messages: [
          messageRecord({ conversationId: 'c-old', createdAt: NOW - 100 * DAY }),
          messageRecord({ conversationId: 'c-new', createdAt: NOW - 5 * DAY }),
        ],
      }),
    )
    store.commit(
      events.workflowsImported({
        workflows: [workflowRecord({ id: 'w1' })],
        runs: [
          runRecord({ id: 'r-old', workflowId: 'w1', finishedAt: NOW - 31 * DAY }),
          runRecord({ id: 'r-new', workflowId: 'w1', finishedAt: NOW - 29 * DAY }),
          runRecord({
            id: 'r-running',
            workflowId: 'w1',
            status: 'running',
            createdAt: NOW - 60 * DAY,
            finishedAt: null,
          }),
        ],
      }),
    )
    store.commit(
      events.notificationPosted(notificationPostedArgs({ id: 'n-old', createdAt: NOW - 8 * DAY })),
      events.notificationPosted(notificationPostedArgs({ id: 'n-new', createdAt: NOW - 6 * DAY })),
    )
  }

  const live = (table: 'memories' | 'conversations') =>
    (
      testStore().query({
        query: `SELECT id FROM ${table} WHERE deletedAt IS NULL ORDER BY id`,
        bindValues: {},
      }) as Array<{
        id: string
      }>
    ).map((r) => r.id)

  test("seed 000's defaults: what each kind keeps and what goes, counted in one cleanup and a notification", async () => {
    const store = testStore()
    seedAll()
    const report = await applyRetention(store, TEST_KEY, DEFAULT_PRIVACY.retentionDays, NOW)
    expect(report).toMatchObject({ memories: 4, conversations: 1, workflowRuns: 1, notifications: 1 })

    expect(live('memories')).toEqual(['expiring', 'fact', 'old-but-p2', 'recent'])
    expect(live('conversations')).toEqual(['c-new'])
    expect(store.query(tables.messages.where({ conversationId: 'c-old', deletedAt: null }))).toEqual([])
    expect([...store.query(tables.workflowRuns.select('id'))].sort()).toEqual(['r-new', 'r-running'])
    expect(store.query(tables.notifications.select('id'))).toContain('n-new')
    expect(store.query(tables.notifications.select('id'))).not.toContain('n-old')

    // Counters and links follow, as after deletes by hand.
    // p1 had six (three went), p2 two (one went).
    expect(store.query(tables.personas.select('memoryCount').where({ id: 'p1' }))).toEqual([3])
    expect(store.query(tables.personas.select('memoryCount').where({ id: 'p2' }))).toEqual([1])
    expect(row('recent').linkCount).toBe(0)
    expect(store.query(linkedMemories$('recent'))).toEqual([])

    expect(store.query(lastCleanup$)).toMatchObject({
      id: report.cleanupId,
      ranAt: NOW,
      memories: 3,
      facts: 1,
      conversations: 1,
      workflowRuns: 1,
      notifications: 1,
    })
    const posted = only(store.query(tables.notifications.where({ subjectId: report.cleanupId })))
    expect(notificationFields.openStrict(TEST_KEY, posted).title).toBe(
      'Cleanup removed 4 memories, 1 conversation, 1 workflow run, 1 notification',
    )
  })

  test('a second run at the same time removes nothing and writes nothing', async () => {
    const store = testStore()
    seedAll()
    await applyRetention(store, TEST_KEY, DEFAULT_PRIVACY.retentionDays, NOW)
    const commits = watchCommits()
    expect(await applyRetention(store, TEST_KEY, DEFAULT_PRIVACY.retentionDays, NOW)).toMatchObject({
      cleanupId: null,
      memories: 0,
    })
    expect(commits()).toEqual([])
  })

  test("the person's overrides: keep-forever keeps, shorter removes more, facts can be given days", async () => {
    const store = testStore()
    seedAll()
    const report = await applyRetention(
      store,
      TEST_KEY,
      { conversations: null, memories: 30, workflowRuns: null, notifications: 1, facts: 100 },
      NOW,
    )
    // 'recent' (89 days) goes under 30; p2's own 365 still keeps 'old-but-p2'; the old fact goes.
    expect(live('memories')).toEqual(['expiring', 'old-but-p2'])
    expect(live('conversations')).toEqual(['c-new', 'c-old'])
    expect(report).toMatchObject({ memories: 6, conversations: 0, workflowRuns: 0, notifications: 2 })
  })

  test('a large cleanup is one event per batch of ids, all in one cleanup record', async () => {
    const store = testStore()
    seed(Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, personaId: 'p1', lastAccessedAt: T0 })))
    const commits = watchCommits()
    const report = await applyRetention(store, TEST_KEY, DEFAULT_PRIVACY.retentionDays, NOW, { batchSize: 2 })
    expect(commits()).toEqual([
      ['v1.RetentionApplied'],
      ['v1.RetentionApplied'],
      ['v1.RetentionApplied'],
      ['v1.NotificationPosted'],
    ])
    expect(store.query(tables.cleanups.count())).toBe(1)
    expect(store.query(lastCleanup$)).toMatchObject({ id: report.cleanupId, memories: 5 })
  })

  test('describeCleanup names only what went', () => {
    expect(describeCleanup({ memories: 12, conversations: 3, workflowRuns: 0, notifications: 0 })).toBe(
      '12 memories, 3 conversations',
    )
    expect(
      describeCleanup({ memories: 1, facts: 2, conversations: 0, workflowRuns: 0, notifications: 0 }),
    ).toBe('1 memory, 2 facts')
    expect(describeCleanup({ memories: 0, conversations: 0, workflowRuns: 0, notifications: 0 })).toBe(
      'nothing',
    )
  })
})
