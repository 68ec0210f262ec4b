import { expect, test } from '@playwright/test'
import { plainMemoryRecord, plainPersonaRecord } from '../src/testing/builders.ts'
import {
  createMemory,
  createPersona,
  importThroughApp,
  memoryList,
  openApp,
  personaCard,
} from './support/app.ts'

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

test('a list updated live from another tab does not jump under the reader', async ({ context }) => {
  const writer = await context.newPage()
  const reader = await context.newPage()
  await openApp(writer, '#/', { bench: true })
  const persona = plainPersonaRecord({ id: 'p-reader', name: 'Reader' })
  await importThroughApp(writer, {
    personas: [persona],
    memories: Array.from({ length: 30 }, (_, i) =>
      plainMemoryRecord({
        personaId: persona.id,
        name: `Note ${String(i + 1).padStart(2, '0')}`,
        importance: 80 - i,
      }),
    ),
  })
  await openApp(reader, `#/memories/${persona.id}`)
  await expect(memoryList(reader).getByRole('listitem')).toHaveCount(30)

  // The reader is halfway down the list, reading "Note 15".
  const note = memoryList(reader).getByRole('listitem', { name: 'Note 15' })
  await note.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  const before = await note.evaluate((el) => el.getBoundingClientRect().top)
  await reader.evaluate(() => {
    const w = window as unknown as { shift: number }
    w.shift = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >)
        if (!entry.hadRecentInput) w.shift += entry.value
    }).observe({ type: 'layout-shift' })
  })

  // The writer adds the most important memory of all: it goes to the top of the reader's list.
  await writer.evaluate((id) => {
    window.location.hash = `#/memories/${id}`
  }, persona.id)
  await createMemory(writer, { name: 'Top priority', content: 'Above everything else.', importance: 99 })
  await expect(memoryList(reader).getByRole('listitem')).toHaveCount(31)
  await expect(memoryList(reader).getByRole('listitem').first()).toHaveAttribute('aria-label', 'Top priority')

  // What the reader was reading stays where it was: no shift anywhere on the page.
  // (Within a pixel: scroll anchoring may round to a half pixel.)
  const after = await note.evaluate((el) => el.getBoundingClientRect().top)
  expect(Math.abs(after - before)).toBeLessThanOrEqual(1)
  expect(await reader.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThan(0.01)
})
