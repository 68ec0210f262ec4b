import { expect, test } from '@playwright/test'
import { createMemory, createPersona, memoryNames, openApp, personaCard, reloadApp } from './support/app.ts'
import { serveBuild } from './support/static-server.ts'

const DIST = process.env.E2E_DIST ?? 'dist'

test('after one visit Hearth opens and works with no server at all: lists, writes, search, lock and unlock', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000)
  const server = await serveBuild(DIST)
  await openApp(page, '#/', { origin: server.url })
  await createPersona(page, 'Juniper', 'Keeps the garden notes.')
  await personaCard(page, 'Juniper').getByRole('link', { name: 'Memories' }).click()
  await createMemory(page, { name: 'Seed order', content: 'Tomatoes, beans and two kinds of basil.' })

  // The storage page says when the app is stored for offline use (the service worker controls the page).
  await page.getByRole('link', { name: 'Storage' }).click()
  await expect(page.getByText('Works offline:')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('list', { name: 'Stored records' })).toContainText('1 memory')

  // No server, no network.
  await server.stop()
  await context.setOffline(true)
  await reloadApp(page)
  await page.getByRole('link', { name: 'Memories', exact: true }).click()
  await expect.poll(() => memoryNames(page)).toEqual(['Seed order'])

  // Writing works offline and is kept.
  await createMemory(page, { name: 'Frost date', content: 'Last frost around the tenth of May.' })
  await expect.poll(() => memoryNames(page).then((n) => n.sort())).toEqual(['Frost date', 'Seed order'])
  // Search works offline too, and finds what was just written (the index lives in the browser).
  await page.getByRole('link', { name: 'Search' }).click()
  await page.getByRole('searchbox', { name: 'Search for' }).fill('frost')
  await expect(
    page.getByRole('list', { name: 'Search results' }).getByRole('listitem', { name: 'Memory: Frost date' }),
  ).toBeVisible({ timeout: 15_000 })
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Hearth is locked' })).toBeVisible()
  await reloadApp(page)
  await page.getByRole('link', { name: 'Memories', exact: true }).click()
  await expect.poll(() => memoryNames(page).then((n) => n.sort())).toEqual(['Frost date', 'Seed order'])

  // Every screen still opens.
  for (const screen of ['Personas', 'Conversations', 'Documents', 'Notifications', 'Storage', 'Settings']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click()
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible()
  }
  // Checking for updates says it cannot, rather than failing silently.
  await page.getByRole('link', { name: 'Storage' }).click()
  await page.getByRole('button', { name: 'Check for updates' }).click()
  await expect(page.getByText('You are offline; Hearth checks again when you are back.')).toBeVisible()
})
