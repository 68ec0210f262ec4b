// `node bench/embedders-browser/run.mjs [count]`: builds this page and its worker with Vite (the
// embedders bundled as the app will bundle them), serves the build on 127.0.0.1 and runs it in Debian's
// Chromium: USE Lite and the static embedder load from the build's own files, and the page reports speed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { build, preview } from 'vite'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs'

const HERE = fileURLToPath(new URL('.', import.meta.url))
const count = Number(process.argv[2] ?? 2000)
const outDir = mkdtempSync(join(tmpdir(), 'hearth-embedders-'))
const config = {
  root: HERE,
  configFile: false,
  publicDir: join(HERE, '../../public'),
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
}
try {
  await build(config)
  const server = await preview({ ...config, preview: { host: '127.0.0.1', port: 4191, strictPort: true } })
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  })
  try {
    const page = await browser.newPage()
    const external = []
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1:4191/')) external.push(r.url())
    })
    await page.goto(`http://127.0.0.1:4191/?count=${count}`)
    const result = await page.evaluate(() => window.embedResult)
    console.info(JSON.stringify({ ...result, requestsOutsideTheApp: external }, null, 2))
    if (!result.ok || external.length > 0) process.exitCode = 1
  } finally {
    await browser.close()
    await server.close()
  }
} finally {
  rmSync(outDir, { recursive: true, force: true })
}
