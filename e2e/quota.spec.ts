import { expect, test } from '@playwright/test'
import {
  createMemory,
  createPersona,
  expectSaved,
  memoryNames,
  openApp,
  personaCard,
  reloadApp,
} from './support/app.ts'

test('when the storage quota runs out mid-write, Hearth says so and nothing saved before is lost', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000)
  await openApp(page, '#/')
  await createPersona(page, 'Marigold Keeper')
  await personaCard(page, 'Marigold Keeper').getByRole('link', { name: 'Memories' }).click()
  await createMemory(page, { name: 'Seed order', content: 'Tomatoes, beans and two kinds of basil.' })
  await expectSaved(page)

  // Chromium's per-origin quota, lowered to a little above what is used: the next big write fails.
  const cdp = await context.newCDPSession(page)
  const origin = new URL(page.url()).origin
  const { usage } = await page.evaluate(() => navigator.storage.estimate())
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 1_000_000 })

  await page.getByRole('link', { name: 'Home' }).click()
  await page.getByLabel('Size').selectOption('medium')
  await page.getByRole('button', { name: 'Load sample data' }).click()
  const banner = page.getByRole('alert').filter({ hasText: 'Hearth cannot save right now.' })
  await expect(banner).toBeVisible({ timeout: 90_000 })
  await expect(banner).toContainText('Everything saved before is safe.')

  // The space comes back (quota reset); a fresh start has everything that was saved, intact.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin })
  await reloadApp(page)
  await page.getByRole('link', { name: 'Personas' }).click()
  await personaCard(page, 'Marigold Keeper').getByRole('link', { name: 'Memories' }).click()
  await expect.poll(() => memoryNames(page)).toContain('Seed order')
  // And it saves again.
  await createMemory(page, { name: 'Frost date', content: 'Around the tenth of May.' })
  await expectSaved(page)
})
