import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { deflateSync } from 'fflate'
import { BASE64URL_PATTERN, fromBase64url, toBase64url } from '../vault/base64url.ts'
import type { KdfParams } from '../vault/kdf.ts'

/**
 * The encrypted backup file, format 1 (`docs/BACKUP_FORMAT.md` is the byte-level description; keep
 * both in step). This module holds the layout shared by the writer (`create-backup.ts`) and the reader
 * (`open-backup.ts`):
 *
 *   preamble  "HEARTHBK" ‖ version u16 ‖ header length u32 ‖ header JSON ‖ SHA-256 of all before it
 *   chunks    length u32 ‖ final u8 ‖ nonce (24) ‖ XChaCha20-Poly1305(deflate-raw(plaintext)) ‖ tag
 *
 * The data chunks' plaintexts concatenate to the content: one line per row, `[kind,row]` as JSON.
 * The last chunk (final = 1) holds only the manifest. All integers are big-endian.
 */

export const MAGIC = new TextEncoder().encode('HEARTHBK')
export const FORMAT_VERSION = 1
/** Magic, version, header length: the part every format version keeps, so any reader can tell them apart. */
export const PREAMBLE_BYTES = MAGIC.length + 2 + 4
export const DIGEST_BYTES = 32
export const MAX_HEADER_BYTES = 64 * 1024
export const NONCE_BYTES = 24
export const TAG_BYTES = 16
/** Chunk length, final flag, nonce. */
export const FRAME_HEAD_BYTES = 4 + 1 + NONCE_BYTES

export const DEFAULT_CHUNK_SIZE = 1024 * 1024
export const MIN_CHUNK_SIZE = 256
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024
/** The manifest chunk's plaintext cap, whatever the chunk size. */
export const MAX_MANIFEST_BYTES = 64 * 1024
/** One row's line; a larger row is refused by the writer and by the reader. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024

/** Deflate never grows data by more than this (stored blocks: 5 bytes per 16 KiB, plus its ends). */
export const maxSealedBytes = (plaintextCap: number) =>
  plaintextCap + Math.ceil(plaintextCap / 16384) * 5 + 64 + TAG_BYTES

/** What the reader returns about a backup, from its authenticated header. */
export type BackupHeader = {
  readonly formatVersion: number
  /** Argon2id parameters and salt of the backup passphrase. */
  readonly kdf: KdfParams
  /** base64url(nonce ‖ XChaCha20-Poly1305 of `KEY_CHECK_PLAINTEXT`): opens only under the right key. */
  readonly keyCheck: string
  /** ms since the epoch. */
  readonly createdAt: number
  readonly appVersion: string
  readonly schemaVersion: number
  /** Plaintext bytes per data chunk (the last data chunk may hold fewer). */
  readonly chunkSize: number
}

export type BackupManifest = {
  /** Rows per section kind, in the order the kinds first appear. */
  readonly counts: Readonly<Record<string, number>>
  readonly rows: number
  /** Data chunks (the manifest chunk not included). */
  readonly chunks: number
  /** Bytes of content: the data chunks' plaintexts together. */
  readonly contentBytes: number
  /** SHA-256 (hex) of the content. */
  readonly digest: string
  readonly createdAt: number
}

export type BackupSection = { readonly kind: string; readonly rows: readonly unknown[] }

const encoder = new TextEncoder()

export const KEY_CHECK_PLAINTEXT = encoder.encode('Hearth backup key check, format 1')
const KEY_CHECK_AAD = encoder.encode('hearth-backup|key-check')

export const sealKeyCheck = (key: Uint8Array, nonce: Uint8Array): string => {
  const sealed = xchacha20poly1305(key, nonce, KEY_CHECK_AAD).encrypt(KEY_CHECK_PLAINTEXT)
  const body = new Uint8Array(NONCE_BYTES + sealed.length)
  body.set(nonce)
  body.set(sealed, NONCE_BYTES)
  return toBase64url(body)
}

/** True when `keyCheck` opens under `key` to the constant: the passphrase is right. */
export const keyCheckOpens = (key: Uint8Array, keyCheck: string): boolean => {
  const body = fromBase64url(keyCheck)
  if (body === undefined || body.length !== NONCE_BYTES + KEY_CHECK_PLAINTEXT.length + TAG_BYTES) return false
  try {
    const opened = xchacha20poly1305(key, body.subarray(0, NONCE_BYTES), KEY_CHECK_AAD).decrypt(
      body.subarray(NONCE_BYTES),
    )
    return opened.every((byte, i) => byte === KEY_CHECK_PLAINTEXT[i])
  } catch {
    return false
  }
}

/** A chunk's associated data: header digest ‖ index u32 ‖ final u8. */
export const chunkAad = (headerDigest: Uint8Array, index: number, final: boolean) => {
  const aad = new Uint8Array(DIGEST_BYTES + 5)
  aad.set(headerDigest)
  const view = new DataView(aad.buffer)
  view.setUint32(DIGEST_BYTES, index)
  view.setUint8(DIGEST_BYTES + 4, final ? 1 : 0)
  return aad
}

/** Compresses, encrypts and frames one chunk. */
export const sealChunk = (
  key: Uint8Array,
  headerDigest: Uint8Array,
  index: number,
  final: boolean,
  plaintext: Uint8Array,
  nonce: Uint8Array,
): Uint8Array<ArrayBuffer> => {
  const sealed = xchacha20poly1305(key, nonce, chunkAad(headerDigest, index, final)).encrypt(
    deflateSync(plaintext, { level: 6 }),
  )
  const frame = new Uint8Array(FRAME_HEAD_BYTES + sealed.length)
  const view = new DataView(frame.buffer)
  view.setUint32(0, sealed.length)
  view.setUint8(4, final ? 1 : 0)
  frame.set(nonce, 5)
  frame.set(sealed, FRAME_HEAD_BYTES)
  return frame
}

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))

/** The header's JSON, keys in a fixed order so the same backup always has the same bytes. */
const headerJson = (header: Omit<BackupHeader, 'formatVersion'>) =>
  JSON.stringify({
    kdf: {
      algorithm: header.kdf.algorithm,
      memoryKiB: header.kdf.memoryKiB,
      iterations: header.kdf.iterations,
      parallelism: header.kdf.parallelism,
      salt: header.kdf.salt,
    },
    keyCheck: header.keyCheck,
    createdAt: header.createdAt,
    appVersion: header.appVersion,
    schemaVersion: header.schemaVersion,
    chunkSize: header.chunkSize,
  })

/** Preamble, header and header digest; the digest goes into every chunk's associated data. */
export const encodeHeader = async (header: Omit<BackupHeader, 'formatVersion'>) => {
  const json = encoder.encode(headerJson(header))
  const bytes = new Uint8Array(PREAMBLE_BYTES + json.length + DIGEST_BYTES)
  const view = new DataView(bytes.buffer)
  bytes.set(MAGIC)
  view.setUint16(MAGIC.length, FORMAT_VERSION)
  view.setUint32(MAGIC.length + 2, json.length)
  bytes.set(json, PREAMBLE_BYTES)
  const digest = await sha256(bytes.slice(0, PREAMBLE_BYTES + json.length))
  bytes.set(digest, PREAMBLE_BYTES + json.length)
  return { bytes, digest }
}

/** The digest of `bytes` compared with the one stored after them. */
export const headerDigestMatches = async (preambleAndHeader: Uint8Array<ArrayBuffer>, stored: Uint8Array) => {
  const digest = await sha256(preambleAndHeader)
  return { digest, matches: digest.every((byte, i) => byte === stored[i]) }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const decoder = new TextDecoder('utf-8', { fatal: true })

/** `JSON.parse` of UTF-8 bytes or of text, or `undefined` when either is invalid. */
export const parseJson = (input: Uint8Array | string): unknown => {
  try {
    return JSON.parse(typeof input === 'string' ? input : decoder.decode(input))
  } catch {
    return undefined
  }
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/**
 * The header's fields, or `undefined` if its JSON is not in format 1's shape. The KDF parameters are
 * only checked for shape here: the reader judges their cost separately (`weak-kdf`).
 */
export const parseHeaderJson = (bytes: Uint8Array): Omit<BackupHeader, 'formatVersion'> | undefined => {
  const value = parseJson(bytes)
  if (!isRecord(value) || !isRecord(value.kdf)) return undefined
  const { keyCheck, createdAt, appVersion, schemaVersion, chunkSize } = value
  if (typeof keyCheck !== 'string' || !BASE64URL_PATTERN.test(keyCheck)) return undefined
  if (!isCount(createdAt) || typeof appVersion !== 'string' || !isCount(schemaVersion)) return undefined
  if (!isCount(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) return undefined
  return { kdf: value.kdf as KdfParams, keyCheck, createdAt, appVersion, schemaVersion, chunkSize }
}

export const encodeManifest = (manifest: BackupManifest) =>
  encoder.encode(
    JSON.stringify({
      counts: manifest.counts,
      rows: manifest.rows,
      chunks: manifest.chunks,
      contentBytes: manifest.contentBytes,
      digest: manifest.digest,
      createdAt: manifest.createdAt,
    }),
  )

export const parseManifest = (bytes: Uint8Array): BackupManifest | undefined => {
  const value = parseJson(bytes)
  if (!isRecord(value) || !isRecord(value.counts)) return undefined
  const { counts, rows, chunks, contentBytes, digest, createdAt } = value
  if (!Object.values(counts).every(isCount)) return undefined
  if (!isCount(rows) || !isCount(chunks) || !isCount(contentBytes) || !isCount(createdAt)) return undefined
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) return undefined
  return { counts: counts as Record<string, number>, rows, chunks, contentBytes, digest, createdAt }
}

/** One content line, without its newline: `[kind,row]`. */
export const encodeLine = (kind: string, row: unknown) => JSON.stringify([kind, row])
