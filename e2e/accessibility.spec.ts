import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { MINUTE, plainPersonaRecord } from '../src/testing/builders.ts'
import { loadSampleData, lockedHeading, openApp } from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'
import { importDocuments, postNotifications } from './support/seed.ts'

/** WCAG 2.1 A and AA: what a screen reader or keyboard user and low-vision reader rely on. */
const scan = async (page: Page, where: string) => {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  // The report names the rule and the offending elements, so a failure says what to fix.
  const report = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  )
  expect(report, `accessibility of ${where}`).toEqual([])
}

type Visit = { name: string; open: (page: Page) => Promise<void> }

/** Moves by the hash, as the app's own links do: a page load would lock the vault. */
const go = (hash: string, heading: string | RegExp) => async (page: Page) => {
  await page.evaluate((h) => {
    window.location.hash = h
  }, hash)
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

const VISITS: Visit[] = [
  { name: 'home', open: go('#/', 'Your assistant’s home') },
  {
    name: 'search',
    open: async (page) => {
      await go('#/search?q=Middlemarch', 'Search')(page)
      await expect(page.getByRole('list', { name: 'Search results' }).locator('mark').first()).toBeVisible()
    },
  },
  { name: 'personas', open: go('#/personas', 'Personas') },
  { name: 'backup', open: go('#/backup', 'Backup') },
  {
    name: 'new persona dialog',
    open: async (page) => {
      await go('#/personas', 'Personas')(page)
      await page.getByRole('button', { name: 'New persona' }).click()
      await expect(page.getByRole('dialog', { name: 'New persona' })).toBeVisible()
    },
  },
  { name: 'memories', open: go('#/memories', 'Memories') },
  {
    name: 'a memory',
    open: async (page) => {
      await go('#/memories', 'Memories')(page)
      await page.getByRole('list', { name: 'Memories' }).getByRole('link').first().click()
      await expect(page.getByRole('heading', { name: /Linked memories/ })).toBeVisible()
    },
  },
  {
    name: 'duplicates',
    open: async (page) => {
      await go('#/memories', 'Memories')(page)
      await page.getByRole('link', { name: 'Find duplicates' }).click()
      // Pairs when the sample gave this persona near-duplicates, else the empty state.
      await expect(
        page
          .getByRole('list', { name: 'Possible duplicates' })
          .getByRole('listitem')
          .first()
          .or(page.getByText('No duplicates found')),
      ).toBeVisible({ timeout: 30_000 })
    },
  },
  { name: 'conversations', open: go('#/conversations', 'Conversations') },
  {
    name: 'a conversation',
    open: async (page) => {
      await go('#/conversations', 'Conversations')(page)
      await page.getByRole('list', { name: 'Conversations' }).getByRole('link').first().click()
      await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible()
    },
  },
  { name: 'workflows', open: go('#/workflows', 'Workflows') },
  {
    name: 'a workflow',
    open: async (page) => {
      await go('#/workflows', 'Workflows')(page)
      await page.getByRole('list', { name: 'Workflows' }).getByRole('link').first().click()
      await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible()
    },
  },
  { name: 'documents', open: go('#/documents', 'Documents') },
  { name: 'notifications', open: go('#/notifications', 'Notifications') },
  { name: 'storage', open: go('#/storage', 'Storage') },
  { name: 'settings', open: go('#/settings', 'Settings') },
  {
    name: 'command palette',
    open: async (page) => {
      await page.keyboard.press('Control+k')
      await expect(page.getByRole('combobox', { name: 'Go to or do' })).toBeFocused()
    },
  },
]

test('every screen passes an accessibility scan in light and dark, filled with data, and fits both widths', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await openApp(page, '#/', { bench: true })
  await loadSampleData(page)
  const persona = plainPersonaRecord({ id: 'p-a11y', name: 'Reader', avatar: '📚' })
  await importDocuments(page, {
    personas: [persona],
    documents: [
      {
        id: 'd-a11y',
        personaId: persona.id,
        name: 'Reading list.md',
        kind: 'md',
        size: 4096,
        createdAt: Date.now() - MINUTE,
        chunks: [
          { id: 'k-a11y', documentId: 'd-a11y', ord: 0, heading: 'Novels', page: null, text: 'Middlemarch.' },
        ],
      },
    ],
  })
  await postNotifications(page, [
    {
      id: 'n-1',
      kind: 'reminder',
      priority: 'high',
      title: 'Call the plumber',
      body: 'Before noon.',
      createdAt: Date.now(),
    },
    {
      id: 'n-2',
      kind: 'system',
      priority: 'low',
      title: 'Backup reminder',
      body: '',
      createdAt: Date.now() - MINUTE,
    },
  ])

  for (const visit of VISITS) {
    await visit.open(page)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await scan(page, `${visit.name} (${scheme})`)
    }
    // And a picture of it at both widths in both themes, to look at.
    await shootEverywhere(page, `screen-${visit.name.replaceAll(' ', '-')}`)
    await page.keyboard.press('Escape')
  }

  // The lock screen too: it is the first thing a returning person sees.
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(lockedHeading(page)).toBeVisible()
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await scan(page, `lock screen (${scheme})`)
  }
  await shootEverywhere(page, 'screen-lock')
})

test('the first-run screen passes an accessibility scan', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Welcome to Hearth' })).toBeVisible({ timeout: 30_000 })
  await scan(page, 'setup')
})
