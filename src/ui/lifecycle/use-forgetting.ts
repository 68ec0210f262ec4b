import { useEffect } from 'react'
import { forgetDeleted, resolveKeysFrom } from '../../commands/forgetting.ts'
import type { HearthStore } from '../../commands/store.ts'
import type { DataKey } from '../../vault/envelope.ts'

/** Held by the tab that is destroying keys; the others skip that round (the work is the same). */
const FORGETTING_LOCK = 'hearth-forgetting'
/** Soon after unlocking, then this often: a deleted record is forgotten within Undo's grace plus this. */
const FIRST_MS = 3_000
export const FORGETTING_PERIOD_MS = 30_000

/**
 * Forgetting for real (src/lifecycle/forgetting.ts): lets the record keys find a record's key in
 * this tab's store, and destroys the keys of deleted records once Undo can no longer bring them back
 * — whoever deleted them (this tab, another tab, the retention job) and even if that tab closed.
 */
export const useForgetting = (store: HearthStore, key: DataKey) => {
  useEffect(() => {
    const records = key.records
    if (records === undefined) return
    resolveKeysFrom(store, records)
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const round = () =>
      navigator.locks.request(FORGETTING_LOCK, { ifAvailable: true }, async (lock) => {
        if (lock === null || stopped) return
        await forgetDeleted(store, records, { now: Date.now() })
      })
    const next = (wait: number) => {
      timer = setTimeout(() => {
        round()
          .catch((error: unknown) => {
            if (!stopped) console.error('forgetting: a round failed; it runs again soon', error)
          })
          .finally(() => {
            if (!stopped) next(FORGETTING_PERIOD_MS)
          })
      }, wait)
    }
    next(FIRST_MS)
    return () => {
      stopped = true
      clearTimeout(timer)
      records.setResolver(undefined)
    }
  }, [store, key])
}
