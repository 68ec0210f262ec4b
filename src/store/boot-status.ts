import type { BootStatus } from '@livestore/livestore'

/**
 * The store's boot progress, for the loading screen. It is not domain state (the store does not
 * exist yet while booting), so it lives in this tiny subscribable rather than in LiveStore.
 */
let current: BootStatus | undefined
const listeners = new Set<() => void>()

export const bootStatus = {
  get: () => current,
  set: (status: BootStatus) => {
    current = status
    for (const listener of listeners) listener()
  },
  subscribe: (listener: () => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}
