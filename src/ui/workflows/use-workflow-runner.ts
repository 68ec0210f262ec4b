import { useEffect } from 'react'
import type { HearthStore } from '../../commands/store.ts'
import type { DataKey } from '../../vault/envelope.ts'
import { systemClock } from '../../workflows/clock.ts'
import { runWorkflows, WORKFLOWS_LOCK } from '../../workflows/runner.ts'
import type { AskModel } from '../../workflows/steps.ts'
import { searchWithSignal } from '../search/search-client.ts'

/**
 * "Ask the model" and "Summarise" need the assistant's model client, which is not part of this
 * version yet: until it is, those steps fail with this message (the run records it as its error).
 */
export const askNotSetUp: AskModel = async () => {
  throw new Error('No model endpoint is set up for this persona yet')
}

/** How many runs this tab started (the bench handle reads it: several open tabs, one runner). */
let runsInThisTab = 0
export const workflowRunsInThisTab = () => runsInThisTab

/**
 * `?bench` (the benchmark, and e2e tests that plant runs in any state) starts no run by itself and
 * settles nothing; `?bench&workflows` does. "Run now" works either way.
 */
const automatic = () => {
  const params = new URLSearchParams(window.location.search)
  return !params.has('bench') || params.has('workflows')
}

/**
 * Runs workflows in ONE tab at a time (a Web Lock, like the lifecycle job): schedules, event
 * triggers, "Run now" from any tab, cancel from any tab. While the vault is unlocked only: runs
 * seal what they write, and locking (which ends this effect) releases the lock.
 */
export const useWorkflowRunner = (store: HearthStore, key: DataKey) => {
  useEffect(() => {
    const stop = new AbortController()
    navigator.locks
      .request(WORKFLOWS_LOCK, { signal: stop.signal }, () =>
        runWorkflows({
          store,
          key,
          clock: systemClock,
          signal: stop.signal,
          automatic: automatic(),
          ask: askNotSetUp,
          searchMemories: async ({ query, personaId, limit, signal }) => {
            const response = await searchWithSignal(
              {
                query,
                scope: { kind: 'memory', ...(personaId === null ? {} : { personaId }) },
                limit,
                ranking: 'retrieval',
              },
              signal,
            )
            return response.results
          },
          onRunStarted: () => {
            runsInThisTab += 1
          },
        }),
      )
      .catch((error: unknown) => {
        if (!stop.signal.aborted) console.error('workflows: could not take the runner lock', error)
      })
    return () => stop.abort()
  }, [store, key])
}
