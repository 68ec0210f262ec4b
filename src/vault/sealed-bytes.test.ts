import { describe, expect, it } from 'vitest'
import { randomKey, vaultErrorCode } from '../testing/vault-errors.ts'
import { openBytes, sealBytes } from './sealed-bytes.ts'

const key = randomKey
const dataKey = key('k1test')
const PURPOSE = 'search-index'

const codeOf = vaultErrorCode

describe('sealBytes and openBytes', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['a few bytes', Uint8Array.of(1, 2, 3, 250)],
    ['64 KB', crypto.getRandomValues(new Uint8Array(65_536)).map((b, i) => b ^ i)],
  ])('round-trips %s', (_, bytes) => {
    const sealed = sealBytes(dataKey, PURPOSE, bytes)
    expect(sealed.length).toBe(bytes.length + 3 + 1 + 6 + 24 + 16)
    expect(openBytes(dataKey, PURPOSE, sealed)).toEqual(bytes)
  })

  it('does not leave the plaintext readable', () => {
    const plain = new TextEncoder().encode('my sister is allergic to peanuts')
    const sealed = new TextDecoder().decode(sealBytes(dataKey, PURPOSE, plain))
    expect(sealed).not.toContain('peanuts')
  })

  it('refuses another purpose, another key, tampering, truncation and garbage', () => {
    const sealed = sealBytes(dataKey, PURPOSE, Uint8Array.of(9, 9, 9))
    expect(codeOf(() => openBytes(dataKey, 'other-thing', sealed))).toBe('tampered')
    expect(codeOf(() => openBytes({ ...key('k1test') }, PURPOSE, sealed))).toBe('tampered')
    expect(codeOf(() => openBytes(key('k2other'), PURPOSE, sealed))).toBe('other-key')
    const flipped = sealed.slice()
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1
    expect(codeOf(() => openBytes(dataKey, PURPOSE, flipped))).toBe('tampered')
    expect(codeOf(() => openBytes(dataKey, PURPOSE, sealed.subarray(0, 20)))).toBe('malformed')
    expect(codeOf(() => openBytes(dataKey, PURPOSE, Uint8Array.of(1, 2, 3, 4)))).toBe('malformed')
  })
})
