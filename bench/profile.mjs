// Profiles the app in every thread (page, LiveStore's leader and shared workers, search worker) and
// prints where the CPU time goes, by function; each thread's profile is written to bench/.results/
// (open it in Chromium's DevTools, Performance → Load profile). A development tool, not part of
// `npm run bench`. Build without minifying to read function names:
//
//   npx vite build --outDir dist-prof --minify false
//   node bench/profile.mjs import dist-prof [rows=10000] [batch=2500]
//   VITE_TABLE_CHANGE_PROBE=1 npx vite build --outDir dist-tc --minify false
//   node bench/profile.mjs table-change dist-prof dist-tc [rows=10000 | a sample preset, e.g. large]
//   node bench/profile.mjs cross-tab dist-prof [rows | preset=large]
//   node bench/profile.mjs unlock-to-list dist-prof [rows | preset=large]
//
// `import` times an import of sample memories; `table-change` imports, then boots the same profile
// with a build whose `memories` table has one more column (LiveStore rebuilds state from the log),
// profiled from the first instruction of every thread; `cross-tab` imports, lets search catch up,
// opens a second tab and profiles "a write seen in another tab" (ITERATIONS=20; each latency is
// printed in order, so a stall shows where it happened); `unlock-to-list` restarts the browser on
// the imported profile and profiles "unlock → first list" from every thread's first instruction.
// NO_PROFILE=1 times without the profiler.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import WebSocket from 'ws'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs'
import { startPreview } from './preview.mjs'
import * as probes from './probes.mjs'

const [scenario, dist = 'dist', ...rest] = process.argv.slice(2)
const PORT = 4185
const DEBUG_PORT = 9333
const PROFILE = process.env.NO_PROFILE === undefined

/** A raw CDP connection to the browser that attaches (flattened) to every page and worker. */
const connect = async ({ pauseNewTargets }) => {
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).json()
  const ws = new WebSocket(webSocketDebuggerUrl)
  await new Promise((resolve) => ws.once('open', resolve))
  let nextId = 1
  const pending = new Map()
  const sessions = new Map()
  const send = (method, params = {}, sessionId = undefined) =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, resolve)
      ws.send(JSON.stringify({ id, method, params, sessionId }))
    })
  const startProfiling = async (sessionId) => {
    if (!PROFILE) return
    await send('Profiler.enable', {}, sessionId)
    await send('Profiler.setSamplingInterval', { interval: 200 }, sessionId)
    await send('Profiler.start', {}, sessionId)
  }
  const autoAttach = { autoAttach: true, waitForDebuggerOnStart: pauseNewTargets, flatten: true }
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString())
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg)
      pending.delete(msg.id)
    } else if (msg.method === 'Target.attachedToTarget') {
      const { sessionId, targetInfo, waitingForDebugger } = msg.params
      if (!targetInfo.url.includes(String(PORT)) && targetInfo.type !== 'page') return
      sessions.set(sessionId, targetInfo)
      void (async () => {
        await send('Target.setAutoAttach', autoAttach, sessionId)
        if (pauseNewTargets) await startProfiling(sessionId)
        if (waitingForDebugger) await send('Runtime.runIfWaitingForDebugger', {}, sessionId)
      })()
    }
  })
  if (pauseNewTargets) await send('Target.setAutoAttach', autoAttach)
  const { result } = await send('Target.getTargets')
  for (const t of result.targetInfos) {
    if (['page', 'shared_worker', 'worker', 'service_worker'].includes(t.type)) {
      await send('Target.attachToTarget', { targetId: t.targetId, flatten: true })
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500))
  return {
    startAll: async () => {
      for (const sessionId of sessions.keys()) await startProfiling(sessionId)
    },
    stopAll: async () => {
      if (!PROFILE) return
      mkdirSync('bench/.results', { recursive: true })
      const written = new Set()
      for (const [sessionId, info] of sessions) {
        const { result: stopped } = await send('Profiler.stop', {}, sessionId)
        if (!stopped?.profile) continue
        let name = `${info.type}-${info.url.split('/').pop().split('?')[0] || 'page'}`
        // Two tabs (or two leader-worker candidates) would write the same file.
        for (let n = 2; written.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`
        written.add(name)
        writeFileSync(`bench/.results/${name}.cpuprofile`, JSON.stringify(stopped.profile))
        summarise(name, stopped.profile)
      }
    },
    close: () => ws.close(),
  }
}

function summarise(name, profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const idle = self.get('(idle) :-1') ?? 0
  console.info(
    `\n== ${name}: ${(total / 1000).toFixed(0)} ms sampled, busy ${((total - idle) / 1000).toFixed(0)} ms`,
  )
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.info(`${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`)
  }
}

const launch = (dir) =>
  chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`],
    headless: true,
    // The service worker would serve the previous build's cached files to the table-change build
    // (a person gets it through "Update now"); the bench measures the new build's boot itself.
    serviceWorkers: 'block',
  })

const openBench = async (context, { newTab = false } = {}) => {
  const page = (newTab ? undefined : context.pages()[0]) ?? (await context.newPage())
  await page.goto(`http://127.0.0.1:${PORT}/?bench#/`)
  await probes.enterVault(page, { timeout: 600_000 })
  await page.waitForFunction(() => window.__hearth !== undefined, null, { timeout: 600_000 })
  return page
}

/** Writes every thread's profile, then closes the connection and the browser. */
const finish = async (cdp, context) => {
  await cdp.stopAll()
  cdp.close()
  await context.close()
}

/** A number imports that many memories; a preset name (`large`) the sample `npm run bench` uses. */
const importSample = async (page, rows) => {
  const imported = Number.isNaN(Number(rows))
    ? await page.evaluate(probes.importPreset, { preset: rows })
    : await page.evaluate(probes.importMemories, { memories: Number(rows), batchSize: 2500 })
  console.info('import', imported)
  return imported
}

const dir = mkdtempSync(join(tmpdir(), 'hearth-prof-'))
let preview = await startPreview(dist, PORT)
try {
  if (scenario === 'import') {
    const [rows = '10000', batch = '2500'] = rest
    const context = await launch(dir)
    const page = await openBench(context)
    const cdp = await connect({ pauseNewTargets: false })
    await cdp.startAll()
    const result = await page.evaluate(probes.importMemories, {
      memories: Number(rows),
      batchSize: Number(batch),
    })
    console.info('import', result)
    await finish(cdp, context)
  } else if (scenario === 'table-change') {
    const [changedDist, rows = '10000'] = rest
    if (changedDist === undefined) throw new Error('table-change needs the changed build: see the header')
    let context = await launch(dir)
    const page = await openBench(context)
    await importSample(page, rows)
    await context.close()
    await preview.stop()
    preview = await startPreview(changedDist, PORT)
    context = await launch(dir)
    const cdp = await connect({ pauseNewTargets: true })
    const t0 = Date.now()
    const changed = await openBench(context)
    const ms = Date.now() - t0
    const { memories, megabytes } = await changed.evaluate(() => {
      const q = (query) => window.__hearth.store.query({ query, bindValues: {} })[0]
      const { n } = q('SELECT count(*) AS n FROM memories')
      const { page_count } = q('PRAGMA page_count')
      const { page_size } = q('PRAGMA page_size')
      return { memories: n, megabytes: Math.round((page_count * page_size) / 1e6) }
    })
    console.info('table-change boot', { ms, memories, stateDatabaseMB: megabytes })
    await finish(cdp, context)
  } else if (scenario === 'cross-tab') {
    // As `npm run bench` measures it: import, wait for search to catch up, open a second tab.
    const [rows = 'large'] = rest
    const context = await launch(dir)
    const a = await openBench(context)
    const imported = await importSample(a, rows)
    await a.evaluate(probes.untilSearchable, { expected: imported.memories })
    // The bench measures search for a while first: the index has been saved by the time it opens a tab.
    await a.waitForTimeout(Number(process.env.SETTLE_MS ?? 10_000))
    const b = await openBench(context, { newTab: true })
    const cdp = await connect({ pauseNewTargets: false })
    await cdp.startAll()
    const tabs = await probes.crossTab(a, b, { iterations: Number(process.env.ITERATIONS ?? 20) })
    console.info('cross-tab', { median: tabs.median, channel: tabs.baselineMedian })
    console.info(tabs.samples.map((x) => x.toFixed(0)).join(' '))
    await finish(cdp, context)
  } else if (scenario === 'unlock-to-list') {
    const [rows = 'large'] = rest
    let context = await launch(dir)
    const page = await openBench(context)
    await importSample(page, rows)
    const personaId = await page.evaluate(probes.topPersona)
    await context.close()
    context = await launch(dir)
    const cdp = await connect({ pauseNewTargets: true })
    const result = await probes.unlockToList(context, `http://127.0.0.1:${PORT}`, { personaId })
    console.info('unlock → first list', result)
    await finish(cdp, context)
  } else {
    throw new Error('usage: node bench/profile.mjs import|table-change <dist> … (see the header)')
  }
} finally {
  await preview.stop()
  rmSync(dir, { recursive: true, force: true })
}
