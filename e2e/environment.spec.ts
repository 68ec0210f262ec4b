import { expect, test } from '@playwright/test'

test('without SharedWorker the app says so instead of failing silently', async ({ page }) => {
  await page.addInitScript(() => {
    // biome-ignore lint/suspicious/noExplicitAny: simulating a browser without the API
    delete (window as any).SharedWorker
  })
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Hearth cannot run in this browser' })).toBeVisible()
  await expect(page.getByText(/no SharedWorker support/)).toBeVisible()
})

test('without OPFS the app says so instead of failing silently', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(StorageManager.prototype, 'getDirectory', { value: undefined })
  })
  await page.goto('/')
  await expect(page.getByText(/no Origin Private File System/)).toBeVisible()
})
