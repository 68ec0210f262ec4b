import { useEffect } from 'react'
import { askPersona } from '../../assistant/ask-persona.ts'
import type { HearthStore } from '../../commands/store.ts'
import { activePersonas$ } from '../../schema/personas.ts'
import type { DataKey } from '../../vault/envelope.ts'
import { systemClock } from '../../workflows/clock.ts'
import { runWorkflows, WORKFLOWS_LOCK } from '../../workflows/runner.ts'
import type { AskModel } from '../../workflows/steps.ts'
import { searchWithSignal } from '../search/search-client.ts'

/**
 * "Ask the model" and "Summarise" go through the assistant (`askPersona`): the workflow's persona —
 * or, for a workflow without one, the persona used most recently — with its endpoint (or Settings'
 * default), its system prompt and its most relevant memories. A failure is the assistant's message
 * ("The model endpoint answered 401 …"), which the run records as its error.
 */
const askThroughAssistant =
  (store: HearthStore, key: DataKey): AskModel =>
  async ({ personaId, prompt, signal }) => {
    const id = personaId ?? store.query(activePersonas$)[0]?.id
    if (id === undefined) throw new Error('There is no persona to ask: create one first.')
    const result = await askPersona(store, key, { personaId: id, prompt, signal, search: searchWithSignal })
    return result.text
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
          ask: askThroughAssistant(store, key),
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
