import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { conversationMessages$, messageFields, recentConversations$ } from '../schema/conversations.ts'
import { tables } from '../schema/index.ts'
import {
  MEMORY_PAGE_SIZE,
  type MemoryRecord,
  memoryFields,
  memoryPage$,
  NO_MEMORY_FILTERS,
} from '../schema/memories.ts'
import { activePersonas$, personaFields } from '../schema/personas.ts'
import { workflowsWithLatestRun$ } from '../schema/workflows.ts'
import { TEST_KEY } from '../testing/builders.ts'
import { makeTestStore, type TestStore } from '../testing/test-store.ts'
import { generateSample, type SampleBatch, sampleRowCount } from './generate.ts'
import { presetOptions } from './presets.ts'
import { sealSampleBatch } from './seal-batch.ts'

const NOW = Date.UTC(2025, 5, 1, 12)
const options = presetOptions('small', 2025, NOW)

/** The `small` preset sealed and committed batch by batch into a real store, as the app does. */
describe('the small preset in a real store', () => {
  let store: TestStore
  const batches: SampleBatch[] = []

  beforeAll(async () => {
    store = await makeTestStore()
    for (const batch of generateSample(options)) {
      store.commit(sealSampleBatch(TEST_KEY, batch).event)
      batches.push(batch)
    }
  })
  afterAll(async () => {
    await store.shutdownPromise()
  })

  const memories = () => batches.flatMap((b) => (b.kind === 'memories' ? b.data.memories : []))

  test('every row arrives', () => {
    expect(store.query(tables.personas.count())).toBe(3)
    expect(store.query(tables.memories.count())).toBe(200)
    expect(store.query(tables.conversations.count())).toBe(20)
    expect(store.query(tables.messages.count())).toBe(240)
    expect(store.query(tables.workflows.count())).toBe(5 + (options.workflowTemplates ?? 0))
    expect(store.query(tables.workflowRuns.count())).toBe(20)
    expect(batches.reduce((s, b) => s + b.rows, 0)).toBe(sampleRowCount(options))
  })

  test("each persona's memoryCount matches its memories", () => {
    const expected = new Map<string, number>()
    for (const m of memories()) expected.set(m.personaId, (expected.get(m.personaId) ?? 0) + 1)
    const rows = store.query(tables.personas.select())
    expect(rows.map((p) => [p.id, p.memoryCount])).toEqual(rows.map((p) => [p.id, expected.get(p.id) ?? 0]))
    expect(rows.reduce((s, p) => s + p.memoryCount, 0)).toBe(200)
  })

  test('active personas come most recently used first', () => {
    const active = store.query(activePersonas$)
    expect(active).toHaveLength(3)
    const lastUsed = active.map((p) => p.lastUsedAt ?? 0)
    expect(lastUsed).toEqual([...lastUsed].sort((a, b) => b - a))
    const generated = batches.flatMap((b) => (b.kind === 'personas' ? b.data.personas : []))
    expect(active.map((p) => personaFields.openStrict(TEST_KEY, p).name).sort()).toEqual(
      generated.map((p) => p.name).sort(),
    )
  })

  test("the memory list pages a persona's memories by importance, then last access", () => {
    const persona = store.query(activePersonas$)[0]
    if (persona === undefined) throw new Error('no persona')
    const page = store.query(memoryPage$(persona.id, NO_MEMORY_FILTERS, 0))
    expect(page).toHaveLength(Math.min(persona.memoryCount, MEMORY_PAGE_SIZE + 1))
    const mine = memories()
      .filter((m) => m.personaId === persona.id)
      .sort(
        (a, b) =>
          b.importance - a.importance || b.lastAccessedAt - a.lastAccessedAt || (a.id < b.id ? -1 : 1),
      )
    expect(page.map((m) => m.id)).toEqual(mine.slice(0, page.length).map((m) => m.id))
    // What the store keeps is sealed, and opens to exactly what was generated.
    expect(page.every((m) => m.content.startsWith('hv1.'))).toBe(true)
    expect(page.map((m) => memoryFields.openStrict(TEST_KEY, m))).toMatchObject(mine.slice(0, page.length))

    const facts = store.query(
      memoryPage$(persona.id, { ...NO_MEMORY_FILTERS, type: 'fact', minImportance: 50 }, 0),
    )
    expect(
      facts
        .map((m) => memoryFields.openStrict(TEST_KEY, m))
        .every((m) => m.type === 'fact' && m.importance >= 50 && m.factKey !== null && m.factKey !== ''),
    ).toBe(true)
    const expectedFacts = mine.filter((m: MemoryRecord) => m.type === 'fact' && m.importance >= 50)
    expect(facts).toHaveLength(Math.min(expectedFacts.length, MEMORY_PAGE_SIZE + 1))
  })

  test('recent conversations list their message counts and messages in order', () => {
    const recent = [
      ...store.query(recentConversations$({ personaId: null, archived: false, page: 0 })),
      ...store.query(recentConversations$({ personaId: null, archived: true, page: 0 })),
    ]
    expect(recent).toHaveLength(20)
    expect(recent.reduce((s, c) => s + c.messageCount, 0)).toBe(240)
    const first = recent[0]
    if (first === undefined) throw new Error('no conversation')
    const messages = store.query(conversationMessages$(first.id))
    expect(messages).toHaveLength(first.messageCount)
    expect(messages[0]?.role).toBe('user')
    expect(messages.every((m) => messageFields.openStrict(TEST_KEY, m).content.length > 0)).toBe(true)
    expect(first.lastMessageAt).toBe(messages.at(-1)?.createdAt)
  })

  test('workflows show their run counts and latest run', () => {
    const list = store.query(workflowsWithLatestRun$)
    expect(list).toHaveLength(5)
    expect(list.reduce((s, w) => s + w.runCount, 0)).toBe(20)
    for (const w of list) {
      expect(w.runCount).toBeGreaterThan(0)
      expect(w.latestRunId).not.toBeNull()
      expect(w.successCount + w.errorCount).toBeLessThanOrEqual(w.runCount)
    }
    expect(new Set(list.map((w) => w.latestRunStatus))).toContain('running')
  })
})
