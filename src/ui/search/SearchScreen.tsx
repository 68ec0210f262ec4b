import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { conversationFields, recentConversations$ } from '../../schema/conversations.ts'
import { allPersonas$, personaFields } from '../../schema/personas.ts'
import type { HostStatus } from '../../search/search-host.ts'
import type { DocKind, SearchResult } from '../../search/search-index.ts'
import { useAppStore } from '../../store/app-store.ts'
import { formatCount, formatSize } from '../format.ts'
import { useRecordAccess } from '../lifecycle/access-tracking.tsx'
import { hrefFor } from '../router.ts'
import { useOpened } from '../vault/vault-session.tsx'
import { matchedWords, snippet, withoutFirstLine } from './snippet.ts'
import { useSearch, useSearchStatus } from './use-search.ts'
import './search.css'

export const SEARCH_FIELD_ID = 'search-field'
const RECENT = { personaId: null, archived: false, page: 0 }
const KIND_LABEL: Record<DocKind, string> = { memory: 'Memory', message: 'Message', chunk: 'Document' }

const Highlighted = ({ result }: { result: SearchResult }) => {
  // A memory's first line is its name, already shown as the result's link.
  const body =
    result.kind === 'memory'
      ? withoutFirstLine(result.text, result.highlights)
      : { text: result.text, ranges: result.highlights }
  return (
    <p className="search-result-text">
      {snippet(body.text, body.ranges).map((piece, i) =>
        // Index keys: the pieces are recomputed as a whole for each result, never reordered.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>,
      )}
    </p>
  )
}

const why = (result: SearchResult) => {
  const parts: string[] = []
  const words = matchedWords(result.text, result.highlights)
  if (words.length > 0) parts.push(`matched: ${words.join(', ')}`)
  if (result.similarity !== undefined) parts.push(`similar in meaning, ${result.similarity.toFixed(2)}`)
  return parts.join(' · ')
}

const linkOf = (result: SearchResult): { href: string; label: string } => {
  switch (result.kind) {
    case 'memory':
      return {
        href: hrefFor({ screen: 'memory', id: result.id }),
        label: result.text.split('\n')[0] || 'Untitled memory',
      }
    case 'message':
      return result.conversationId === undefined
        ? { href: hrefFor({ screen: 'conversations' }), label: 'A message' }
        : {
            href: hrefFor({ screen: 'conversation', id: result.conversationId }),
            label: 'Open the conversation',
          }
    case 'chunk':
      return { href: hrefFor({ screen: 'documents' }), label: 'Open documents' }
  }
}

const Result = ({ result }: { result: SearchResult }) => {
  const link = linkOf(result)
  return (
    <li className="search-result" aria-label={`${KIND_LABEL[result.kind]}: ${link.label}`}>
      <p className="search-result-head">
        <span className="search-kind">{KIND_LABEL[result.kind]}</span>
        <a href={link.href}>{link.label}</a>
      </p>
      <Highlighted result={result} />
      <p className="meta search-why">{why(result)}</p>
    </li>
  )
}

const Notices = ({ status }: { status: HostStatus | null }) => {
  if (status === null) return null
  const { semantic, degraded, indexing, progress } = status
  return (
    <div className="search-notices">
      {indexing !== null && (
        <div className="search-progress" role="status">
          <span>
            Indexing your data: {indexing.done.toLocaleString()} of {indexing.total.toLocaleString()}
          </span>
          <progress max={indexing.total} value={indexing.done} aria-label="Indexing" />
        </div>
      )}
      {progress !== null && progress.total > 0 && (
        <div className="search-progress" role="status">
          <span>
            Preparing search by meaning: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
          </span>
          <progress max={progress.total} value={progress.done} aria-label="Preparing search by meaning" />
        </div>
      )}
      {status.open && !semantic.available && (
        <p className="banner banner-warning search-notice" role="status">
          <strong>Search by meaning is unavailable</strong>: {semantic.reason}. Keyword search still works.
        </p>
      )}
      {status.open && semantic.available && degraded !== null && (
        <p className="banner banner-warning search-notice" role="status">
          <strong>Search by meaning works less well</strong>: {degraded}.
        </p>
      )}
    </div>
  )
}

/** Search everything the vault holds, by keyword and by meaning, from the shared search worker. */
export const SearchScreen = ({ query: routeQuery }: { query: string }) => {
  const store = useAppStore()
  const personas = useOpened(store.useQuery(allPersonas$), personaFields.open)
  const conversations = useOpened(store.useQuery(recentConversations$(RECENT)), conversationFields.open)
  const [query, setQuery] = useState(routeQuery)
  const [scope, setScope] = useState('all')
  const [kind, setKind] = useState<DocKind | 'all'>('all')
  const field = useRef<HTMLInputElement>(null)
  const status = useSearchStatus()
  const resultsId = useId()

  // A new ?q= from outside (the palette, a link) replaces what is typed.
  const lastRoute = useRef(routeQuery)
  useEffect(() => {
    if (routeQuery !== lastRoute.current) {
      lastRoute.current = routeQuery
      setQuery(routeQuery)
    }
  }, [routeQuery])
  useEffect(() => field.current?.focus(), [])

  const onType = (next: string) => {
    setQuery(next)
    // The URL follows the field (shareable, survives reload) without a history entry per key.
    lastRoute.current = next
    window.history.replaceState(null, '', hrefFor({ screen: 'search', query: next }))
  }

  const params = useMemo(() => {
    const [type, id] = scope.split(':')
    return {
      query,
      scope: {
        ...(kind === 'all' ? {} : { kind }),
        ...(type === 'persona' && id ? { personaId: id } : {}),
        ...(type === 'conversation' && id ? { conversationId: id } : {}),
      },
    }
  }, [query, scope, kind])
  const search = useSearch(params, status?.open ? status.version : undefined)
  const response =
    search.state === 'done' ? search.response : search.state === 'searching' ? search.previous : null
  const recordAccess = useRecordAccess()
  const found = search.state === 'done' ? search.response.results : null
  // Memories a search retrieves count as used (one batch event per interval, not one per result).
  useEffect(() => {
    if (found !== null) recordAccess(found.filter((r) => r.kind === 'memory').map((r) => r.id))
  }, [found, recordAccess])

  return (
    <section className="screen" aria-labelledby="search-title">
      <div className="screen-header">
        <h1 id="search-title">Search</h1>
      </div>
      <search className="search-form">
        <label className="field search-field">
          <span>Search for</span>
          <input
            id={SEARCH_FIELD_ID}
            ref={field}
            type="search"
            value={query}
            onChange={(e) => onType(e.target.value)}
            placeholder="Words, a phrase in quotes, -exclude, OR…"
            autoComplete="off"
            aria-controls={resultsId}
          />
        </label>
        <label className="field">
          <span>In</span>
          <select value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="all">Everything</option>
            {personas.length > 0 && (
              <optgroup label="One persona">
                {personas.map((p) => (
                  <option key={p.id} value={`persona:${p.id}`}>
                    {`${p.avatar} ${p.name}`.trim()}
                  </option>
                ))}
              </optgroup>
            )}
            {conversations.length > 0 && (
              <optgroup label="One conversation">
                {conversations.map((c) => (
                  <option key={c.id} value={`conversation:${c.id}`}>
                    {c.title === '' ? 'Untitled conversation' : c.title}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as DocKind | 'all')}>
            <option value="all">All kinds</option>
            <option value="memory">Memories</option>
            <option value="message">Messages</option>
            <option value="chunk">Document chunks</option>
          </select>
        </label>
      </search>

      <Notices status={status} />

      <div id={resultsId} aria-busy={search.state === 'searching'}>
        {search.state === 'failed' && (
          <p className="banner banner-warning" role="alert">
            Search failed: {search.message}
          </p>
        )}
        {query.trim() === '' ? (
          <p className="meta">
            Type to search memories, messages and documents. Quotes find a phrase, <kbd>-word</kbd> excludes,{' '}
            <kbd>OR</kbd> widens, <kbd>gard*</kbd> finds words that start so. Press <kbd>/</kbd> anywhere to
            come here.
          </p>
        ) : response === null ? (
          <p className="meta">Searching…</p>
        ) : response.results.length === 0 ? (
          <p className="meta" role="status">
            Nothing found for “{query}”.
          </p>
        ) : (
          <>
            <p className="meta" role="status">
              {formatCount(response.results.length, 'result')}
              {response.reranked ? ', re-ranked by meaning' : ''}
            </p>
            <ol className="search-results" aria-label="Search results">
              {response.results.map((result) => (
                <Result key={result.id} result={result} />
              ))}
            </ol>
          </>
        )}
      </div>

      {status?.open && (
        <p className="meta search-stats" data-testid="search-stats">
          {[
            `${formatCount(status.documents, 'item')} indexed, ${status.embeddedThisSession.toLocaleString()} embedded this session`,
            status.restored > 0 ? `, ${status.restored.toLocaleString()} restored from the saved index` : '',
            ` · index in memory: ${formatSize(status.indexBytes)}`,
          ].join('')}
        </p>
      )}
    </section>
  )
}
