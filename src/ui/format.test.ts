import { expect, test } from 'vitest'
import { dateInputToMs, formatCount, formatRelative, formatSize, msToDateInput } from './format.ts'

test('counts read naturally', () => {
  expect(formatCount(1, 'memory', 'memories')).toBe('1 memory')
  expect(formatCount(12345, 'memory', 'memories')).toBe('12,345 memories')
})

test('relative times', () => {
  const now = Date.UTC(2026, 0, 10)
  expect(formatRelative(null, now)).toBe('never')
  expect(formatRelative(now - 10_000, now)).toBe('just now')
  expect(formatRelative(now - 3 * 24 * 3600_000, now)).toBe('3 days ago')
})

test('a date range covers whole local days', () => {
  const start = dateInputToMs('2026-03-05', 'start')
  const end = dateInputToMs('2026-03-05', 'end')
  expect(start).not.toBeNull()
  expect((end ?? 0) - (start ?? 0)).toBe(24 * 3600_000 - 1)
  expect(msToDateInput(start)).toBe('2026-03-05')
  expect(dateInputToMs('', 'start')).toBeNull()
})

test('sizes read in the largest whole unit', () => {
  expect(formatSize(512)).toBe('512 B')
  expect(formatSize(2048)).toBe('2 KB')
  expect(formatSize(5 * 1024 * 1024)).toBe('5 MB')
  expect(formatSize(10 * 1024 ** 3 + 300 * 1024 ** 2)).toBe('10.3 GB')
})
