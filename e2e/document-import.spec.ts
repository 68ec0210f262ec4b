import { expect, type Page, test } from '@playwright/test'
import { MAX_FILE_BYTES } from '../src/documents/limits.ts'
import { plainPersonaRecord } from '../src/testing/builders.ts'
import { pdfBytes } from '../src/testing/pdf-builder.ts'
import { expectSaved, openApp, reloadApp } from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'
import { importDocuments } from './support/seed.ts'

const documentList = (page: Page) => page.getByRole('list', { name: 'Documents' })
const documentNames = (page: Page) => documentList(page).getByRole('heading', { level: 2 })
const importInput = (page: Page) => page.getByLabel('Import documents')
const fileRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Files' }).getByRole('listitem', { name, exact: true })

const GARDEN_MD = [
  '# Garden',
  '',
  'Four raised beds along the south fence.',
  '',
  '## Tomatoes',
  '',
  'Plant after the last frost, in the sunniest bed.',
  '',
  '## Beans',
  '',
  'Sow them along the fence in May.',
].join('\n')

const NOTES_TXT = 'Buy compost.\n\nFix the greenhouse door before winter.\n'

const MANUAL_PDF = Buffer.from(
  pdfBytes(
    [
      ['Greenhouse manual', '', 'Open the box and lay out the frame.'],
      ['Open the vents when it is warmer than 25 degrees.', 'Close them at night.'],
    ],
    {
      outline: [
        { title: 'Assembly', page: 1 },
        { title: 'Vents', page: 2 },
      ],
    },
  ),
)

const file = (name: string, mimeType: string, content: string | Buffer) => ({
  name,
  mimeType,
  buffer: typeof content === 'string' ? Buffer.from(content) : content,
})

test('import Markdown, text and PDF files: progress per file, chunks with headings and pages; bad files refused whole; kept after a reload', async ({
  page,
}) => {
  await openApp(page, '#/documents', { bench: true })
  await importDocuments(page, {
    personas: [plainPersonaRecord({ id: 'p-garden', name: 'Gardener', avatar: '🌱' })],
    documents: [],
  })
  await expect(page.getByRole('heading', { name: 'No documents yet' })).toBeVisible()
  await expect(importInput(page)).toHaveAttribute('accept', /\.md,\.markdown,\.txt,\.pdf/)
  await expect(importInput(page)).toHaveAccessibleDescription(/Markdown, text and PDF files up to 20 MB/)

  // The Markdown file for the Gardener; the text and the PDF for everyone.
  await page.getByLabel('For').selectOption({ label: '🌱 Gardener' })
  await importInput(page).setInputFiles([file('Garden plan.md', 'text/markdown', GARDEN_MD)])
  await expect(fileRow(page, 'Garden plan.md')).toContainText('Imported: 3 chunks')
  await page.getByLabel('For').selectOption({ label: 'All personas' })
  await importInput(page).setInputFiles([
    file('Notes.txt', 'text/plain', NOTES_TXT),
    file('Greenhouse manual.pdf', 'application/pdf', MANUAL_PDF),
  ])
  const pdfRow = fileRow(page, 'Greenhouse manual.pdf')
  await expect(pdfRow).toContainText('Imported: 2 chunks')
  const bar = pdfRow.getByRole('progressbar', { name: 'Greenhouse manual.pdf' })
  await expect(bar).toHaveJSProperty('value', 100)
  await expect(bar).toHaveAttribute('aria-valuetext', 'Imported: 2 chunks')
  await expect(fileRow(page, 'Notes.txt')).toContainText('Imported: 1 chunk')
  await expect(page.getByRole('status').filter({ hasText: '3 files imported.' })).toBeVisible()

  await expect(documentNames(page)).toHaveText(['Greenhouse manual.pdf', 'Notes.txt', 'Garden plan.md'])
  const plan = documentList(page).getByRole('listitem', { name: 'Garden plan.md' })
  await expect(plan).toContainText('Markdown')
  await expect(plan).toContainText(`${Buffer.byteLength(GARDEN_MD)} B`)
  await expect(plan).toContainText('3 chunks')
  await expect(plan).toContainText('Gardener')
  const notes = documentList(page).getByRole('listitem', { name: 'Notes.txt' })
  await expect(notes).toContainText('Plain text')
  await expect(notes).toContainText('1 chunk')
  await expect(notes).toContainText('All personas')
  const manual = documentList(page).getByRole('listitem', { name: 'Greenhouse manual.pdf' })
  await expect(manual).toContainText('PDF')
  await expect(manual).toContainText('2 chunks')
  await expect(manual).toContainText(/\d(\.\d)? KB/)
  await shootEverywhere(page, 'documents-imported', { fullPage: true })

  // The PDF's chunks: the outline's headings, the page each comes from, the text of the page.
  await manual.getByRole('button', { name: 'Greenhouse manual.pdf', exact: true }).click()
  const manualView = page.getByRole('dialog', { name: 'Greenhouse manual.pdf' })
  const manualChunks = manualView.getByRole('list', { name: 'Chunks' }).locator(':scope > li')
  await expect(manualChunks).toHaveCount(2)
  await expect(manualChunks.nth(0)).toHaveAccessibleName('Assembly')
  await expect(manualChunks.nth(0)).toContainText('Page 1')
  await expect(manualChunks.nth(0)).toContainText('Open the box and lay out the frame.')
  await expect(manualChunks.nth(1)).toHaveAccessibleName('Vents')
  await expect(manualChunks.nth(1)).toContainText('Page 2')
  await expect(manualChunks.nth(1)).toContainText(
    'Open the vents when it is warmer than 25 degrees. Close them at night.',
  )
  await page.keyboard.press('Escape')
  await expect(manualView).toBeHidden()

  // The Markdown's chunks carry their heading path.
  await plan.getByRole('button', { name: 'Garden plan.md', exact: true }).click()
  const planView = page.getByRole('dialog', { name: 'Garden plan.md' })
  await expect(planView.getByRole('list', { name: 'Chunks' }).getByRole('heading', { level: 3 })).toHaveText([
    'Garden',
    'Garden › Tomatoes',
    'Garden › Beans',
  ])
  await expect(planView.getByRole('listitem', { name: 'Garden › Tomatoes' })).toContainText(
    'Plant after the last frost, in the sunniest bed.',
  )
  await page.keyboard.press('Escape')
  await expect(planView).toBeHidden()
  await page.getByRole('button', { name: 'Clear' }).click()
  await expect(page.getByRole('list', { name: 'Files' })).toHaveCount(0)

  // Bad files each say why and store nothing; a good file in the same batch still imports.
  await importInput(page).setInputFiles([
    file('Huge.txt', 'text/plain', Buffer.alloc(MAX_FILE_BYTES + 1, 'a')),
    file('Broken.pdf', 'application/pdf', Buffer.from(`%PDF-1.4\n${'garbage '.repeat(40)}`)),
    file('Scan.pdf', 'application/pdf', Buffer.from(pdfBytes([[], []]))),
    file('Photo.pdf', 'application/pdf', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])),
    file('Later.txt', 'text/plain', 'Order seeds in January.'),
  ])
  await expect(fileRow(page, 'Later.txt')).toContainText('Imported: 1 chunk')
  await expect(fileRow(page, 'Huge.txt').getByRole('alert')).toHaveText(
    'This file is too large (20.1 MB; at most 20 MB).',
  )
  await expect(fileRow(page, 'Broken.pdf').getByRole('alert')).toHaveText(
    'This PDF is damaged or not really a PDF; it could not be read.',
  )
  await expect(fileRow(page, 'Scan.pdf').getByRole('alert')).toHaveText(
    'This PDF has no text to import (it may be scanned images).',
  )
  await expect(fileRow(page, 'Photo.pdf').getByRole('alert')).toHaveText(
    'This file is not a PDF, though its name ends in .pdf.',
  )
  await expect(
    page.getByRole('status').filter({ hasText: '1 of 5 files imported; 4 could not be imported.' }),
  ).toBeVisible()
  await expect(documentNames(page)).toHaveText([
    'Later.txt',
    'Greenhouse manual.pdf',
    'Notes.txt',
    'Garden plan.md',
  ])
  await shootEverywhere(page, 'documents-import-errors', { fullPage: true })

  await expectSaved(page)
  await reloadApp(page)
  await expect(documentNames(page)).toHaveText([
    'Later.txt',
    'Greenhouse manual.pdf',
    'Notes.txt',
    'Garden plan.md',
  ])
  await expect(documentList(page).getByRole('listitem', { name: 'Garden plan.md' })).toContainText('3 chunks')
  await expect(page.getByRole('list', { name: 'Files' })).toHaveCount(0)
})

test('the import button works from the keyboard and a drop of files imports them', async ({ page }) => {
  await openApp(page, '#/documents')
  // Tab reaches the (visually hidden) file input inside the button-like label.
  await page.getByRole('heading', { level: 1, name: 'Documents' }).click()
  await page.keyboard.press('Tab')
  await expect(importInput(page)).toBeFocused()

  // A drop: a DataTransfer with a file, as the browser makes one when files are dragged in.
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer()
    data.items.add(
      new File(['# Dropped\n\nIt arrived by drag and drop.'], 'Dropped.md', { type: 'text/markdown' }),
    )
    return data
  })
  const screen = page.locator('.documents-screen')
  await screen.dispatchEvent('dragenter', { dataTransfer: transfer })
  await expect(page.getByText('Drop files to import them')).toBeVisible()
  await screen.dispatchEvent('dragover', { dataTransfer: transfer })
  await screen.dispatchEvent('drop', { dataTransfer: transfer })
  await expect(page.getByText('Drop files to import them')).toBeHidden()
  await expect(fileRow(page, 'Dropped.md')).toContainText('Imported: 1 chunk')
  await expect(documentNames(page)).toHaveText(['Dropped.md'])
})
