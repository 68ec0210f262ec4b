import { Schema } from '@livestore/livestore'
import { describe, expect, it } from 'vitest'
import { randomKey, vaultErrorCode } from '../testing/vault-errors.ts'
import { fromBase64url, toBase64url } from './base64url.ts'
import { envelopeKeyId, open, type SealContext, Sealed, seal } from './envelope.ts'

const key = randomKey
const dataKey = key('k1test')
const context: SealContext = { table: 'memories', field: 'body', recordId: 'mem-1' }

const codeOf = vaultErrorCode

describe('seal and open', () => {
  it.each([
    ['empty text', ''],
    ['plain text', 'Remember to water the plants'],
    ['emoji and accents', 'Crème brûlée 🍮 for 👩‍👩‍👧'],
    ['100 KB of text', 'x'.repeat(50_000) + 'é'.repeat(25_000)],
  ])('round-trips %s', (_, text) => {
    const envelope = seal(dataKey, context, text)
    expect(envelope.startsWith('hv1.k1test.')).toBe(true)
    expect(envelopeKeyId(envelope)).toBe('k1test')
    expect(open(dataKey, context, envelope)).toBe(text)
  })

  it('seals the same text differently each time (random nonce)', () => {
    expect(seal(dataKey, context, 'same')).not.toBe(seal(dataKey, context, 'same'))
  })
})

describe('tampering', () => {
  it('detects a flipped bit at every byte position of the body', () => {
    const envelope = seal(dataKey, context, 'short note')
    const [version, keyId, body] = envelope.split('.') as [string, string, string]
    const bytes = fromBase64url(body) as Uint8Array
    for (let position = 0; position < bytes.length; position++) {
      for (const bit of [0, 7]) {
        const altered = bytes.slice()
        altered[position] = (altered[position] as number) ^ (1 << bit)
        const code = codeOf(() => open(dataKey, context, `${version}.${keyId}.${toBase64url(altered)}`))
        expect(code, `byte ${position} bit ${bit}`).toBe('tampered')
      }
    }
  })

  it('detects any changed character of the envelope text', () => {
    const envelope = seal(dataKey, context, 'short note')
    const bodyStart = envelope.lastIndexOf('.') + 1
    for (let position = bodyStart; position < envelope.length; position++) {
      const replacement = envelope[position] === 'A' ? 'B' : 'A'
      const altered = envelope.slice(0, position) + replacement + envelope.slice(position + 1)
      expect(['tampered', 'malformed']).toContain(codeOf(() => open(dataKey, context, altered)))
    }
  })

  it('detects a body cut short or extended', () => {
    const envelope = seal(dataKey, context, 'short note')
    expect(['tampered', 'malformed']).toContain(codeOf(() => open(dataKey, context, envelope.slice(0, -4))))
    expect(['tampered', 'malformed']).toContain(codeOf(() => open(dataKey, context, `${envelope}AAAA`)))
  })

  it.each([
    ['another record', { ...context, recordId: 'mem-2' }],
    ['another field', { ...context, field: 'title' }],
    ['another table', { ...context, table: 'personas' }],
  ])('refuses an envelope moved to %s', (_, elsewhere) => {
    const envelope = seal(dataKey, context, 'private')
    expect(codeOf(() => open(dataKey, elsewhere, envelope))).toBe('tampered')
  })

  it('names another key as such', () => {
    const envelope = seal(key('k2other'), context, 'private')
    expect(codeOf(() => open(dataKey, context, envelope))).toBe('other-key')
  })

  it('refuses a different key that claims the same id', () => {
    const envelope = seal(key('k1test'), context, 'private')
    expect(codeOf(() => open(dataKey, context, envelope))).toBe('tampered')
  })

  it.each([
    ['plain text', 'just a note'],
    ['empty', ''],
    ['another version', 'hv2.k1test.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['extra part', 'hv1.k1test.AAAA.AAAA'],
    ['invalid base64url', 'hv1.k1test.not+base64/at=all'],
    ['too short to hold a nonce and tag', 'hv1.k1test.AAAA'],
  ])('reports %s as malformed', (_, garbage) => {
    expect(codeOf(() => open(dataKey, context, garbage))).toBe('malformed')
  })

  it('binds a record id that is not ASCII as its UTF-8 bytes', () => {
    const accented = { ...context, recordId: 'mémoire-1' }
    const envelope = seal(dataKey, accented, 'private')
    expect(open(dataKey, accented, envelope)).toBe('private')
    expect(codeOf(() => open(dataKey, { ...context, recordId: 'memoire-1' }, envelope))).toBe('tampered')
    expect(
      codeOf(() => open(dataKey, { ...context, recordId: 'm\u00e9moire-1'.normalize('NFD') }, envelope)),
    ).toBe('tampered')
  })

  it('writes messages that say which field failed', () => {
    const envelope = seal(dataKey, context, 'private')
    expect(() => open(dataKey, { ...context, recordId: 'mem-9' }, envelope)).toThrow(
      /memories\.body of mem-9/,
    )
  })
})

describe('Sealed schema', () => {
  const decode = Schema.decodeUnknownSync(Sealed)

  it('accepts an envelope', () => {
    const envelope = seal(dataKey, context, 'private')
    expect(decode(envelope)).toBe(envelope)
  })

  it.each([['plain text'], [''], ['hv1.K1TEST.AAAA'], ['hv1..AAAA'], [42]])('rejects %j', (value) => {
    expect(() => decode(value)).toThrow()
  })
})
