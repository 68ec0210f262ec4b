import { expect, type Page, test } from '@playwright/test'
import { memoryNames, openApp } from './support/app.ts'
import { expectNoHorizontalScroll, SCREENS, shootEverywhere, WIDTHS } from './support/screens.ts'

const shoot = (page: Page, name: string) =>
  page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: false })

test('sample data loads from the home page, and every screen fits desktop and phone widths in both themes', async ({
  page,
}) => {
  test.setTimeout(180_000)
  // `?bench`: the lifecycle job does not run by itself, so retention does not trim the sample's
  // backdated data while the screens are shot.
  await openApp(page, '#/', { bench: true })
  await expect(
    page.getByText('No personas yet').or(page.getByRole('heading', { name: 'Your assistant’s home' })),
  ).toBeVisible()
  await page.getByLabel('Size').selectOption('small')
  await page.getByRole('button', { name: 'Load sample data' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: /Sample data loaded: [\d,]+ records/ }),
  ).toBeVisible({
    timeout: 60_000,
  })
  await expect(page.getByRole('link', { name: '200' })).toBeVisible()

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height })
      await page.goto('/?bench#/')
      await expect(page.getByRole('heading', { name: 'Your assistant’s home' })).toBeVisible()
      await expectNoHorizontalScroll(page)
      await shoot(page, `home-${size.name}-${scheme}`)

      await page.getByRole('link', { name: 'Personas' }).click()
      await expect(page.getByRole('list', { name: 'Personas' }).getByRole('listitem')).toHaveCount(3)
      await expectNoHorizontalScroll(page)
      await shoot(page, `personas-${size.name}-${scheme}`)

      await page.getByRole('link', { name: 'Memories', exact: true }).click()
      await expect.poll(() => memoryNames(page).then((n) => n.length)).toBeGreaterThan(0)
      await expectNoHorizontalScroll(page)
      await shoot(page, `memories-${size.name}-${scheme}`)

      await page.getByRole('button', { name: 'New memory' }).click()
      await expect(page.getByRole('dialog', { name: 'New memory' })).toBeVisible()
      await expectNoHorizontalScroll(page)
      await shoot(page, `memory-dialog-${size.name}-${scheme}`)
      await page.keyboard.press('Escape')
      await expect(page.getByRole('dialog', { name: 'New memory' })).toBeHidden()
    }
  }
})

test('the vault screens fit desktop and phone widths in both themes, and work from the keyboard', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Welcome to Hearth' })).toBeVisible({ timeout: 30_000 })
  // The passphrase field has focus: a person can start typing at once.
  await page.keyboard.type('amber kettle orbit meadow')
  await expect(page.getByLabel('Choose a passphrase')).toHaveValue('amber kettle orbit meadow')
  await expect(page.getByText(/Strong|Very strong/)).toBeVisible()
  await page.keyboard.press('Tab')
  await page.keyboard.type('amber kettle orbit meadow')
  await shootEverywhere(page, 'vault-setup')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Your recovery code' })).toBeVisible({ timeout: 30_000 })
  await shootEverywhere(page, 'vault-recovery')
  await page.getByLabel('I have saved my recovery code').check()
  await page.getByRole('button', { name: 'Open Hearth' }).click()
  await page.getByRole('button', { name: 'Lock' }).click()
  await expect(page.getByRole('heading', { name: 'Hearth is locked' })).toBeVisible()
  // Focus is in the passphrase field: type, Enter, and Hearth opens.
  await page.keyboard.type('amber kettle orbit meadow')
  await shootEverywhere(page, 'vault-locked')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 })
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Change passphrase' })).toBeVisible()
  await shootEverywhere(page, 'settings')
})
