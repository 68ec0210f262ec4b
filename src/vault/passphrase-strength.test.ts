import { describe, expect, it } from 'vitest'
import { passphraseStrength } from './passphrase-strength.ts'

describe('passphraseStrength', () => {
  it.each([
    ['correct horse battery staple'],
    ['violet anchor mumble oxygen'],
    ['Зимний вечер у камина огонь'],
  ])('rates four or more random words %j Strong or better', (passphrase) => {
    const strength = passphraseStrength(passphrase)
    expect(strength.score).toBeGreaterThanOrEqual(3)
    expect(strength.acceptable).toBe(true)
  })

  it.each([
    ['password123'],
    ['Password1!'],
    ['P@ssw0rd'],
    ['iloveyou2024'],
    ['letmein!!'],
    ['qwertyuiop'],
    ['12345678'],
    ['monkey dragon'],
  ])('rates the common password %j Weak', (passphrase) => {
    expect(passphraseStrength(passphrase)).toMatchObject({ score: 1, label: 'Weak', acceptable: false })
    expect(passphraseStrength(passphrase).hint).toMatch(/common/)
  })

  it.each([['aaaaaaaaaaaa'], ['abcabcabcabc'], ['abcdefghijkl'], ['asdfghjkl;'], ['zyxwvutsrqpo']])(
    'rates repeats and sequences like %j Weak',
    (passphrase) => {
      const strength = passphraseStrength(passphrase)
      expect(strength).toMatchObject({ score: 1, label: 'Weak', acceptable: false })
      expect(strength.hint).toMatch(/repeated|sequences|common/)
    },
  )

  it('says what is wrong with a repeat or a sequence', () => {
    expect(passphraseStrength('aaaaaaaaaaaa').hint).toBe('Avoid repeated characters and patterns.')
    expect(passphraseStrength('abcdefghijkl').hint).toMatch(/Avoid sequences/)
  })

  it('calls anything under 8 characters Too short, whatever it contains', () => {
    for (const passphrase of ['', 'a', 'x9#Lq2!', '       ', '  abc   ']) {
      expect(passphraseStrength(passphrase)).toMatchObject({
        score: 0,
        label: 'Too short',
        acceptable: false,
      })
    }
    expect(passphraseStrength('x9#Lq2!').hint).toMatch(/at least 8 characters/)
  })

  it('asks for more words when a passphrase is merely weak', () => {
    expect(passphraseStrength('qmzrtkvb')).toMatchObject({ score: 1, hint: 'Add another word or two.' })
  })

  it('accepts three unrelated words as Fair', () => {
    expect(passphraseStrength('blue fish rain')).toMatchObject({ score: 2, label: 'Fair', acceptable: true })
  })

  it('rates a random 12-character password Strong', () => {
    expect(passphraseStrength('xK9#mQ2$vL7p').score).toBeGreaterThanOrEqual(3)
  })

  it('rises with length', () => {
    const scores = [
      'violet anchor',
      'violet anchor mumble',
      'violet anchor mumble oxygen',
      'violet anchor mumble oxygen tulip',
    ].map((passphrase) => passphraseStrength(passphrase).score)
    expect(scores).toEqual([...scores].sort())
    expect(scores.at(-1)).toBe(4)
  })

  it('counts emoji as characters and still finds words around them', () => {
    expect(passphraseStrength('🔥password🔥').score).toBe(1)
    expect(passphraseStrength('🔥🌲🏠🐈🎻🌙☕🚲').acceptable).toBe(true)
  })

  it('stays fast on a very long paste', () => {
    const long = `${'a1B$'.repeat(200)}${'violet anchor '.repeat(100)}`
    const start = performance.now()
    expect(passphraseStrength(long).score).toBeGreaterThan(0)
    expect(performance.now() - start).toBeLessThan(100)
  })
})
