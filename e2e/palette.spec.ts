import { expect, type Page, test } from '@playwright/test'
import { createPersona, openApp } from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' })
const field = (page: Page) => palette(page).getByRole('combobox', { name: 'Go to or do' })
const options = (page: Page) => palette(page).getByRole('option')

test('the command palette jumps to screens, personas and conversations and acts, from the keyboard alone', async ({
  page,
}) => {
  await openApp(page, '#/personas')
  await createPersona(page, 'Sage', 'Calm and careful.')
  await page.getByRole('link', { name: 'Conversations' }).click()
  await page.getByRole('button', { name: 'New conversation' }).click()
  const start = page.getByRole('dialog', { name: 'New conversation' })
  await start.getByLabel('Title').fill('Planning the vegetable garden')
  await start.getByRole('button', { name: 'Start conversation' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Planning the vegetable garden' })).toBeVisible()

  // Ctrl+K opens it with the field focused; typing narrows, Enter goes.
  await page.keyboard.press('Control+k')
  await expect(field(page)).toBeFocused()
  await page.keyboard.type('sett')
  await expect(options(page).first()).toHaveText(/Settings/)
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(palette(page)).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()

  // A persona, by a word of its name: its memories.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('sage')
  // What matches, then always last: searching for what was typed.
  await expect(options(page)).toHaveText([/Sage/, /Search for “sage”/])
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/memories\/.+/)
  await expect(page.getByRole('heading', { level: 1, name: /Sage/ })).toBeVisible()

  // A conversation by words inside its title; arrows move the choice, and wrap.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('veg gar')
  await expect(options(page)).toHaveText([/Planning the vegetable garden/, /Search for “veg gar”/])
  await shootEverywhere(page, 'palette')
  await page.keyboard.press('ArrowDown')
  await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Planning the vegetable garden' })).toBeVisible()

  // Nothing matches: it says so, and Enter does nothing.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('zzqx')
  // Nothing matches: what is left is to search for it.
  await expect(options(page)).toHaveText([/Search for “zzqx”/])
  // Escape closes it and gives focus back.
  await page.keyboard.press('Escape')
  await expect(palette(page)).toBeHidden()

  // Acting: the dark theme, kept in Settings.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('dark')
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('radio', { name: /Dark/ })).toBeChecked()

  // And locking.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('lock')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Hearth is locked' })).toBeVisible()
})

test('the palette opens from its button and closes on a click outside', async ({ page }) => {
  await openApp(page, '#/')
  await page.getByRole('button', { name: /Jump to/ }).click()
  await expect(field(page)).toBeFocused()
  await expect(options(page).first()).toHaveText(/Home/)
  await page.mouse.click(5, 5)
  await expect(palette(page)).toBeHidden()
})
