import { describe, expect, it } from 'vitest'
import { toBase64url } from './base64url.ts'
import { checkKdfParams, DEFAULT_KDF, deriveKey, KDF_FLOOR, type KdfParams, newKdfParams } from './kdf.ts'
import { VaultError } from './vault-error.ts'

const floor = (): KdfParams => newKdfParams({ ...KDF_FLOOR, parallelism: 1 })

const refusal = async (run: () => unknown): Promise<string | undefined> => {
  try {
    await run()
  } catch (error) {
    if (error instanceof VaultError) return error.code
    throw error
  }
  return undefined
}

describe('KDF parameters', () => {
  it('makes fresh 16-byte salts at the default cost', () => {
    const a = newKdfParams()
    const b = newKdfParams()
    expect(a).toMatchObject({ algorithm: 'argon2id', ...DEFAULT_KDF })
    expect(a.salt).toHaveLength(22)
    expect(a.salt).not.toBe(b.salt)
    expect(() => checkKdfParams(a)).not.toThrow()
  })

  it('accepts exactly the floor', () => {
    expect(() => checkKdfParams(floor())).not.toThrow()
  })

  it.each<[string, Partial<Record<keyof KdfParams, unknown>>]>([
    ['18 MiB of memory', { memoryKiB: 18 * 1024 }],
    ['one KiB under the floor', { memoryKiB: KDF_FLOOR.memoryKiB - 1 }],
    ['one pass', { iterations: 1 }],
    ['zero passes', { iterations: 0 }],
    ['fractional memory', { memoryKiB: 19456.5 }],
    ['memory as text', { memoryKiB: '65536' }],
    ['an absurd memory cost', { memoryKiB: 8 * 1024 * 1024 }],
    ['an absurd number of passes', { iterations: 10_000 }],
    ['parallelism 0', { parallelism: 0 }],
    ['parallelism 17', { parallelism: 17 }],
    ['another algorithm', { algorithm: 'argon2i' }],
    ['a 15-byte salt', { salt: toBase64url(new Uint8Array(15)) }],
    ['a garbled salt', { salt: 'not+base64url' }],
    ['a missing salt', { salt: undefined }],
  ])('refuses %s as weak-kdf', async (_, change) => {
    const params = { ...floor(), ...change } as KdfParams
    expect(await refusal(() => checkKdfParams(params))).toBe('weak-kdf')
    // deriveKey checks before doing any work, so a weak keyring never gets a cheap derivation.
    expect(await refusal(() => deriveKey('passphrase', params))).toBe('weak-kdf')
  })

  it('refuses something that is not params at all', async () => {
    expect(await refusal(() => checkKdfParams(null as unknown as KdfParams))).toBe('weak-kdf')
  })

  it('explains the refusal to a person', () => {
    expect(() => checkKdfParams({ ...floor(), memoryKiB: 18 * 1024 })).toThrow(
      /memory cost \(18 MiB\) is below the minimum of 19 MiB/,
    )
  })
})

describe('deriveKey (Argon2id, at the floor)', () => {
  const params = floor()

  it('derives 32 bytes, the same for the same secret and params', async () => {
    const a = await deriveKey('correct horse battery staple', params)
    const b = await deriveKey('correct horse battery staple', { ...params })
    expect(a).toBeInstanceOf(Uint8Array)
    expect(a).toHaveLength(32)
    expect(b).toEqual(a)
  })

  it('derives another key for another salt or another secret', async () => {
    const a = await deriveKey('correct horse battery staple', params)
    expect(await deriveKey('correct horse battery staple', floor())).not.toEqual(a)
    expect(await deriveKey('correct horse battery stapler', params)).not.toEqual(a)
  })

  it('derives another key for another cost', async () => {
    const a = await deriveKey('correct horse battery staple', params)
    expect(await deriveKey('correct horse battery staple', { ...params, iterations: 3 })).not.toEqual(a)
  })

  it('treats the same passphrase typed on another keyboard or IME as the same (NFKC)', async () => {
    // Precomposed é (U+00E9) and e + combining acute (U+0301); full-width and ASCII letters.
    const composed = await deriveKey('café au lait', params)
    expect(await deriveKey('cafe\u0301 au lait', params)).toEqual(composed)
    const fullWidth = await deriveKey('ｈｅａｒｔｈ ２０２５', params)
    expect(fullWidth).toEqual(await deriveKey('hearth 2025', params))
  })

  it('derives the same key as when this vault format was made', async () => {
    // A regression pin, recorded from this implementation (no independent Argon2id is at hand in
    // Node 20): a change in how the parameters reach hash-wasm (KiB, passes, lanes, output length,
    // normalisation) would otherwise silently make every existing vault unopenable.
    const fixed: KdfParams = { ...params, salt: toBase64url(new TextEncoder().encode('hearth-test-salt')) }
    expect(toBase64url(await deriveKey('password', fixed))).toBe(KNOWN_VECTOR)
  })
})

const KNOWN_VECTOR = 'Q2wJs2x5FNViXjpN_hJw5EFscGirG7ArHSM8MfpT_rY'
