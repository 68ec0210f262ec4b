import { useEffect, useMemo, useState } from 'react'
import {
  deleteMemory,
  editMemory,
  linkMemories,
  restoreMemory,
  unlinkMemories,
} from '../../commands/memories.ts'
import {
  linkedMemories$,
  memoryById$,
  memoryFields,
  messageConversation$,
  type OpenMemoryRow,
} from '../../schema/memories.ts'
import { mergedInto$, parseSnapshot } from '../../schema/memory-history.ts'
import { personaById$, personaFields } from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { useCommand, useDeleteWithUndo, useToast } from '../components/Toasts.tsx'
import { formatCount, formatDate, formatRelative } from '../format.ts'
import { useRecordAccess } from '../lifecycle/access-tracking.tsx'
import { hrefFor, navigate } from '../router.ts'
import { useDataKey, useOpened, useOpenedOne } from '../vault/vault-session.tsx'
import { LinkPicker } from './LinkPicker.tsx'
import { MemoryForm } from './MemoryForm.tsx'
import { MemoryHistory } from './MemoryHistory.tsx'
import { draftOf } from './memory-draft.ts'
import { SimilarMemories } from './SimilarMemories.tsx'
import './memory-page.css'

/** One memory: everything about it, where it came from, and its links to other memories. */
export const MemoryScreen = ({ id }: { id: string }) => {
  const store = useAppStore()
  const memory = useOpenedOne(store.useQuery(memoryById$(id)), memoryFields.open)
  if (memory === undefined || memory.deletedAt !== null) {
    return (
      <section className="screen">
        <h1>Memory</h1>
        <EmptyState title="This memory does not exist">
          <p>It may have been deleted, here or in another tab.</p>
          <a className="button" href={hrefFor({ screen: 'memories', personaId: null })}>
            Back to memories
          </a>
        </EmptyState>
      </section>
    )
  }
  return <MemoryPage memory={memory} />
}

const MemoryPage = ({ memory: m }: { memory: OpenMemoryRow }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const deleteWithUndo = useDeleteWithUndo()
  const persona = useOpenedOne(store.useQuery(personaById$(m.personaId)), personaFields.open)
  const links = useOpened(store.useQuery(linkedMemories$(m.id)), memoryFields.open)
  const [editing, setEditing] = useState(false)
  const [linking, setLinking] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const backToList = hrefFor({ screen: 'memories', personaId: m.personaId })
  const recordAccess = useRecordAccess()
  // Opening a memory's page is using it: counted, and written with other accesses in one batch.
  useEffect(() => recordAccess([m.id]), [m.id, recordAccess])

  const remove = () => {
    const deleted = deleteWithUndo(
      `“${m.name}” deleted.`,
      () => deleteMemory(store, m),
      (deletedAt) => restoreMemory(store, m, deletedAt),
    )
    if (deleted) navigate({ screen: 'memories', personaId: m.personaId })
  }

  return (
    <article className="screen memory-page" aria-labelledby="memory-title">
      <p className="breadcrumb">
        <a href={backToList}>
          ← {persona?.avatar} {persona?.name ?? 'Persona'}’s memories
        </a>
      </p>
      <div className="screen-header">
        <h1 id="memory-title">{m.name}</h1>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>
      {m.unreadable && (
        <p className="banner banner-warning" role="alert">
          Part of this memory could not be opened: it is damaged or was sealed with another key.
        </p>
      )}

      <div className="memory-page-grid">
        <section className="panel" aria-labelledby="memory-content-title">
          <h2 id="memory-content-title" className="visually-hidden">
            Content
          </h2>
          <p className="memory-page-content">{m.content}</p>
          {m.summary !== '' && (
            <p className="meta">
              <strong>Summary:</strong> {m.summary}
            </p>
          )}
          {m.tags.length > 0 && (
            <p className="memory-page-tags">
              {m.tags.map((tag) => (
                <span key={tag} className="tag">
                  #{tag}
                </span>
              ))}
            </p>
          )}
        </section>

        <section className="panel" aria-labelledby="memory-facts-title">
          <h2 id="memory-facts-title">Details</h2>
          <dl className="facts">
            <dt>Type</dt>
            <dd>
              <span className={`badge badge-${m.type}`}>{m.type}</span>
            </dd>
            <dt>Importance</dt>
            <dd>{m.importance} / 100</dd>
            <dt>Tier</dt>
            <dd>
              <span className={`tier tier-${m.tier}`}>{m.tier}</span>
              {m.compressed ? ' (compressed)' : ''}
            </dd>
            {m.type === 'fact' && (
              <>
                <dt>Fact</dt>
                <dd>
                  {m.factCategory ?? '—'} · <code>{m.factKey}</code>
                </dd>
              </>
            )}
            <dt>Confidence</dt>
            <dd>{Math.round(m.confidence * 100)} %</dd>
            <dt>Created</dt>
            <dd>{formatDate(m.createdAt)}</dd>
            <dt>Last changed</dt>
            <dd>{formatRelative(m.updatedAt)}</dd>
            <dt>Used</dt>
            <dd>
              {formatCount(m.accessCount, 'time')}, last {formatRelative(m.lastAccessedAt)}
            </dd>
            <dt>Expires</dt>
            <dd>{m.expiresAt === null ? 'never' : formatDate(m.expiresAt)}</dd>
            <dt>Origin</dt>
            <dd>
              <Origin memory={m} />
              <MergedOrigins memoryId={m.id} />
            </dd>
          </dl>
        </section>
      </div>

      <section className="panel" aria-labelledby="links-title">
        <div className="panel-header">
          <h2 id="links-title">Linked memories ({links.length})</h2>
          <button type="button" className="button" onClick={() => setLinking(true)}>
            Link to another memory
          </button>
        </div>
        {links.length === 0 ? (
          <p className="meta">No links yet. Link memories that belong together; a link shows on both.</p>
        ) : (
          <ul className="link-list" aria-label="Linked memories">
            {links.map((l) => (
              <li key={l.linkId} aria-label={l.name}>
                <span className={`badge badge-${l.type}`}>{l.type}</span>
                <a href={hrefFor({ screen: 'memory', id: l.id })}>{l.name}</a>
                <span className="meta">{l.importance}</span>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Unlink ${l.name}`}
                  onClick={() => run(() => unlinkMemories(store, l))}
                >
                  Unlink
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <SimilarMemories memory={m} linkedIds={links.map((l) => l.id)} />

      <MemoryHistory memory={m} />

      <FormDialog
        title="Edit memory"
        open={editing}
        onClose={() => setEditing(false)}
        formId="memory-page-form"
        submitLabel="Save"
      >
        {editing && (
          <MemoryForm
            formId="memory-page-form"
            initial={draftOf(m)}
            onSubmit={(draft) => {
              if (run(() => editMemory(store, key, m, draft))) setEditing(false)
            }}
          />
        )}
      </FormDialog>

      <LinkPicker
        open={linking}
        memory={m}
        linkedIds={links.map((l) => l.id)}
        onClose={() => setLinking(false)}
        onPick={(other) => {
          if (run(() => linkMemories(store, m.id, other.id))) {
            setLinking(false)
            toast({ tone: 'info', message: `Linked to “${other.name}”.` })
          }
        }}
      />

      <ConfirmDialog
        open={deleting}
        title="Delete this memory?"
        message={`“${m.name}” and its links to other memories will be removed. You can undo right after.`}
        confirmLabel="Delete memory"
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          setDeleting(false)
          remove()
        }}
      />
    </article>
  )
}

/** Where the memory came from, linking back to it when it still exists. */
const Origin = ({ memory: m }: { memory: OpenMemoryRow }) => {
  const store = useAppStore()
  const conversation = store.useQuery(
    messageConversation$(m.originKind === 'message' ? (m.originId ?? '') : ''),
  )[0]
  const source = `${m.source === 'manual' ? 'written by hand' : `from ${m.source}`}`
  if (m.originKind === 'message') {
    return conversation === undefined ? (
      <>{source} (its conversation is gone)</>
    ) : (
      <a href={hrefFor({ screen: 'conversation', id: conversation.conversationId })}>
        {source}: open the conversation
      </a>
    )
  }
  if (m.originKind === 'run') return <>{source}: a workflow run</>
  if (m.originKind === 'document') return <>{source}: a document</>
  return <>{source}</>
}

const originText = (source: string, originKind: string | null) => {
  const from = source === 'manual' ? 'written by hand' : `from ${source}`
  if (originKind === 'message') return `${from}: a message`
  if (originKind === 'run') return `${from}: a workflow run`
  if (originKind === 'document') return `${from}: a document`
  return from
}

/** The provenance of every memory merged into this one (kept in its history, sealed). */
const MergedOrigins = ({ memoryId }: { memoryId: string }) => {
  const store = useAppStore()
  const key = useDataKey()
  const rows = store.useQuery(mergedInto$(memoryId))
  const merged = useMemo(
    () =>
      rows.flatMap((row) => {
        const snapshot = parseSnapshot(row.other)
        if (snapshot === null) return []
        const opened = memoryFields.open(key, { ...snapshot, id: row.absorbedId })
        return [{ id: row.id, name: opened.name, origin: originText(snapshot.source, snapshot.originKind) }]
      }),
    [rows, key],
  )
  if (merged.length === 0) return null
  return (
    <ul className="merged-origins" aria-label="Merged in">
      {merged.map((m) => (
        <li key={m.id}>
          merged in “{m.name}”, {m.origin}
        </li>
      ))}
    </ul>
  )
}
