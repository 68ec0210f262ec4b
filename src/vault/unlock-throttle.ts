/**
 * A growing wait after repeated wrong passphrases: none for the first two, then 1 s, 2 s, 4 s …
 * up to a minute. It slows a person guessing at an unlocked screen; it cannot slow an attacker
 * who copied the files (Argon2id's cost does that), so it lives in sessionStorage — it survives a
 * reload of the tab but never writes to the profile's stored data.
 */
export const FREE_ATTEMPTS = 2
export const MAX_DELAY_MS = 60_000

export const delayAfterFailures = (failures: number): number =>
  failures <= FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS - 1))

export type ThrottleState = { failures: number; notBefore: number }

const KEY = 'hearth.unlock-throttle'

export const loadThrottle = (storage: Storage = sessionStorage): ThrottleState => {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<ThrottleState> | null
    if (value && Number.isFinite(value.failures) && Number.isFinite(value.notBefore)) {
      return { failures: value.failures as number, notBefore: value.notBefore as number }
    }
  } catch {
    // A garbled entry counts as no failures: the wait is a courtesy, not a security boundary.
  }
  return { failures: 0, notBefore: 0 }
}

export const recordFailure = (state: ThrottleState, now: number, storage: Storage = sessionStorage) => {
  const failures = state.failures + 1
  const next = { failures, notBefore: now + delayAfterFailures(failures) }
  storage.setItem(KEY, JSON.stringify(next))
  return next
}

export const clearThrottle = (storage: Storage = sessionStorage): ThrottleState => {
  storage.removeItem(KEY)
  return { failures: 0, notBefore: 0 }
}
