import { useCallback, useEffect, useState } from 'react'
import { askPersona } from '../../assistant/ask-persona.ts'
import {
  EXTRACTION_INSTRUCTIONS,
  INSIGHTS_INSTRUCTIONS,
  type MemoryProposal,
  parseInsights,
  parseProposals,
  transcript,
} from '../../assistant/upkeep.ts'
import { memoryNameFor, rememberFromMessages } from '../../commands/assistant.ts'
import {
  addMessage,
  archiveConversation,
  type ConversationDraft,
  deleteConversation,
  deleteMessage,
  editConversationDetails,
  restoreConversation,
  restoreMessage,
  unarchiveConversation,
} from '../../commands/conversations.ts'
import {
  conversationById$,
  conversationFields,
  conversationMessages$,
  messageFields,
} from '../../schema/conversations.ts'
import { personaById$, personaFields } from '../../schema/personas.ts'
import { defaultModelFields, settings$ } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { useCommand, useDeleteWithUndo, useToast } from '../components/Toasts.tsx'
import { formatCount, formatDate, formatDateTime, formatRelative } from '../format.ts'
import { hrefFor, navigate } from '../router.ts'
import { useDataKey, useOpened, useOpenedOne } from '../vault/vault-session.tsx'
import { ConversationDetailsForm } from './ConversationDetailsForm.tsx'
import { MessageComposer } from './MessageComposer.tsx'
import { MessageItem } from './MessageItem.tsx'
import type { OpenConversation, OpenMessage } from './opened.ts'
import { ProposalsDialog } from './ProposalsDialog.tsx'
import { RememberedList } from './RememberedMemories.tsx'
import { useReply } from './use-reply.ts'
import './conversations.css'

const FORM_ID = 'conversation-details-form'

/** One conversation: what it is about, its messages in order, and adding one by hand. */
export const ConversationScreen = ({ id }: { id: string }) => {
  const store = useAppStore()
  const conversation = useOpenedOne(store.useQuery(conversationById$(id)), conversationFields.open)
  if (conversation === undefined || conversation.deletedAt !== null) {
    return (
      <section className="screen" aria-labelledby="conversation-missing-title">
        <h1 id="conversation-missing-title">Conversation</h1>
        <EmptyState title="This conversation does not exist">
          <p>It may have been deleted, here or in another tab.</p>
          <a className="button" href={hrefFor({ screen: 'conversations' })}>
            Back to conversations
          </a>
        </EmptyState>
      </section>
    )
  }
  return <ConversationPage conversation={conversation} />
}

const draftOf = (c: OpenConversation): ConversationDraft => ({
  title: c.title,
  summary: c.summary,
  topics: c.topics,
  sentiment: c.sentiment,
  importance: c.importance,
})

const ConversationPage = ({ conversation: c }: { conversation: OpenConversation }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const deleteWithUndo = useDeleteWithUndo()
  const persona = useOpenedOne(store.useQuery(personaById$(c.personaId)), personaFields.open)
  const messages = useOpened(store.useQuery(conversationMessages$(c.id)), messageFields.open)
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [deletingMessage, setDeletingMessage] = useState<OpenMessage | null>(null)
  const [suggested, setSuggested] = useState<ConversationDraft | null>(null)
  const [proposals, setProposals] = useState<ReadonlyArray<MemoryProposal> | null>(null)
  const [upkeep, setUpkeep] = useState<{ busy: 'details' | 'memories' | null; error: string | null }>({
    busy: null,
    error: null,
  })
  const toast = useToast()
  const livePersona = persona !== undefined && persona.deletedAt === null ? persona : undefined
  const unreadable = c.unreadable || messages.some((m) => m.unreadable)
  const settings = store.useQuery(settings$)
  const defaultEndpoint = useOpenedOne(settings, defaultModelFields.open)?.defaultModel.endpoint
  const canTalk =
    livePersona !== undefined &&
    (livePersona.modelSettings.endpoint.trim() !== '' || (defaultEndpoint ?? '').trim() !== '')
  const { state: replyState, reply, cancel, dismiss } = useReply(c.id, c.personaId)
  const replying = replyState.phase === 'remembering' || replyState.phase === 'streaming'

  // Esc stops a reply under way, from anywhere on the page (a dialog's own Esc closes the dialog).
  useEffect(() => {
    if (!replying) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && document.querySelector('dialog[open]') === null)
        cancel()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [replying, cancel])

  const send = useCallback(
    (content: string) => {
      const saved = run(() => addMessage(store, key, c.id, { role: 'user', content }))
      if (saved) void reply()
      return saved
    },
    [run, store, key, c.id, reply],
  )

  const remember = useCallback(
    (m: OpenMessage) => {
      if (
        run(() =>
          rememberFromMessages(store, key, c.personaId, [
            {
              type: 'knowledge',
              name: memoryNameFor(m.content),
              content: m.content,
              importance: 50,
              messageId: m.id,
            },
          ]),
        )
      ) {
        toast({ tone: 'info', message: `Remembered: “${memoryNameFor(m.content)}”.` })
      }
    },
    [run, store, key, c.personaId, toast],
  )

  /** One upkeep request to the persona's model: a JSON answer about this conversation. */
  const ask = async (what: 'details' | 'memories') => {
    setUpkeep({ busy: what, error: null })
    try {
      const result = await askPersona(store, key, {
        personaId: c.personaId,
        prompt: `The conversation:\n${transcript(messages)}`,
        instructions: what === 'details' ? INSIGHTS_INSTRUCTIONS : EXTRACTION_INSTRUCTIONS,
        json: true,
      })
      if (what === 'details') {
        const insights = parseInsights(result.text)
        setSuggested({ ...insights, importance: c.importance })
        setEditing(true)
      } else {
        setProposals(parseProposals(result.text, messages))
      }
      setUpkeep({ busy: null, error: null })
    } catch (error) {
      setUpkeep({
        busy: null,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }

  const remove = () => {
    // Leave first: the page would otherwise show "does not exist" for a moment before the list.
    navigate({ screen: 'conversations' })
    deleteWithUndo(
      `“${c.title}” deleted.`,
      () => deleteConversation(store, c.id),
      (deletedAt) => restoreConversation(store, c.id, deletedAt),
    )
  }

  const add = useCallback(
    (draft: Parameters<typeof addMessage>[3]) => run(() => addMessage(store, key, c.id, draft)),
    [run, store, key, c.id],
  )

  return (
    <article className="screen conversation-page" aria-labelledby="conversation-title">
      <p className="conversation-breadcrumb">
        <a href={hrefFor({ screen: 'conversations' })}>← Conversations</a>
      </p>
      <div className="screen-header">
        <h1 id="conversation-title">{c.title}</h1>
        <div className="toolbar">
          {canTalk && messages.length > 0 && (
            <>
              <button
                type="button"
                className="button"
                disabled={upkeep.busy !== null}
                aria-describedby="upkeep-hint"
                onClick={() => void ask('details')}
              >
                {upkeep.busy === 'details' ? 'Suggesting…' : 'Suggest title & summary'}
              </button>
              <button
                type="button"
                className="button"
                disabled={upkeep.busy !== null}
                aria-describedby="upkeep-hint"
                onClick={() => void ask('memories')}
              >
                {upkeep.busy === 'memories' ? 'Looking…' : 'Propose memories'}
              </button>
              <span id="upkeep-hint" className="visually-hidden">
                Asks {livePersona?.name ?? 'the persona'}'s model; you review what it suggests before anything
                is saved.
              </span>
            </>
          )}
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit details
          </button>
          {c.archived ? (
            <button
              type="button"
              className="button"
              onClick={() => run(() => unarchiveConversation(store, c.id))}
            >
              Unarchive
            </button>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => run(() => archiveConversation(store, c.id))}
            >
              Archive
            </button>
          )}
          <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>
      {c.archived === 1 && c.archivedAt !== null && (
        <p className="conversation-archived" role="status">
          Archived {formatRelative(c.archivedAt)}: it shows only on the archived list.
        </p>
      )}
      {upkeep.error !== null && (
        <div className="banner banner-warning upkeep-error" role="alert">
          <p>{upkeep.error}</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => setUpkeep({ busy: null, error: null })}
          >
            Dismiss
          </button>
        </div>
      )}
      {unreadable && (
        <p className="banner banner-warning" role="alert">
          Part of this conversation could not be opened: it is damaged or was sealed with another key.
        </p>
      )}

      <section className="panel conversation-about" aria-labelledby="conversation-about-title">
        <h2 id="conversation-about-title" className="visually-hidden">
          About this conversation
        </h2>
        <div className="conversation-with">
          <span className="conversation-avatar" aria-hidden="true">
            {persona?.avatar ?? '?'}
          </span>
          <div>
            <p className="conversation-persona-name">
              With {persona?.name ?? 'a persona'}
              {livePersona === undefined ? ' (deleted)' : ''}
            </p>
            <p className="meta">
              Started {formatDate(c.createdAt)} · {formatCount(c.messageCount, 'message')} · last activity{' '}
              {formatRelative(c.lastMessageAt)}
            </p>
          </div>
        </div>
        {c.summary === '' ? (
          <p className="meta">No summary yet. “Edit details” adds one, with topics.</p>
        ) : (
          <p className="conversation-summary-full">{c.summary}</p>
        )}
        <dl className="conversation-facts">
          <div>
            <dt>Topics</dt>
            <dd>
              {c.topics.length === 0 ? (
                'none'
              ) : (
                <ul className="topic-list" aria-label="Topics">
                  {c.topics.map((topic) => (
                    <li key={topic} className="tag">
                      {topic}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt>Importance</dt>
            <dd>{c.importance} / 100</dd>
          </div>
          <div>
            <dt>Sentiment</dt>
            <dd>
              {c.sentiment === null ? (
                'not set'
              ) : (
                <span className={`sentiment sentiment-${c.sentiment}`}>{c.sentiment}</span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section className="conversation-messages" aria-labelledby="messages-title">
        <h2 id="messages-title">Messages ({messages.length.toLocaleString('en')})</h2>
        {messages.length === 0 ? (
          <EmptyState title="No messages yet">
            <p>
              {canTalk
                ? `Write to ${livePersona?.name ?? 'the persona'} below, or add a message by hand in any role.`
                : 'Add the first message below: what the user said, or a system prompt to set the scene.'}
            </p>
          </EmptyState>
        ) : (
          <ol className="message-list" aria-label="Messages">
            {messages.map((m) => (
              <MessageItem
                key={m.id}
                message={m}
                persona={persona}
                onDelete={setDeletingMessage}
                onRemember={remember}
              />
            ))}
          </ol>
        )}
        {(replyState.phase === 'remembering' || replyState.phase === 'streaming') && (
          <section
            className="message message-assistant message-live"
            aria-label="Reply under way"
            aria-busy="true"
          >
            <div className="message-head">
              <span className="message-who">
                <span className="role-chip role-assistant">Assistant</span>
                <span className="message-author">
                  <span aria-hidden="true">{livePersona?.avatar} </span>
                  {livePersona?.name}
                </span>
                <span className="meta">
                  {replyState.phase === 'remembering' ? 'remembering…' : 'replying…'}
                </span>
              </span>
              <button
                type="button"
                className="button button-small"
                aria-keyshortcuts="Escape"
                onClick={cancel}
              >
                Stop (Esc)
              </button>
            </div>
            <div
              className={
                replyState.remembered.length > 0 ? 'message-body message-body-with-aside' : 'message-body'
              }
            >
              <div className="message-main">
                <p className="message-content" data-testid="live-reply">
                  {replyState.text}
                  <span className="cursor" aria-hidden="true" />
                </p>
                {replyState.memoryNote !== null && <p className="meta">{replyState.memoryNote}</p>}
              </div>
              {replyState.remembered.length > 0 && (
                <RememberedList
                  busy
                  memories={replyState.remembered.map((m) => ({ ...m, forgotten: false }))}
                />
              )}
            </div>
          </section>
        )}
        <div role="status" className="reply-status">
          {replyState.phase === 'idle' && replyState.notice !== null ? replyState.notice : ''}
        </div>
        {replyState.phase === 'failed' && (
          <div className="banner banner-warning reply-error" role="alert">
            <p>
              <strong>No reply.</strong> {replyState.message}
            </p>
            <p>
              Your message is saved in the conversation
              {replyState.kept ? ', and what had arrived of the reply is kept, marked as cut off' : ''}.
            </p>
            <div className="toolbar">
              <button type="button" className="button button-small" onClick={() => void reply()}>
                Try again
              </button>
              <button type="button" className="button button-small" onClick={dismiss}>
                Dismiss
              </button>
            </div>
          </div>
        )}
        <MessageComposer
          onAdd={add}
          onSend={canTalk ? send : undefined}
          personaName={livePersona?.name ?? 'this persona'}
          busy={replying}
        />
      </section>

      <FormDialog
        title="Edit conversation"
        open={editing}
        onClose={() => {
          setEditing(false)
          setSuggested(null)
        }}
        formId={FORM_ID}
        submitLabel="Save"
      >
        {editing && suggested !== null && (
          <p className="meta" role="status">
            Suggested by {livePersona?.name ?? 'the persona'}’s model: change anything, then save.
          </p>
        )}
        {editing && (
          <ConversationDetailsForm
            formId={FORM_ID}
            initial={suggested ?? draftOf(c)}
            onSubmit={(draft) => {
              if (run(() => editConversationDetails(store, key, { id: c.id, ...draftOf(c) }, draft))) {
                setEditing(false)
                setSuggested(null)
              }
            }}
          />
        )}
      </FormDialog>

      <ProposalsDialog
        proposals={proposals}
        personaName={livePersona?.name ?? 'the persona'}
        onClose={() => setProposals(null)}
        onAccept={(chosen) => {
          if (chosen.length === 0) {
            setProposals(null)
            return true
          }
          const saved = run(() => rememberFromMessages(store, key, c.personaId, chosen))
          if (saved) {
            toast({
              tone: 'info',
              message: `${chosen.length === 1 ? 'One memory' : `${chosen.length} memories`} kept.`,
            })
            setProposals(null)
          }
          return saved
        }}
      />

      <ConfirmDialog
        open={deleting}
        title="Delete this conversation?"
        message={`“${c.title}” and its ${formatCount(c.messageCount, 'message')} will be deleted; you can undo right after. To put it away instead, archive it.`}
        confirmLabel="Delete conversation"
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          setDeleting(false)
          remove()
        }}
      />

      <ConfirmDialog
        open={deletingMessage !== null}
        title="Delete this message?"
        message={
          deletingMessage === null
            ? ''
            : `The ${deletingMessage.role} message of ${formatDateTime(deletingMessage.createdAt)} will be removed from the conversation; you can undo right after.`
        }
        confirmLabel="Delete message"
        onCancel={() => setDeletingMessage(null)}
        onConfirm={() => {
          if (deletingMessage !== null) {
            const message = deletingMessage
            deleteWithUndo(
              `The ${message.role} message was deleted.`,
              () => deleteMessage(store, message),
              (deletedAt) => restoreMessage(store, message, deletedAt),
            )
          }
          setDeletingMessage(null)
        }}
      />
    </article>
  )
}
