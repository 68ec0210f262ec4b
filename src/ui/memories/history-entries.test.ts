import { expect, test } from 'vitest'
import type { MemoryHistoryRow } from '../../schema/memory-history.ts'
import { historyEntries, type OpenedSnapshot } from './history-entries.ts'

const row = (overrides: Partial<MemoryHistoryRow> & Pick<MemoryHistoryRow, 'kind'>): MemoryHistoryRow => ({
  id: `h-${overrides.kind}`,
  memoryId: 'm1',
  at: 1_000,
  before: null,
  other: null,
  detail: '{}',
  undoneAt: null,
  ...overrides,
})

/** Stands in for opening a sealed snapshot: the "JSON" is the name, and the id it was opened for. */
const open = (json: string, recordId: string): OpenedSnapshot => ({
  name: `${json}@${recordId}`,
  content: 'text',
  unreadable: false,
})

test('each kind of change reads as a sentence; snapshots are opened for the memory they belong to', () => {
  const entries = historyEntries(
    [
      row({ kind: 'edited', before: 'old' }),
      row({ kind: 'edited', before: 'older', undoneAt: 2_000 }),
      row({ kind: 'undone', before: 'replaced', detail: '{"historyId":"h"}' }),
      row({ kind: 'importance', detail: '{"from":50,"to":80}' }),
      row({ kind: 'tier', detail: '{"from":"warm","to":"cold"}' }),
      row({ kind: 'merged', other: 'Peanut allergy', detail: '{"absorbedId":"m2","auto":1}' }),
      row({ kind: 'absorbed', other: 'Peanuts', detail: '{"intoId":"m0","auto":0}' }),
      row({ kind: 'accessed', detail: '{"count":1}' }),
      row({ kind: 'accessed', detail: '{"count":1200}' }),
    ],
    open,
  )
  expect(entries.map((e) => e.title)).toEqual([
    'Edited',
    'Edited (undone)',
    'Undid an edit',
    'Importance 50 → 80',
    'Moved from warm to cold (stored compressed)',
    'Merged “Peanut allergy@m2” into this memory automatically',
    'Merged into “Peanuts@m0”',
    'Used once that day',
    'Used 1,200 times that day',
  ])
  expect(entries[0]?.snapshot).toEqual({ label: 'Before this edit', value: open('old', 'm1') })
  expect(entries.map((e) => e.undone)).toEqual([false, true, false, false, false, false, false, false, false])
  expect(entries[3]?.snapshot).toBeNull()
})

test('a snapshot that cannot be opened still leaves the line', () => {
  const [entry] = historyEntries(
    [row({ kind: 'merged', other: 'x', detail: '{"absorbedId":"m2"}' })],
    () => null,
  )
  expect(entry?.title).toBe('Merged “another memory” into this memory')
  expect(entry?.snapshot).toBeNull()
})
