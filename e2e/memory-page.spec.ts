import { expect, test } from '@playwright/test'
import { plainMemoryRecord, plainPersonaRecord } from '../src/testing/builders.ts'
import {
  createPersona,
  expectSaved,
  importThroughApp,
  openApp,
  personaCard,
  reloadApp,
} from './support/app.ts'

test("a memory's page shows its details and origin; links are made and removed both ways, with counts", async ({
  page,
}) => {
  await openApp(page, '#/', { bench: true })
  await importThroughApp(page, {
    personas: [plainPersonaRecord({ id: 'p-links', name: 'Linker' })],
    memories: [
      plainMemoryRecord({
        id: 'm-garden',
        personaId: 'p-links',
        name: 'Garden plan',
        content: 'Beans by the fence.',
        importance: 80,
      }),
      plainMemoryRecord({
        id: 'm-seeds',
        personaId: 'p-links',
        name: 'Seed order',
        content: 'Order runner beans in March.',
        importance: 60,
      }),
      plainMemoryRecord({
        id: 'm-rain',
        personaId: 'p-links',
        name: 'Rain barrel',
        content: 'Fix the barrel tap.',
        importance: 40,
        source: 'chat',
      }),
    ],
  })
  await openApp(page, '#/memories/p-links', { bench: true })
  await page.getByRole('link', { name: 'Garden plan' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Garden plan' })).toBeVisible()
  await expect(page.getByText('Beans by the fence.')).toBeVisible()
  await expect(page.getByText('written by hand')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Linked memories (0)' })).toBeVisible()

  await page.getByRole('button', { name: 'Link to another memory' }).click()
  const picker = page.getByRole('dialog', { name: 'Link “Garden plan” to…' })
  await picker.getByLabel('Filter this page').fill('seed')
  await expect(picker.getByRole('button', { name: /Rain barrel/ })).toBeHidden()
  await picker.getByRole('button', { name: /Seed order/ }).click()
  await expect(picker).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Linked memories (1)' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/memory-page-desktop.png' })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: 'test-results/screens/memory-page-phone.png', fullPage: true })
  await page.setViewportSize({ width: 1280, height: 720 })

  // The link shows on the other memory too, and the list counts it on both.
  await page.getByRole('list', { name: 'Linked memories' }).getByRole('link', { name: 'Seed order' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Seed order' })).toBeVisible()
  await expect(
    page.getByRole('list', { name: 'Linked memories' }).getByRole('link', { name: 'Garden plan' }),
  ).toBeVisible()
  await page.getByRole('link', { name: /Linker’s memories/ }).click()
  await expect(page.getByRole('listitem', { name: 'Garden plan' })).toContainText('1 link')
  await expect(page.getByRole('listitem', { name: 'Seed order' })).toContainText('1 link')

  // Linking the same pair again is refused with a message.
  await page.getByRole('link', { name: 'Seed order' }).click()
  await page.getByRole('button', { name: 'Link to another memory' }).click()
  await expect(
    page.getByRole('dialog', { name: 'Link “Seed order” to…' }).getByRole('button', { name: /Garden plan/ }),
  ).toBeHidden()
  await page
    .getByRole('dialog', { name: 'Link “Seed order” to…' })
    .getByRole('button', { name: 'Cancel' })
    .click()

  await expectSaved(page)
  await reloadApp(page)
  await page.getByRole('button', { name: 'Unlink Garden plan' }).click()
  await expect(page.getByRole('heading', { name: 'Linked memories (0)' })).toBeVisible()
  await page.getByRole('link', { name: /Linker’s memories/ }).click()
  await expect(page.getByRole('listitem', { name: 'Garden plan' })).not.toContainText('1 link')
})

test('a persona can be duplicated with its profile', async ({ page }) => {
  await openApp(page, '#/personas')
  await createPersona(page, 'Quill', 'Drafts letters in a warm voice.')
  await page.getByRole('button', { name: 'Duplicate Quill' }).click()
  await expect(personaCard(page, 'Quill (copy)')).toContainText('Drafts letters in a warm voice.')
  await expect(personaCard(page, 'Quill')).toBeVisible()
})
