import { type Derive, deriveKey, KDF_FLOOR, type KdfCost } from '../vault/kdf.ts'
import type { BackupDeterminism } from './create-backup.ts'
import type { VerifiedBackup } from './open-backup.ts'

/**
 * Helpers for the backup tests and the fixture. Tests use the real floor cost (the reader offers no way
 * to go below it) and the real Argon2id, memoised: a bit-flip loop opens thousands of files that share
 * one salt, and should derive once.
 */
export const FLOOR_COST: KdfCost = {
  memoryKiB: KDF_FLOOR.memoryKiB,
  iterations: KDF_FLOOR.iterations,
  parallelism: 1,
}

export const cachedDerive = (): Derive & { calls: () => number } => {
  const keys = new Map<string, Uint8Array>()
  let calls = 0
  const derive: Derive = async (secret, params) => {
    calls += 1
    const id = JSON.stringify([secret, params])
    let key = keys.get(id)
    if (key === undefined) {
      key = await deriveKey(secret, params)
      keys.set(id, key)
    }
    // A copy: the reader and writer zero the key they were given when done.
    return key.slice()
  }
  return Object.assign(derive, { calls: () => calls })
}

/** Reproducible "randomness" (mulberry32) and a fixed clock: tests and fixtures only. */
export const seeded = (seed: number, now: number): BackupDeterminism => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  return {
    randomBytes: (length) => Uint8Array.from({ length }, () => next() & 255),
    now: () => now,
  }
}

/** Every row of a verified backup, flattened to `[kind, row]` in order. */
export const readAll = async (backup: VerifiedBackup) => {
  const entries: Array<[string, unknown]> = []
  for await (const { kind, rows } of backup.sections()) for (const row of rows) entries.push([kind, row])
  return entries
}

export const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer())

/**
 * The file's parts, found by reading the layout as `docs/BACKUP_FORMAT.md` states it (independently of
 * the reader): where the header ends and where each chunk starts and ends.
 */
export const layoutOf = (file: Uint8Array) => {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  const headerLength = view.getUint32(10)
  const bodyStart = 14 + headerLength + 32
  const chunks: Array<{ start: number; end: number; final: boolean }> = []
  for (let start = bodyStart; start < file.length; ) {
    const end = start + 29 + view.getUint32(start)
    chunks.push({ start, end, final: view.getUint8(start + 4) === 1 })
    start = end
  }
  return { headerLength, bodyStart, chunks }
}
