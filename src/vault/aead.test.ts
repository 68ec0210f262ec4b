import { describe, expect, it } from 'vitest'
import { randomKey, vaultErrorCode } from '../testing/vault-errors.ts'
import { aead, loadFastAead, nobleAead, randomNonce } from './aead.ts'
import { open, type SealContext, seal } from './envelope.ts'

const encoder = new TextEncoder()
const key = crypto.getRandomValues(new Uint8Array(32))
const ad = encoder.encode('hearth|memories.content#m-1')
const context: SealContext = { table: 'memories', field: 'content', recordId: 'm-1' }

describe('the AEAD behind envelopes', () => {
  it('seals with noble until libsodium has loaded, then with libsodium', async () => {
    expect(aead().name).toBe('noble')
    const dataKey = randomKey('k1test')
    const sealedByNoble = seal(dataKey, context, 'written before the fast cipher loaded')
    expect((await loadFastAead()).name).toBe('libsodium')
    expect(aead().name).toBe('libsodium')
    // An envelope sealed by one implementation opens with the other, both ways.
    expect(open(dataKey, context, sealedByNoble)).toBe('written before the fast cipher loaded')
    const sealedBySodium = seal(dataKey, context, 'written after 🍮')
    const [, , body] = sealedBySodium.split('.')
    expect(body).toBeDefined()
    expect(open(dataKey, context, sealedBySodium)).toBe('written after 🍮')
  })

  it.each([0, 1, 15, 16, 17, 64, 1000, 60_000])(
    'gives the same bytes as noble for %i bytes',
    async (size) => {
      const sodium = await loadFastAead()
      const plaintext = crypto.getRandomValues(new Uint8Array(size))
      const nonce = randomNonce()
      const fast = sodium.encrypt(key, nonce, ad, plaintext)
      expect(fast).toEqual(nobleAead.encrypt(key, nonce, ad, plaintext))
      expect(nobleAead.decrypt(key, nonce, ad, fast)).toEqual(plaintext)
      expect(sodium.decrypt(key, nonce, ad, fast)).toEqual(plaintext)
    },
  )

  it('refuses a flipped bit, another key, another nonce and other associated data', async () => {
    const sodium = await loadFastAead()
    const nonce = randomNonce()
    const sealed = sodium.encrypt(key, nonce, ad, encoder.encode('secret'))
    for (let i = 0; i < sealed.length; i++) {
      const flipped = sealed.slice()
      flipped[i] = (flipped[i] as number) ^ 1
      expect(() => sodium.decrypt(key, nonce, ad, flipped)).toThrow()
    }
    expect(() => sodium.decrypt(crypto.getRandomValues(new Uint8Array(32)), nonce, ad, sealed)).toThrow()
    expect(() => sodium.decrypt(key, randomNonce(), ad, sealed)).toThrow()
    expect(() => sodium.decrypt(key, nonce, encoder.encode('hearth|memories.name#m-1'), sealed)).toThrow()
  })

  it('an envelope moved to another field fails to open under libsodium too', async () => {
    await loadFastAead()
    const dataKey = randomKey('k1test')
    const envelope = seal(dataKey, context, 'mine')
    expect(vaultErrorCode(() => open(dataKey, { ...context, field: 'summary' }, envelope))).toBe('tampered')
  })
})

describe('nonces', () => {
  it('are 24 bytes and never repeat, across many refills of the pool', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5000; i++) {
      const nonce = randomNonce()
      expect(nonce).toHaveLength(24)
      seen.add(Buffer.from(nonce).toString('hex'))
    }
    expect(seen.size).toBe(5000)
  })

  it('are copies: changing one changes no later nonce', () => {
    const first = randomNonce()
    first.fill(0)
    expect(randomNonce().some((b) => b !== 0)).toBe(true)
  })
})
