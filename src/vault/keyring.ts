import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { BASE64URL_PATTERN, fromBase64url, toBase64url } from './base64url.ts'
import { type DataKey, KEY_ID_PATTERN } from './envelope.ts'
import {
  checkKdfParams,
  DEFAULT_KDF,
  type Derive,
  KDF_FLOOR,
  type KdfParams,
  KEY_BYTES,
  newKdfParams,
} from './kdf.ts'
import { newRecoveryCode, normalizeRecoveryCode } from './recovery-code.ts'
import { VaultError } from './vault-error.ts'

/**
 * The key hierarchy. One random data key seals every field; it is never derived from a secret, so
 * changing the passphrase re-wraps 32 bytes instead of re-sealing every record. It is stored twice,
 * each copy wrapped (XChaCha20-Poly1305) under a key-encryption key derived with Argon2id from one
 * secret: the passphrase, and the recovery code. Either secret alone unlocks the vault.
 *
 * Everything here is pure and takes a `Derive`, so tests run Argon2id in Node and the app runs it
 * in a worker.
 */

/** One wrapped copy of the data key; all byte strings are base64url. */
export type KeyWrap = { kdf: KdfParams; nonce: string; wrappedKey: string }

export type Keyring = {
  format: 'hearth-keyring'
  version: 1
  keyId: string
  createdAt: number
  updatedAt: number
  passphrase: KeyWrap
  recovery: KeyWrap
}

type Slot = 'passphrase' | 'recovery'

const NONCE_BYTES = 24
const WRAPPED_KEY_BYTES = KEY_BYTES + 16
const KEY_ID_LENGTH = 8
const KEY_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
export const MIN_PASSPHRASE_LENGTH = 8

/**
 * The recovery code carries 150 random bits, so a higher Argon2id cost would add nothing against
 * guessing; the floor keeps recovery quick on a phone while still passing `checkKdfParams`.
 */
const RECOVERY_KDF = { memoryKiB: KDF_FLOOR.memoryKiB, iterations: KDF_FLOOR.iterations, parallelism: 1 }

const encoder = new TextEncoder()

/** Binds a wrap to its keyring and slot, so one cannot be swapped into another slot or keyring. */
const associatedData = (keyId: string, slot: Slot) => encoder.encode(`hearth-keyring|${keyId}|${slot}`)

const damaged = (detail: string) =>
  new VaultError('bad-keyring', `The vault's saved keys on this device are damaged: ${detail}.`)

const randomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length))

const newKeyId = (): string => {
  let id = ''
  while (id.length < KEY_ID_LENGTH) {
    for (const byte of randomBytes(KEY_ID_LENGTH)) {
      // Rejection sampling: 252 is the largest multiple of 36 below 256, so no letter is favoured.
      if (byte < 252 && id.length < KEY_ID_LENGTH) id += KEY_ID_ALPHABET[byte % 36]
    }
  }
  return id
}

const checkPassphrase = (passphrase: string): void => {
  if ([...passphrase.normalize('NFKC').trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError(
      'weak-passphrase',
      `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are long enough and easy to remember.`,
    )
  }
}

/** The canonical recovery code; a freshly made one is always well-formed. */
const recoverySecret = (code: string): string => normalizeRecoveryCode(code) as string

const wrapKey = async (
  dataKey: DataKey,
  slot: Slot,
  secret: string,
  kdf: KdfParams,
  derive: Derive,
): Promise<KeyWrap> => {
  const kek = await derive(secret, kdf)
  try {
    const nonce = randomBytes(NONCE_BYTES)
    const wrapped = xchacha20poly1305(kek, nonce, associatedData(dataKey.id, slot)).encrypt(dataKey.bytes)
    return { kdf, nonce: toBase64url(nonce), wrappedKey: toBase64url(wrapped) }
  } finally {
    kek.fill(0)
  }
}

/** The data key, or `undefined` if the secret is wrong (or the wrap was altered: AEAD cannot tell). */
const unwrapKey = async (
  keyring: Keyring,
  slot: Slot,
  secret: string,
  derive: Derive,
): Promise<DataKey | undefined> => {
  const wrap = keyring[slot]
  const nonce = fromBase64url(wrap.nonce)
  const wrapped = fromBase64url(wrap.wrappedKey)
  if (nonce?.length !== NONCE_BYTES || wrapped?.length !== WRAPPED_KEY_BYTES) {
    throw damaged(`the ${slot} copy of the key is garbled`)
  }
  const kek = await derive(secret, wrap.kdf)
  try {
    const bytes = xchacha20poly1305(kek, nonce, associatedData(keyring.keyId, slot)).decrypt(wrapped)
    return { id: keyring.keyId, bytes }
  } catch {
    return undefined
  } finally {
    kek.fill(0)
  }
}

const checkOwnKey = (keyring: Keyring, dataKey: DataKey): void => {
  if (dataKey.id !== keyring.keyId) {
    throw new VaultError(
      'other-key',
      `That key (${dataKey.id}) does not belong to this vault (${keyring.keyId}).`,
    )
  }
}

export const createKeyring = async (
  passphrase: string,
  derive: Derive,
  now: number,
): Promise<{ keyring: Keyring; dataKey: DataKey; recoveryCode: string }> => {
  checkPassphrase(passphrase)
  const dataKey: DataKey = { id: newKeyId(), bytes: randomBytes(KEY_BYTES) }
  const recoveryCode = newRecoveryCode()
  // One after the other, not in parallel: each derivation holds a 64 MiB buffer.
  const passphraseWrap = await wrapKey(dataKey, 'passphrase', passphrase, newKdfParams(DEFAULT_KDF), derive)
  const recoveryWrap = await wrapKey(
    dataKey,
    'recovery',
    recoverySecret(recoveryCode),
    newKdfParams(RECOVERY_KDF),
    derive,
  )
  const keyring: Keyring = {
    format: 'hearth-keyring',
    version: 1,
    keyId: dataKey.id,
    createdAt: now,
    updatedAt: now,
    passphrase: passphraseWrap,
    recovery: recoveryWrap,
  }
  return { keyring, dataKey, recoveryCode }
}

export const unlockWithPassphrase = async (
  keyring: Keyring,
  passphrase: string,
  derive: Derive,
): Promise<DataKey> => {
  const dataKey = await unwrapKey(keyring, 'passphrase', passphrase, derive)
  if (dataKey === undefined) {
    throw new VaultError('wrong-passphrase', 'That passphrase does not unlock this vault.')
  }
  return dataKey
}

export const unlockWithRecoveryCode = async (
  keyring: Keyring,
  code: string,
  derive: Derive,
): Promise<DataKey> => {
  const secret = normalizeRecoveryCode(code)
  if (secret === undefined) {
    throw new VaultError(
      'wrong-recovery-code',
      'That is not a complete recovery code. It has 30 letters and digits, written as six groups of five.',
    )
  }
  const dataKey = await unwrapKey(keyring, 'recovery', secret, derive)
  if (dataKey === undefined) {
    throw new VaultError(
      'wrong-recovery-code',
      'That recovery code does not unlock this vault. Check it against the one you saved, group by group.',
    )
  }
  return dataKey
}

/**
 * Wraps the same data key under a new passphrase with a fresh salt: nothing is re-sealed, the
 * recovery code keeps working, and the old passphrase no longer unwraps anything in the result.
 */
export const changePassphrase = async (
  keyring: Keyring,
  dataKey: DataKey,
  newPassphrase: string,
  derive: Derive,
  now: number,
): Promise<Keyring> => {
  checkOwnKey(keyring, dataKey)
  checkPassphrase(newPassphrase)
  const passphrase = await wrapKey(dataKey, 'passphrase', newPassphrase, newKdfParams(DEFAULT_KDF), derive)
  return { ...keyring, passphrase, updatedAt: now }
}

/** A new recovery code (e.g. after the old one was exposed); the old code stops working. */
export const replaceRecoveryCode = async (
  keyring: Keyring,
  dataKey: DataKey,
  derive: Derive,
  now: number,
): Promise<{ keyring: Keyring; recoveryCode: string }> => {
  checkOwnKey(keyring, dataKey)
  const recoveryCode = newRecoveryCode()
  const recovery = await wrapKey(
    dataKey,
    'recovery',
    recoverySecret(recoveryCode),
    newKdfParams(RECOVERY_KDF),
    derive,
  )
  return { keyring: { ...keyring, recovery, updatedAt: now }, recoveryCode }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isBase64urlOf = (value: unknown, bytes: number): value is string =>
  typeof value === 'string' && BASE64URL_PATTERN.test(value) && fromBase64url(value)?.length === bytes

const isTimestamp = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0

const parseWrap = (value: unknown, slot: Slot): KeyWrap => {
  if (!isRecord(value)) throw damaged(`the ${slot} copy of the key is missing`)
  const { kdf, nonce, wrappedKey } = value
  if (!isRecord(kdf)) throw damaged(`the ${slot} key settings are missing`)
  if (!isBase64urlOf(nonce, NONCE_BYTES)) throw damaged(`the ${slot} nonce is garbled`)
  if (!isBase64urlOf(wrappedKey, WRAPPED_KEY_BYTES)) throw damaged(`the ${slot} copy of the key is garbled`)
  // Copied field by field, so nothing but these fields survives parsing; checkKdfParams then
  // validates their types and values.
  const params = {
    algorithm: kdf.algorithm,
    memoryKiB: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
    salt: kdf.salt,
  } as KdfParams
  return { kdf: params, nonce, wrappedKey }
}

/**
 * Validates a keyring read from storage. Throws `bad-keyring` for anything malformed and
 * `weak-kdf` for key settings below the floor (e.g. a keyring edited to make guessing cheap).
 */
export const parseKeyring = (value: unknown): Keyring => {
  if (!isRecord(value) || value.format !== 'hearth-keyring') throw damaged('they are not a Hearth keyring')
  if (value.version !== 1) {
    if (typeof value.version === 'number' && value.version > 1) {
      throw new VaultError(
        'bad-keyring',
        "This vault's keys were saved by a newer version of Hearth. Update Hearth to unlock it.",
      )
    }
    throw damaged('their version is unknown')
  }
  const { keyId, createdAt, updatedAt } = value
  if (typeof keyId !== 'string' || !KEY_ID_PATTERN.test(keyId)) throw damaged('the key id is garbled')
  if (!isTimestamp(createdAt) || !isTimestamp(updatedAt)) throw damaged('the dates are garbled')
  const passphrase = parseWrap(value.passphrase, 'passphrase')
  const recovery = parseWrap(value.recovery, 'recovery')
  checkKdfParams(passphrase.kdf)
  checkKdfParams(recovery.kdf)
  return { format: 'hearth-keyring', version: 1, keyId, createdAt, updatedAt, passphrase, recovery }
}
