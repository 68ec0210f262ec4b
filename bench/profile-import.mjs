// Profiles a 10k-memory import in every thread (page, leader worker, shared worker) and prints where
// the CPU time goes, by function. A development tool, not part of `npm run bench`:
// `npx vite build --outDir dist-prof --minify false && node bench/profile-import.mjs dist-prof 10000 2500`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import WebSocket from 'ws'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs'
import { startPreview } from './preview.mjs'
import * as probes from './probes.mjs'

const [dist = 'dist', rows = '10000', batch = '2500'] = process.argv.slice(2)
const PORT = 4185
const DEBUG_PORT = 9333
const preview = await startPreview(dist, PORT)
const dir = mkdtempSync(join(tmpdir(), 'hearth-prof-'))
const context = await chromium.launchPersistentContext(dir, {
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`],
  headless: true,
})
const page = context.pages()[0] ?? (await context.newPage())
await page.goto(`http://127.0.0.1:${PORT}/?bench#/`)
await probes.enterVault(page)
await page.waitForFunction(() => window.__hearth !== undefined)

// A raw CDP connection to the browser, attached (flattened) to every page and worker target.
const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).json()
const ws = new WebSocket(webSocketDebuggerUrl)
await new Promise((r) => ws.once('open', r))
let nextId = 1
const pending = new Map()
const sessions = new Map()
ws.on('message', (data) => {
  const msg = JSON.parse(data.toString())
  if (msg.id && pending.has(msg.id)) {
    pending.get(msg.id)(msg)
    pending.delete(msg.id)
  } else if (msg.method === 'Target.attachedToTarget') {
    const { sessionId, targetInfo } = msg.params
    sessions.set(sessionId, targetInfo)
    void send(
      'Target.setAutoAttach',
      { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
      sessionId,
    )
  }
})
const send = (method, params = {}, sessionId) =>
  new Promise((resolve) => {
    const id = nextId++
    pending.set(id, resolve)
    ws.send(JSON.stringify({ id, method, params, sessionId }))
  })
const { result } = await send('Target.getTargets')
for (const t of result.targetInfos) {
  if (['page', 'shared_worker', 'worker'].includes(t.type) && t.url.includes(String(PORT))) {
    await send('Target.attachToTarget', { targetId: t.targetId, flatten: true })
  }
}
await new Promise((r) => setTimeout(r, 1000))
console.info([...sessions.values()].map((t) => `${t.type} ${t.url}`).join('\n'))
for (const sessionId of sessions.keys()) {
  await send('Profiler.enable', {}, sessionId)
  await send('Profiler.setSamplingInterval', { interval: 200 }, sessionId)
  await send('Profiler.start', {}, sessionId)
}
const imported = await page.evaluate(probes.importMemories, {
  memories: Number(rows),
  batchSize: Number(batch),
})
console.info('import', imported)
for (const [sessionId, info] of sessions) {
  const { result: r } = await send('Profiler.stop', {}, sessionId)
  if (!r?.profile) continue
  const name = `${info.type}-${info.url.split('/').pop().split('?')[0] || 'page'}`
  mkdirSync('bench/.results', { recursive: true })
  // Open in Chromium's DevTools (Performance → Load profile) to read the call tree.
  writeFileSync(`bench/.results/${name}.cpuprofile`, JSON.stringify(r.profile))
  summarise(name, r.profile)
}
ws.close()
await context.close()
rmSync(dir, { recursive: true, force: true })
await preview.stop()

function summarise(name, profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  const dt = profile.timeDeltas
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const idle = self.get('(idle) :-1') ?? 0
  console.info(
    `\n== ${name}: ${(total / 1000).toFixed(0)} ms sampled, busy ${((total - idle) / 1000).toFixed(0)} ms`,
  )
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.info(`${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`)
  }
}
