import { expect, type Page, test } from '@playwright/test'
import { MINUTE, plainPersonaRecord } from '../src/testing/builders.ts'
import { expectSaved, openApp, reloadApp, undoFrom } from './support/app.ts'
import { SCREENS, shootEverywhere } from './support/screens.ts'
import { importDocuments, postNotifications } from './support/seed.ts'

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const notificationsLink = (page: Page) => mainNav(page).getByRole('link', { name: /Notifications/ })
const notificationList = (page: Page) => page.getByRole('list', { name: 'Notifications' })
const notificationItems = (page: Page) => notificationList(page).locator(':scope > li')
const documentList = (page: Page) => page.getByRole('list', { name: 'Documents' })

const shoot = (page: Page, name: string) => shootEverywhere(page, name, { fullPage: true })

test('notifications: unread first with a badge, high priority marked, read one, read all, dismiss; kept after a reload', async ({
  page,
}) => {
  await openApp(page, '#/notifications', { bench: true })
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No notifications' })).toBeVisible()
  await shoot(page, 'notifications-empty')

  const now = Date.now()
  await postNotifications(page, [
    {
      id: 'n-digest',
      kind: 'workflow-result',
      priority: 'normal',
      title: 'Morning digest is ready',
      body: 'Three new memories about the garden.\nOne conversation was archived.',
      createdAt: now - 90 * MINUTE,
    },
    {
      id: 'n-water',
      kind: 'reminder',
      priority: 'high',
      title: 'Water the seedlings',
      body: 'The tomatoes dry out fast in this heat.',
      createdAt: now - 5 * MINUTE,
    },
    {
      id: 'n-backup',
      kind: 'system',
      priority: 'low',
      title: 'Backup reminder',
      body: '',
      createdAt: now - 3 * 24 * 60 * MINUTE,
    },
  ])

  // Newest first among the unread; the badge counts them.
  await expect(notificationItems(page)).toHaveCount(3)
  await expect(notificationList(page).getByRole('heading', { level: 2 })).toHaveText([
    'Water the seedlings',
    'Morning digest is ready',
    'Backup reminder',
  ])
  await expect(notificationsLink(page)).toContainText('3')
  await expect(page.getByText('3 unread notifications.')).toBeVisible()
  const water = notificationList(page).getByRole('listitem', { name: 'Water the seedlings' })
  await expect(water).toContainText('High priority')
  await expect(water).toContainText('Reminder')
  await expect(water).toContainText('5 minutes ago')
  await expect(water).toHaveClass(/notification-unread/)
  const digest = notificationList(page).getByRole('listitem', { name: 'Morning digest is ready' })
  await expect(digest).toContainText('Workflow result')
  expect(await digest.locator('.notification-body').evaluate((el) => el.textContent)).toBe(
    'Three new memories about the garden.\nOne conversation was archived.',
  )
  await expect(digest).not.toContainText('High priority')

  // Reading one moves it below the unread ones and the badge drops.
  await page.getByRole('button', { name: 'Mark read: “Water the seedlings”' }).click()
  await expect(notificationsLink(page)).toContainText('2')
  await expect(water).not.toHaveClass(/notification-unread/)
  await expect(water.getByRole('button', { name: /Mark read/ })).toHaveCount(0)
  await expect(notificationList(page).getByRole('heading', { level: 2 })).toHaveText([
    'Morning digest is ready',
    'Backup reminder',
    'Water the seedlings',
  ])
  await shoot(page, 'notifications')

  // Mark all as read: every one read, no badge number, the button has nothing left to do.
  await page.getByRole('button', { name: 'Mark all as read' }).click()
  await expect(page.getByText('All read.')).toBeVisible()
  await expect(notificationsLink(page)).not.toContainText(/\d/)
  await expect(page.getByRole('button', { name: 'Mark all as read' })).toBeDisabled()
  await expect(notificationList(page).locator('.notification-unread')).toHaveCount(0)

  // Dismiss takes it out of the inbox.
  await page.getByRole('button', { name: 'Dismiss “Backup reminder”' }).click()
  await expect(notificationList(page).getByRole('listitem', { name: 'Backup reminder' })).toHaveCount(0)
  await expect(notificationItems(page)).toHaveCount(2)

  await expectSaved(page)
  await reloadApp(page)
  await expect(notificationItems(page)).toHaveCount(2)
  await expect(page.getByText('All read.')).toBeVisible()
  await expect(notificationsLink(page)).not.toContainText(/\d/)

  await page.getByRole('button', { name: 'Dismiss “Water the seedlings”' }).click()
  await page.getByRole('button', { name: 'Dismiss “Morning digest is ready”' }).click()
  await expect(page.getByRole('heading', { name: 'No notifications' })).toBeVisible()
})

test('documents: listed newest first with size and chunks, open to read the chunks, rename, delete; kept after a reload', async ({
  page,
}) => {
  await openApp(page, '#/documents', { bench: true })
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No documents yet' })).toBeVisible()
  await expect(page.getByText('Import Markdown, text and PDF files')).toBeVisible()
  await expect(page.getByLabel('Import documents')).toBeEnabled()
  await shoot(page, 'documents-empty')

  const persona = plainPersonaRecord({ id: 'p-garden', name: 'Gardener', avatar: '🌱' })
  const now = Date.now()
  await importDocuments(page, {
    personas: [persona],
    documents: [
      {
        id: 'd-plan',
        personaId: persona.id,
        name: 'Garden plan.md',
        kind: 'md',
        size: 2048,
        createdAt: now - 60 * MINUTE,
        chunks: [
          { id: 'k-1', documentId: 'd-plan', ord: 0, heading: 'Beds', page: null, text: 'Four raised beds.' },
          {
            id: 'k-2',
            documentId: 'd-plan',
            ord: 1,
            heading: 'Tomatoes',
            page: null,
            text: 'Plant after the last frost,\nin the sunniest bed.',
          },
          {
            id: 'k-3',
            documentId: 'd-plan',
            ord: 2,
            heading: null,
            page: null,
            text: 'Water every morning.',
          },
        ],
      },
      {
        id: 'd-manual',
        personaId: null,
        name: 'Greenhouse manual.pdf',
        kind: 'pdf',
        size: Math.round(1.5 * 1024 * 1024),
        createdAt: now - 3 * 24 * 60 * MINUTE,
        chunks: [
          { id: 'k-4', documentId: 'd-manual', ord: 0, heading: 'Assembly', page: 1, text: 'Open the box.' },
          {
            id: 'k-5',
            documentId: 'd-manual',
            ord: 1,
            heading: 'Vents',
            page: 2,
            text: 'Open vents at 25 °C.',
          },
        ],
      },
    ],
  })

  await expect(documentList(page).getByRole('heading', { level: 2 })).toHaveText([
    'Garden plan.md',
    'Greenhouse manual.pdf',
  ])
  const plan = documentList(page).getByRole('listitem', { name: 'Garden plan.md' })
  await expect(plan).toContainText('2 KB')
  await expect(plan).toContainText('3 chunks')
  await expect(plan).toContainText('Gardener')
  await expect(plan).toContainText('Markdown')
  await expect(plan).toContainText('added')
  const manual = documentList(page).getByRole('listitem', { name: 'Greenhouse manual.pdf' })
  await expect(manual).toContainText('1.5 MB')
  await expect(manual).toContainText('2 chunks')
  await expect(manual).toContainText('All personas')
  await expect(manual).toContainText('PDF')
  await shoot(page, 'documents')

  // Opening a document shows its chunks in order, with headings and pages.
  await manual.getByRole('button', { name: 'Greenhouse manual.pdf', exact: true }).click()
  const view = page.getByRole('dialog', { name: 'Greenhouse manual.pdf' })
  await expect(view.getByRole('list', { name: 'Chunks' }).getByRole('heading', { level: 3 })).toHaveText([
    'Assembly',
    'Vents',
  ])
  await expect(view.getByRole('listitem', { name: 'Vents' })).toContainText('Page 2')
  await view.getByRole('button', { name: 'Close' }).click()
  await expect(view).toBeHidden()

  await plan.getByRole('button', { name: 'Garden plan.md', exact: true }).click()
  const planView = page.getByRole('dialog', { name: 'Garden plan.md' })
  const chunks = planView.getByRole('list', { name: 'Chunks' }).locator(':scope > li')
  await expect(chunks).toHaveCount(3)
  await expect(chunks.nth(0)).toContainText('Four raised beds.')
  expect(
    await chunks
      .nth(1)
      .locator('.chunk-text')
      .evaluate((el) => el.textContent),
  ).toBe('Plant after the last frost,\nin the sunniest bed.')
  await expect(chunks.nth(2)).toHaveAccessibleName('Chunk 3')
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: `${SCREENS}/documents-view-390.png` })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: `${SCREENS}/documents-view-1280.png` })
  await page.keyboard.press('Escape')
  await expect(planView).toBeHidden()

  // Rename: an empty name is refused by the form; a new one replaces the old everywhere.
  await page.getByRole('button', { name: 'Rename Garden plan.md' }).click()
  const rename = page.getByRole('dialog', { name: 'Rename Garden plan.md' })
  await expect(rename.getByLabel('Name')).toBeFocused()
  await rename.getByLabel('Name').fill('   ')
  await rename.getByRole('button', { name: 'Rename' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Name cannot be empty.' })).toBeVisible()
  await rename.getByLabel('Name').fill('Vegetable garden.md')
  await rename.getByRole('button', { name: 'Rename' }).click()
  await expect(rename).toBeHidden()
  await expect(documentList(page).getByRole('heading', { level: 2 })).toHaveText([
    'Vegetable garden.md',
    'Greenhouse manual.pdf',
  ])

  // Delete asks first; Cancel keeps it.
  await page.getByRole('button', { name: 'Delete Greenhouse manual.pdf' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete Greenhouse manual.pdf?' })
  await expect(confirm).toContainText('2 chunks')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(manual).toBeVisible()
  await page.getByRole('button', { name: 'Delete Greenhouse manual.pdf' }).click()
  await confirm.getByRole('button', { name: 'Delete document' }).click()
  await expect(manual).toHaveCount(0)
  await undoFrom(page, '“Greenhouse manual.pdf” deleted.')
  await expect(manual).toContainText('2 chunks')
  await page.getByRole('button', { name: 'Delete Greenhouse manual.pdf' }).click()
  await confirm.getByRole('button', { name: 'Delete document' }).click()
  await expect(manual).toHaveCount(0)

  await expectSaved(page)
  await reloadApp(page)
  await expect(documentList(page).getByRole('heading', { level: 2 })).toHaveText(['Vegetable garden.md'])
  await expect(documentList(page).getByRole('listitem', { name: 'Vegetable garden.md' })).toContainText(
    '3 chunks',
  )
})

test('settings: name, privacy with retention per kind of data (and its errors), dark theme; all kept after a reload', async ({
  page,
}) => {
  await openApp(page, '#/settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  for (const name of ['Profile', 'Privacy', 'Appearance', 'Lock', 'Change passphrase', 'Recovery code']) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible()
  }

  // Profile.
  await page.getByLabel('Your name').fill('Sam Rivers')
  await page.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your name is saved.' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Save name' })).toBeDisabled()

  // Retention: the seed's defaults show; a bad value is named, and nothing is saved until it is fixed.
  const retention = page.getByRole('form', { name: 'Keep data for' })
  const conversations = retention.getByLabel('Conversations')
  await expect(conversations).toHaveValue('90')
  await expect(retention.getByLabel('Memories')).toHaveValue('90')
  await expect(retention.getByLabel('Workflow runs')).toHaveValue('30')
  await expect(retention.getByLabel('Notifications')).toHaveValue('7')
  await expect(retention.getByLabel('Facts about you')).toHaveValue('')
  await expect(retention.getByLabel('Facts about you')).toHaveAttribute('placeholder', 'forever')
  await expect(retention.getByRole('button', { name: 'Reset to defaults' })).toBeDisabled()

  await conversations.fill('30')
  await retention.getByLabel('Workflow runs').fill('0')
  await retention.getByRole('button', { name: 'Save retention' }).click()
  await expect(retention.getByRole('alert')).toHaveText('1 field needs a fix before saving.')
  await expect(retention.getByLabel('Workflow runs')).toHaveAttribute('aria-invalid', 'true')
  await expect(retention.getByLabel('Workflow runs')).toHaveAccessibleDescription(
    /Enter whole days from 1 to 3650, or empty to keep forever\./,
  )
  await expect(retention.getByLabel('Workflow runs')).toBeFocused()
  await shoot(page, 'settings-error')

  await retention.getByLabel('Workflow runs').fill('30')
  await retention.getByRole('button', { name: 'Save retention' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Retention saved.' })).toBeVisible()
  await expect(retention.getByRole('alert')).toHaveCount(0)
  await expect(conversations).toHaveValue('30')
  await expect(retention.getByRole('button', { name: 'Reset to defaults' })).toBeEnabled()

  // Privacy switches, each explained.
  await expect(page.getByLabel('Memory', { exact: true })).toBeChecked()
  await expect(page.getByLabel('Incognito')).toHaveAccessibleDescription(/nothing new is remembered/)
  await page.getByLabel('Incognito').check()

  // Appearance: dark applies at once, to the whole page.
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked()
  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
  await shoot(page, 'settings')

  await expectSaved(page)
  await reloadApp(page)
  await expect(page.getByLabel('Your name')).toHaveValue('Sam Rivers')
  await expect(retention.getByLabel('Conversations')).toHaveValue('30')
  await expect(page.getByLabel('Incognito')).toBeChecked()
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked()
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')

  // Reset brings the seed's table back; light is chosen by keyboard.
  await retention.getByRole('button', { name: 'Reset to defaults' }).click()
  await expect(retention.getByLabel('Conversations')).toHaveValue('90')
  await expect(retention.getByRole('button', { name: 'Reset to defaults' })).toBeDisabled()
  await page.getByRole('radio', { name: 'Dark' }).focus()
  await page.keyboard.press('ArrowUp')
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked()
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
})
