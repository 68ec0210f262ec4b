// Renders the app icons (PNG, as install prompts and home screens need) from public/favicon.svg with
// Debian's Chromium, so the icons never drift from the logo. Run after changing the logo:
//   node scripts/make-icons.mjs
import { readFile } from 'node:fs/promises'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs'

const svg = await readFile(new URL('../public/favicon.svg', import.meta.url), 'utf8')
const flame = svg.match(/<path[^>]*\/>/)?.[0]
if (flame === undefined) throw new Error('favicon.svg has no flame path')

/** `any`: the rounded tile as is. `maskable`: full-bleed background, the flame inside the 80 % safe zone. */
const html = (size, purpose) => {
  const art =
    purpose === 'maskable'
      ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}"><rect width="64" height="64" fill="#c2410c"/><g transform="translate(8 8) scale(0.75)">${flame}</g></svg>`
      : svg.replace('<svg ', `<svg width="${size}" height="${size}" `)
  return `<html><body style="margin:0;background:transparent">${art}</body></html>`
}

const ICONS = [
  { file: 'icon-192.png', size: 192, purpose: 'any' },
  { file: 'icon-512.png', size: 512, purpose: 'any' },
  { file: 'maskable-512.png', size: 512, purpose: 'maskable' },
  { file: 'apple-touch-icon-180.png', size: 180, purpose: 'maskable' },
]

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
const page = await browser.newPage()
for (const icon of ICONS) {
  await page.setViewportSize({ width: icon.size, height: icon.size })
  await page.setContent(html(icon.size, icon.purpose))
  await page.screenshot({ path: `public/icons/${icon.file}`, omitBackground: true })
  console.info(`public/icons/${icon.file}`)
}
await browser.close()
