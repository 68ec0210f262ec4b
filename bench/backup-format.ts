// Backup format at 100k memories, in Node (the format is pure: no browser needed):
//   node --expose-gc node_modules/vite-node/vite-node.mjs bench/backup-format.ts [rows]
// Production KDF (Argon2id 64 MiB / 3 passes), default 1 MiB chunks, memory-like rows of about
// 300 bytes of JSON (sample-data text). Prints time and peak memory above the baseline for each step.

import { createBackup } from '../src/backup/create-backup.ts'
import { openBackup } from '../src/backup/open-backup.ts'
import { writeMemory } from '../src/sample/memory-text.ts'
import { Random } from '../src/sample/random.ts'
import { DEFAULT_KDF, deriveKey, newKdfParams } from '../src/vault/kdf.ts'

const ROWS = Number(process.argv[2] ?? 100_000)
const PAGE = 1000
const PASSPHRASE = 'a backup passphrase for the benchmark'
const MiB = 1024 * 1024
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

const rowsOf = (count: number) => {
  const r = new Random(42, 'backup-bench')
  const used = new Set<string>()
  const types = ['fact', 'preference', 'person', 'event', 'knowledge'] as const
  return Array.from({ length: count }, (_, i) => {
    const at = Date.UTC(2025, 0, 1) + i * 60_000
    const { type, text } = writeMemory(r, types[i % types.length] ?? 'knowledge', used, at)
    return {
      id: `m-${i.toString(36).padStart(6, '0')}`,
      personaId: `p-${i % 8}`,
      type,
      ...text,
      importance: r.int(0, 100),
      createdAt: at,
      updatedAt: at,
    }
  })
}

/** Runs `step`, sampling memory every 5 ms and at each progress report; returns time and peaks. */
const measure = async <T>(name: string, step: (sample: () => void) => Promise<T>) => {
  gc()
  const base = process.memoryUsage()
  const peak = { rss: base.rss, heapUsed: base.heapUsed, arrayBuffers: base.arrayBuffers }
  const sample = () => {
    const now = process.memoryUsage()
    peak.rss = Math.max(peak.rss, now.rss)
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed)
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers)
  }
  const timer = setInterval(sample, 5)
  const started = performance.now()
  const result = await step(sample)
  const ms = performance.now() - started
  sample()
  clearInterval(timer)
  const up = (key: keyof typeof peak) => `${((peak[key] - base[key]) / MiB).toFixed(1)} MiB`
  console.info(
    `${name.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s   peak above baseline: rss ${up('rss')}, JS heap ${up('heapUsed')}, buffers ${up('arrayBuffers')}`,
  )
  return result
}

const rows = rowsOf(ROWS)
const json = rows.reduce((n, row) => n + JSON.stringify(row).length, 0)
console.info(`${ROWS} memory rows, ${(json / ROWS).toFixed(0)} bytes of JSON each on average`)

await measure('Argon2id 64 MiB / 3 passes alone', () => deriveKey(PASSPHRASE, newKdfParams(DEFAULT_KDF)))

const file = await measure('create (incl. Argon2id)', (sample) =>
  createBackup({
    passphrase: PASSPHRASE,
    meta: { appVersion: '0.1.0', schemaVersion: 1 },
    sections: (function* () {
      for (let i = 0; i < rows.length; i += PAGE) yield { kind: 'memories', rows: rows.slice(i, i + PAGE) }
    })(),
    onProgress: sample,
  }),
)
console.info(`file: ${(file.size / MiB).toFixed(2)} MiB`)

const backup = await measure('verify: openBackup (incl. Argon2id)', (sample) =>
  openBackup(file, PASSPHRASE, { onProgress: sample }),
)
console.info(
  `content: ${(backup.manifest.contentBytes / MiB).toFixed(2)} MiB in ${backup.manifest.chunks} chunks`,
)

await measure('read again: sections(), rows dropped', async (sample) => {
  let n = 0
  for await (const section of backup.sections({ onProgress: sample })) n += section.rows.length
  return n
})

// What keeping the verified rows would cost instead of reading them again.
gc()
const before = process.memoryUsage().heapUsed
const kept = await measure('sections() kept in an array', async (sample) => {
  const all: unknown[] = []
  for await (const section of backup.sections({ onProgress: sample })) all.push(...section.rows)
  return all
})
gc()
const retained = (process.memoryUsage().heapUsed - before) / MiB
console.info(`keeping ${kept.length} decoded rows retains ${retained.toFixed(1)} MiB of JS heap`)
