import { afterEach, beforeEach } from 'vitest'
import { makeTestStore, type TestStore } from './test-store.ts'

/**
 * Gives each test of the calling file a fresh in-memory store, shut down after the test.
 * Call it at the top of a `describe` (or the file) and read the store inside a test: `const store = useStore()`.
 */
export const freshStorePerTest = (): (() => TestStore) => {
  let current: TestStore | undefined
  beforeEach(async () => {
    current = await makeTestStore()
  })
  afterEach(async () => {
    await current?.shutdownPromise()
    current = undefined
  })
  return () => {
    if (current === undefined) throw new Error('freshStorePerTest: the store only exists inside a test')
    return current
  }
}

/** The single element of `rows`; fails loudly when there are none or several (e.g. a lookup by id). */
export const only = <T>(rows: ReadonlyArray<T>): T => {
  const [first, ...rest] = rows
  if (first === undefined || rest.length > 0) throw new Error(`expected exactly one row, got ${rows.length}`)
  return first
}
