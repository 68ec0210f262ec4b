import { describe, expect, test } from 'vitest'
import { MINUTE, T0 } from '../testing/builders.ts'
import { AccessLog } from './access-log.ts'

describe('AccessLog', () => {
  test('coalesces repeated accesses of a memory into one count with the latest time', () => {
    const log = new AccessLog()
    log.record(['a'], T0 + 2 * MINUTE)
    log.record(['a', 'b'], T0 + MINUTE)
    log.record(['a'], T0 + 3 * MINUTE)
    expect(log.size).toBe(2)
    expect(log.take()).toEqual([
      [
        { id: 'a', count: 3, lastAccessedAt: T0 + 3 * MINUTE },
        { id: 'b', count: 1, lastAccessedAt: T0 + MINUTE },
      ],
    ])
    expect(log.size).toBe(0)
    expect(log.take()).toEqual([])
  })

  test('a search that returns many memories is one entry each, in batches of the given size', () => {
    const log = new AccessLog()
    log.record(
      Array.from({ length: 2500 }, (_, i) => `m${i}`),
      T0,
    )
    expect(log.take(1000).map((batch) => batch.length)).toEqual([1000, 1000, 500])
  })
})
