import { expect, test } from 'vitest'
import { events } from '../schema/index.ts'
import { personaById$ } from '../schema/personas.ts'
import { memoryRecord, personaRecord } from '../testing/builders.ts'
import { makeTestStore } from '../testing/test-store.ts'
import { type Batch, commitBatches } from './bulk.ts'

const batchesOf = (personaId: string, sizes: number[]): Batch[] =>
  sizes.map((n, i) => ({
    event: events.memoriesImported({
      memories: Array.from({ length: n }, () => memoryRecord({ personaId })),
    }),
    rows: n,
    label: `batch ${i}`,
  }))

test('commits every batch and reports saved rows, ending with the total', async () => {
  const store = await makeTestStore()
  store.commit(events.personasImported({ personas: [personaRecord({ id: 'p1' })] }))
  const progress: number[] = []
  const total = await commitBatches(store, batchesOf('p1', [3, 5, 2]), (rows) => progress.push(rows))
  expect(total).toBe(10)
  expect(progress.at(-1)).toBe(10)
  expect(progress).toEqual([...progress].sort((a, b) => a - b))
  expect(store.query(personaById$('p1'))?.memoryCount).toBe(10)
  await store.shutdownPromise()
})

test('an aborted import stops before the next batch and keeps the batches already committed whole', async () => {
  const store = await makeTestStore()
  store.commit(events.personasImported({ personas: [personaRecord({ id: 'p1' })] }))
  const controller = new AbortController()
  const run = commitBatches(
    store,
    batchesOf('p1', [4, 4, 4]),
    (_rows, label) => {
      if (label === 'batch 0') controller.abort()
    },
    controller.signal,
  )
  await expect(run).rejects.toThrow()
  expect(store.query(personaById$('p1'))?.memoryCount).toBe(4)
  await store.shutdownPromise()
})
