import { useEffect } from 'react'
import { autoMerge, notifyAutoMerged, personasToConsolidate } from '../../commands/consolidation.ts'
import { applyRetention, applyTiers } from '../../commands/lifecycle.ts'
import type { HearthStore } from '../../commands/store.ts'
import { settings$ } from '../../schema/settings.ts'
import type { DataKey } from '../../vault/envelope.ts'
import { searchWorker } from '../search/search-client.ts'

/** Held by the one tab that runs the lifecycle job; the others wait and take over when it goes. */
export const LIFECYCLE_LOCK = 'hearth-lifecycle'
/** A run soon after unlocking, then every 15 minutes while a tab is open. */
export const LIFECYCLE_FIRST_RUN_MS = 2_000
export const LIFECYCLE_PERIOD_MS = 15 * 60_000

/** "Clean up now" from any tab, this one included, reaches the tab that holds the lock. */
const CHANNEL = 'hearth-lifecycle'

export const requestLifecycleRun = () => {
  const channel = new BroadcastChannel(CHANNEL)
  channel.postMessage('run')
  channel.close()
}

/** How many runs this tab made (the bench handle reads it: two open tabs, one run). */
let runsInThisTab = 0
export const lifecycleRunsInThisTab = () => runsInThisTab

/**
 * `?bench` (the benchmark, and e2e tests that plant data with exact tiers and old dates) starts no
 * run by itself, so nothing changes that data under a measurement; `?bench&lifecycle` does.
 * "Clean up now" works either way.
 */
const runsByItself = () => {
  const params = new URLSearchParams(window.location.search)
  return !params.has('bench') || params.has('lifecycle')
}

const runOnce = async (store: HearthStore, key: DataKey, signal: AbortSignal) => {
  runsInThisTab += 1
  const { privacy, lifecycle, consolidation } = store.query(settings$)
  const now = Date.now()
  await applyRetention(store, key, privacy.retentionDays, now, { signal })
  await applyTiers(store, key, lifecycle, now, { signal })
  if (consolidation.autoMerge) await mergeDuplicates(store, key, consolidation.autoMergeAt, now, signal)
}

/** Automatic merges (the person opted in): per persona, the pairs the search worker finds. */
const mergeDuplicates = async (
  store: HearthStore,
  key: DataKey,
  minSimilarity: number,
  now: number,
  signal: AbortSignal,
) => {
  let merged = 0
  for (const personaId of personasToConsolidate(store)) {
    signal.throwIfAborted()
    const { pairs } = await searchWorker().similarPairs({ personaId, minSimilarity, limit: 1000 })
    merged += await autoMerge(store, key, pairs, minSimilarity, now, { signal })
  }
  if (merged > 0) notifyAutoMerged(store, key, merged, now)
}

/** Waits for the next run: the period, a "run now", or the end. */
const nextRun = (signal: AbortSignal, ms: number | null) =>
  new Promise<void>((resolve) => {
    const channel = new BroadcastChannel(CHANNEL)
    const timer = ms === null ? undefined : setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      channel.close()
      signal.removeEventListener('abort', done)
      resolve()
    }
    channel.onmessage = done
    signal.addEventListener('abort', done)
  })

/**
 * The lifecycle job (docs/LIFECYCLE.md): retention and expiry, then tiers and compression, then
 * (only if the person opted in) automatic merges of near-duplicate memories, in ONE
 * tab at a time (a Web Lock) — soon after unlocking and every `LIFECYCLE_PERIOD_MS` while open.
 * It needs the data key (cold memories are opened to be compressed; the cleanup notice is sealed),
 * so it runs only while the vault is unlocked; locking releases the lock.
 */
export const useLifecycleJob = (store: HearthStore, key: DataKey) => {
  useEffect(() => {
    const stop = new AbortController()
    const auto = runsByItself()
    const work = async () => {
      let wait: number | null = auto ? LIFECYCLE_FIRST_RUN_MS : null
      while (!stop.signal.aborted) {
        await nextRun(stop.signal, wait)
        if (stop.signal.aborted) return
        try {
          await runOnce(store, key, stop.signal)
        } catch (error) {
          if (!stop.signal.aborted)
            console.error('lifecycle: the job failed; it tries again next time', error)
        }
        wait = auto ? LIFECYCLE_PERIOD_MS : null
      }
    }
    navigator.locks.request(LIFECYCLE_LOCK, { signal: stop.signal }, work).catch((error: unknown) => {
      if (!stop.signal.aborted) console.error('lifecycle: could not take the job lock', error)
    })
    return () => stop.abort()
  }, [store, key])
}
