import { expect, test } from '@playwright/test'
import {
  createMemory,
  createPersona,
  expectSaved,
  memoryList,
  memoryNames,
  openApp,
  personaCard,
  reloadApp,
  undoFrom,
} from './support/app.ts'

test('a persona and a memory created through the UI are shown, and are still there after a reload', async ({
  page,
}) => {
  await openApp(page)
  await createPersona(page, 'Juniper', 'Gardening companion who remembers every plant.')
  await personaCard(page, 'Juniper').getByRole('link', { name: 'Memories' }).click()
  await expect(page.getByRole('heading', { name: /Juniper’s memories/ })).toBeVisible()
  await expect(page.getByText('No memories yet')).toBeVisible()

  await createMemory(page, {
    name: 'Tomatoes need staking',
    content: 'The San Marzano tomatoes on the balcony need stakes before they reach 40 cm.',
    type: 'task',
    importance: 80,
    tags: 'garden, balcony',
  })
  const item = memoryList(page).getByRole('listitem', { name: 'Tomatoes need staking' })
  await expect(item).toContainText('San Marzano')
  await expect(item).toContainText('#garden')
  await expect(page.getByText('1 memory,')).toBeVisible()
  await expectSaved(page)

  await reloadApp(page)
  await expect(memoryList(page).getByRole('listitem', { name: 'Tomatoes need staking' })).toBeVisible({
    timeout: 30_000,
  })
  await page.getByRole('link', { name: 'Personas' }).click()
  await expect(personaCard(page, 'Juniper')).toContainText('1 memory')
})

test('editing a memory and a persona changes what is shown', async ({ page }) => {
  await openApp(page)
  await createPersona(page, 'Basil')
  await personaCard(page, 'Basil').getByRole('button', { name: 'Edit' }).click()
  const personaDialog = page.getByRole('dialog', { name: 'Edit Basil' })
  await personaDialog.getByLabel('Name').fill('Basil the Cook')
  await personaDialog.getByRole('button', { name: 'Save' }).click()
  await expect(personaCard(page, 'Basil the Cook')).toBeVisible()

  await personaCard(page, 'Basil the Cook').getByRole('link', { name: 'Memories' }).click()
  await createMemory(page, {
    name: 'Pesto recipe',
    content: 'Basil, pine nuts, parmesan, garlic, olive oil.',
  })
  await page.getByRole('button', { name: 'Edit Pesto recipe' }).click()
  const dialog = page.getByRole('dialog', { name: 'Edit memory' })
  await dialog.getByLabel('Content').fill('Basil, walnuts instead of pine nuts, pecorino, garlic, olive oil.')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(memoryList(page).getByRole('listitem', { name: 'Pesto recipe' })).toContainText('walnuts')
})

test('an invalid memory is refused with a message and nothing is saved', async ({ page }) => {
  await openApp(page)
  await createPersona(page, 'Sage')
  await personaCard(page, 'Sage').getByRole('link', { name: 'Memories' }).click()
  await page.getByRole('button', { name: 'New memory' }).click()
  const dialog = page.getByRole('dialog', { name: 'New memory' })
  await dialog.getByLabel('Type').selectOption('fact')
  await dialog.getByLabel('Name').fill('Milk')
  await dialog.getByLabel('Content').fill('Prefers oat milk.')
  // The key field is required in the form; blank it with spaces so the command's own check speaks.
  await dialog.getByLabel('Fact key').fill('   ')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'A fact needs a key' })).toBeVisible()
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText('No memories yet')).toBeVisible()
})

test('deleting a memory removes it, and Undo brings it back', async ({ page }) => {
  await openApp(page)
  await createPersona(page, 'Rowan')
  await personaCard(page, 'Rowan').getByRole('link', { name: 'Memories' }).click()
  await createMemory(page, {
    name: 'Dentist on Friday',
    content: 'Dentist appointment Friday 9:30 at Dr. Okafor.',
  })
  await createMemory(page, {
    name: 'Likes jazz',
    content: 'Rowan listens to Coltrane while working.',
    type: 'preference',
  })
  await expect.poll(() => memoryNames(page)).toHaveLength(2)

  await page.getByRole('button', { name: 'Delete Dentist on Friday' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this memory?' })
    .getByRole('button', { name: 'Delete memory' })
    .click()
  await expect.poll(() => memoryNames(page)).toEqual(['Likes jazz'])
  await expect(page.getByText('1 memory,')).toBeVisible()

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => memoryNames(page)).toHaveLength(2)

  await page.getByRole('button', { name: 'Delete Likes jazz' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this memory?' })
    .getByRole('button', { name: 'Delete memory' })
    .click()
  await expect.poll(() => memoryNames(page)).toEqual(['Dentist on Friday'])
  await expectSaved(page)
  await reloadApp(page)
  await expect.poll(() => memoryNames(page), { timeout: 30_000 }).toEqual(['Dentist on Friday'])
})

test('deactivating and deleting a persona', async ({ page }) => {
  await openApp(page)
  await createPersona(page, 'Thyme')
  await createPersona(page, 'Oregano')
  await personaCard(page, 'Thyme').getByRole('button', { name: 'Deactivate' }).click()
  await expect(personaCard(page, 'Thyme')).toBeHidden()
  await page.getByLabel('Show inactive').check()
  await expect(personaCard(page, 'Thyme')).toContainText('Inactive')
  await personaCard(page, 'Thyme').getByRole('button', { name: 'Activate' }).click()
  await page.getByLabel('Show inactive').uncheck()
  await expect(personaCard(page, 'Thyme')).toBeVisible()

  const deleteOregano = async () => {
    await personaCard(page, 'Oregano').getByRole('button', { name: 'Delete' }).click()
    await page
      .getByRole('dialog', { name: 'Delete Oregano?' })
      .getByRole('button', { name: 'Delete persona' })
      .click()
    await expect(personaCard(page, 'Oregano')).toBeHidden()
  }
  await deleteOregano()
  await undoFrom(page, 'Oregano deleted.')
  await expect(personaCard(page, 'Oregano')).toBeVisible()
  await deleteOregano()
  await expectSaved(page)
  await reloadApp(page)
  await expect(personaCard(page, 'Thyme')).toBeVisible({ timeout: 30_000 })
  await expect(personaCard(page, 'Oregano')).toBeHidden()
})
