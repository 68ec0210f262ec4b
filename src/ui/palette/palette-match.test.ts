import { expect, test } from 'vitest'
import { filterItems, fold, type PaletteItem } from './palette-match.ts'

const item = (label: string, group: string, keywords = ''): PaletteItem => ({
  id: `${group}:${label}`,
  label,
  group,
  keywords,
  run: () => {},
})

const ITEMS = [
  item('Home', 'Go to'),
  item('Memories', 'Go to'),
  item('Conversations', 'Go to'),
  item('Dark', 'Theme', 'appearance night'),
  item('Lock Hearth', 'Action'),
  item('Planning the garden', 'Conversation'),
  item('Café owner Mia', 'Persona'),
]
const labels = (query: string) => filterItems(ITEMS, query).map((i) => i.label)

test('an empty query lists everything in the given order', () => {
  expect(labels('')).toEqual(ITEMS.map((i) => i.label))
})

test('each word must start a word of the label, group or keywords', () => {
  expect(labels('garden')).toEqual(['Planning the garden'])
  expect(labels('plan gar')).toEqual(['Planning the garden'])
  expect(labels('arden')).toEqual([])
  expect(labels('night')).toEqual(['Dark'])
  expect(labels('theme')).toEqual(['Dark'])
})

test('case and accents do not matter', () => {
  expect(fold('CAFÉ Crème')).toBe('cafe creme')
  expect(labels('cafe')).toEqual(['Café owner Mia'])
  expect(labels('MIA')).toEqual(['Café owner Mia'])
})

test('a label that starts with the query comes before one that only contains it', () => {
  const items = [item('Notes on memories', 'Conversation'), item('Memories', 'Go to')]
  expect(filterItems(items, 'mem').map((i) => i.label)).toEqual(['Memories', 'Notes on memories'])
})

test('label matches rank above group matches', () => {
  const items = [item('Lock Hearth', 'Action'), item('Actions for today', 'Conversation')]
  expect(filterItems(items, 'action').map((i) => i.label)).toEqual(['Actions for today', 'Lock Hearth'])
})

test('the list is capped', () => {
  const many = Array.from({ length: 80 }, (_, i) => item(`Talk ${i}`, 'Conversation'))
  expect(filterItems(many, 'talk', 50)).toHaveLength(50)
})
