import { describe, expect, it } from 'vitest'
import { memories, memoryById$, memoryFields } from '../schema/memories.ts'
import { personaById$, personaFields, personaSecretFields } from '../schema/personas.ts'
import { TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { DataKey } from '../vault/envelope.ts'
import { createMemory, editMemory, emptyMemoryDraft } from './memories.ts'
import { createPersona, DEFAULT_PERSONA_PROFILE, updatePersona } from './personas.ts'

// The commands are where plaintext turns into sealed events: what they store must not contain the
// words, and must open back to them with the key — and only with the key.

const OTHER_KEY: DataKey = { id: 'otherkey', bytes: new Uint8Array(32).fill(9) }

describe('commands seal what a person writes', () => {
  const useStore = freshStorePerTest()

  it('a persona: profile and API key are ciphertext in the table and open to what was typed', () => {
    const store = useStore()
    const id = createPersona(
      store,
      TEST_KEY,
      {
        ...DEFAULT_PERSONA_PROFILE,
        name: 'Wren',
        systemPrompt: 'Be brief.',
        modelSettings: { endpoint: 'https://api.example', model: 'm' },
      },
      'sk-secret-123',
    )
    const row = store.query(personaById$(id))
    if (row === undefined) throw new Error('persona missing')
    expect(JSON.stringify(row)).not.toMatch(/Wren|Be brief|api\.example|sk-secret/)
    expect(row.name.startsWith('hv1.')).toBe(true)
    const opened = personaFields.openStrict(TEST_KEY, row)
    expect(opened).toMatchObject({
      name: 'Wren',
      systemPrompt: 'Be brief.',
      modelSettings: { endpoint: 'https://api.example' },
    })
    expect(personaSecretFields.openStrict(TEST_KEY, row).apiKey).toBe('sk-secret-123')
    // Another key opens nothing, and says so instead of showing garbage.
    expect(personaFields.open(OTHER_KEY, row)).toMatchObject({ unreadable: true, name: '⚠ unreadable' })
  })

  it('an update leaves the API key alone unless it is given; an empty one removes it', () => {
    const store = useStore()
    const id = createPersona(store, TEST_KEY, { ...DEFAULT_PERSONA_PROFILE, name: 'Wren' }, 'sk-1')
    const apiKey = () => {
      const row = store.query(personaById$(id))
      if (row === undefined) throw new Error('persona missing')
      return personaSecretFields.openStrict(TEST_KEY, row).apiKey
    }
    updatePersona(store, TEST_KEY, id, { ...DEFAULT_PERSONA_PROFILE, name: 'Wren 2' })
    expect(apiKey()).toBe('sk-1')
    updatePersona(store, TEST_KEY, id, { ...DEFAULT_PERSONA_PROFILE, name: 'Wren 3' }, '')
    expect(apiKey()).toBeNull()
  })

  it('a memory: content, tags and fact key are sealed; edits reseal; type and importance stay queryable', () => {
    const store = useStore()
    const personaId = createPersona(store, TEST_KEY, { ...DEFAULT_PERSONA_PROFILE, name: 'Wren' })
    const id = createMemory(store, TEST_KEY, personaId, {
      ...emptyMemoryDraft(),
      type: 'fact',
      name: 'Milk',
      content: 'Oat milk only.',
      tags: ['diet'],
      factKey: 'diet.milk',
      importance: 70,
    })
    const raw = only(store.query(memories.where({ id })))
    expect(JSON.stringify(raw)).not.toMatch(/Milk|Oat milk|diet/)
    expect(raw).toMatchObject({ type: 'fact', importance: 70 })
    const opened = memoryFields.openStrict(TEST_KEY, raw)
    expect(opened).toMatchObject({
      name: 'Milk',
      content: 'Oat milk only.',
      tags: ['diet'],
      factKey: 'diet.milk',
    })

    editMemory(
      store,
      TEST_KEY,
      { ...opened, importance: 70 },
      { ...opened, content: 'Oat or soy milk.', importance: 70 },
    )
    const edited = store.query(memoryById$(id))
    if (edited === undefined) throw new Error('memory missing')
    expect(edited.content).not.toBe(raw.content)
    expect(memoryFields.openStrict(TEST_KEY, edited).content).toBe('Oat or soy milk.')
  })
})
