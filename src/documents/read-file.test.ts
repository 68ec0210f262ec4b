import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, test } from 'vitest'
import { pdfBytes } from '../testing/pdf-builder.ts'
import { ImportError } from './import-error.ts'
import { CHUNK_MAX_CHARS, MAX_CHUNKS, MAX_FILE_BYTES, MAX_TEXT_BYTES } from './limits.ts'
import { extractPdfText, type PdfJs } from './pdf-text.ts'
import { decodeText, detectKind, type FileLike, type ReadProgress, readDocument } from './read-file.ts'

const pdfjs = { getDocument } as unknown as PdfJs
const extractPdf = (data: Uint8Array, options: Parameters<typeof extractPdfText>[2]) =>
  extractPdfText(pdfjs, data, options)

const fileOf = (name: string, content: string | Uint8Array, size?: number): FileLike => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content
  return {
    name,
    size: size ?? bytes.length,
    arrayBuffer: async () => bytes.slice().buffer,
  }
}

const read = (file: FileLike, onProgress?: (p: ReadProgress) => void) =>
  readDocument(file, { extractPdf, ...(onProgress === undefined ? {} : { onProgress }) })

const refusal = async (file: FileLike) => {
  const error = await read(file).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportError)
  return (error as ImportError).message
}

describe('detectKind and decodeText', () => {
  test('the extension decides text kinds; %PDF- content is a PDF whatever the name', () => {
    const text = new TextEncoder().encode('hello')
    expect(detectKind('Notes.MD', text)).toBe('md')
    expect(detectKind('notes.markdown', text)).toBe('md')
    expect(detectKind('notes.txt', text)).toBe('txt')
    expect(detectKind('scan.txt', pdfBytes([['x']]))).toBe('pdf')
    expect(detectKind('report', new TextEncoder().encode('\n\n%PDF-1.7'))).toBe('pdf')
    expect(() => detectKind('fake.pdf', text)).toThrow(
      'This file is not a PDF, though its name ends in .pdf.',
    )
    expect(() => detectKind('photo.jpg', text)).toThrow(/Only Markdown \(\.md, \.markdown\), text/)
    expect(() => detectKind('.txt', text)).toThrow(ImportError)
  })

  test('UTF-8 (with or without a byte-order mark) and UTF-16 with one; binary and other encodings refused', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9]))).toBe('hé')
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]))).toBe('hé')
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9]))).toBe('hé')
    expect(() => decodeText(new Uint8Array([0x68, 0xe9, 0x74, 0xe9]))).toThrow(
      'This file is not UTF-8 text. Save it as UTF-8 and import it again.',
    )
    expect(() => decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff]))).toThrow(
      /not text \(it looks like binary data/,
    )
    expect(() => decodeText(new Uint8Array([0x61, 0x00, 0x62]))).toThrow(/binary data/)
  })
})

describe('readDocument', () => {
  test('Markdown: chunks with heading paths; text: paragraphs; both report reading', async () => {
    const steps: ReadProgress[] = []
    const md = await read(fileOf('Garden.md', '# Garden\n\nBeds.\n\n## Tomatoes\n\nSun.'), (p) =>
      steps.push(p),
    )
    expect(md).toMatchObject({ kind: 'md', size: 34 })
    expect(md.chunks.map((c) => [c.ord, c.heading, c.page, c.text])).toEqual([
      [0, 'Garden', null, 'Beds.'],
      [1, 'Garden › Tomatoes', null, 'Sun.'],
    ])
    expect(steps).toEqual([{ step: 'reading' }])
    const txt = await read(fileOf('notes.txt', 'One.\r\n\r\nTwo.'))
    expect(txt.chunks.map((c) => [c.heading, c.page, c.text])).toEqual([[null, null, 'One.\n\nTwo.']])
  })

  test('refuses an oversized file before reading it, an empty one, and one with only blank lines', async () => {
    const huge: FileLike = {
      name: 'big.txt',
      size: MAX_FILE_BYTES + 1,
      arrayBuffer: () => Promise.reject(new Error('must not be read')),
    }
    expect(await refusal(huge)).toBe('This file is too large (20.1 MB; at most 20 MB).')
    expect(await refusal({ ...huge, size: 25 * 1024 * 1024 + 300_000 })).toBe(
      'This file is too large (25.3 MB; at most 20 MB).',
    )
    expect(await refusal(fileOf('empty.md', ''))).toBe('This file is empty.')
    expect(await refusal(fileOf('blank.txt', '\n \n\t\n'))).toBe('This file has no text to import.')
  })

  test('refuses a document with more chunks or more text than one import may carry', async () => {
    const paragraphs = Array.from(
      { length: MAX_CHUNKS + 1 },
      (_, i) => `${i} ${'y'.repeat(CHUNK_MAX_CHARS - 10)}`,
    )
    expect(await refusal(fileOf('long.txt', paragraphs.join('\n\n')))).toMatch(
      /^This document is too long to import in one piece \(1,001 chunks; at most 1,000, about 150,000 words\)\. Split it/,
    )
    // Fewer chunks, but wide characters: three bytes each in UTF-8.
    const wide = Array.from({ length: 600 }, () => '€'.repeat(CHUNK_MAX_CHARS)).join('\n\n')
    expect(wide.length).toBeLessThan(MAX_TEXT_BYTES)
    expect(await refusal(fileOf('wide.txt', wide))).toMatch(
      /^This document has too much text to import in one piece \(2\.6 MB; at most 2 MB\)/,
    )
  })

  test('a PDF: text page by page, paragraphs from line gaps, progress per page, outline as headings', async () => {
    const data = pdfBytes(
      [
        ['Greenhouse manual', '', 'Open the vents at 25 C', 'and close them at night.'],
        [],
        ['Water the (young) plants', 'every morning.'],
      ],
      {
        outline: [
          { title: 'Assembly', page: 1 },
          { title: 'Care', page: 3 },
        ],
      },
    )
    const steps: ReadProgress[] = []
    const doc = await read(fileOf('manual.pdf', data), (p) => steps.push(p))
    expect(doc.kind).toBe('pdf')
    expect(doc.chunks).toEqual([
      {
        ord: 0,
        heading: 'Assembly',
        page: 1,
        text: 'Greenhouse manual\n\nOpen the vents at 25 C and close them at night.',
      },
      { ord: 1, heading: 'Care', page: 3, text: 'Water the (young) plants every morning.' },
    ])
    expect(steps).toEqual([
      { step: 'reading' },
      { step: 'extracting', page: 1, pages: 3 },
      { step: 'extracting', page: 2, pages: 3 },
      { step: 'extracting', page: 3, pages: 3 },
    ])
  })

  test('a PDF without an outline has no headings; one without any text is refused as scanned', async () => {
    const plain = await read(fileOf('a.pdf', pdfBytes([['Only page.']])))
    expect(plain.chunks).toEqual([{ ord: 0, heading: null, page: 1, text: 'Only page.' }])
    expect(await refusal(fileOf('scan.pdf', pdfBytes([[], []])))).toBe(
      'This PDF has no text to import (it may be scanned images).',
    )
  })

  test('a damaged PDF, a password-protected one, and a ".pdf" that is not one get clear messages', async () => {
    const garbage = new TextEncoder().encode(`%PDF-1.4\n${'garbage '.repeat(50)}`)
    expect(await refusal(fileOf('broken.pdf', garbage))).toBe(
      'This PDF is damaged or not really a PDF; it could not be read.',
    )
    expect(await refusal(fileOf('locked.pdf', pdfBytes([['secret']], { password: true })))).toBe(
      'This PDF is protected by a password; remove the protection and import it again.',
    )
    expect(await refusal(fileOf('fake.pdf', 'just text'))).toBe(
      'This file is not a PDF, though its name ends in .pdf.',
    )
  })
})
