import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { inflateSync } from 'fflate'
import { createSHA256 } from 'hash-wasm'
import { type Derive, deriveKey, kdfParamsProblem } from '../vault/kdf.ts'
import { BackupError, throwIfAborted } from './backup-error.ts'
import {
  type BackupHeader,
  type BackupManifest,
  type BackupSection,
  chunkAad,
  DIGEST_BYTES,
  FORMAT_VERSION,
  FRAME_HEAD_BYTES,
  headerDigestMatches,
  keyCheckOpens,
  MAGIC,
  MAX_HEADER_BYTES,
  MAX_LINE_BYTES,
  MAX_MANIFEST_BYTES,
  maxSealedBytes,
  PREAMBLE_BYTES,
  parseHeaderJson,
  parseJson,
  parseManifest,
} from './backup-format.ts'

export type BackupReadProgress = { readonly bytes: number; readonly total: number }

export type OpenBackupOptions = {
  /** Files larger than this are refused before any work; default `DEFAULT_MAX_BACKUP_BYTES`. */
  readonly maxBytes?: number
  readonly onProgress?: (progress: BackupReadProgress) => void
  readonly signal?: AbortSignal
  /** The app passes its worker's derivation (`deriveInWorker`); Node and tests use `deriveKey`. */
  readonly derive?: Derive
}

export type ReadSectionsOptions = Pick<OpenBackupOptions, 'onProgress' | 'signal'>

/** A backup whose every byte has been checked; only now may the app apply it. */
export type VerifiedBackup = {
  readonly header: BackupHeader
  readonly manifest: BackupManifest
  /**
   * The content again, decrypted anew from the file (each chunk is authenticated again on the way):
   * one section per run of one kind within a chunk, so a restore can write one batch per section.
   */
  sections(options?: ReadSectionsOptions): AsyncIterable<BackupSection>
  /** Zeroes the backup's key; `sections()` refuses afterwards. */
  close(): void
}

export const DEFAULT_MAX_BACKUP_BYTES = 1024 * 1024 * 1024

const decoder = new TextDecoder('utf-8', { fatal: true })
const WHAT = 'Checking the backup'

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

/**
 * Reads a Blob through a window of `WINDOW_BYTES`, so a chunk's head and body (and a small file's
 * every part) come from one read. The subarrays returned share the window; callers copy what they keep.
 */
const WINDOW_BYTES = 4 * 1024 * 1024

const blobReader = (file: Blob) => {
  let windowStart = 0
  let window = new Uint8Array(0)
  return async (start: number, end: number): Promise<Uint8Array> => {
    if (start < windowStart || end > windowStart + window.length) {
      try {
        const stop = Math.min(file.size, Math.max(end, start + WINDOW_BYTES))
        window = new Uint8Array(await file.slice(start, stop).arrayBuffer())
        windowStart = start
      } catch (cause) {
        throw new BackupError(
          'unreadable',
          'The backup file could not be read: it may have been moved, deleted or changed since it was chosen. Choose it again.',
          { cause },
        )
      }
    }
    return window.subarray(start - windowStart, end - windowStart)
  }
}

type Read = ReturnType<typeof blobReader>

const notABackup = () =>
  new BackupError(
    'not-a-backup',
    'This file is not a Hearth backup. Choose a file saved by "Back up" in Hearth (its name usually ends in .hbk).',
  )

const truncated = (size: number) =>
  new BackupError(
    'truncated',
    `This backup is incomplete: the file ends at byte ${size}, before the backup does. It was probably cut short while being saved, copied or downloaded; try another copy.`,
  )

const corrupt = (detail: string) =>
  new BackupError(
    'corrupt',
    `This backup is damaged: ${detail}. A backup cannot be partly trusted, so none of it can be restored; try another copy.`,
  )

/** Everything from the start of the file to the first chunk, checked. */
type Layout = { header: BackupHeader; digest: Uint8Array; bodyStart: number }

const readLayout = async (file: Blob, read: Read): Promise<Layout> => {
  const size = file.size
  const start = await read(0, Math.min(size, PREAMBLE_BYTES))
  const magicSeen = start.subarray(0, MAGIC.length)
  if (size === 0 || !magicSeen.every((byte, i) => byte === MAGIC[i])) throw notABackup()
  if (size < PREAMBLE_BYTES) throw truncated(size)
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength)
  const version = view.getUint16(MAGIC.length)
  const headerLength = view.getUint32(MAGIC.length + 2)
  if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) {
    throw corrupt(`its header length (${headerLength} bytes) is impossible`)
  }
  const bodyStart = PREAMBLE_BYTES + headerLength + DIGEST_BYTES
  if (size < bodyStart) throw truncated(size)
  const headerBytes = await read(0, bodyStart)
  const { digest, matches } = await headerDigestMatches(
    headerBytes.slice(0, PREAMBLE_BYTES + headerLength),
    headerBytes.subarray(PREAMBLE_BYTES + headerLength),
  )
  if (!matches) throw corrupt(`its header (bytes 0–${bodyStart - 1}) does not match its checksum`)
  // Only now is the version trusted: a flipped bit in it reads as damage, not as "too new".
  if (version > FORMAT_VERSION) {
    throw new BackupError(
      'unsupported-version',
      `This backup was made by a newer version of Hearth (backup format ${version}; this version reads up to format ${FORMAT_VERSION}). Update Hearth, then restore it.`,
    )
  }
  if (version < 1) throw corrupt(`its format version (${version}) does not exist`)
  const fields = parseHeaderJson(headerBytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength))
  if (fields === undefined) throw corrupt('its header is not in the form Hearth writes')
  return { header: { formatVersion: version, ...fields }, digest, bodyStart }
}

type Chunk = { index: number; final: boolean; plaintext: Uint8Array }

/**
 * Every chunk in order, each authenticated and decompressed, then a check that nothing follows the
 * final one. Refuses reordering, duplication and removal (the index and final flag are in each chunk's
 * associated data), a missing end (`truncated`) and bytes after the end.
 */
async function* readChunks(
  file: Blob,
  read: Read,
  key: Uint8Array,
  { header, digest, bodyStart }: Layout,
  signal: AbortSignal | undefined,
  onProgress: ((progress: BackupReadProgress) => void) | undefined,
): AsyncGenerator<Chunk, void, undefined> {
  const size = file.size
  let offset = bodyStart
  for (let index = 0; ; index++) {
    throwIfAborted(signal, WHAT)
    const part = `part ${index + 1} (from byte ${offset})`
    if (size - offset < FRAME_HEAD_BYTES) throw truncated(size)
    const head = await read(offset, offset + FRAME_HEAD_BYTES)
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
    const length = view.getUint32(0)
    const flag = view.getUint8(4)
    const final = flag === 1
    const plaintextCap = final ? MAX_MANIFEST_BYTES : header.chunkSize
    if (flag > 1) throw corrupt(`${part} has an impossible marker`)
    if (length > maxSealedBytes(plaintextCap)) throw corrupt(`${part} claims an impossible length`)
    const end = offset + FRAME_HEAD_BYTES + length
    if (end > size) throw truncated(size)
    const sealed = await read(offset + FRAME_HEAD_BYTES, end)
    let compressed: Uint8Array
    try {
      compressed = xchacha20poly1305(key, head.subarray(5), chunkAad(digest, index, final)).decrypt(sealed)
    } catch {
      throw corrupt(`${part} failed its integrity check (it was changed, moved or copied)`)
    }
    let plaintext: Uint8Array
    try {
      plaintext = inflateSync(compressed, { out: new Uint8Array(plaintextCap + 1) })
    } catch {
      throw corrupt(`${part} does not decompress`)
    }
    if (plaintext.length > plaintextCap) throw corrupt(`${part} is larger than its format allows`)
    if (!final && plaintext.length === 0) throw corrupt(`${part} is empty`)
    if (final && end !== size) {
      throw corrupt(`${size - end} unexpected bytes follow its end (from byte ${end})`)
    }
    offset = end
    onProgress?.({ bytes: offset, total: size })
    yield { index, final, plaintext }
    if (final) return
  }
}

/** Splits the content into `[kind, row]` lines, joining lines that straddle chunks. */
const lineReader = () => {
  let carry = new Uint8Array(0)
  return {
    /** The complete lines that `plaintext` finishes, parsed. */
    push(plaintext: Uint8Array, part: number): Array<[string, unknown]> {
      const lastNewline = plaintext.lastIndexOf(10)
      const joined = new Uint8Array(carry.length + plaintext.length)
      joined.set(carry)
      joined.set(plaintext, carry.length)
      if (lastNewline < 0) {
        if (joined.length > MAX_LINE_BYTES) throw corrupt(`a record ending after part ${part} is too large`)
        carry = joined
        return []
      }
      const complete = carry.length + lastNewline
      carry = joined.slice(complete + 1)
      let lines: string[]
      try {
        lines = decoder.decode(joined.subarray(0, complete)).split('\n')
      } catch {
        throw corrupt(`the records ending in part ${part} are not valid text`)
      }
      return lines.map((line) => {
        const entry = parseJson(line)
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || entry[0] === '') {
          throw corrupt(`a record ending in part ${part} is not in the form Hearth writes`)
        }
        return entry as [string, unknown]
      })
    },
    /** True when the content ended on a line's end. */
    done: () => carry.length === 0,
  }
}

/** Groups consecutive lines of one kind. */
const runsOf = (lines: ReadonlyArray<[string, unknown]>): BackupSection[] => {
  const sections: Array<{ kind: string; rows: unknown[] }> = []
  for (const [kind, row] of lines) {
    const last = sections.at(-1)
    if (last?.kind === kind) last.rows.push(row)
    else sections.push({ kind, rows: [row] })
  }
  return sections
}

const mismatch = (detail: string) =>
  new BackupError(
    'manifest-mismatch',
    `This backup's table of contents does not match what it holds (${detail}). It was not written completely or correctly, so it cannot be restored.`,
  )

const compareManifest = (
  manifest: BackupManifest,
  seen: { counts: Map<string, number>; rows: number; chunks: number; contentBytes: number; digest: string },
  header: BackupHeader,
) => {
  for (const kind of new Set([...Object.keys(manifest.counts), ...seen.counts.keys()])) {
    const listed = Object.hasOwn(manifest.counts, kind) ? manifest.counts[kind] : 0
    const held = seen.counts.get(kind) ?? 0
    if (listed !== held) throw mismatch(`it lists ${listed} "${kind}" records and holds ${held}`)
  }
  if (manifest.rows !== seen.rows) throw mismatch(`it lists ${manifest.rows} records and holds ${seen.rows}`)
  if (manifest.chunks !== seen.chunks)
    throw mismatch(`it lists ${manifest.chunks} parts and holds ${seen.chunks}`)
  if (manifest.contentBytes !== seen.contentBytes || manifest.digest !== seen.digest) {
    throw mismatch('the checksum of its content differs')
  }
  if (manifest.createdAt !== header.createdAt) throw mismatch('its dates differ')
}

/**
 * Reads and checks the whole file: format, KDF floor, passphrase, every chunk, and the manifest
 * against what the chunks hold. Nothing is returned until all of it passed, so a caller that applies
 * only a `VerifiedBackup` never applies part of a bad file.
 */
export const openBackup = async (
  file: Blob,
  passphrase: string,
  { maxBytes = DEFAULT_MAX_BACKUP_BYTES, onProgress, signal, derive = deriveKey }: OpenBackupOptions = {},
): Promise<VerifiedBackup> => {
  throwIfAborted(signal, WHAT)
  const read = blobReader(file)
  const layout = await readLayout(file, read)
  if (file.size > maxBytes) {
    throw new BackupError(
      'too-large',
      `This backup is ${megabytes(file.size)}, more than the ${megabytes(maxBytes)} Hearth restores at once.`,
    )
  }
  const { header } = layout
  const problem = kdfParamsProblem(header.kdf)
  if (problem !== undefined) {
    throw new BackupError(
      'weak-kdf',
      `This backup's key settings are refused: ${problem}. Hearth never writes a backup like this, so the file was probably edited to make its passphrase easier to guess.`,
    )
  }
  throwIfAborted(signal, WHAT)
  const key = await derive(passphrase, header.kdf)
  let verified = false
  try {
    throwIfAborted(signal, WHAT)
    if (!keyCheckOpens(key, header.keyCheck)) {
      throw new BackupError(
        'wrong-passphrase',
        "That passphrase does not open this backup. (A backup's passphrase can differ from the vault's.)",
      )
    }
    onProgress?.({ bytes: layout.bodyStart, total: file.size })

    const hasher = await createSHA256()
    const lines = lineReader()
    const counts = new Map<string, number>()
    let rows = 0
    let contentBytes = 0
    let manifest: BackupManifest | undefined
    for await (const chunk of readChunks(file, read, key, layout, signal, onProgress)) {
      if (chunk.final) {
        if (!lines.done()) throw corrupt('its last record is cut off')
        manifest = parseManifest(chunk.plaintext)
        if (manifest === undefined) throw corrupt('its manifest is not in the form Hearth writes')
        compareManifest(
          manifest,
          { counts, rows, chunks: chunk.index, contentBytes, digest: hasher.digest('hex') },
          header,
        )
        break
      }
      hasher.update(chunk.plaintext)
      contentBytes += chunk.plaintext.length
      for (const [kind] of lines.push(chunk.plaintext, chunk.index + 1)) {
        counts.set(kind, (counts.get(kind) ?? 0) + 1)
        rows += 1
      }
    }
    if (manifest === undefined) throw truncated(file.size)
    verified = true
    return verifiedBackup(file, key, layout, manifest)
  } finally {
    if (!verified) key.fill(0)
  }
}

const verifiedBackup = (
  file: Blob,
  key: Uint8Array,
  layout: Layout,
  manifest: BackupManifest,
): VerifiedBackup => {
  let closed = false
  return {
    header: layout.header,
    manifest,
    async *sections(options = {}) {
      if (closed) throw new Error('This backup was closed; open it again to read it.')
      const lines = lineReader()
      for await (const chunk of readChunks(
        file,
        blobReader(file),
        key,
        layout,
        options.signal,
        options.onProgress,
      )) {
        if (chunk.final) return
        yield* runsOf(lines.push(chunk.plaintext, chunk.index + 1))
      }
    },
    close() {
      closed = true
      key.fill(0)
    },
  }
}
