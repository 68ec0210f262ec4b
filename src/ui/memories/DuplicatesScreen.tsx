import { useMemo, useState } from 'react'
import { dismissedKeys, dismissMerge, mergeMemories } from '../../commands/consolidation.ts'
import { proposals } from '../../lifecycle/consolidation.ts'
import { liveMemoriesByIds$, memoryFields, type OpenMemoryRow } from '../../schema/memories.ts'
import { mergeDismissals$ } from '../../schema/memory-history.ts'
import { personaById$, personaFields } from '../../schema/personas.ts'
import { settings$ } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { formatCount } from '../format.ts'
import { hrefFor } from '../router.ts'
import { searchWorker } from '../search/search-client.ts'
import { useIndexAnswer } from '../search/use-index-answer.ts'
import { useDataKey, useOpened, useOpenedOne } from '../vault/vault-session.tsx'
import './memory-page.css'

/**
 * Near-duplicate memories of one persona, proposed as merges (docs/LIFECYCLE.md, "Consolidation"):
 * the search worker compares the persona's memory vectors; each pair at least as similar as the
 * setting is shown with the memory that stays. Merge, or "Not duplicates" (never proposed again).
 */
export const DuplicatesScreen = ({ personaId }: { personaId: string }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const persona = useOpenedOne(store.useQuery(personaById$(personaId)), personaFields.open)
  const { consolidation } = store.useQuery(settings$)
  const minSimilarity = consolidation.proposeAt
  const [round, setRound] = useState(0)
  const { answer, failure } = useIndexAnswer(
    (callId) => searchWorker().similarPairs({ personaId, minSimilarity }, callId),
    [personaId, minSimilarity, round],
  )

  const pairs = answer?.pairs ?? []
  const ids = useMemo(() => [...new Set(pairs.flatMap((p) => [p.a, p.b]))], [pairs])
  const rows = useOpened(store.useQuery(liveMemoriesByIds$(ids)), memoryFields.open)
  const dismissed = store.useQuery(mergeDismissals$(personaId))
  const list = useMemo(
    () =>
      proposals(pairs, {
        live: new Map(rows.map((r) => [r.id, r])),
        dismissed: dismissedKeys(dismissed),
        minSimilarity,
      }),
    [pairs, rows, dismissed, minSimilarity],
  )

  if (persona === undefined || persona.deletedAt !== null) {
    return (
      <section className="screen">
        <h1>Possible duplicates</h1>
        <EmptyState title="This persona does not exist">
          <p>It may have been deleted in another tab.</p>
        </EmptyState>
      </section>
    )
  }

  const percent = Math.round(minSimilarity * 100)
  const status =
    answer === null
      ? failure === null
        ? `Comparing ${persona.name}’s memories…`
        : 'Search is still opening…'
      : !answer.semantic.available
        ? `Search by meaning is unavailable, so duplicates cannot be found: ${answer.semantic.reason}.`
        : answer.pending
          ? 'Search is still indexing: more pairs may appear.'
          : null

  return (
    <section className="screen" aria-labelledby="duplicates-title">
      <p className="breadcrumb">
        <a href={hrefFor({ screen: 'memories', personaId })}>
          ← {persona.avatar} {persona.name}’s memories
        </a>
      </p>
      <div className="screen-header">
        <h1 id="duplicates-title">Possible duplicates</h1>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setRound((r) => r + 1)}>
            Look again
          </button>
        </div>
      </div>
      <p className="screen-lead">
        Memories of {persona.name} at least {percent} % similar in meaning (Settings › Privacy). Merging keeps
        the first memory with both memories’ links and tags, the higher importance and where both came from;
        the second is removed.
      </p>
      {status !== null && (
        <p className="meta" role="status">
          {status}
        </p>
      )}
      {answer !== null && list.length === 0 && !answer.pending && answer.semantic.available ? (
        <EmptyState title="No duplicates found">
          <p>
            No two of {persona.name}’s {formatCount(persona.memoryCount, 'memory', 'memories')} are {percent}{' '}
            % or more alike, apart from pairs you marked as not duplicates.
          </p>
        </EmptyState>
      ) : (
        <ul className="duplicate-list" aria-label="Possible duplicates">
          {list.map(({ keep, absorb, similarity }) => (
            <li
              key={`${keep.id}:${absorb.id}`}
              className="duplicate"
              aria-label={`${keep.name} and ${absorb.name}`}
            >
              <p className="duplicate-similarity">{Math.round(similarity * 100)} % similar</p>
              <div className="duplicate-pair">
                <DuplicateCard label="Keep" memory={keep} />
                <DuplicateCard label="Merge into it" memory={absorb} />
              </div>
              <div className="duplicate-actions">
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => {
                    if (run(() => mergeMemories(store, key, keep.id, absorb.id)))
                      toast({ tone: 'info', message: `Merged “${absorb.name}” into “${keep.name}”.` })
                  }}
                >
                  Merge
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    if (run(() => mergeMemories(store, key, absorb.id, keep.id)))
                      toast({ tone: 'info', message: `Merged “${keep.name}” into “${absorb.name}”.` })
                  }}
                >
                  Keep the second instead
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => run(() => dismissMerge(store, keep.id, absorb.id))}
                >
                  Not duplicates
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const DuplicateCard = ({ label, memory: m }: { label: string; memory: OpenMemoryRow }) => (
  <div className="duplicate-card">
    <p className="duplicate-role">{label}</p>
    <h2 className="memory-name">
      <a href={hrefFor({ screen: 'memory', id: m.id })}>{m.name}</a>
    </h2>
    <p className="memory-content">{m.content}</p>
    <p className="meta">
      <span className={`badge badge-${m.type}`}>{m.type}</span> importance {m.importance} ·{' '}
      {formatCount(m.linkCount, 'link')}
      {m.tags.length > 0 ? ` · ${m.tags.map((t) => `#${t}`).join(' ')}` : ''}
    </p>
  </div>
)
