import { describe, expect, it } from 'vitest'
import { MemoryStorage } from '../testing/memory-storage.ts'
import {
  clearThrottle,
  delayAfterFailures,
  loadThrottle,
  MAX_DELAY_MS,
  recordFailure,
} from './unlock-throttle.ts'

describe('unlock throttle', () => {
  it('lets two wrong tries pass, then doubles the wait up to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(delayAfterFailures)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000])
    expect(delayAfterFailures(30)).toBe(MAX_DELAY_MS)
  })

  it('remembers failures across a reload of the tab and forgets them after a success', () => {
    const storage = new MemoryStorage()
    let state = loadThrottle(storage)
    for (let i = 0; i < 5; i++) state = recordFailure(state, 1_000, storage)
    expect(loadThrottle(storage)).toEqual({ failures: 5, notBefore: 1_000 + 4000 })
    clearThrottle(storage)
    expect(loadThrottle(storage)).toEqual({ failures: 0, notBefore: 0 })
  })

  it('treats a garbled entry as no failures', () => {
    const storage = new MemoryStorage()
    storage.setItem('hearth.unlock-throttle', '{nope')
    expect(loadThrottle(storage)).toEqual({ failures: 0, notBefore: 0 })
  })
})
