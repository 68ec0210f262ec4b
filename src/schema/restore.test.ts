import { expect, test } from 'vitest'
import { memoryRecord, notificationPostedArgs, personaRecord, T0 } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { events, tables } from './index.ts'
import { recordCounts$ } from './overview.ts'

const useStore = freshStorePerTest()

test('AllDataCleared empties every domain table, keeps the settings, and the same ids can come back', () => {
  const store = useStore()
  const persona = personaRecord()
  const memory = memoryRecord({ personaId: persona.id })
  store.commit(
    events.personasImported({ personas: [persona] }),
    events.memoriesImported({ memories: [memory] }),
    events.notificationPosted(notificationPostedArgs()),
    events.appearanceChanged({ appearance: { theme: 'dark' } }),
  )
  store.commit(events.allDataCleared({ clearedAt: T0 }))
  expect(Object.values(store.query(recordCounts$)).every((n) => n === 0)).toBe(true)
  expect(store.query(tables.personas.count())).toBe(0)
  expect(store.query(tables.settings.count())).toBe(1)

  store.commit(
    events.personasImported({ personas: [persona] }),
    events.memoriesImported({ memories: [memory] }),
  )
  expect(store.query(recordCounts$)).toMatchObject({ personas: 1, memories: 1 })
})
