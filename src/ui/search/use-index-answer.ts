import { useEffect, useState } from 'react'
import { searchWorker } from './search-client.ts'

/** While an answer may change (index still embedding, or changed since), look again this often. */
const RETRY_MS = 1500
let calls = 0

/**
 * Keeps an answer of the search worker that depends on the whole index (near-duplicates, a memory's
 * neighbours) current: asks again while it is `pending`, and whenever the index's `version` moved
 * since (a memory written in any tab is indexed a moment after it is committed). Until the worker is
 * open (it opens with the vault, a moment after the page) the call fails and is retried; `failure`
 * holds why.
 */
export const useIndexAnswer = <T extends { pending: boolean; version: number }>(
  ask: (callId: string) => Promise<T>,
  deps: ReadonlyArray<string | number>,
) => {
  const [answer, setAnswer] = useState<T | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  // The caller's dependencies are ids and numbers: one string says whether any changed.
  const depsKey = JSON.stringify(deps)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `depsKey` names what `ask` depends on
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let callId: string | undefined
    let last: T | null = null
    const tick = async () => {
      try {
        const current =
          last !== null && !last.pending && (await searchWorker().status()).version === last.version
        if (stopped) return
        if (!current) {
          callId = `index-${++calls}`
          const found = await ask(callId)
          if (stopped) return
          last = found
          setAnswer(found)
          setFailure(null)
        }
      } catch (error) {
        if (stopped) return
        setFailure(error instanceof Error ? error.message : String(error))
      }
      timer = setTimeout(tick, RETRY_MS)
    }
    setAnswer(null)
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
      if (callId !== undefined) void searchWorker().cancel(callId)
    }
  }, [depsKey])
  return { answer, failure }
}
