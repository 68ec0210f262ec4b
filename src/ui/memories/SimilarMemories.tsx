import { linkMemories } from '../../commands/memories.ts'
import { liveMemoriesByIds$, memoryFields, type OpenMemoryRow } from '../../schema/memories.ts'
import { useAppStore } from '../../store/app-store.ts'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { hrefFor } from '../router.ts'
import { searchWorker } from '../search/search-client.ts'
import { useIndexAnswer } from '../search/use-index-answer.ts'
import { useOpened } from '../vault/vault-session.tsx'

/** Suggested links: memories of the same persona at least this similar in meaning. */
const SUGGEST_AT = 0.6
const SUGGESTIONS = 5

/**
 * "Similar memories": the nearest memories of the same persona by the search worker's vectors, not
 * linked yet, each with a one-click Link (a link shows on both memories).
 */
export const SimilarMemories = ({
  memory: m,
  linkedIds,
}: {
  memory: OpenMemoryRow
  linkedIds: ReadonlyArray<string>
}) => {
  const store = useAppStore()
  const run = useCommand()
  const toast = useToast()
  // Asked again when the memory changes (its vector does) and whenever the index moves.
  const { answer, failure } = useIndexAnswer(
    async () => searchWorker().similarTo({ id: m.id, minSimilarity: SUGGEST_AT, limit: SUGGESTIONS + 10 }),
    [m.id, m.updatedAt],
  )

  const hits = (answer?.hits ?? []).filter((h) => !linkedIds.includes(h.id))
  const rows = useOpened(store.useQuery(liveMemoriesByIds$(hits.map((h) => h.id))), memoryFields.open)
  const byId = new Map(rows.map((r) => [r.id, r]))
  const suggestions = hits.flatMap((h) => {
    const row = byId.get(h.id)
    return row === undefined ? [] : [{ row, similarity: h.similarity }]
  })

  const status =
    answer === null
      ? failure === null
        ? 'Looking for similar memories…'
        : 'Search is still opening…'
      : !answer.semantic.available
        ? `Search by meaning is unavailable: ${answer.semantic.reason}.`
        : suggestions.length === 0
          ? answer.pending
            ? 'Search is still indexing; similar memories may appear.'
            : 'No other memory of this persona is close in meaning.'
          : null

  return (
    <section className="panel" aria-labelledby="similar-title">
      <h2 id="similar-title">Similar memories</h2>
      {status !== null ? (
        <p className="meta" role="status">
          {status}
        </p>
      ) : (
        <ul className="link-list" aria-label="Similar memories">
          {suggestions.slice(0, SUGGESTIONS).map(({ row, similarity }) => (
            <li key={row.id} aria-label={row.name}>
              <span className={`badge badge-${row.type}`}>{row.type}</span>
              <a href={hrefFor({ screen: 'memory', id: row.id })}>{row.name}</a>
              <span className="meta">{Math.round(similarity * 100)} % similar</span>
              <button
                type="button"
                className="button button-small"
                aria-label={`Link to ${row.name}`}
                onClick={() => {
                  if (run(() => linkMemories(store, m.id, row.id)))
                    toast({ tone: 'info', message: `Linked to “${row.name}”.` })
                }}
              >
                Link
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
