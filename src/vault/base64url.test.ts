import { describe, expect, it } from 'vitest'
import { BASE64URL_PATTERN, fromBase64url, toBase64url } from './base64url.ts'

describe('base64url', () => {
  it('round-trips every length from 0 to 100', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length))
      const text = toBase64url(bytes)
      expect(text).toMatch(BASE64URL_PATTERN)
      expect(text).not.toContain('=')
      expect(text.length).toBe(Math.ceil((length * 4) / 3))
      expect(fromBase64url(text)).toEqual(bytes)
    }
  })

  it('matches Node’s encoder', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(61))
    expect(toBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
  })

  it.each([['+'], ['/'], ['='], ['AA=='], ['AB CD'], ['é'], ['AAA.']])('rejects %j', (text) => {
    expect(fromBase64url(text)).toBeUndefined()
  })

  it('rejects a length no byte string encodes to', () => {
    expect(fromBase64url('A')).toBeUndefined()
    expect(fromBase64url('AAAAA')).toBeUndefined()
  })

  it('rejects non-canonical trailing bits', () => {
    // One byte 0x00 is "AA"; "AB" sets a bit past the end of the byte.
    expect(fromBase64url('AA')).toEqual(new Uint8Array([0]))
    expect(fromBase64url('AB')).toBeUndefined()
    // Two bytes are "AAA"; "AAB" sets a trailing bit.
    expect(fromBase64url('AAA')).toEqual(new Uint8Array([0, 0]))
    expect(fromBase64url('AAB')).toBeUndefined()
  })
})
