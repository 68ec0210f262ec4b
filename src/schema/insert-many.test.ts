import { expect, test } from 'vitest'
import { memoryRecord, messageRecord, openTestField, personaRecord } from '../testing/builders.ts'
import { makeTestStore } from '../testing/test-store.ts'
import { events, tables } from './index.ts'
import { insertMany } from './insert-many.ts'
import { memoryFields } from './memories.ts'
import { personaById$ } from './personas.ts'

test('a batch larger than the parameter limit is split into statements carrying every value', () => {
  const rows = Array.from({ length: 3100 }, (_, i) => ({
    ...memoryRecord({ personaId: 'p', id: `f${i}` }),
    updatedAt: 0,
  }))
  const columns = Object.keys(rows[0] ?? {}).length
  const statements = insertMany(tables.memories, rows)
  // At most 32,766 parameters a statement: 3,100 full memories do not fit in one.
  expect(statements).toHaveLength(Math.ceil(3100 / Math.floor(32_766 / columns)))
  expect(statements.length).toBeGreaterThan(1)
  expect(statements.reduce((n, s) => n + (s.bindValues as unknown as unknown[]).length, 0)).toBe(
    3100 * columns,
  )
  expect(insertMany(tables.memories, [])).toEqual([])
})

test('rows inserted in bulk are stored exactly as a single insert stores them', async () => {
  const store = await makeTestStore()
  const persona = personaRecord({ id: 'p1' })
  const one = memoryRecord({
    id: 'single',
    personaId: 'p1',
    tags: ['a', 'b'],
    expiresAt: 5,
    factCategory: null,
  })
  const many = Array.from({ length: 2500 }, (_, i) =>
    memoryRecord({ id: `bulk-${i}`, personaId: 'p1', tags: ['a', 'b'], expiresAt: 5, factCategory: null }),
  )
  store.commit(
    events.personasImported({ personas: [persona] }),
    events.memoryCreated({ ...one, importance: one.importance, originKind: null, originId: null }),
    events.memoriesImported({ memories: many }),
  )
  // Every seal draws a fresh nonce, so the sealed tags are compared opened, with their SQL type.
  const raw = (id: string) =>
    (
      store.query({
        query: `SELECT tags, typeof(tags) AS tagsType, expiresAt, typeof(expiresAt) AS expiresAtType,
                  factCategory, confidence, typeof(confidence) AS confidenceType FROM memories WHERE id = $id`,
        bindValues: { id },
      }) as ReadonlyArray<{ tags: string }>
    ).map((row) => ({ ...row, tags: JSON.parse(openTestField(memoryFields, id, 'tags', row.tags)) }))
  expect(raw('single')).toEqual([
    {
      tags: ['a', 'b'],
      tagsType: 'text',
      expiresAt: 5,
      expiresAtType: 'integer',
      factCategory: null,
      confidence: 0.9,
      confidenceType: 'real',
    },
  ])
  expect(raw('bulk-0')).toEqual(raw('single'))
  expect(raw('bulk-2499')).toEqual(raw('single'))
  expect(store.query(personaById$('p1'))?.memoryCount).toBe(2501)
  await store.shutdownPromise()
})

test('columns whose stored form differs from their value are still encoded; text and numbers pass as they are', () => {
  const row = {
    ...messageRecord({ conversationId: 'c1', id: 'm1', createdAt: 1_700_000_000_123 }),
    rememberedIds: ['mem-a', 'mem-b'],
    ending: null,
  }
  const [statement] = insertMany(tables.messages, [row])
  if (statement === undefined) throw new Error('no statement')
  const names = Object.keys(row)
  const bound = Object.fromEntries(
    (statement.bindValues as unknown as unknown[]).map((value, i) => [names[i], value]),
  )
  // A JSON column is bound as its JSON text, not as an array SQLite cannot take.
  expect(bound.rememberedIds).toBe('["mem-a","mem-b"]')
  expect(bound.content).toBe(row.content)
  expect(bound.createdAt).toBe(1_700_000_000_123)
  expect(bound.ending).toBeNull()
})
