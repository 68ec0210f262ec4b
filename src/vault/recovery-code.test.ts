import { describe, expect, it } from 'vitest'
import { displayRecoveryCode, newRecoveryCode, normalizeRecoveryCode } from './recovery-code.ts'

const SHAPE = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/

describe('recovery codes', () => {
  it('are six groups of five Crockford base32 characters', () => {
    for (let i = 0; i < 50; i++) expect(newRecoveryCode()).toMatch(SHAPE)
  })

  it('are different every time', () => {
    const codes = new Set(Array.from({ length: 200 }, newRecoveryCode))
    expect(codes.size).toBe(200)
  })

  it('use every character of the alphabet about evenly', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 400; i++) {
      for (const char of newRecoveryCode().replaceAll('-', '')) counts.set(char, (counts.get(char) ?? 0) + 1)
    }
    // 12,000 characters over 32 symbols: 375 expected each; a biased or truncated alphabet shows.
    expect(counts.size).toBe(32)
    for (const count of counts.values()) expect(count).toBeGreaterThan(250)
  })
})

describe('normalizeRecoveryCode', () => {
  const code = 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567'
  const canonical = 'ABCDEFGHJKMNPQRSTVWXYZ01234567'

  it.each([
    ['as shown', code],
    ['without dashes', canonical],
    ['in lower case', code.toLowerCase()],
    ['with spaces', 'ABCDE FGHJK MNPQR STVWX YZ012 34567'],
    ['with stray spaces and a trailing newline', '  abcde-fghjk  mnpqr-stvwx yz012-34567\n'],
    ['with typographic dashes', 'ABCDE–FGHJK‐MNPQR—STVWX-YZ012−34567'],
    ['in full-width characters', 'ＡＢＣＤＥ－ＦＧＨＪＫ－ＭＮＰＱＲ－ＳＴＶＷＸ－ＹＺ０１２－３４５６７'],
  ])('accepts the code typed %s', (_, typed) => {
    expect(normalizeRecoveryCode(typed)).toBe(canonical)
  })

  it('reads the look-alike letters O, I and L as 0 and 1', () => {
    expect(normalizeRecoveryCode('ABCDE-FGHJK-MNPQR-STVWX-YZO1l-34567')).toBe(
      'ABCDEFGHJKMNPQRSTVWXYZ01134567',
    )
    expect(normalizeRecoveryCode('ooooo-iiiii-lllll-00000-11111-22222')).toBe(
      '000001111111111000001111122222',
    )
  })

  it.each([
    ['too short', 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-3456'],
    ['too long', `${code}8`],
    ['with a U', 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-3456U'],
    ['with punctuation', 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-3456!'],
    ['empty', ''],
  ])('refuses a code %s', (_, typed) => {
    expect(normalizeRecoveryCode(typed)).toBeUndefined()
  })

  it('round-trips every new code', () => {
    for (let i = 0; i < 50; i++) {
      const fresh = newRecoveryCode()
      expect(normalizeRecoveryCode(fresh)).toBe(fresh.replaceAll('-', ''))
      expect(normalizeRecoveryCode(fresh.toLowerCase().replaceAll('-', ' '))).toBe(fresh.replaceAll('-', ''))
      expect(displayRecoveryCode(fresh.toLowerCase())).toBe(fresh)
    }
  })
})
