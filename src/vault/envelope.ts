import { Schema } from '@livestore/livestore'
import { aead, randomNonce } from './aead.ts'
import { BASE64URL_PATTERN, fromBase64url, toBase64url } from './base64url.ts'
import type { RecordKeys } from './record-keyring.ts'
import { isRecordKeyId } from './record-keys.ts'
import { VaultError } from './vault-error.ts'

/**
 * A sealed field: `hv1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>`.
 *
 * - `hv1` is the format version: a future format gets a new prefix and both are read.
 * - `keyId` names the key that sealed it: the data key, or the record's own key (`record-keys.ts`:
 *   destroying it forgets the record for real), so `open` finds the right key by the envelope alone.
 * - XChaCha20-Poly1305 (libsodium, or `@noble/ciphers` until it has loaded: see `aead.ts`): an AEAD whose 192-bit random nonces never need a
 *   counter, and which runs synchronously, so a row can be opened inside a render's memo and a
 *   batch of 1,000 rows sealed without awaiting 5,000 promises.
 * - The associated data binds `table.field#recordId`, so a ciphertext copied into another field
 *   or another record fails to open instead of showing the wrong content.
 */
export const ENVELOPE_VERSION = 'hv1'
const NONCE_BYTES = 24
const TAG_BYTES = 16
export const KEY_ID_PATTERN = /^[a-z0-9]{4,32}$/
export const ENVELOPE_PATTERN = /^hv1\.[a-z0-9]{4,32}\.[A-Za-z0-9_-]+$/

/** The event schemas accept only envelopes here: plaintext cannot enter the event log. */
export const Sealed = Schema.String.pipe(Schema.pattern(ENVELOPE_PATTERN), Schema.brand('Sealed'))
export type Sealed = typeof Sealed.Type

/**
 * A 256-bit symmetric key and the id its envelopes carry. The vault's data key also carries the
 * unlocked tab's record keys (`record-keyring.ts`): envelopes naming one of those open with it, and
 * per-record fields are sealed with them.
 */
export type DataKey = { readonly id: string; readonly bytes: Uint8Array; readonly records?: RecordKeys }

/** What a sealed value belongs to; it is authenticated with the ciphertext. */
export type SealContext = { readonly table: string; readonly field: string; readonly recordId: string }

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * UTF-8 of a short, nearly always ASCII string. Why not `TextEncoder` alone: every field sealed or
 * opened binds one of these, and for ~40 characters a call into the encoder costs more than this loop
 * (an import or a search rebuild at 100k rows makes a million of them).
 */
const utf8OfShort = (text: string): Uint8Array => {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code > 0x7f) return encoder.encode(text)
    out[i] = code
  }
  return out
}

const associatedData = ({ table, field, recordId }: SealContext) =>
  utf8OfShort(`hearth|${table}.${field}#${recordId}`)

const fieldLabel = ({ table, field, recordId }: SealContext) => `${table}.${field} of ${recordId}`

export const seal = (key: DataKey, context: SealContext, plaintext: string): Sealed =>
  sealRaw(key, context, encoder.encode(plaintext))

/** `seal` for bytes that are not text (a compressed field): the same envelope, the same binding. */
export const sealRaw = (key: DataKey, context: SealContext, plaintext: Uint8Array): Sealed => {
  const nonce = randomNonce()
  const sealed = aead().encrypt(key.bytes, nonce, associatedData(context), plaintext)
  const body = new Uint8Array(NONCE_BYTES + sealed.length)
  body.set(nonce)
  body.set(sealed, NONCE_BYTES)
  return `${ENVELOPE_VERSION}.${key.id}.${toBase64url(body)}` as Sealed
}

/** The key id an envelope names, or `undefined` if it is not an envelope. */
export const envelopeKeyId = (envelope: string): string | undefined =>
  ENVELOPE_PATTERN.test(envelope) ? envelope.split('.')[1] : undefined

export const open = (key: DataKey, context: SealContext, envelope: string): string => {
  const bytes = openRaw(key, context, envelope)
  try {
    return decoder.decode(bytes)
  } catch {
    throw new VaultError('malformed', `${fieldLabel(context)} is not text.`)
  }
}

/** `open` for a field sealed with `sealRaw`: the bytes, not decoded as text. */
export const openRaw = (key: DataKey, context: SealContext, envelope: string): Uint8Array => {
  const [version, keyId, body, ...rest] = envelope.split('.')
  if (version !== ENVELOPE_VERSION || rest.length > 0 || keyId === undefined || body === undefined) {
    throw new VaultError('malformed', `${fieldLabel(context)} is not a sealed value Hearth can read.`)
  }
  const opener = keyId === key.id ? key : key.records?.get(keyId)
  if (opener === undefined) {
    throw new VaultError(
      'other-key',
      isRecordKeyId(keyId) && key.records !== undefined
        ? `${fieldLabel(context)} cannot be opened: its record key is gone (the record was forgotten).`
        : `${fieldLabel(context)} was sealed with another key (${keyId}).`,
    )
  }
  const bytes = BASE64URL_PATTERN.test(body) ? fromBase64url(body) : undefined
  if (bytes === undefined || bytes.length < NONCE_BYTES + TAG_BYTES) {
    throw new VaultError(
      'malformed',
      `${fieldLabel(context)} is damaged: its envelope is cut short or garbled.`,
    )
  }
  try {
    return aead().decrypt(
      opener.bytes,
      bytes.subarray(0, NONCE_BYTES),
      associatedData(context),
      bytes.subarray(NONCE_BYTES),
    )
  } catch {
    throw new VaultError(
      'tampered',
      `${fieldLabel(context)} failed its integrity check: it was changed, or moved from another record or field.`,
    )
  }
}
