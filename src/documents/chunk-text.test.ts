import { describe, expect, test } from 'vitest'
import {
  chunkMarkdown,
  chunkPages,
  chunkPlainText,
  countWords,
  plainHeading,
  type TextChunk,
} from './chunk-text.ts'
import { CHUNK_MAX_CHARS, CHUNK_MAX_WORDS, HEADING_MAX_CHARS } from './limits.ts'

/** A sentence of `n` words, numbered so order can be checked (capitalised, as sentences start). */
const sentence = (n: number, tag = 'w') =>
  `${Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ')}.`.replace(/^./, (c) => c.toUpperCase())

const expectBounded = (chunks: ReadonlyArray<TextChunk>) => {
  for (const c of chunks) {
    expect(c.text.length).toBeLessThanOrEqual(CHUNK_MAX_CHARS)
    expect(countWords(c.text)).toBeLessThanOrEqual(CHUNK_MAX_WORDS)
    expect(c.text).toBe(c.text.trim())
    expect(c.text).not.toBe('')
  }
  expect(chunks.map((c) => c.ord)).toEqual(chunks.map((_, i) => i))
}

/** The words of a text in order, whitespace ignored: what chunking must never lose or reorder. */
const wordsOf = (text: string) => text.split(/\s+/).filter((w) => w !== '')

describe('chunkMarkdown', () => {
  test('each chunk carries the path of headings above it', () => {
    const chunks = chunkMarkdown(
      [
        'Intro before any heading.',
        '# Garden',
        'Four raised beds.',
        '## Tomatoes',
        'Plant after the last frost,',
        'in the sunniest bed.',
        '### Watering ###',
        'Every morning.',
        '## Beans',
        'Up the fence.',
        '# Greenhouse',
        'Vents open at 25 °C.',
      ].join('\n'),
    )
    expect(chunks).toEqual([
      { ord: 0, heading: null, page: null, text: 'Intro before any heading.' },
      { ord: 1, heading: 'Garden', page: null, text: 'Four raised beds.' },
      {
        ord: 2,
        heading: 'Garden › Tomatoes',
        page: null,
        text: 'Plant after the last frost,\nin the sunniest bed.',
      },
      { ord: 3, heading: 'Garden › Tomatoes › Watering', page: null, text: 'Every morning.' },
      { ord: 4, heading: 'Garden › Beans', page: null, text: 'Up the fence.' },
      { ord: 5, heading: 'Greenhouse', page: null, text: 'Vents open at 25 °C.' },
    ])
  })

  test('setext headings count; a heading with nothing under it makes no chunk; skipped levels are fine', () => {
    const chunks = chunkMarkdown(
      'Garden\n======\n\nBeds.\n\nSoil\n----\n\n#### Deep\nLoam.\n\n# Empty\n\n# Last\nDone.\n',
    )
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      ['Garden', 'Beds.'],
      ['Garden › Soil › Deep', 'Loam.'],
      ['Last', 'Done.'],
    ])
  })

  test('a "#" inside fenced code is code, not a heading; front matter is left out', () => {
    const chunks = chunkMarkdown(
      '---\ntitle: Notes\ntags: [a]\n---\n# Script\n\n```sh\n# not a heading\necho hi\n```\n\nAfter.\n',
    )
    expect(chunks).toHaveLength(1)
    expect(chunks[0]).toMatchObject({ heading: 'Script' })
    expect(chunks[0]?.text).toBe('```sh\n# not a heading\necho hi\n```\n\nAfter.')
  })

  test('a list item over a dash line stays text, and so does a thematic break after a blank line', () => {
    const chunks = chunkMarkdown('# A\n\n- item\n---\n\ntext\n\n---\n\nmore')
    expect(chunks.every((c) => c.heading === 'A')).toBe(true)
  })

  test('headings lose their link and emphasis marks; a very long path is cut', () => {
    expect(plainHeading('The **[tomato](https://x.example) bed** `v2` _now_ snake_case')).toBe(
      'The tomato bed v2 now snake_case',
    )
    const long = `# ${'a'.repeat(200)}\n## ${'b'.repeat(200)}\ntext`
    const [chunk] = chunkMarkdown(long)
    expect(chunk?.heading?.length).toBe(HEADING_MAX_CHARS)
    expect(chunk?.heading?.endsWith('…')).toBe(true)
  })

  test('small paragraphs under one heading are packed together; a new heading always starts a chunk', () => {
    const para = (i: number) => `Paragraph ${i} ${'x'.repeat(90)}.`
    const body = Array.from({ length: 20 }, (_, i) => para(i)).join('\n\n')
    const chunks = chunkMarkdown(`# One\n\n${body}\n\n# Two\n\nShort.`)
    expectBounded(chunks)
    const one = chunks.filter((c) => c.heading === 'One')
    expect(one.length).toBeGreaterThan(1)
    expect(one.length).toBeLessThan(5)
    for (const c of one.slice(0, -1)) expect(c.text.length).toBeGreaterThanOrEqual(700)
    expect(chunks.at(-1)).toMatchObject({ heading: 'Two', text: 'Short.' })
    expect(wordsOf(one.map((c) => c.text).join(' '))).toEqual(wordsOf(body))
  })
})

describe('chunkPlainText', () => {
  test('paragraphs in order, line breaks kept, no headings or pages; Windows line ends read alike', () => {
    expect(chunkPlainText('First line\r\nsecond line\r\n\r\n\r\nNext.\r\n')).toEqual([
      { ord: 0, heading: null, page: null, text: 'First line\nsecond line\n\nNext.' },
    ])
    expect(chunkPlainText('  \n\n \t \n')).toEqual([])
  })

  test('a long paragraph is split at sentence ends into bounded parts of about equal size', () => {
    const paragraph = Array.from({ length: 30 }, (_, i) => sentence(14, `s${i}w`)).join(' ')
    expect(countWords(paragraph)).toBe(420)
    const chunks = chunkPlainText(`Before.\n\n${paragraph}\n\nAfter.`)
    expectBounded(chunks)
    // 420 words make three parts of 100–180 words, each ending a sentence (small neighbours join them).
    expect(chunks).toHaveLength(3)
    for (const c of chunks) {
      expect(c.text).toMatch(/\.$/)
      expect(countWords(c.text)).toBeGreaterThan(100)
    }
    expect(wordsOf(chunks.map((c) => c.text).join(' '))).toEqual(wordsOf(`Before. ${paragraph} After.`))
  })

  test('a sentence longer than a chunk is split between words; a word longer than a chunk is cut', () => {
    const run = sentence(500)
    const blob = 'z'.repeat(CHUNK_MAX_CHARS * 2 + 10)
    const chunks = chunkPlainText(`${run}\n\n${blob}`)
    expectBounded(chunks)
    expect(wordsOf(chunks.map((c) => c.text).join(' ')).join('')).toBe(`${wordsOf(run).join('')}${blob}`)
  })

  test('Chinese and Japanese text counts each character as a word, so it is bounded too', () => {
    const han = '我们在花园里种番茄。'.repeat(60)
    expect(countWords('我们 garden')).toBe(3)
    const chunks = chunkPlainText(han)
    expectBounded(chunks)
    expect(chunks.length).toBeGreaterThanOrEqual(4)
    expect(chunks.map((c) => c.text).join('')).toBe(han)
  })
})

describe('chunkPages', () => {
  test('chunks never cross pages and carry their page number; empty pages make none', () => {
    const chunks = chunkPages(['Assembly\n\nOpen the box.', '', '  ', 'Vents open at 25 °C.'])
    expect(chunks).toEqual([
      { ord: 0, heading: null, page: 1, text: 'Assembly\n\nOpen the box.' },
      { ord: 1, heading: null, page: 4, text: 'Vents open at 25 °C.' },
    ])
  })

  test('lines within a paragraph run together; a hyphen at a line end joins, and stays', () => {
    const [chunk] = chunkPages(['The vents open at\ntwenty-\nfive degrees;   the\n  garden waits.'])
    expect(chunk?.text).toBe('The vents open at twenty-five degrees; the garden waits.')
  })

  test('a page heading (from the outline) labels that page’s chunks; a long page splits in order', () => {
    const long = Array.from({ length: 20 }, (_, i) => sentence(20, `p${i}w`)).join(' ')
    const chunks = chunkPages(['Intro.', long], ['Preface', 'Chapter 1'])
    expectBounded(chunks)
    expect(chunks[0]).toMatchObject({ heading: 'Preface', page: 1 })
    expect(chunks.slice(1).every((c) => c.heading === 'Chapter 1' && c.page === 2)).toBe(true)
    expect(chunks.length).toBeGreaterThanOrEqual(4)
    expect(
      wordsOf(
        chunks
          .slice(1)
          .map((c) => c.text)
          .join(' '),
      ),
    ).toEqual(wordsOf(long))
  })
})
