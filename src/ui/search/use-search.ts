import { useEffect, useState } from 'react'
import type { HostSearchParams, HostSearchResponse, HostStatus } from '../../search/search-host.ts'
import { searchWithSignal, searchWorker } from './search-client.ts'

/** The worker's status, polled while a screen shows it: faster while something is under way. */
export const useSearchStatus = (): HostStatus | null => {
  const [status, setStatus] = useState<HostStatus | null>(null)
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      try {
        const next = await searchWorker().status()
        if (stopped) return
        setStatus(next)
        const busy = next.progress !== null || next.indexing !== null || next.model.connecting || !next.open
        timer = setTimeout(poll, busy ? 300 : 1000)
      } catch (error) {
        console.error('search: status failed', error)
      }
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [])
  return status
}

export type SearchState =
  | { readonly state: 'idle' }
  | { readonly state: 'searching'; readonly previous: HostSearchResponse | null }
  | { readonly state: 'done'; readonly response: HostSearchResponse }
  | { readonly state: 'failed'; readonly message: string }

/**
 * Runs `params` in the worker after a short pause in typing, cancelling the previous call; runs it
 * again when the index changes (`version`), so a write in any tab shows up without retyping.
 */
export const useSearch = (params: HostSearchParams, version: number | undefined): SearchState => {
  const [result, setResult] = useState<SearchState>({ state: 'idle' })
  const { query, scope, limit } = params
  const kind = scope?.kind
  const personaId = scope?.personaId
  const conversationId = scope?.conversationId
  useEffect(() => {
    if (query.trim() === '' || version === undefined) {
      setResult({ state: 'idle' })
      return
    }
    const controller = new AbortController()
    setResult((current) => ({
      state: 'searching',
      previous:
        current.state === 'done' ? current.response : current.state === 'searching' ? current.previous : null,
    }))
    const request: HostSearchParams = {
      query,
      scope: { kind, personaId, conversationId },
      ...(limit === undefined ? {} : { limit }),
    }
    // Two passes: the index answers in milliseconds, then the full model's re-rank of the first
    // results (a few hundred ms) replaces them. A failed second pass keeps the first answer.
    const timer = setTimeout(async () => {
      let first: HostSearchResponse | undefined
      try {
        first = await searchWithSignal({ ...request, rerank: false }, controller.signal)
        if (controller.signal.aborted) return
        setResult({ state: 'done', response: first })
        if (!first.semantic.available || first.results.length === 0) return
        const refined = await searchWithSignal(request, controller.signal)
        if (!controller.signal.aborted) setResult({ state: 'done', response: refined })
      } catch (error: unknown) {
        if (controller.signal.aborted || first !== undefined) return
        setResult({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
      }
    }, 150)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [query, kind, personaId, conversationId, limit, version])
  return result
}
