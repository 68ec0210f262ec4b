import { createSHA256 } from 'hash-wasm'
import { toBase64url } from '../vault/base64url.ts'
import {
  DEFAULT_KDF,
  type Derive,
  deriveKey,
  type KdfCost,
  type KdfParams,
  kdfParamsProblem,
} from '../vault/kdf.ts'
import { MIN_PASSPHRASE_LENGTH } from '../vault/keyring.ts'
import { BackupError, throwIfAborted } from './backup-error.ts'
import {
  type BackupSection,
  DEFAULT_CHUNK_SIZE,
  encodeHeader,
  encodeLine,
  encodeManifest,
  MAX_CHUNK_SIZE,
  MAX_LINE_BYTES,
  MAX_MANIFEST_BYTES,
  MIN_CHUNK_SIZE,
  NONCE_BYTES,
  sealChunk,
  sealKeyCheck,
} from './backup-format.ts'

/** What the app records about itself in the header, to decide how to restore (and to show). */
export type BackupMeta = { readonly appVersion: string; readonly schemaVersion: number }

/** Rows written so far and bytes of file produced so far (the total is not known ahead). */
export type BackupWriteProgress = { readonly rows: number; readonly bytes: number }

export type CreateBackupOptions = {
  /** The backup's own passphrase: it may differ from the vault's. */
  readonly passphrase: string
  /**
   * The content, in the order it should be restored. A kind may come back many times (the app
   * streams a table in pages); rows must be JSON values and come back as `JSON.parse` makes them.
   */
  readonly sections: Iterable<BackupSection> | AsyncIterable<BackupSection>
  readonly meta: BackupMeta
  /** Argon2id cost; the default is the vault's. Below the floor is refused. */
  readonly kdf?: KdfCost
  readonly chunkSize?: number
  /** The app passes its worker's derivation (`deriveInWorker`); Node and tests use `deriveKey`. */
  readonly derive?: Derive
  readonly onProgress?: (progress: BackupWriteProgress) => void
  readonly signal?: AbortSignal
}

/**
 * Tests only: fixed randomness and clock, so a fixture can be reproduced byte for byte. The app never
 * passes it; salt and nonces then come from `crypto.getRandomValues`.
 */
export type BackupDeterminism = {
  readonly randomBytes: (length: number) => Uint8Array
  readonly now: () => number
}

const SYSTEM: BackupDeterminism = {
  randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
  now: () => Date.now(),
}

const SALT_BYTES = 16
export const BACKUP_MEDIA_TYPE = 'application/octet-stream'
export const BACKUP_FILE_EXTENSION = '.hbk'

const encoder = new TextEncoder()

const checkOptions = (options: CreateBackupOptions, kdf: KdfParams, chunkSize: number) => {
  if ([...options.passphrase.normalize('NFKC').trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new BackupError(
      'weak-passphrase',
      `A backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters: the file may travel further than this device.`,
    )
  }
  const problem = kdfParamsProblem(kdf)
  if (problem !== undefined) {
    throw new BackupError('weak-kdf', `These key settings are not safe for a backup: ${problem}.`)
  }
  if (!Number.isSafeInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`chunkSize must be a whole number from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`)
  }
  const { appVersion, schemaVersion } = options.meta
  if (typeof appVersion !== 'string' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 0) {
    throw new TypeError('meta needs an appVersion string and a whole, non-negative schemaVersion')
  }
}

/**
 * The backup file, piece by piece: the header, then one sealed chunk at a time. Memory stays at one
 * chunk's plaintext and ciphertext, whatever the number of rows.
 */
async function* backupParts(
  options: CreateBackupOptions,
  { randomBytes, now }: BackupDeterminism,
): AsyncGenerator<Uint8Array<ArrayBuffer>, void, undefined> {
  const { signal, onProgress } = options
  const what = 'Making the backup'
  throwIfAborted(signal, what)
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  const cost = options.kdf ?? DEFAULT_KDF
  const kdf: KdfParams = { algorithm: 'argon2id', ...cost, salt: toBase64url(randomBytes(SALT_BYTES)) }
  checkOptions(options, kdf, chunkSize)

  const key = await (options.derive ?? deriveKey)(options.passphrase, kdf)
  try {
    throwIfAborted(signal, what)
    const createdAt = now()
    const header = await encodeHeader({
      kdf,
      keyCheck: sealKeyCheck(key, randomBytes(NONCE_BYTES)),
      createdAt,
      appVersion: options.meta.appVersion,
      schemaVersion: options.meta.schemaVersion,
      chunkSize,
    })
    yield header.bytes

    const hasher = await createSHA256()
    const counts = new Map<string, number>()
    const pending = new Uint8Array(chunkSize)
    let filled = 0
    let index = 0
    let rows = 0
    let bytes = header.bytes.length
    let contentBytes = 0

    const seal = (plaintext: Uint8Array, final: boolean) => {
      const frame = sealChunk(key, header.digest, index, final, plaintext, randomBytes(NONCE_BYTES))
      index += 1
      bytes += frame.length
      return frame
    }
    const flush = () => {
      const plaintext = pending.subarray(0, filled)
      hasher.update(plaintext)
      contentBytes += filled
      filled = 0
      return seal(plaintext, false)
    }

    for await (const { kind, rows: sectionRows } of options.sections) {
      if (typeof kind !== 'string' || kind.length === 0) throw new TypeError('a section needs a kind')
      for (const row of sectionRows) {
        if (row === undefined) throw new TypeError(`a row of "${kind}" is undefined, which JSON cannot hold`)
        const line = encoder.encode(`${encodeLine(kind, row)}\n`)
        if (line.length > MAX_LINE_BYTES) {
          throw new RangeError(`a row of "${kind}" is larger than a backup holds (${MAX_LINE_BYTES} bytes)`)
        }
        // A line may straddle chunks: the reader joins them again.
        for (let taken = 0; taken < line.length; ) {
          const room = Math.min(chunkSize - filled, line.length - taken)
          pending.set(line.subarray(taken, taken + room), filled)
          filled += room
          taken += room
          if (filled === chunkSize) {
            yield flush()
            throwIfAborted(signal, what)
            onProgress?.({ rows, bytes })
          }
        }
        rows += 1
        counts.set(kind, (counts.get(kind) ?? 0) + 1)
      }
      throwIfAborted(signal, what)
    }
    if (filled > 0) yield flush()

    const manifest = encodeManifest({
      counts: Object.fromEntries(counts),
      rows,
      chunks: index,
      contentBytes,
      digest: hasher.digest('hex'),
      createdAt,
    })
    if (manifest.length > MAX_MANIFEST_BYTES) {
      throw new RangeError(`a backup holds at most ${MAX_MANIFEST_BYTES} bytes of manifest: too many kinds`)
    }
    yield seal(manifest, true)
    onProgress?.({ rows, bytes })
  } finally {
    key.fill(0)
  }
}

/**
 * The backup as a stream, for the File System Access API (`stream.pipeTo(await handle.createWritable())`):
 * the file goes to disk a chunk at a time and is never whole in memory. Cancelling the stream stops
 * the writer.
 */
export const createBackupStream = (
  options: CreateBackupOptions,
  determinism: BackupDeterminism = SYSTEM,
): ReadableStream<Uint8Array<ArrayBuffer>> => {
  const parts = backupParts(options, determinism)
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      const next = await parts.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel() {
      await parts.return()
    },
  })
}

/**
 * The backup as a Blob, for a normal download (`<a download>`) where the File System Access API is
 * missing. The Blob holds the compressed, encrypted file (about a third of the content's size for
 * memories); browsers may keep large Blobs on disk.
 */
export const createBackup = async (
  options: CreateBackupOptions,
  determinism: BackupDeterminism = SYSTEM,
): Promise<Blob> => {
  const parts: Uint8Array<ArrayBuffer>[] = []
  for await (const part of backupParts(options, determinism)) parts.push(part)
  return new Blob(parts, { type: BACKUP_MEDIA_TYPE })
}
