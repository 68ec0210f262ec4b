import { expect, type Page, test } from '@playwright/test'
import {
  createMemory,
  createPersona,
  expectSaved,
  lockedHeading,
  memoryList,
  openApp,
  PASSPHRASE,
  personaCard,
  reloadApp,
  unlock,
} from './support/app.ts'

const NEW_PASSPHRASE = 'velvet lantern quarry ninety'

/** A persona with one memory, saved to disk: the data every test expects to find intact. */
const addData = async (page: Page) => {
  await createPersona(page, 'Marlowe', 'Keeps track of reading lists.')
  await personaCard(page, 'Marlowe').getByRole('link', { name: 'Memories' }).click()
  await createMemory(page, {
    name: 'Reading Middlemarch',
    content: 'Halfway through chapter 40, loves Dorothea.',
  })
  await expectSaved(page)
}

const expectDataIntact = async (page: Page) => {
  await page.getByRole('link', { name: 'Personas' }).click()
  await personaCard(page, 'Marlowe').getByRole('link', { name: 'Memories' }).click()
  await expect(memoryList(page).getByRole('listitem', { name: 'Reading Middlemarch' })).toContainText(
    'chapter 40',
  )
}

const tryPassphrase = async (page: Page, passphrase: string) => {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByRole('button', { name: 'Unlock' }).click()
}

const expectLocked = async (page: Page) => {
  await expect(lockedHeading(page)).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  // Nothing private stays on screen or in the DOM.
  expect(await page.content()).not.toContain('Marlowe')
}

test('five wrong passphrases are refused with a growing wait; the right one opens everything intact', async ({
  page,
}) => {
  await openApp(page)
  await addData(page)
  await page.getByRole('button', { name: 'Lock' }).click()
  await expectLocked(page)
  const keyring = () => page.evaluate(() => localStorage.getItem('hearth.keyring.v1'))
  const keyringBefore = await keyring()
  expect(keyringBefore).toContain('"format":"hearth-keyring"')

  for (let attempt = 1; attempt <= 5; attempt++) {
    // After the second failure the button counts down before it takes another try.
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 20_000 })
    await tryPassphrase(page, `not the passphrase ${attempt}`)
    await expect(page.getByRole('alert')).toContainText('That passphrase does not unlock this vault')
  }
  await expect(page.getByRole('button', { name: /Try again in \d+ s/ })).toBeDisabled()
  await expect(page.getByRole('alert')).toContainText('5 wrong attempts')
  // Wrong attempts write nothing: the keyring is byte for byte what it was.
  expect(await keyring()).toBe(keyringBefore)

  await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 20_000 })
  await unlock(page, PASSPHRASE)
  await expectDataIntact(page)
})

test('changing the passphrase: the old one stops working in every tab, the new one opens the same data', async ({
  context,
}) => {
  const first = await context.newPage()
  const second = await context.newPage()
  await openApp(first)
  await addData(first)
  await openApp(second, '#/personas')
  await expect(personaCard(second, 'Marlowe')).toBeVisible()

  await first.getByRole('link', { name: 'Settings' }).click()
  await first.getByLabel('Current passphrase').fill(PASSPHRASE)
  await first.getByLabel('New passphrase').fill(NEW_PASSPHRASE)
  await first.getByLabel('Type it again').fill(NEW_PASSPHRASE)
  await first.getByRole('button', { name: 'Change passphrase' }).click()
  await expect(first.getByText('Passphrase changed. The old one no longer unlocks Hearth.')).toBeVisible({
    timeout: 20_000,
  })

  // Locking in one tab locks every tab.
  await second.getByRole('button', { name: 'Lock' }).click()
  await expectLocked(second)
  await expectLocked(first)

  await tryPassphrase(second, PASSPHRASE)
  await expect(second.getByRole('alert')).toContainText('That passphrase does not unlock this vault')
  await unlock(second, NEW_PASSPHRASE)
  await expectDataIntact(second)

  await tryPassphrase(first, PASSPHRASE)
  await expect(first.getByRole('alert')).toContainText('That passphrase does not unlock this vault')
  await unlock(first, NEW_PASSPHRASE)
  await expectDataIntact(first)

  // And after a reload (a fresh read of the keyring from disk).
  await reloadApp(first, NEW_PASSPHRASE)
  await expectDataIntact(first)
})

test('auto-lock after the idle time set in Settings locks both tabs', async ({ context }) => {
  await context.clock.install()
  const first = await context.newPage()
  const second = await context.newPage()
  await openApp(first)
  await addData(first)
  await first.getByRole('link', { name: 'Settings' }).click()
  await first.getByLabel('Lock after idle (minutes, 0 = never)').fill('1')
  await first.getByRole('button', { name: 'Save', exact: true }).click()
  await openApp(second, '#/personas')
  await expect(personaCard(second, 'Marlowe')).toBeVisible()

  // Half the idle time passes: still open.
  await context.clock.fastForward('00:30')
  await expect(first.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(second.getByRole('navigation', { name: 'Main' })).toBeVisible()

  await context.clock.fastForward('00:45')
  await expectLocked(first)
  await expectLocked(second)
  await unlock(second, PASSPHRASE)
  await expectDataIntact(second)
})

/** Puts a tab behind another window or app, as far as the page can tell (headless tabs are always in front). */
const setInFront = (page: Page, inFront: boolean) =>
  page.evaluate((visible) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (visible ? 'visible' : 'hidden'),
    })
    document.dispatchEvent(new Event('visibilitychange'))
  }, inFront)

test('with "lock when no Hearth tab is in front", a hidden tab stays open while another is in front, and all lock when none is', async ({
  context,
}) => {
  const first = await context.newPage()
  const second = await context.newPage()
  await openApp(first)
  await addData(first)
  await first.getByRole('link', { name: 'Settings' }).click()
  await first.getByLabel('Lock when no Hearth tab is in front (minimised window or another app)').check()
  await openApp(second, '#/personas')
  await expect(personaCard(second, 'Marlowe')).toBeVisible()

  // The first tab goes to the back; the second is still in front and answers: nothing locks.
  await setInFront(first, false)
  await first.waitForTimeout(2_000)
  await expect(first.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(second.getByRole('navigation', { name: 'Main' })).toBeVisible()

  // Now the second goes too: no Hearth tab is in front, and both lock.
  await setInFront(second, false)
  await expectLocked(second)
  await expectLocked(first)
  await setInFront(second, true)
  await unlock(second, PASSPHRASE)
  await expectDataIntact(second)
})

test('the recovery code unlocks and sets a new passphrase; the forgotten one stops working', async ({
  page,
}) => {
  const recoveryCode = await openApp(page)
  expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/)
  await addData(page)
  await reloadApp(page)
  await page.getByRole('button', { name: 'Lock' }).click()

  await page.getByRole('button', { name: 'Forgot your passphrase? Use your recovery code' }).click()
  // Typed as a person might: lower case, without dashes.
  await page
    .getByRole('textbox', { name: 'Recovery code' })
    .fill((recoveryCode ?? '').replaceAll('-', '').toLowerCase())
  await page.getByLabel('New passphrase').fill(NEW_PASSPHRASE)
  await page.getByLabel('Type it again').fill(NEW_PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock and set passphrase' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 })
  await expectDataIntact(page)

  await page.getByRole('button', { name: 'Lock' }).click()
  await tryPassphrase(page, PASSPHRASE)
  await expect(page.getByRole('alert')).toContainText('That passphrase does not unlock this vault')
  await unlock(page, NEW_PASSPHRASE)
  await expectDataIntact(page)
})

test('a wrong recovery code is refused and changes nothing', async ({ page }) => {
  await openApp(page)
  await addData(page)
  await page.getByRole('button', { name: 'Lock' }).click()
  await page.getByRole('button', { name: 'Forgot your passphrase? Use your recovery code' }).click()
  await page.getByRole('textbox', { name: 'Recovery code' }).fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA')
  await page.getByLabel('New passphrase').fill(NEW_PASSPHRASE)
  await page.getByLabel('Type it again').fill(NEW_PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock and set passphrase' }).click()
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Back' }).click()
  await unlock(page, PASSPHRASE)
  await expectDataIntact(page)
})
