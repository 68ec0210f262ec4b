import { expect, type Locator, type Page, test } from '@playwright/test'
import { openApp } from './support/app.ts'

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is not reachable. */
const tabTo = async (page: Page, target: Locator, max = 60) => {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`not reachable with Tab: ${target}`)
}

/** Through the palette: the keyboard way between screens. */
const goTo = async (page: Page, screen: string) => {
  await page.keyboard.press('Control+k')
  await page.keyboard.type(screen)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

test('a persona and a memory can be created with the keyboard alone, with focus always visible', async ({
  page,
}) => {
  await openApp(page, '#/')

  // The first Tab reaches "Skip to content"; Enter moves focus to the content.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Skip to content' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('#main')).toBeFocused()

  // A persona.
  await goTo(page, 'personas')
  await tabTo(page, page.getByRole('button', { name: 'New persona' }))
  // What has focus is visibly marked (an outline), never left to guess.
  expect(
    await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
  ).not.toBe('none')
  await page.keyboard.press('Enter')
  const personaDialog = page.getByRole('dialog', { name: 'New persona' })
  await expect(personaDialog.getByLabel('Name')).toBeFocused()
  await page.keyboard.type('Keyboard Kim')
  await page.keyboard.press('Tab')
  await page.keyboard.type('Answers without a mouse.')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Enter')
  await expect(personaDialog).toBeHidden()
  const card = page.getByRole('list', { name: 'Personas' }).getByRole('listitem', { name: 'Keyboard Kim' })
  await expect(card).toBeVisible()

  // A memory of that persona: its type by arrow keys, its importance by arrow keys on the slider.
  await goTo(page, 'keyboard kim')
  await expect(page.getByRole('heading', { level: 1, name: /Keyboard Kim/ })).toBeVisible()
  await tabTo(page, page.getByRole('button', { name: 'New memory' }))
  await page.keyboard.press('Enter')
  const memoryDialog = page.getByRole('dialog', { name: 'New memory' })
  await expect(memoryDialog.getByLabel('Name')).toBeFocused()
  await page.keyboard.type('Prefers tea')
  await page.keyboard.press('Tab')
  await page.keyboard.type('Green tea in the morning, never coffee.')
  await tabTo(page, memoryDialog.getByLabel('Type'))
  const typeBefore = await memoryDialog.getByLabel('Type').inputValue()
  await page.keyboard.press('ArrowDown')
  await expect(memoryDialog.getByLabel('Type')).toHaveValue('fact')
  expect(typeBefore).not.toBe('fact')
  // A fact asks for its key (what it is about), so the assistant can update it later.
  await tabTo(page, memoryDialog.getByLabel('Fact key'))
  await page.keyboard.type('drink.morning')
  const importance = memoryDialog.getByRole('slider', { name: 'Importance' })
  await tabTo(page, importance)
  const before = Number(await importance.inputValue())
  await page.keyboard.press('ArrowRight')
  await expect(importance).not.toHaveValue(String(before))
  await tabTo(page, memoryDialog.getByRole('button', { name: 'Create' }))
  await page.keyboard.press('Enter')
  await expect(memoryDialog).toBeHidden()

  // Into the new memory's page from the list, by keyboard.
  const link = page.getByRole('list', { name: 'Memories' }).getByRole('link', { name: 'Prefers tea' })
  await tabTo(page, link)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Prefers tea' })).toBeVisible()
  await expect(page.getByText('Green tea in the morning, never coffee.')).toBeVisible()
})
