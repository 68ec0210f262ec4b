import { expect, test } from 'vitest'
import { isStalled, observePending, type SaveProgress, STALL_MS } from './save-progress.ts'

const start: SaveProgress = { pending: 0, lastProgressAt: 0 }

test('a queue that shrinks is saving, however long it takes', () => {
  let state = observePending(start, 40, 1_000)
  for (let t = 2; t <= 60; t++) state = observePending(state, 40 - Math.floor(t / 2), t * 1_000)
  expect(isStalled(state, 60_000)).toBe(false)
})

test('a queue that has not shrunk for the stall time is stuck, and recovers when it moves', () => {
  let state = observePending(start, 5, 1_000)
  state = observePending(state, 7, 1_000 + STALL_MS - 1)
  expect(isStalled(state, 1_000 + STALL_MS - 1)).toBe(false)
  state = observePending(state, 7, 1_000 + STALL_MS)
  expect(isStalled(state, 1_000 + STALL_MS)).toBe(true)
  state = observePending(state, 6, 2_000 + STALL_MS)
  expect(isStalled(state, 2_000 + STALL_MS)).toBe(false)
})

test('an empty queue is never stuck, and new work after it starts a fresh clock', () => {
  let state = observePending(start, 0, 100_000)
  expect(isStalled(state, 200_000)).toBe(false)
  state = observePending(state, 3, 200_000)
  expect(isStalled(state, 200_000 + STALL_MS - 1)).toBe(false)
})
