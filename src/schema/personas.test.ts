import { describe, expect, test } from 'vitest'
import {
  MINUTE,
  memoryCreatedArgs,
  personaCreatedArgs,
  personaProfile,
  personaRecord,
  T0,
  TEST_KEY,
} from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import { events, tables } from './index.ts'
import {
  activePersonas$,
  allPersonas$,
  type PersonaRow,
  personaById$,
  personaFields,
  personaSecretFields,
} from './personas.ts'

const useStore = freshStorePerTest()

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id)
const rawPersona = (id: string) => only(useStore().query(tables.personas.where({ id })))
/** A persona row with its profile opened (the API key stays sealed, as in the app). */
const opened = (row: PersonaRow) => personaFields.openStrict(TEST_KEY, row)
/** A persona row's API key, opened. */
const apiKeyOf = (row: PersonaRow) => personaSecretFields.openStrict(TEST_KEY, row).apiKey

describe('PersonaCreated', () => {
  test('a new persona appears in activePersonas$ with its profile and fresh counters', () => {
    const store = useStore()
    expect(store.query(activePersonas$)).toEqual([])

    const args = personaCreatedArgs({ name: 'Ada', createdAt: T0 })
    store.commit(events.personaCreated(args))

    const row = only(store.query(activePersonas$))
    expect(opened(row)).toMatchObject({
      id: args.id,
      name: 'Ada',
      personality: args.personality,
      modelSettings: personaProfile().modelSettings,
      memorySettings: args.memorySettings,
      apiKey: null,
      active: 1,
      usageCount: 0,
      memoryCount: 0,
      lastUsedAt: null,
      createdAt: T0,
      updatedAt: T0,
      deletedAt: null,
    })
  })

  test('never-used personas are listed newest first', () => {
    const store = useStore()
    const older = personaCreatedArgs({ createdAt: T0 })
    const newer = personaCreatedArgs({ createdAt: T0 + MINUTE })
    store.commit(events.personaCreated(older), events.personaCreated(newer))
    expect(ids(store.query(activePersonas$))).toEqual([newer.id, older.id])
  })
})

describe('PersonaUsed', () => {
  test('increments usageCount, records lastUsedAt and moves the persona to the top', () => {
    const store = useStore()
    const a = personaCreatedArgs({ createdAt: T0 })
    const b = personaCreatedArgs({ createdAt: T0 + MINUTE })
    store.commit(events.personaCreated(a), events.personaCreated(b))
    expect(ids(store.query(activePersonas$))).toEqual([b.id, a.id])

    store.commit(events.personaUsed({ id: a.id, usedAt: T0 + 2 * MINUTE }))
    expect(ids(store.query(activePersonas$))).toEqual([a.id, b.id])
    expect(rawPersona(a.id)).toMatchObject({ usageCount: 1, lastUsedAt: T0 + 2 * MINUTE })
    expect(rawPersona(b.id)).toMatchObject({ usageCount: 0, lastUsedAt: null })

    store.commit(
      events.personaUsed({ id: b.id, usedAt: T0 + 3 * MINUTE }),
      events.personaUsed({ id: a.id, usedAt: T0 + 4 * MINUTE }),
      events.personaUsed({ id: a.id, usedAt: T0 + 5 * MINUTE }),
    )
    expect(ids(store.query(activePersonas$))).toEqual([a.id, b.id])
    expect(rawPersona(a.id)).toMatchObject({ usageCount: 3, lastUsedAt: T0 + 5 * MINUTE })
    expect(rawPersona(b.id)).toMatchObject({ usageCount: 1, lastUsedAt: T0 + 3 * MINUTE })
  })

  test('used personas come before never-used ones, even newer never-used ones', () => {
    const store = useStore()
    const used = personaCreatedArgs({ createdAt: T0 })
    const fresh = personaCreatedArgs({ createdAt: T0 + 10 * MINUTE })
    store.commit(
      events.personaCreated(used),
      events.personaCreated(fresh),
      events.personaUsed({ id: used.id, usedAt: T0 + MINUTE }),
    )
    expect(ids(store.query(activePersonas$))).toEqual([used.id, fresh.id])
  })
})

describe('PersonaUpdated and PersonaApiKeySet', () => {
  test('update replaces the profile and keeps counters; the API key is set and cleared on its own', () => {
    const store = useStore()
    const p = personaCreatedArgs()
    store.commit(events.personaCreated(p), events.personaUsed({ id: p.id, usedAt: T0 + MINUTE }))

    const profile = personaProfile({
      name: 'Ada Lovelace',
      personality: { friendliness: 0.1, formality: 0.9, humour: 0, proactiveness: 1 },
      memorySettings: { enabled: false, retentionDays: 30 },
    })
    store.commit(
      events.personaUpdated({
        id: p.id,
        ...profile,
        ...personaFields.seal(TEST_KEY, p.id, profile),
        updatedAt: T0 + 2 * MINUTE,
      }),
    )
    expect(opened(rawPersona(p.id))).toMatchObject({
      name: 'Ada Lovelace',
      personality: profile.personality,
      memorySettings: { enabled: false, retentionDays: 30 },
      usageCount: 1,
      updatedAt: T0 + 2 * MINUTE,
    })

    const { apiKey } = personaSecretFields.seal(TEST_KEY, p.id, { apiKey: 'sk-secret' })
    store.commit(events.personaApiKeySet({ id: p.id, apiKey, updatedAt: T0 + 3 * MINUTE }))
    expect(apiKeyOf(rawPersona(p.id))).toBe('sk-secret')
    expect(rawPersona(p.id).apiKey).not.toContain('sk-secret')
    expect(opened(rawPersona(p.id)).name).toBe('Ada Lovelace')
    store.commit(events.personaApiKeySet({ id: p.id, apiKey: null, updatedAt: T0 + 4 * MINUTE }))
    expect(rawPersona(p.id).apiKey).toBeNull()
  })
})

describe('PersonaDeactivated / PersonaActivated', () => {
  test('deactivating hides it from activePersonas$ but allPersonas$ keeps it, after the active ones', () => {
    const store = useStore()
    const a = personaCreatedArgs({ createdAt: T0 + MINUTE })
    const b = personaCreatedArgs({ createdAt: T0 })
    store.commit(events.personaCreated(a), events.personaCreated(b))

    store.commit(events.personaDeactivated({ id: a.id, updatedAt: T0 + 2 * MINUTE }))
    expect(ids(store.query(activePersonas$))).toEqual([b.id])
    // a is newer but inactive, so it comes after the active b.
    expect(ids(store.query(allPersonas$))).toEqual([b.id, a.id])
    expect(rawPersona(a.id)).toMatchObject({ active: 0, updatedAt: T0 + 2 * MINUTE })

    store.commit(events.personaActivated({ id: a.id, updatedAt: T0 + 3 * MINUTE }))
    expect(ids(store.query(activePersonas$))).toEqual([a.id, b.id])
    expect(ids(store.query(allPersonas$))).toEqual([a.id, b.id])
  })
})

describe('PersonaDeleted', () => {
  test('is a soft delete: the row stays with deletedAt, but no list or pickers show it', () => {
    const store = useStore()
    const keep = personaCreatedArgs()
    const gone = personaCreatedArgs()
    store.commit(events.personaCreated(keep), events.personaCreated(gone))
    store.commit(events.memoryCreated(memoryCreatedArgs({ personaId: gone.id })))

    store.commit(events.personaDeleted({ id: gone.id, deletedAt: T0 + MINUTE }))

    expect(ids(store.query(activePersonas$))).toEqual([keep.id])
    expect(ids(store.query(allPersonas$))).toEqual([keep.id])
    expect(rawPersona(gone.id)).toMatchObject({ deletedAt: T0 + MINUTE, name: gone.name, memoryCount: 1 })
    expect(opened(rawPersona(gone.id)).name).toBe(personaProfile().name)
    expect(store.query(tables.personas.count())).toBe(2)
  })

  test('a deleted persona that is also inactive stays out of allPersonas$', () => {
    const store = useStore()
    const p = personaCreatedArgs()
    store.commit(
      events.personaCreated(p),
      events.personaDeactivated({ id: p.id, updatedAt: T0 }),
      events.personaDeleted({ id: p.id, deletedAt: T0 + MINUTE }),
    )
    expect(store.query(allPersonas$)).toEqual([])
  })
})

describe('PersonaRestored', () => {
  test('undoes the delete it names, with the memories still counted; a later delete stays', () => {
    const store = useStore()
    const p = personaCreatedArgs()
    store.commit(events.personaCreated(p), events.memoryCreated(memoryCreatedArgs({ personaId: p.id })))
    store.commit(events.personaDeleted({ id: p.id, deletedAt: T0 + MINUTE }))
    store.commit(events.personaRestored({ id: p.id, deletedAt: T0 + MINUTE, restoredAt: T0 + 2 * MINUTE }))
    expect(ids(store.query(allPersonas$))).toEqual([p.id])
    expect(rawPersona(p.id)).toMatchObject({ deletedAt: null, memoryCount: 1, updatedAt: T0 + 2 * MINUTE })

    store.commit(events.personaDeleted({ id: p.id, deletedAt: T0 + 3 * MINUTE }))
    store.commit(events.personaRestored({ id: p.id, deletedAt: T0 + MINUTE, restoredAt: T0 + 4 * MINUTE }))
    expect(store.query(allPersonas$)).toEqual([])
  })
})

describe('PersonasImported', () => {
  test('inserts the whole batch with its counters, flags and secrets', () => {
    const store = useStore()
    const used = personaRecord({ usageCount: 7, lastUsedAt: T0 + 5 * MINUTE, apiKey: 'sk-1', createdAt: T0 })
    const idle = personaRecord({ createdAt: T0 + MINUTE })
    const inactive = personaRecord({ active: false, usageCount: 2, lastUsedAt: T0 + 9 * MINUTE })

    store.commit(events.personasImported({ personas: [used, idle, inactive] }))

    expect(ids(store.query(activePersonas$))).toEqual([used.id, idle.id])
    expect(ids(store.query(allPersonas$))).toEqual([used.id, idle.id, inactive.id])
    expect(apiKeyOf(rawPersona(used.id))).toBe('sk-1')
    expect(rawPersona(used.id)).toMatchObject({
      usageCount: 7,
      lastUsedAt: T0 + 5 * MINUTE,
      apiKey: used.apiKey,
      active: 1,
      createdAt: T0,
      updatedAt: T0,
      memoryCount: 0,
    })
    expect(rawPersona(inactive.id)).toMatchObject({ active: 0, usageCount: 2 })
  })

  test('an empty batch changes nothing', () => {
    const store = useStore()
    store.commit(events.personaCreated(personaCreatedArgs()))
    store.commit(events.personasImported({ personas: [] }))
    expect(store.query(tables.personas.count())).toBe(1)
  })
})

describe('personaById$', () => {
  test('finds a persona (even a deleted one) and is undefined for an unknown id', () => {
    const store = useStore()
    const p = personaCreatedArgs({ name: 'Grace' })
    store.commit(events.personaCreated(p), events.personaDeleted({ id: p.id, deletedAt: T0 + MINUTE }))
    const found = store.query(personaById$(p.id))
    if (found === undefined) throw new Error('persona not found')
    expect(opened(found)).toMatchObject({ id: p.id, name: 'Grace', deletedAt: T0 + MINUTE })
    expect(store.query(personaById$('nope'))).toBeUndefined()
  })
})
