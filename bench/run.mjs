// `npm run bench`: drives the production build of Hearth in Debian's Chromium with realistic sample
// data (10k and 100k memories), prints medians and writes docs/BENCHMARKS.md. Every figure stands
// beside a baseline measured in the same run, because these machines are noisy: read the ratios.
// Each profile gets a vault (passphrase `probes.PASSPHRASE`) on its first visit; every later visit,
// reload or browser restart meets the lock screen and unlocks, as a person would.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs'
import { typescriptLoader } from '../scripts/load-ts.mjs'
import { startPreview } from './preview.mjs'
import * as probes from './probes.mjs'

const PORT = 4180
const BASE = `http://127.0.0.1:${PORT}`
const QUICK = process.argv.includes('--quick')
const SIZES = QUICK ? ['medium'] : ['medium', 'large']
const results = []
const notes = []

/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}
const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`)
const record = (row) => {
  results.push(row)
  console.info(`${row.scenario.padEnd(48)} ${row.value.padStart(12)}   vs ${row.baseline} → ${row.ratio}`)
}

const launch = (userDataDir) =>
  chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    // The service worker would serve the previous build's cached files to the table-change build
    // (a person gets it through "Update now"); the bench measures the new build's boot itself.
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 800 },
  })

/** Opens the app with the bench handle: sets the vault up (new profile) or unlocks it first. */
const openBench = async (context, { hash = '#/', page } = {}) => {
  const tab = page ?? context.pages()[0] ?? (await context.newPage())
  await tab.goto(`${BASE}/?bench${hash}`)
  await probes.enterVault(tab)
  await tab.waitForFunction(() => window.__hearth !== undefined, null, { timeout: 120_000 })
  return tab
}

const buildTableChangeVariant = () => {
  console.info('building the table-change variant (memories + 1 column)…')
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-table-change', '--emptyOutDir'], {
    stdio: 'ignore',
    env: { ...process.env, VITE_TABLE_CHANGE_PROBE: '1' },
  })
}

/** Batch size sweep at 10k memories, against one event per row. */
const eventGranularity = async () => {
  const server = await startPreview('dist', PORT)
  try {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
    const context = await launch(dir)
    const page = await openBench(context)
    const single = await page.evaluate(probes.singleRowEvents, { count: QUICK ? 100 : 300 })
    await context.close()
    rmSync(dir, { recursive: true, force: true })
    const sweep = []
    for (const batchSize of QUICK ? [1000] : [250, 1000, 2500, 5000]) {
      const d = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
      const ctx = await launch(d)
      const p = await openBench(ctx)
      const r = await p.evaluate(probes.importMemories, { memories: 10_000, batchSize })
      sweep.push({ batchSize, ...r })
      await ctx.close()
      rmSync(d, { recursive: true, force: true })
    }
    const best = sweep.reduce((a, b) => (b.rowsPerSecond > a.rowsPerSecond ? b : a))
    for (const s of sweep) {
      record({
        scenario: `import 10k memories, ${s.batchSize} rows/event`,
        value: `${(s.ms / 1000).toFixed(2)} s`,
        baseline: `one row/event: ${single.rowsPerSecond.toFixed(0)} rows/s`,
        ratio: `${(s.rowsPerSecond / single.rowsPerSecond).toFixed(0)}× faster (${s.rowsPerSecond.toFixed(0)} rows/s)`,
      })
    }
    if (!QUICK) {
      // The issue's figure: 100k memories at the app's batch size, into a fresh profile.
      const d = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
      const ctx = await launch(d)
      const p = await openBench(ctx)
      const r = await p.evaluate(probes.importMemories, { memories: 100_000, batchSize: 2500 })
      const singleMinutes = r.rows / single.rowsPerSecond / 60
      record({
        scenario: 'import 100k memories, 2500 rows/event',
        value: `${(r.ms / 1000).toFixed(1)} s`,
        baseline: `one row/event: ~${singleMinutes.toFixed(0)} min`,
        ratio: `${(r.rowsPerSecond / single.rowsPerSecond).toFixed(0)}× faster (${r.rowsPerSecond.toFixed(0)} rows/s; goal < 30 s)`,
      })
      await ctx.close()
      rmSync(d, { recursive: true, force: true })
    }
    notes.push(
      `Best batch size in this run: ${best.batchSize} rows per event (${best.rowsPerSecond.toFixed(0)} rows/s); one event per row persisted ${single.rowsPerSecond.toFixed(0)} rows/s (${single.count} events).`,
    )
  } finally {
    await server.stop()
  }
}

/** Cold start of an empty store (vault set up first, then locked by each restart): the baseline for cold starts with data. */
const emptyColdStart = async () => {
  const server = await startPreview('dist', PORT)
  try {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
    const setup = await launch(dir)
    await openBench(setup)
    await setup.close()
    const starts = []
    for (let i = 0; i < 3; i++) {
      const context = await launch(dir)
      starts.push(await probes.coldStart(context, BASE, { expectPersonas: false }))
      await context.close()
    }
    rmSync(dir, { recursive: true, force: true })
    return { ms: median(starts.map((s) => s.ms)), derive: median(starts.map((s) => s.derive)) }
  } finally {
    await server.stop()
  }
}

const scenariosAt = async (preset, emptyStart) => {
  const label = preset === 'large' ? '100k' : '10k'
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
  let server = await startPreview('dist', PORT)
  try {
    let context = await launch(dir)
    const page = await openBench(context)
    const imported = await page.evaluate(probes.importPreset, { preset })
    record({
      scenario: `import sample data (${label} memories + conversations…)`,
      value: `${(imported.ms / 1000).toFixed(1)} s`,
      baseline: `${imported.rows} rows in ${imported.events} events`,
      ratio: `${(imported.rows / (imported.ms / 1000)).toFixed(0)} rows/s`,
    })

    // Search: the index catches up with the import (behind it, on purpose), then answers queries.
    const searchable = await page.evaluate(probes.untilSearchable, {
      expected: imported.memories,
    })
    record({
      scenario: `searchable after the import ends @${label}`,
      value: `${(searchable.ms / 1000).toFixed(1)} s`,
      baseline: `import ${(imported.ms / 1000).toFixed(1)} s`,
      ratio: `import → searchable ${((imported.ms + searchable.ms) / 1000).toFixed(1)} s in all; ${searchable.documents} documents, index ${(searchable.indexBytes / 1024 / 1024).toFixed(0)} MB`,
    })
    const embedding = (await page.evaluate(() => window.__hearth.search.status())).embedding
    record({
      scenario: `bulk embedding (first pass, static embedder) @${label}`,
      value: `${(embedding.documents / (embedding.ms / 1000)).toFixed(0)} docs/s`,
      baseline: 'goal 330 docs/s (100k in 5 min)',
      ratio: `${(embedding.documents / (embedding.ms / 1000) / 330).toFixed(0)}× the goal (${embedding.documents} documents in ${(embedding.ms / 1000).toFixed(1)} s of embedder time)`,
    })
    const searched = await page.evaluate(probes.searchTimings, { queries: 30, baselineRuns: 3 })
    record({
      scenario: `search, as the Search screen runs it @${label}`,
      value: ms(searched.median),
      baseline: `open and scan every memory ${ms(searched.baselineMedian)}`,
      ratio: `${(searched.baselineMedian / searched.median).toFixed(0)}× faster (p95 ${ms(searched.p95)}; ${searched.hits}/${searched.queries} queries found something)`,
    })
    record({
      scenario: `search, first answer on the Search screen (before the re-rank) @${label}`,
      value: ms(searched.firstMedian),
      baseline: `open and scan every memory ${ms(searched.baselineMedian)}`,
      ratio: `${(searched.baselineMedian / searched.firstMedian).toFixed(0)}× faster (p95 ${ms(searched.firstP95)}; the re-ranked answer replaces it at ${ms(searched.median)})`,
    })
    // The same queries, timed part by part inside the search worker (src/search/measure.ts).
    const parts = await page.evaluate(probes.searchParts, { queries: searched.queryList })
    const part = (name, timing, baseline, baselineName) =>
      record({
        scenario: `${name} @${label}`,
        value: ms(timing.median),
        baseline: `${baselineName} ${ms(baseline.median)}`,
        ratio: `${(baseline.median / timing.median).toFixed(0)}× faster (p95 ${ms(timing.p95)})`,
      })
    part('search worker: keyword (BM25)', parts.keyword, parts.textScan, 'scan of every text')
    part(
      'search worker: vector scan (int8 SIMD)',
      parts.vectorScan,
      parts.exactVectorScan,
      'exact float scan',
    )
    part(
      'search worker: by meaning (query embedded + scan)',
      parts.meaning,
      parts.exactVectorScan,
      'exact float scan',
    )
    part('search worker: hybrid (BM25 + vectors fused)', parts.hybrid, parts.textScan, 'scan of every text')
    notes.push(
      `Search parts @${label}: ${parts.documents} documents, ${parts.vectors} vectors × ${parts.dims} dims, ${parts.queries} queries (baselines: first 5); query embedding median ${ms(parts.queryEmbedding.median)}; int8 scan recall@10 against the exact float scan ${parts.recallAt10.toFixed(3)}.`,
    )

    const q = await page.evaluate(probes.queryTimings, { iterations: 30 })
    for (const row of q) {
      record({
        scenario: `${row.name} @${label}`,
        value: ms(row.median),
        baseline: `no index ${ms(row.baselineMedian)}`,
        ratio: `${(row.baselineMedian / row.median).toFixed(0)}× faster`,
      })
    }

    const personaId = await page.evaluate(probes.topPersona)
    const opening = await page.evaluate(probes.openingCost, { personaId, iterations: 30 })
    record({
      scenario: `open 50 sealed memories (one page) @${label}`,
      value: ms(opening.median),
      baseline: `the page's query ${ms(opening.baselineMedian)}`,
      ratio: `${(opening.median / opening.baselineMedian).toFixed(1)}× the query; ${((opening.median / FRAME_MS) * 100).toFixed(0)}% of a frame`,
    })

    const oneTab = await probes.searchMemory(context, page)
    // The key lives in each tab's memory: the second tab unlocks too.
    const second = await openBench(context, { page: await context.newPage() })
    const tabs = await probes.crossTab(page, second, { iterations: 20 })
    console.info(`  each, in order (ms): ${tabs.samples.map((x) => x.toFixed(0)).join(' ')}`)
    record({
      scenario: `write seen in another tab @${label}`,
      value: ms(tabs.median),
      baseline: `BroadcastChannel ${ms(tabs.baselineMedian)}`,
      ratio: `${(tabs.median / tabs.baselineMedian).toFixed(1)}× the platform floor`,
    })
    const third = await openBench(context, { page: await context.newPage() })
    const threeTabs = await probes.searchMemory(context, page)
    const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
    const sum = (xs) => xs.reduce((a, b) => a + b, 0)
    record({
      scenario: `search index memory, 3 tabs open @${label}`,
      value: `${threeTabs.workers} worker, ${mb(sum(threeTabs.workerHeaps))}`,
      baseline: `1 tab: ${oneTab.workers} worker, ${mb(sum(oneTab.workerHeaps))}`,
      ratio: `${(sum(threeTabs.workerHeaps) / sum(oneTab.workerHeaps)).toFixed(2)}× (index ${mb(threeTabs.indexBytes)}; tabs' own heaps ${threeTabs.tabHeaps.map(mb).join(' + ')})`,
    })
    await third.close()
    await second.close()

    const render = await probes.ownTabRender(page, BASE, { iterations: 15 })
    record({
      scenario: `write rendered in its own tab @${label}`,
      value: ms(render.median),
      baseline: `query update ${ms(render.baselineMedian)}`,
      ratio: `render adds ${ms(render.median - render.baselineMedian)}`,
    })
    // Backup and restore through the Backup screen; the restore goes into an empty profile.
    const backupPath = join(dir, '..', `hearth-bench-${label}.hbk`)
    const backup = await probes.backupThroughUi(page, backupPath)
    record({
      scenario: `back up everything (Backup screen) @${label}`,
      value: `${(backup.ms / 1000).toFixed(1)} s`,
      baseline: `import of the same data ${(imported.ms / 1000).toFixed(1)} s`,
      ratio: `${(backup.ms / imported.ms).toFixed(2)}× the import; file ${(backup.bytes / 1024 / 1024).toFixed(1)} MB`,
    })
    await context.close()
    const restoreDir = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
    const restoreContext = await launch(restoreDir)
    const restored = await probes.restoreThroughUi(restoreContext, BASE, backupPath)
    await restoreContext.close()
    rmSync(restoreDir, { recursive: true, force: true })
    rmSync(backupPath, { force: true })
    if (restored.memories !== backup.memories) {
      throw new Error(`restore lost data: ${restored.memories} of ${backup.memories} memories`)
    }
    record({
      scenario: `check a backup before restoring (fresh browser) @${label}`,
      value: `${(restored.verifyMs / 1000).toFixed(1)} s`,
      baseline: `making it ${(backup.ms / 1000).toFixed(1)} s`,
      ratio: `${(restored.verifyMs / backup.ms).toFixed(2)}× making it`,
    })
    record({
      scenario: `restore into a fresh browser @${label}`,
      value: `${(restored.restoreMs / 1000).toFixed(1)} s`,
      baseline: `import of the same data ${(imported.ms / 1000).toFixed(1)} s`,
      ratio: `${(restored.restoreMs / imported.ms).toFixed(2)}× the import (${restored.memories} memories back)`,
    })

    const starts = []
    for (let i = 0; i < 3; i++) {
      context = await launch(dir)
      starts.push(await probes.coldStart(context, BASE, { expectPersonas: true }))
      await context.close()
    }
    const coldStart = median(starts.map((s) => s.ms))
    record({
      scenario: `cold start to first list, incl. unlock @${label}`,
      value: ms(coldStart),
      baseline: `empty store ${ms(emptyStart.ms)}`,
      ratio: `${(coldStart / emptyStart.ms).toFixed(2)}× (unlock clicked at ${ms(median(starts.map((s) => s.unlockClick)))}, key ${ms(median(starts.map((s) => s.derive)))})`,
    })

    const unlocks = []
    for (let i = 0; i < 3; i++) {
      context = await launch(dir)
      unlocks.push(await probes.unlockToList(context, BASE, { personaId }))
      await context.close()
    }
    context = await launch(dir)
    const ready = await probes.unlockToSearchable(context, BASE)
    await context.close()
    record({
      scenario: `unlock → searchable (saved index) @${label}`,
      value: ms(ready.keyword),
      baseline: `key derivation ${ms(ready.derive)}`,
      ratio: `by meaning at ${ms(ready.meaning)}; ${ready.restored} documents restored, ${ready.embedded} embedded again`,
    })
    const unlockMs = median(unlocks.map((u) => u.ms))
    const deriveMs = median(unlocks.map((u) => u.derive))
    record({
      scenario: `unlock → first list (50 memories) @${label}`,
      value: ms(unlockMs),
      baseline: `key derivation ${ms(deriveMs)}`,
      ratio: `the list adds ${ms(median(unlocks.map((u) => u.ms - u.derive)))} after the key`,
    })
    notes.push(
      `Unlock → first list @${label}, each restart (click → list / click → key, ms): ${unlocks.map((u) => `${u.ms.toFixed(0)} / ${u.derive.toFixed(0)}`).join(', ')}; the lock screen showed ${ms(median(unlocks.map((u) => u.lockShown)))} after navigation and "Unlock" was clicked at ${ms(median(unlocks.map((u) => u.unlockClick)))}; the store was still booting when the key was ready in ${unlocks.filter((u) => u.storeStillBooting).length} of ${unlocks.length} restarts.`,
    )

    await server.stop()
    server = await startPreview('dist-table-change', PORT)
    context = await launch(dir)
    const changed = await probes.tableChangeBoot(context, BASE, { expectedMemories: imported.memories })
    await context.close()
    notes.push(
      `Table-change boot @${label}: "Unlock" clicked at ${ms(changed.unlockClick)} after navigation, key derived in ${ms(changed.derive)}; the rest is the rebuild (it starts behind the lock screen).`,
    )
    record({
      scenario: `table-change boot, incl. unlock @${label}`,
      value: ms(changed.ms),
      baseline: `cold start ${ms(coldStart)}`,
      ratio: `${(changed.ms / coldStart).toFixed(1)}× (${changed.memories} memories intact)`,
    })
    if (changed.memories !== imported.memories) throw new Error(`table change lost data: ${changed.memories}`)
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const GOALS = [
  '## Goals (issues #3, #4 and #6) and where this run stands',
  '',
  '| goal | target |',
  '|---|---|',
  '| persona list | < 5 ms |',
  '| memory query, filters, page of 50, at 100k | < 5 ms |',
  '| opening (decrypting) a page of 50 memories | within the frame budget (< 16 ms, with the query) |',
  '| write seen in another tab | < 50 ms (LiveStore floor measured earlier here: ~60 ms) |',
  '| write rendered in its own tab | < 16 ms (one frame) |',
  '| unlock → first list at 100k (issue #4) | < 1 s |',
  '| import of 100k memories | < 30 s |',
  '| table-change boot at 100k | < 10 s |',
  '| search at 100k: vector scan / hybrid (issue #6) | < 10 ms / < 20 ms |',
  '| bulk embedding (issue #6) | ≥ 330 memories/s |',
  "| compression of cold memories' content (issue #7) | > 70 % saved (seed 004's floor: 60 %) |",
  '',
  'Compare with the table above. Import and table-change boot pull against each other: see "Schema evolution" in docs/ARCHITECTURE.md. Unlocking pays for Argon2id (64 MiB, 3 passes) by design: "unlock → first list" shows how much of it is the key and how much the list.',
  '',
]

const writeReport = () => {
  const cpu = execFileSync('sh', ['-c', "nproc; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"])
    .toString()
    .trim()
  const chromiumVersion = execFileSync(CHROMIUM_PATH, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim()
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\`${QUICK ? ' --quick' : ''} on ${new Date().toISOString().slice(0, 10)}: the production build in ${chromiumVersion} (headless), ${cpu.replace('\n', ' cores,')}. Medians; each figure beside a baseline measured in the same run — read the ratio, absolute times on these machines are noisy.`,
    '',
    '| scenario | median | baseline (same run) | ratio |',
    '|---|---:|---|---|',
    ...results.map((r) => `| ${r.scenario} | ${r.value} | ${r.baseline} | ${r.ratio} |`),
    '',
    ...GOALS,
    '## Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    "- Every content field is sealed (XChaCha20-Poly1305, the vault's data key); every profile gets a vault on its first visit and unlocks it with its passphrase after each restart. Imports and single-row events include sealing every row.",
    '- Query figures run the exact SQL of the app\'s queries on the tab\'s in-memory copy of the state database, uncached (each run is a fresh statement); "no index" is the same SQL with `NOT INDEXED`. "via the app\'s query" goes through LiveStore\'s reactive query and decodes the rows (sealed fields stay sealed: opening them is the next figure).',
    '- "open 50 sealed memories": `open.memory` (what the memory list does for each row) over the 50 rows of page 1 of the persona with the most memories, median of 30; baseline: that page\'s query through the app\'s reactive query, fresh each run (median of 30). Query plus opening is what a page costs before React renders it; the frame is 16.7 ms.',
    '- "write seen in another tab": a commit in one tab until a subscribed query in a second tab of the same browser sees the row (told by its id; the send time rides in a plain column, so nothing is opened on the way); baseline: a BroadcastChannel message between the same two tabs.',
    '- "write rendered in its own tab": sealing and `store.commit` of a memory until its (opened) name is in the DOM of the memory list; baseline: until the same query\'s subscription delivers the row.',
    '- "cold start": browser restarted on the same profile; navigation until the persona list is in the DOM. It includes the lock screen and unlocking: the bench types the passphrase as soon as the lock screen shows (like a password manager) and the key derivation (Argon2id, in a worker) is on the clock; the store boots behind the lock screen meanwhile. Baseline: the same on an empty store (vault already set up).',
    '- "unlock → first list": browser restarted on the same profile, opened on the memory list of the persona with the most memories; the lock screen shows, the passphrase is typed, and the clock runs (in the page, `performance.now()`) from the click on "Unlock" until 50 memories are in the DOM. Median of 3 restarts. Baseline: key derivation alone, from the click until the app\'s Argon2id worker answers (the worker is started and warmed while the lock screen waits; an unwarmed one would add its start-up here). What comes after the key is the store (if it is still booting), the query, opening 50 rows and rendering them.',
    '- "back up everything": the Backup screen, passphrase typed, from the click on "Make a backup" until the file is downloaded (Argon2id at 64 MiB / 3 passes included; the file written as a download, as browsers without the File System Access API do). "check a backup": an empty profile, setup screen, "Restore from a backup": from the click on "Check this backup" until the preview shows (every chunk authenticated, every row decoded). "restore": from "Unlock and restore" until the app shows, every record sealed anew and committed in batch events; then every memory counted.',
    '- "searchable after the import ends": from the end of the import until the shared search worker holds every searchable row (memories, messages, chunks) with vectors; indexing follows writes once they pause (docs/ARCHITECTURE.md), so most of it comes after the import. "search": hybrid search through the search worker as the Search screen calls it (BM25 and vectors fused, the full model re-ranking the top), 30 two-word queries made of words from memories, median and p95; baseline: searching without an index when content is sealed — open every memory and look for one word (median of 3).',
    '- "first answer on the Search screen": the same 30 queries without the full-model re-rank, through the worker as the screen\'s first pass asks (the screen shows it, then the re-ranked answer replaces it).',
    '- Search parts: the 30 queries above, timed inside the search worker on the live index (`src/search/measure.ts`, no messaging): "keyword" is BM25 over the inverted index, "vector scan" the int8 SIMD scan of every vector for a query already embedded, "by meaning" embedding the query plus that scan, "hybrid" both fused (no full-model re-rank: that is the Search screen figure). Baselines on the first 5 queries: "scan of every text" splits every document into terms and compares them with the query\'s (search with no index, on plaintext the worker already holds); "exact float scan" scores every vector in float one by one. "bulk embedding": documents embedded by the static embedder during the import and the time spent inside it (first pass: words met for the first time go through the full model once). "search index memory": the DevTools protocol lists the search workers and their JS heaps with one tab, then three tabs open. "unlock → searchable": a restart, from the click on Unlock until the saved index answers keyword search, then search by meaning (the full model loaded); "embedded again" should be 0.',
    '- "compression": the content of every memory of the sample (the bench\'s own presets) compressed by `src/lifecycle/compression.ts` as the lifecycle job does when a memory goes cold, format 2 (word model + range coder, docs/LIFECYCLE.md) against format 1 (deflate with a preset dictionary) and plain deflate; share of the content\'s UTF-8 bytes saved, every memory opened again and compared.',
    '- "table-change boot": the same profile opened by a build whose `memories` table has one more column (`VITE_TABLE_CHANGE_PROBE=1`); LiveStore rebuilds state from the event log. Time from navigation until the persona list shows, including unlocking (the rebuild starts behind the lock screen), then every memory counted.',
    '',
  ]
  writeFileSync('docs/BENCHMARKS.md', lines.join('\n'))
  console.info('wrote docs/BENCHMARKS.md')
}

/**
 * Compression of cold memories' content (issue #7): every sample memory through the app's own
 * compression code (pure, so in Node), the current format against format 1 and plain deflate.
 */
const compression = async () => {
  const { load, close } = await typescriptLoader()
  try {
    const { measureCompression } = await load('/bench/compression-measure.ts')
    for (const [i, preset] of SIZES.entries()) {
      const m = measureCompression(preset)
      const label = preset === 'large' ? '100k' : '10k'
      const pct = (share) => `${(share * 100).toFixed(1)} %`
      record({
        scenario: `compression of cold memories' content @${label}`,
        value: `${pct(m.saved.format2)} saved`,
        baseline: `format 1 (deflate + dictionary) ${pct(m.saved.format1)}, plain deflate ${pct(m.saved.plainDeflate)}`,
        ratio: `${((1 - m.saved.format1) / (1 - m.saved.format2)).toFixed(1)}× smaller than format 1 (goal > 70 % saved)`,
      })
      notes.push(
        `Compression @${label}: ${m.memories} memories, content median ${m.medianBytes} bytes; format 2 compresses in ${m.micros.compress2.toFixed(0)} µs and opens in ${m.micros.open2.toFixed(0)} µs per memory (format 1: ${m.micros.compress1.toFixed(0)} / ${m.micros.open1.toFixed(0)} µs)${i === 0 ? `, its word model unpacks in ${m.unpackMs.toFixed(0)} ms the first time it is used` : ''}; a sealed envelope shrinks by ${pct(m.saved.sealedEnvelope)}.`,
      )
    }
  } finally {
    await close()
  }
}

buildTableChangeVariant()
await compression()
await eventGranularity()
const emptyStart = await emptyColdStart()
for (const preset of SIZES) await scenariosAt(preset, emptyStart)
writeReport()
