import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeAdapter } from '@livestore/adapter-node'
import { createStorePromise, makeSchema } from '@livestore/livestore'
import { afterEach, expect, test } from 'vitest'
import { memoryRecord, personaRecord } from '../testing/builders.ts'
import { events, makeHearthState } from './index.ts'
import { memoryById$, memoryPage$, memoryPageQuery, NO_MEMORY_FILTERS } from './memories.ts'
import { personaById$ } from './personas.ts'
import { INDEXES_BUILT_AFTER_REPLAY } from './rebuild.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A store persisted on disk (LiveStore's Node file adapter), booted with the schema version given. */
const bootStore = (baseDirectory: string, probe: boolean) =>
  createStorePromise({
    adapter: makeAdapter({ storage: { type: 'fs', baseDirectory } }),
    schema: makeSchema({ events, state: makeHearthState(probe) }),
    storeId: 'migration',
    disableDevtools: true,
  })

test('a v1 store boots under a v2 table change with every row intact and the new column present', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-migration-'))
  dirs.push(dir)

  const v1 = await bootStore(dir, false)
  const persona = personaRecord({ id: 'p1', name: 'Ada' })
  const rows = Array.from({ length: 3000 }, (_, i) =>
    memoryRecord({ id: `m${i}`, personaId: 'p1', importance: i % 101, name: `memory ${i}` }),
  )
  v1.commit(events.personasImported({ personas: [persona] }))
  for (let i = 0; i < rows.length; i += 1000)
    v1.commit(events.memoriesImported({ memories: rows.slice(i, i + 1000) }))
  v1.commit(events.memoryImportanceChanged({ id: 'm5', importance: 100, updatedAt: 2 }))
  const before = v1.query(memoryPage$('p1', NO_MEMORY_FILTERS, 0))
  await v1.shutdownPromise()

  const v2 = await bootStore(dir, true)
  expect(v2.query(personaById$('p1'))?.memoryCount).toBe(3000)
  expect(v2.query(memoryPage$('p1', NO_MEMORY_FILTERS, 0))).toEqual(before)
  expect(v2.query(memoryById$('m5'))?.importance).toBe(100)
  const columns = v2.query({ query: 'PRAGMA table_info(memories)', bindValues: {} }) as ReadonlyArray<{
    name: string
  }>
  expect(columns.map((c) => c.name)).toContain('reviewAt')
  // The list indexes, dropped for the replay, are built again after it, and the list reads by them.
  const indexes = v2.query({
    query: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'memories'",
    bindValues: {},
  }) as ReadonlyArray<{ name: string }>
  expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining([...INDEXES_BUILT_AFTER_REPLAY]))
  const plan = v2.query({
    query: `EXPLAIN QUERY PLAN ${memoryPageQuery('p1', NO_MEMORY_FILTERS, 0).asSql().query}`,
    bindValues: { personaId: 'p1', limit: 51, offset: 0 },
  }) as ReadonlyArray<{ detail: string }>
  expect(plan.map((p) => p.detail).join(' | ')).toContain('memories_persona_rank')

  // Writes keep working on the new table definition.
  v2.commit(events.memoryDeleted({ id: 'm5', personaId: 'p1', deletedAt: 3 }))
  expect(v2.query(personaById$('p1'))?.memoryCount).toBe(2999)
  await v2.shutdownPromise()
})
