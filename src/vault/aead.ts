import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'

/**
 * XChaCha20-Poly1305 for envelopes, from the fastest implementation loaded so far.
 *
 * Every field of every row is sealed on its own, so an import of 100k memories seals ~600k small
 * values and opening a list opens dozens per frame. Per call, libsodium's WebAssembly build (the
 * reference implementation of this AEAD, `libsodium-wrappers`) took 0.9–1.8 µs where `@noble/ciphers`
 * (pure JS) took 9–11 µs on this machine (`bench/profile-import.mjs` found sealing to be the page's
 * largest cost in an import). Both produce the same bytes (the test beside this file checks it both
 * ways), so an envelope sealed by one opens with the other.
 *
 * libsodium needs an asynchronous start (its wasm compiles), while sealing must stay synchronous
 * (rows are opened inside a render's memo). So noble serves until `loadFastAead()` has finished, which
 * the app starts at boot; by the time a person has typed a passphrase it is long done.
 */
export type Aead = {
  readonly name: 'libsodium' | 'noble'
  encrypt(key: Uint8Array, nonce: Uint8Array, associatedData: Uint8Array, plaintext: Uint8Array): Uint8Array
  /** Throws when the ciphertext, nonce, key or associated data do not authenticate. */
  decrypt(key: Uint8Array, nonce: Uint8Array, associatedData: Uint8Array, sealed: Uint8Array): Uint8Array
}

export const nobleAead: Aead = {
  name: 'noble',
  encrypt: (key, nonce, ad, plaintext) => xchacha20poly1305(key, nonce, ad).encrypt(plaintext),
  decrypt: (key, nonce, ad, sealed) => xchacha20poly1305(key, nonce, ad).decrypt(sealed),
}

let current: Aead = nobleAead
let loading: Promise<Aead> | undefined

/** The implementation sealing and opening use right now. */
export const aead = (): Aead => current

/**
 * Loads libsodium once and switches to it. If it cannot load (no WebAssembly), noble stays in use:
 * slower, never wrong.
 */
export const loadFastAead = (): Promise<Aead> => {
  loading ??= import('libsodium-wrappers')
    .then(async ({ default: sodium }) => {
      await sodium.ready
      const libsodium: Aead = {
        name: 'libsodium',
        encrypt: (key, nonce, ad, plaintext) =>
          sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key),
        decrypt: (key, nonce, ad, sealed) =>
          sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed, ad, nonce, key),
      }
      current = libsodium
      return libsodium
    })
    .catch(() => nobleAead)
  return loading
}

const NONCE_BYTES = 24
/** Nonces are cut from one block of random bytes: a `getRandomValues` call per field cost ~2 µs. */
const POOL_NONCES = 1024
let pool = new Uint8Array(0)
let offset = 0

/** 24 fresh random bytes (a copy: the caller may keep it). */
export const randomNonce = (): Uint8Array => {
  if (offset + NONCE_BYTES > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(NONCE_BYTES * POOL_NONCES))
    offset = 0
  }
  const nonce = pool.slice(offset, offset + NONCE_BYTES)
  // Each nonce is handed out once: wipe it from the pool so it cannot be handed out again by a bug.
  pool.fill(0, offset, offset + NONCE_BYTES)
  offset += NONCE_BYTES
  return nonce
}
