import { describe, expect, it } from 'vitest'
import type { DataKey } from './envelope.ts'
import { json, nullable, recordCodec, text } from './record-codec.ts'
import { VaultError } from './vault-error.ts'

const key: DataKey = { id: 'k1test', bytes: crypto.getRandomValues(new Uint8Array(32)) }

const memories = recordCodec('memories', {
  title: text,
  tags: json<string[]>([]),
  note: nullable(text),
})

const plain = { title: 'Garden', tags: ['home', 'plants'], note: 'Water on Sundays' }

/** A stored row: the sealed fields plus columns the codec does not touch. */
type Stored = { title: string; tags: string; note: string | null }
const row = (id: string, fields: Stored = memories.seal(key, id, plain)) => ({ id, pinned: true, ...fields })

describe('recordCodec', () => {
  it('seals every field and opens them back', () => {
    const sealed = memories.seal(key, 'mem-1', plain)
    for (const value of Object.values(sealed)) expect(value).toMatch(/^hv1\.k1test\./)
    expect(JSON.stringify(sealed)).not.toContain('Garden')
    expect(memories.open(key, row('mem-1', sealed))).toEqual({
      id: 'mem-1',
      pinned: true,
      ...plain,
      unreadable: false,
    })
    expect(memories.openStrict(key, row('mem-1', sealed))).toEqual({
      id: 'mem-1',
      pinned: true,
      ...plain,
      unreadable: false,
    })
  })

  it('keeps null as null, and seals an empty string', () => {
    const sealed = memories.seal(key, 'mem-1', { title: '', tags: [], note: null })
    expect(sealed.note).toBeNull()
    expect(sealed.title).not.toBe('')
    expect(memories.open(key, row('mem-1', sealed))).toMatchObject({ title: '', tags: [], note: null })
  })

  it('opens what it can when one field fails, and flags the row', () => {
    const other = memories.seal(key, 'mem-2', { ...plain, title: 'Someone else’s' })
    // A title copied from another record: it decrypts with the key but not in this place.
    const damaged = row('mem-1', { ...memories.seal(key, 'mem-1', plain), title: other.title })
    expect(memories.open(key, damaged)).toEqual({
      id: 'mem-1',
      pinned: true,
      title: '⚠ unreadable',
      tags: plain.tags,
      note: plain.note,
      unreadable: true,
    })
  })

  it('shows a nullable or JSON field that fails as its own unreadable value', () => {
    const sealed = memories.seal(key, 'mem-1', plain)
    const damaged = row('mem-1', { ...sealed, tags: 'plain text', note: sealed.title })
    expect(memories.open(key, damaged)).toMatchObject({
      title: 'Garden',
      tags: [],
      note: null,
      unreadable: true,
    })
  })

  it('openStrict throws a VaultError naming the field', () => {
    const other = memories.seal(key, 'mem-2', plain)
    const damaged = row('mem-1', { ...memories.seal(key, 'mem-1', plain), tags: other.tags })
    expect(() => memories.openStrict(key, damaged)).toThrow(VaultError)
    expect(() => memories.openStrict(key, damaged)).toThrow(/memories\.tags of mem-1/)
  })

  it('opening with another key marks every field unreadable', () => {
    const otherKey: DataKey = { id: 'k2other', bytes: crypto.getRandomValues(new Uint8Array(32)) }
    expect(memories.open(otherKey, row('mem-1'))).toMatchObject({ title: '⚠ unreadable', unreadable: true })
  })
})
