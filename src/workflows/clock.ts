/** The runner's sense of time, injected: the browser's in the app, a manual one in tests. */
export type Clock = {
  now(): number
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms)
    return () => clearTimeout(timer)
  },
}

export class CancelledError extends Error {
  override name = 'CancelledError'
  constructor() {
    super('Cancelled.')
  }
}

/** Waits `ms` on `clock`; rejects with a `CancelledError` as soon as `signal` aborts. */
export const sleep = (clock: Clock, ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new CancelledError())
      return
    }
    const onAbort = () => {
      cancel()
      reject(new CancelledError())
    }
    const cancel = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
