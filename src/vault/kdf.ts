import { argon2id } from 'hash-wasm'
import { BASE64URL_PATTERN, fromBase64url, toBase64url } from './base64url.ts'
import { VaultError } from './vault-error.ts'

/**
 * How a secret (passphrase or recovery code) becomes a 256-bit key-encryption key. The parameters
 * are stored beside what they protect, so they can be raised later for new wraps while old wraps
 * stay openable with the cost they were made with.
 */
export type KdfParams = {
  algorithm: 'argon2id'
  memoryKiB: number
  iterations: number
  parallelism: number
  /** base64url of 16 random bytes */
  salt: string
}

export type KdfCost = { memoryKiB: number; iterations: number; parallelism: number }

/** What a passphrase wrap costs: 64 MiB and 3 passes, about half a second on a laptop. */
export const DEFAULT_KDF: KdfCost = { memoryKiB: 65536, iterations: 3, parallelism: 1 }

/**
 * OWASP's minimum for Argon2id (19 MiB, 2 passes). Parameters are read from storage, which anyone
 * with the device can edit, so a keyring rewritten to a trivial cost must be refused rather than
 * used — otherwise the next passphrase change would wrap the key behind a cheap-to-guess KEK.
 */
export const KDF_FLOOR = { memoryKiB: 19456, iterations: 2 } as const

/**
 * Upper bounds, for the same reason: a keyring edited to ask for 8 GiB would crash the tab instead
 * of unlocking. Both are far above anything Hearth writes.
 */
const KDF_CEILING = { memoryKiB: 1024 * 1024, iterations: 64 } as const
const MIN_SALT_BYTES = 16
const MAX_SALT_BYTES = 64
const MAX_PARALLELISM = 16
export const KEY_BYTES = 32

/** Derives a key-encryption key; the app runs this in a worker, tests run it in Node. */
export type Derive = (secret: string, params: KdfParams) => Promise<Uint8Array>

export const newKdfParams = (cost: KdfCost = DEFAULT_KDF): KdfParams => ({
  algorithm: 'argon2id',
  memoryKiB: cost.memoryKiB,
  iterations: cost.iterations,
  parallelism: cost.parallelism,
  salt: toBase64url(crypto.getRandomValues(new Uint8Array(MIN_SALT_BYTES))),
})

/**
 * What makes `params` unsafe to derive with, in words for a person, or `undefined` if they are
 * well-formed and cost at least the floor. Checked field by field as unknowns: params come from JSON
 * (storage, a backup file), whatever the type says.
 */
export const kdfParamsProblem = (params: unknown): string | undefined => {
  if (typeof params !== 'object' || params === null) return 'they are missing'
  const p = params as Partial<Record<keyof KdfParams, unknown>>
  if (p.algorithm !== 'argon2id') return `the method ${JSON.stringify(p.algorithm)} is not Argon2id`
  if (typeof p.memoryKiB !== 'number' || !Number.isSafeInteger(p.memoryKiB)) {
    return 'the memory cost is not a whole number'
  }
  if (p.memoryKiB < KDF_FLOOR.memoryKiB) {
    return `the memory cost (${Math.floor(p.memoryKiB / 1024)} MiB) is below the minimum of ${Math.floor(KDF_FLOOR.memoryKiB / 1024)} MiB`
  }
  if (p.memoryKiB > KDF_CEILING.memoryKiB) {
    return `the memory cost (${Math.floor(p.memoryKiB / 1024)} MiB) is above Hearth's limit of 1 GiB`
  }
  if (typeof p.iterations !== 'number' || !Number.isSafeInteger(p.iterations)) {
    return 'the number of passes is not a whole number'
  }
  if (p.iterations < KDF_FLOOR.iterations) {
    return `${p.iterations === 1 ? '1 pass' : `${p.iterations} passes`} is below the minimum of ${KDF_FLOOR.iterations}`
  }
  if (p.iterations > KDF_CEILING.iterations) return `${p.iterations} passes is far more than needed`
  if (
    typeof p.parallelism !== 'number' ||
    !Number.isSafeInteger(p.parallelism) ||
    p.parallelism < 1 ||
    p.parallelism > MAX_PARALLELISM
  ) {
    return `the parallelism must be a whole number from 1 to ${MAX_PARALLELISM}`
  }
  const salt =
    typeof p.salt === 'string' && BASE64URL_PATTERN.test(p.salt) ? fromBase64url(p.salt) : undefined
  if (salt === undefined) return 'the salt is garbled'
  if (salt.length < MIN_SALT_BYTES) return `the salt is shorter than ${MIN_SALT_BYTES} bytes`
  if (salt.length > MAX_SALT_BYTES) return `the salt is longer than ${MAX_SALT_BYTES} bytes`
  return undefined
}

/** Throws `VaultError('weak-kdf')` unless `params` are well-formed and at least the floor cost. */
export const checkKdfParams = (params: KdfParams): void => {
  const problem = kdfParamsProblem(params)
  if (problem !== undefined) {
    throw new VaultError('weak-kdf', `This vault's key settings are not safe to use: ${problem}.`)
  }
}

/**
 * Argon2id → 32 bytes. The secret is NFKC-normalised so the same passphrase typed on another
 * keyboard layout or IME (composed vs decomposed accents, full-width letters) derives the same key.
 */
export const deriveKey: Derive = async (secret, params) => {
  checkKdfParams(params)
  // checkKdfParams has just shown the salt decodes.
  const salt = fromBase64url(params.salt) as Uint8Array
  return argon2id({
    password: secret.normalize('NFKC'),
    salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: KEY_BYTES,
    outputType: 'binary',
  })
}
