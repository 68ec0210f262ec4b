import { expect, test } from '@playwright/test'
import { createMemory, createPersona, memoryList, openApp, personaCard } from './support/app.ts'

test('a write in one tab appears in another tab of the same browser', async ({ context }) => {
  const first = await context.newPage()
  const second = await context.newPage()
  await openApp(first, '#/personas')
  await openApp(second, '#/personas')

  await createPersona(first, 'Hazel')
  await expect(personaCard(second, 'Hazel')).toBeVisible()

  await personaCard(first, 'Hazel').getByRole('link', { name: 'Memories' }).click()
  await personaCard(second, 'Hazel').getByRole('link', { name: 'Memories' }).click()
  await createMemory(second, {
    name: 'Allergic to cats',
    content: 'Hazel sneezes around cats; suggest dog-friendly cafés.',
  })
  await expect(memoryList(first).getByRole('listitem', { name: 'Allergic to cats' })).toBeVisible()

  await first.getByRole('button', { name: 'Delete Allergic to cats' }).click()
  await first
    .getByRole('dialog', { name: 'Delete this memory?' })
    .getByRole('button', { name: 'Delete memory' })
    .click()
  await expect(second.getByText('No memories yet')).toBeVisible()
})
