import { describe, expect, test } from 'vitest'
import {
  memoryContent,
  memoryCreatedArgs,
  memoryEditedArgs,
  memoryRecord,
  personaCreatedArgs,
  T0,
  TEST_KEY,
} from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import { makeTestStore } from '../testing/test-store.ts'
import { ENVELOPE_PATTERN } from '../vault/envelope.ts'
import { events, tables } from './index.ts'
import { memoryFields } from './memories.ts'
import { personaFields } from './personas.ts'

/**
 * Content enters the event log only sealed: the event schemas refuse plaintext in a sealed field,
 * so a command that forgets to seal fails loudly instead of writing a secret in the clear.
 */

const useStore = freshStorePerTest()

/** The sealed columns of a memory row, exactly as SQLite stores them. */
const rawMemory = (id: string) => {
  const [row] = useStore().query({
    query: 'SELECT name, content, summary, tags, factCategory, factKey FROM memories WHERE id = $id',
    bindValues: { id },
  }) as ReadonlyArray<Record<string, string | null>>
  if (row === undefined) throw new Error(`no memory ${id}`)
  return row
}
/** The memory row as the table definition reads it. */
const memoryRow = (id: string) => only(useStore().query(tables.memories.where({ id })))

describe('sealed fields refuse plaintext', () => {
  const personaId = 'p-sealed'

  test('MemoryCreated with a plaintext content field is refused', () => {
    const args = memoryCreatedArgs({ personaId })
    expect(() => events.memoryCreated(args)).not.toThrow()
    expect(() => events.memoryCreated({ ...args, content: 'plain' as never })).toThrow()
    expect(() => events.memoryCreated({ ...args, name: 'Tea' as never })).toThrow()
    // A JSON field must be an envelope of its JSON, not the value itself.
    expect(() => events.memoryCreated({ ...args, tags: ['drinks'] as never })).toThrow()
    // Something shaped like an envelope but not one (the key id is too short) is refused too.
    expect(() => events.memoryCreated({ ...args, content: 'hv1.k.abc' as never })).toThrow()
    // A nullable sealed field takes null or an envelope, never plaintext.
    expect(() => events.memoryCreated({ ...args, factKey: 'diet.milk' as never })).toThrow()
  })

  test('MemoryEdited, MemoriesImported and PersonaCreated refuse plaintext as well', () => {
    const edit = memoryEditedArgs('m-sealed', { content: 'edited' })
    expect(() => events.memoryEdited({ ...edit, content: 'edited' as never })).toThrow()

    const record = memoryRecord({ personaId })
    expect(() => events.memoriesImported({ memories: [record] })).not.toThrow()
    expect(() =>
      events.memoriesImported({ memories: [{ ...record, summary: 'Green tea' as never }] }),
    ).toThrow()

    const persona = personaCreatedArgs()
    expect(() => events.personaCreated({ ...persona, systemPrompt: 'You are Ada.' as never })).toThrow()
  })

  test('a raw commit that skips the event constructor is refused too: the store stops rather than write it', async () => {
    // Its own store: this one ends shut down, which `freshStorePerTest` cannot clean up after.
    const store = await makeTestStore()
    const args = memoryCreatedArgs({ personaId })
    // LiveStore 0.4 cannot encode the event, so it shuts the store down rather than write it.
    store.commit({ name: events.memoryCreated.name, args: { ...args, content: 'plain' } } as never)
    expect(() => store.query(tables.memories.count())).toThrow(/shut down/)
  })
})

describe('what the store keeps is sealed', () => {
  test('a memory committed through the builders is stored with no plaintext, and opens to its content', () => {
    const store = useStore()
    const persona = personaCreatedArgs({ name: 'Ada Lovelace' })
    store.commit(events.personaCreated(persona))
    const plain = memoryContent({
      type: 'fact',
      name: 'Milk preference',
      content: 'Drinks oat milk, never cow milk.',
      summary: 'Prefers oat milk',
      tags: ['diet', 'milk'],
      factCategory: 'diet',
      factKey: 'diet.milk',
    })
    const args = memoryCreatedArgs({ personaId: persona.id, ...plain, createdAt: T0 })
    store.commit(events.memoryCreated(args))

    const raw = rawMemory(args.id)
    for (const [field, stored] of Object.entries(raw)) {
      expect(stored, field).toMatch(ENVELOPE_PATTERN)
      expect(stored?.startsWith(`hv1.${TEST_KEY.id}.`), field).toBe(true)
    }
    // Only strings that cannot turn up by chance in random base64url are searched for.
    const text = JSON.stringify(raw)
    for (const secret of [plain.name, plain.content, plain.summary, 'oat milk', '"diet"', 'diet.milk'])
      expect(text).not.toContain(secret)

    const [personaRow] = store.query({
      query: 'SELECT name, description, systemPrompt, modelSettings FROM personas WHERE id = $id',
      bindValues: { id: persona.id },
    }) as ReadonlyArray<Record<string, string>>
    expect(Object.values(personaRow ?? {})).toHaveLength(4)
    for (const stored of Object.values(personaRow ?? {})) expect(stored).toMatch(ENVELOPE_PATTERN)
    expect(JSON.stringify(personaRow)).not.toContain('Ada Lovelace')
    expect(JSON.stringify(personaRow)).not.toContain('localhost:11434')

    // With the key, the row opens back to exactly what was written.
    expect(memoryFields.openStrict(TEST_KEY, memoryRow(args.id))).toMatchObject({
      id: args.id,
      ...plain,
      unreadable: false,
    })
  })

  test('an edit replaces the envelopes: new ciphertext, still no plaintext', () => {
    const store = useStore()
    const persona = personaCreatedArgs()
    store.commit(events.personaCreated(persona))
    const args = memoryCreatedArgs({ personaId: persona.id })
    store.commit(events.memoryCreated(args))
    const before = rawMemory(args.id)

    store.commit(events.memoryEdited(memoryEditedArgs(args.id, { content: 'Switched to rooibos.' }, T0 + 1)))
    const after = rawMemory(args.id)
    expect(after.content).toMatch(ENVELOPE_PATTERN)
    expect(after.content).not.toBe(before.content)
    expect(after.content).not.toContain('rooibos')
    expect(memoryFields.openStrict(TEST_KEY, memoryRow(args.id)).content).toBe('Switched to rooibos.')
  })

  test('an envelope copied into another record does not open there', () => {
    const a = memoryCreatedArgs({ personaId: 'p' })
    const b = memoryCreatedArgs({ personaId: 'p' })
    expect(memoryFields.openStrict(TEST_KEY, b).content).toBe(memoryContent().content)
    expect(() => memoryFields.openStrict(TEST_KEY, { ...b, content: a.content })).toThrow()
    expect(personaFields.open(TEST_KEY, { ...personaCreatedArgs(), id: 'other' }).unreadable).toBe(true)
  })
})
