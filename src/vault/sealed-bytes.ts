import { aead, randomNonce } from './aead.ts'
import type { DataKey } from './envelope.ts'
import { VaultError } from './vault-error.ts'

/**
 * Binary sealing for derived data kept outside the store (the search index in OPFS): the same
 * XChaCha20-Poly1305 as `envelope.ts` (`aead.ts`), without base64, with an associated data string naming what
 * the bytes are (`hearth|search-index`), so one sealed blob cannot be passed off as another.
 *
 * Layout: `HB1` · u8 key id length · key id (ASCII) · 24-byte nonce · ciphertext ‖ 16-byte tag.
 */
const MAGIC = [0x48, 0x42, 0x31] // "HB1"
const NONCE_BYTES = 24
const TAG_BYTES = 16

const encoder = new TextEncoder()
const aad = (purpose: string) => encoder.encode(`hearth|${purpose}`)

export const sealBytes = (key: DataKey, purpose: string, plaintext: Uint8Array): Uint8Array => {
  const keyId = encoder.encode(key.id)
  const nonce = randomNonce()
  const sealed = aead().encrypt(key.bytes, nonce, aad(purpose), plaintext)
  const head = MAGIC.length + 1 + keyId.length
  const out = new Uint8Array(head + NONCE_BYTES + sealed.length)
  out.set(MAGIC)
  out[MAGIC.length] = keyId.length
  out.set(keyId, MAGIC.length + 1)
  out.set(nonce, head)
  out.set(sealed, head + NONCE_BYTES)
  return out
}

/** Throws a `VaultError` when the bytes are not sealed bytes, name another key, or fail to authenticate. */
export const openBytes = (key: DataKey, purpose: string, sealed: Uint8Array): Uint8Array => {
  if (sealed.length < MAGIC.length + 1 || MAGIC.some((b, i) => sealed[i] !== b)) {
    throw new VaultError('malformed', `The ${purpose} file is not sealed data Hearth can read.`)
  }
  const idLength = sealed[MAGIC.length] as number
  const head = MAGIC.length + 1 + idLength
  if (sealed.length < head + NONCE_BYTES + TAG_BYTES) {
    throw new VaultError('malformed', `The ${purpose} file is cut short.`)
  }
  const keyId = new TextDecoder().decode(sealed.subarray(MAGIC.length + 1, head))
  if (keyId !== key.id) {
    throw new VaultError('other-key', `The ${purpose} file was sealed with another key (${keyId}).`)
  }
  try {
    const nonce = sealed.subarray(head, head + NONCE_BYTES)
    return aead().decrypt(key.bytes, nonce, aad(purpose), sealed.subarray(head + NONCE_BYTES))
  } catch {
    throw new VaultError('tampered', `The ${purpose} file failed its integrity check.`)
  }
}
