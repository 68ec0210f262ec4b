import { beforeAll, describe, expect, it } from 'vitest'
import { fromBase64url, toBase64url } from './base64url.ts'
import { checkKdfParams, DEFAULT_KDF, type Derive, deriveKey, KDF_FLOOR, type KdfParams } from './kdf.ts'
import {
  changePassphrase,
  createKeyring,
  type Keyring,
  parseKeyring,
  replaceRecoveryCode,
  unlockWithPassphrase,
  unlockWithRecoveryCode,
} from './keyring.ts'
import { VaultError } from './vault-error.ts'

/**
 * The real Argon2id, but run at the floor cost whatever the keyring asks for, so the suite takes
 * seconds rather than a minute; the keyring's own params are still checked against the floor
 * first, exactly as `deriveKey` does. One test below runs the default cost for real.
 * It records every KEK it hands out, to check the keyring wipes them.
 */
const handedOut: Uint8Array[] = []
const derive: Derive = async (secret, params) => {
  checkKdfParams(params)
  const kek = await deriveKey(secret, {
    ...params,
    memoryKiB: KDF_FLOOR.memoryKiB,
    iterations: KDF_FLOOR.iterations,
  })
  handedOut.push(kek)
  return kek
}

const PASSPHRASE = 'violet anchor mumble oxygen'
const NOW = Date.UTC(2025, 0, 15)

const codeOf = async (run: () => Promise<unknown>): Promise<string | undefined> => {
  try {
    await run()
  } catch (error) {
    if (error instanceof VaultError) return error.code
    throw error
  }
  return undefined
}

let created: Awaited<ReturnType<typeof createKeyring>>
beforeAll(async () => {
  created = await createKeyring(PASSPHRASE, derive, NOW)
})

/** A deep copy, as a keyring read back from storage would be. */
const stored = (keyring: Keyring): Keyring => JSON.parse(JSON.stringify(keyring))

describe('createKeyring', () => {
  it('makes a 256-bit data key with an envelope key id, and a recovery code', () => {
    const { keyring, dataKey, recoveryCode } = created
    expect(dataKey.bytes).toHaveLength(32)
    expect(dataKey.id).toMatch(/^[a-z0-9]{8}$/)
    expect(keyring).toMatchObject({
      format: 'hearth-keyring',
      version: 1,
      keyId: dataKey.id,
      createdAt: NOW,
      updatedAt: NOW,
    })
    expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/)
  })

  it('wraps the passphrase copy at the default cost and the recovery copy at the floor', () => {
    const { passphrase, recovery } = created.keyring
    expect(passphrase.kdf).toMatchObject({ algorithm: 'argon2id', ...DEFAULT_KDF })
    expect(recovery.kdf).toMatchObject({ algorithm: 'argon2id', ...KDF_FLOOR, parallelism: 1 })
    expect(passphrase.kdf.salt).not.toBe(recovery.kdf.salt)
    expect(fromBase64url(passphrase.nonce)).toHaveLength(24)
    expect(fromBase64url(passphrase.wrappedKey)).toHaveLength(48)
  })

  it('stores nothing that reveals the key or the secrets', () => {
    const json = JSON.stringify(created.keyring)
    expect(json).not.toContain(toBase64url(created.dataKey.bytes))
    expect(json).not.toContain(PASSPHRASE)
    expect(json).not.toContain(created.recoveryCode.replaceAll('-', ''))
  })

  it('wipes every key-encryption key after use', () => {
    expect(handedOut.length).toBeGreaterThanOrEqual(2)
    for (const kek of handedOut) expect(kek.every((byte) => byte === 0)).toBe(true)
  })

  it('refuses a passphrase shorter than 8 characters', async () => {
    expect(await codeOf(() => createKeyring('short', derive, NOW))).toBe('weak-passphrase')
    expect(await codeOf(() => createKeyring('   seven   ', derive, NOW))).toBe('weak-passphrase')
  })

  it('gives every keyring its own key', async () => {
    const other = await createKeyring(PASSPHRASE, derive, NOW)
    expect(other.dataKey.id).not.toBe(created.dataKey.id)
    expect(other.dataKey.bytes).not.toEqual(created.dataKey.bytes)
    // A wrap cannot be moved into another keyring: its key id is bound in.
    const transplanted = { ...other.keyring, passphrase: created.keyring.passphrase }
    expect(await codeOf(() => unlockWithPassphrase(transplanted, PASSPHRASE, derive))).toBe(
      'wrong-passphrase',
    )
  })
})

describe('unlocking', () => {
  it('works end to end at the real default cost (64 MiB, 3 passes)', async () => {
    const { keyring, dataKey, recoveryCode } = await createKeyring(PASSPHRASE, deriveKey, NOW)
    expect(await unlockWithPassphrase(keyring, PASSPHRASE, deriveKey)).toEqual(dataKey)
    expect(await unlockWithRecoveryCode(keyring, recoveryCode, deriveKey)).toEqual(dataKey)
  })

  it('gives the same data key with the passphrase and with the recovery code', async () => {
    const { keyring, dataKey, recoveryCode } = created
    const byPassphrase = await unlockWithPassphrase(keyring, PASSPHRASE, derive)
    const byRecovery = await unlockWithRecoveryCode(
      keyring,
      recoveryCode.toLowerCase().replaceAll('-', ' '),
      derive,
    )
    expect(byPassphrase).toEqual(dataKey)
    expect(byRecovery).toEqual(dataKey)
  })

  it('refuses a wrong passphrase, in words a person understands', async () => {
    const attempt = unlockWithPassphrase(created.keyring, 'violet anchor mumble oxygen!', derive)
    await expect(attempt).rejects.toThrow('That passphrase does not unlock this vault.')
    await expect(attempt).rejects.toMatchObject({ code: 'wrong-passphrase' })
  })

  it('refuses a wrong or incomplete recovery code', async () => {
    const wrong = 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567'
    expect(await codeOf(() => unlockWithRecoveryCode(created.keyring, wrong, derive))).toBe(
      'wrong-recovery-code',
    )
    expect(await codeOf(() => unlockWithRecoveryCode(created.keyring, 'ABCDE-FGHJK', derive))).toBe(
      'wrong-recovery-code',
    )
    // The passphrase is not a recovery code, and the recovery code is not a passphrase.
    expect(await codeOf(() => unlockWithRecoveryCode(created.keyring, PASSPHRASE, derive))).toBe(
      'wrong-recovery-code',
    )
    expect(await codeOf(() => unlockWithPassphrase(created.keyring, created.recoveryCode, derive))).toBe(
      'wrong-passphrase',
    )
  })

  it('refuses a wrap swapped between the passphrase and recovery slots', async () => {
    const { keyring, recoveryCode } = created
    const swapped: Keyring = { ...keyring, passphrase: keyring.recovery, recovery: keyring.passphrase }
    // Each secret now meets its own wrap (same salt, same KEK), but in the other slot: refused.
    expect(await codeOf(() => unlockWithPassphrase(swapped, recoveryCode.replaceAll('-', ''), derive))).toBe(
      'wrong-passphrase',
    )
    expect(await codeOf(() => unlockWithRecoveryCode(swapped, PASSPHRASE, derive))).toBe(
      'wrong-recovery-code',
    )
  })

  it('refuses a wrapped key with one bit changed', async () => {
    const { keyring } = created
    const bytes = fromBase64url(keyring.passphrase.wrappedKey) as Uint8Array
    bytes[5] = (bytes[5] as number) ^ 1
    const tampered: Keyring = {
      ...keyring,
      passphrase: { ...keyring.passphrase, wrappedKey: toBase64url(bytes) },
    }
    expect(await codeOf(() => unlockWithPassphrase(tampered, PASSPHRASE, derive))).toBe('wrong-passphrase')
  })

  it('refuses to derive with settings lowered below the floor', async () => {
    const { keyring } = created
    const weakened: Keyring = {
      ...keyring,
      passphrase: { ...keyring.passphrase, kdf: { ...keyring.passphrase.kdf, iterations: 1 } },
    }
    expect(await codeOf(() => unlockWithPassphrase(weakened, PASSPHRASE, derive))).toBe('weak-kdf')
  })
})

describe('changePassphrase', () => {
  it('re-wraps the same data key: the old passphrase fails, the new one and the recovery code work', async () => {
    const { keyring, dataKey, recoveryCode } = created
    const later = NOW + 60_000
    const changed = await changePassphrase(keyring, dataKey, 'tulip harbour quietly sideways', derive, later)
    expect(changed).toMatchObject({ keyId: keyring.keyId, createdAt: NOW, updatedAt: later })
    expect(changed.passphrase.kdf.salt).not.toBe(keyring.passphrase.kdf.salt)
    expect(changed.recovery).toEqual(keyring.recovery)
    expect(await codeOf(() => unlockWithPassphrase(changed, PASSPHRASE, derive))).toBe('wrong-passphrase')
    expect(await unlockWithPassphrase(changed, 'tulip harbour quietly sideways', derive)).toEqual(dataKey)
    expect(await unlockWithRecoveryCode(changed, recoveryCode, derive)).toEqual(dataKey)
  })

  it('uses a fresh salt even when the passphrase stays the same', async () => {
    const { keyring, dataKey } = created
    const changed = await changePassphrase(keyring, dataKey, PASSPHRASE, derive, NOW)
    expect(changed.passphrase.kdf.salt).not.toBe(keyring.passphrase.kdf.salt)
    expect(changed.passphrase.wrappedKey).not.toBe(keyring.passphrase.wrappedKey)
  })

  it('refuses a short new passphrase, or a key from another vault', async () => {
    const { keyring, dataKey } = created
    expect(await codeOf(() => changePassphrase(keyring, dataKey, 'short', derive, NOW))).toBe(
      'weak-passphrase',
    )
    const foreign = { id: 'zzzz9999', bytes: dataKey.bytes }
    expect(await codeOf(() => changePassphrase(keyring, foreign, PASSPHRASE, derive, NOW))).toBe('other-key')
  })
})

describe('replaceRecoveryCode', () => {
  it('makes a new code that works, and the old one stops working', async () => {
    const { keyring, dataKey, recoveryCode } = created
    const replaced = await replaceRecoveryCode(keyring, dataKey, derive, NOW + 1)
    expect(replaced.recoveryCode).not.toBe(recoveryCode)
    expect(replaced.keyring.passphrase).toEqual(keyring.passphrase)
    expect(replaced.keyring.updatedAt).toBe(NOW + 1)
    expect(await codeOf(() => unlockWithRecoveryCode(replaced.keyring, recoveryCode, derive))).toBe(
      'wrong-recovery-code',
    )
    expect(await unlockWithRecoveryCode(replaced.keyring, replaced.recoveryCode, derive)).toEqual(dataKey)
  })
})

describe('parseKeyring', () => {
  it('accepts a keyring read back from JSON, keeping only its own fields', () => {
    const value = { ...stored(created.keyring), extra: 'ignored' }
    expect(parseKeyring(value)).toEqual(created.keyring)
  })

  const damage: Array<[string, (keyring: Keyring) => unknown]> = [
    ['not an object', () => 'hearth-keyring'],
    ['null', () => null],
    ['an array', () => []],
    ['another format', (k) => ({ ...k, format: 'other' })],
    ['an unknown version', (k) => ({ ...k, version: 0 })],
    ['a newer version', (k) => ({ ...k, version: 2 })],
    ['an upper-case key id', (k) => ({ ...k, keyId: 'ABCDEFGH' })],
    ['a missing key id', (k) => ({ ...k, keyId: undefined })],
    ['a date as text', (k) => ({ ...k, createdAt: '2025-01-15' })],
    ['a missing recovery copy', (k) => ({ ...k, recovery: undefined })],
    ['missing key settings', (k) => ({ ...k, passphrase: { ...k.passphrase, kdf: undefined } })],
    [
      'a short nonce',
      (k) => ({ ...k, passphrase: { ...k.passphrase, nonce: toBase64url(new Uint8Array(12)) } }),
    ],
    ['a nonce that is not base64url', (k) => ({ ...k, passphrase: { ...k.passphrase, nonce: 'a+b/c=' } })],
    [
      'a truncated wrapped key',
      (k) => ({ ...k, recovery: { ...k.recovery, wrappedKey: k.recovery.wrappedKey.slice(0, 40) } }),
    ],
  ]
  it.each(damage)('refuses %s as bad-keyring', (_, change) => {
    expect(() => parseKeyring(change(stored(created.keyring)))).toThrow(VaultError)
    try {
      parseKeyring(change(stored(created.keyring)))
    } catch (error) {
      expect((error as VaultError).code).toBe('bad-keyring')
      expect((error as VaultError).message).toMatch(/Hearth|keys/)
    }
  })

  it('tells a person to update Hearth for a newer keyring', () => {
    expect(() => parseKeyring({ ...stored(created.keyring), version: 2 })).toThrow(/newer version of Hearth/)
  })

  it.each<[string, 'passphrase' | 'recovery', Record<string, unknown>]>([
    ['passphrase memory lowered to 18 MiB', 'passphrase', { memoryKiB: 18 * 1024 }],
    ['passphrase passes lowered to 1', 'passphrase', { iterations: 1 }],
    ['recovery passes lowered to 1', 'recovery', { iterations: 1 }],
    ['a short salt', 'recovery', { salt: toBase64url(new Uint8Array(8)) }],
    ['another algorithm', 'passphrase', { algorithm: 'pbkdf2' }],
  ])('refuses %s as weak-kdf', (_, slot, change) => {
    const value = stored(created.keyring)
    value[slot] = { ...value[slot], kdf: { ...value[slot].kdf, ...change } as KdfParams }
    expect(() => parseKeyring(value)).toThrow(expect.objectContaining({ code: 'weak-kdf' }))
  })
})
