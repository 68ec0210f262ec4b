import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { createPersona, openApp, personaCard, reloadApp, unlock } from './support/app.ts'
import { serveBuild } from './support/static-server.ts'

const DIST = process.env.E2E_DIST ?? 'dist'

/**
 * A second version of the built app, as a deployment would bring: a changed page, and a service
 * worker whose precache lists that page with a new revision (so the worker's bytes differ too).
 */
const buildNextVersion = async (from: string, to: string) => {
  await cp(from, to, { recursive: true })
  const html = join(to, 'index.html')
  await writeFile(
    html,
    (await readFile(html, 'utf8')).replace('<head>', '<head><meta name="hearth-build" content="next" />'),
  )
  const sw = join(to, 'sw.js')
  const worker = await readFile(sw, 'utf8')
  const next = worker.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1next-version"')
  if (next === worker) throw new Error('sw.js does not list index.html in its precache')
  await writeFile(sw, next)
}

test('a new version is announced and applied only when the person agrees; data stays', async ({ page }) => {
  test.setTimeout(120_000)
  const dir = await mkdtemp(join(tmpdir(), 'hearth-update-'))
  const next = join(dir, 'next')
  await buildNextVersion(DIST, next)
  const server = await serveBuild(DIST)
  try {
    await openApp(page, '#/', { origin: server.url })
    await createPersona(page, 'Juniper')
    await page.getByRole('link', { name: 'Storage' }).click()
    await expect(page.getByText('Works offline:')).toBeVisible({ timeout: 30_000 })
    // A returning visit: from now on the service worker serves this page (a first visit is not
    // controlled, and a new version would simply take over with no page of the old one to disturb).
    await reloadApp(page)
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
    await page.getByRole('button', { name: 'Check for updates' }).click()
    await expect(page.getByText('You have the latest version.')).toBeVisible()

    // Deploy the next version; this page learns of it when it checks (hourly, on return, or by hand).
    server.switchTo(next)
    await page.evaluate(() => {
      ;(window as { untouched?: boolean }).untouched = true
    })
    await page.getByRole('button', { name: 'Check for updates' }).click()
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of Hearth is ready.' })
    await expect(prompt).toBeVisible({ timeout: 30_000 })
    // Nothing reloaded by itself: the page (and whatever the person was typing) is the same.
    expect(await page.evaluate(() => (window as { untouched?: boolean }).untouched)).toBe(true)
    expect(await page.locator('meta[name="hearth-build"]').count()).toBe(0)

    // "Later" puts it away; the page is still the old one.
    await prompt.getByRole('button', { name: 'Later' }).click()
    await expect(prompt).toBeHidden()
    expect(await page.evaluate(() => (window as { untouched?: boolean }).untouched)).toBe(true)

    // Asked again, "Update now" reloads onto the new version; the data is all there.
    await page.getByRole('button', { name: 'Check for updates' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'A new version of Hearth is ready.' })
      .getByRole('button', { name: 'Update now' })
      .click()
    await expect(page.locator('meta[name="hearth-build"]')).toHaveAttribute('content', 'next', {
      timeout: 30_000,
    })
    await unlock(page, 'amber kettle orbit meadow')
    await page.getByRole('link', { name: 'Personas' }).click()
    await expect(personaCard(page, 'Juniper')).toBeVisible()
  } finally {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
})
