import { expect, test } from 'vitest'
import { matchedWords, snippet, withoutFirstLine } from './snippet.ts'

test('splits a short text into plain and marked pieces', () => {
  const text = 'Cover the tomato plants against frost'
  expect(
    snippet(text, [
      { start: 10, end: 16 },
      { start: 32, end: 37 },
    ]),
  ).toEqual([
    { text: 'Cover the ', marked: false },
    { text: 'tomato', marked: true },
    { text: ' plants against ', marked: false },
    { text: 'frost', marked: true },
  ])
})

test('cuts a long text around the first highlight, keeping it whole', () => {
  const text = `${'alpha '.repeat(100)}tomato ${'omega '.repeat(100)}`
  const start = text.indexOf('tomato')
  const pieces = snippet(text, [{ start, end: start + 6 }], 100)
  expect(pieces[0]).toEqual({ text: '…', marked: false })
  expect(pieces.at(-1)).toEqual({ text: '…', marked: false })
  expect(pieces.filter((p) => p.marked)).toEqual([{ text: 'tomato', marked: true }])
  expect(pieces.map((p) => p.text).join('').length).toBeLessThanOrEqual(104)
})

test('markup in a text stays text', () => {
  const text = '<img src=x onerror=alert(1)> tomato'
  expect(snippet(text, [{ start: 29, end: 35 }]).map((p) => p.text)).toEqual([
    '<img src=x onerror=alert(1)> ',
    'tomato',
  ])
})

test('names the matched words as written', () => {
  expect(
    matchedWords('Tomatoes and tomatoes, frost', [
      { start: 0, end: 8 },
      { start: 13, end: 21 },
      { start: 23, end: 28 },
    ]),
  ).toEqual(['tomatoes', 'frost'])
})

test('drops the first line and moves the ranges along', () => {
  expect(
    withoutFirstLine('Garden\nCover the tomato', [
      { start: 0, end: 6 },
      { start: 17, end: 23 },
    ]),
  ).toEqual({
    text: 'Cover the tomato',
    ranges: [{ start: 10, end: 16 }],
  })
  expect(withoutFirstLine('one line', [{ start: 0, end: 3 }])).toEqual({
    text: 'one line',
    ranges: [{ start: 0, end: 3 }],
  })
})
