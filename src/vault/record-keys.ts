import { ByteReader, ByteWriter } from '../search/binary.ts'
import type { DataKey } from './envelope.ts'
import { openBytes, sealBytes } from './sealed-bytes.ts'
import { VaultError } from './vault-error.ts'

/**
 * Per-record keys, for forgetting for real (crypto-shredding).
 *
 * LiveStore's event log is append-only: a deleted memory's sealed content stays in it. So each record
 * (memory, conversation, message, document with its chunks, persona, notification) is sealed with its
 * own random key, kept outside the log and wrapped by the data key. Forgetting a record destroys its
 * key: the ciphertext left in the log, in SQLite's free pages or in an old journal can never be opened
 * again, even with the passphrase.
 *
 * Keys live in *pages*: each page is one file (OPFS `record-keys/<page>.bin` in the browser), sealed
 * whole with the data key (`sealed-bytes.ts`, purpose `record-keys`). A page is written once when keys
 * are reserved (a batch: an import's 2,500 rows, or 256 spares for single edits) and rewritten without
 * a key when that key is forgotten — never appended to, so no old copy of a key survives in a file.
 *
 * This file is the pure part: page format, key making, and which keys are garbage. `record-keyring.ts`
 * keeps them in a tab and shares them between tabs.
 */

/** A record key: the id envelopes carry, 32 random bytes, and when it was made (spares expire). */
export type RecordKey = { readonly id: string; readonly bytes: Uint8Array; readonly madeAt: number }

export const RECORD_KEYS_PURPOSE = 'record-keys'
const PAGE_MAGIC = 'HEARTH-RECORD-KEYS'
const PAGE_VERSION = 1
const KEY_BYTES = 32
/** `r` and 15 base-36 characters: ~77 random bits, never the shape of a data key id (8 characters). */
const ID_LENGTH = 16
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
export const RECORD_KEY_ID = /^r[a-z0-9]{15}$/

export const isRecordKeyId = (id: string) => RECORD_KEY_ID.test(id)

const randomId = (): string => {
  let id = 'r'
  while (id.length < ID_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(ID_LENGTH))) {
      // Rejection sampling: 252 is the largest multiple of 36 below 256, so no character is favoured.
      if (byte < 252 && id.length < ID_LENGTH) id += ALPHABET[byte % 36]
    }
  }
  return id
}

export const newRecordKeys = (count: number, now: number): RecordKey[] =>
  Array.from({ length: count }, () => ({
    id: randomId(),
    bytes: crypto.getRandomValues(new Uint8Array(KEY_BYTES)),
    madeAt: now,
  }))

/** A page's file content: the keys, sealed with the data key. */
export const encodeKeyPage = (dataKey: DataKey, keys: readonly RecordKey[]): Uint8Array => {
  const w = new ByteWriter()
  w.string(PAGE_MAGIC)
  w.u32(PAGE_VERSION)
  w.strings(keys.map((k) => k.id))
  const bytes = new Uint8Array(keys.length * KEY_BYTES)
  keys.forEach((k, i) => {
    bytes.set(k.bytes, i * KEY_BYTES)
  })
  w.bytes(bytes)
  w.typed(Float64Array.from(keys, (k) => k.madeAt))
  const plain = w.finish()
  try {
    return sealBytes(dataKey, RECORD_KEYS_PURPOSE, plain)
  } finally {
    plain.fill(0)
  }
}

/** Throws a `VaultError` for a page that is not one, names another key, or was altered. */
export const decodeKeyPage = (dataKey: DataKey, sealed: Uint8Array): RecordKey[] => {
  const plain = openBytes(dataKey, RECORD_KEYS_PURPOSE, sealed)
  try {
    const r = new ByteReader(plain)
    if (r.string() !== PAGE_MAGIC) throw new RangeError('not a page of record keys')
    const version = r.u32()
    if (version !== PAGE_VERSION) throw new RangeError(`record key page format ${version} is not supported`)
    const ids = r.strings()
    const bytes = r.bytes()
    const madeAt = r.float64s()
    if (bytes.length !== ids.length * KEY_BYTES || madeAt.length !== ids.length || !r.done) {
      throw new RangeError('the page is inconsistent')
    }
    return ids.map((id, i) => {
      if (!isRecordKeyId(id)) throw new RangeError(`"${id}" is not a record key id`)
      return { id, bytes: bytes.slice(i * KEY_BYTES, (i + 1) * KEY_BYTES), madeAt: madeAt[i] as number }
    })
  } catch (error) {
    if (error instanceof VaultError) throw error
    throw new VaultError('bad-keyring', `A page of record keys is damaged: ${(error as Error).message}.`)
  } finally {
    plain.fill(0)
  }
}

/**
 * How long a reserved key no record uses yet is kept. A tab takes spares for new records from its own
 * pool only while they are younger than `SPARE_USE_MS`, so a key is always referenced by a record well
 * before garbage collection could take it.
 */
export const SPARE_TTL_MS = 30 * 60_000
export const SPARE_USE_MS = 20 * 60_000

/**
 * The keys to destroy. `live`: key ids of records that are kept (and of records deleted so recently
 * that Undo may still bring them back). `dead`: key ids of records deleted for good. A key of a dead
 * record goes at once, whatever its age; a key no record mentions at all is a spare (or belongs to a
 * record being written in another tab this instant) and goes only once past `SPARE_TTL_MS`.
 */
export const keysToDestroy = (
  keys: Iterable<RecordKey>,
  { live, dead }: { live: ReadonlySet<string>; dead: ReadonlySet<string> },
  now: number,
): string[] => {
  const out: string[] = []
  for (const key of keys) {
    if (live.has(key.id)) continue
    if (dead.has(key.id) || now - key.madeAt >= SPARE_TTL_MS) out.push(key.id)
  }
  return out
}
