import { useCallback, useState } from 'react'
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
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { useCommand, useDeleteWithUndo } from '../components/Toasts.tsx'
import { formatCount, formatDate, formatDateTime, formatRelative } from '../format.ts'
import { hrefFor, navigate } from '../router.ts'
import { useDataKey, useOpened, useOpenedOne } from '../vault/vault-session.tsx'
import { ConversationDetailsForm } from './ConversationDetailsForm.tsx'
import { MessageComposer } from './MessageComposer.tsx'
import { MessageItem } from './MessageItem.tsx'
import type { OpenConversation, OpenMessage } from './opened.ts'
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
  const livePersona = persona !== undefined && persona.deletedAt === null ? persona : undefined
  const unreadable = c.unreadable || messages.some((m) => m.unreadable)

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
            <p>Add the first message below: what the user said, or a system prompt to set the scene.</p>
          </EmptyState>
        ) : (
          <ol className="message-list" aria-label="Messages">
            {messages.map((m) => (
              <MessageItem key={m.id} message={m} persona={persona} onDelete={setDeletingMessage} />
            ))}
          </ol>
        )}
        <MessageComposer onAdd={add} />
      </section>

      <FormDialog
        title="Edit conversation"
        open={editing}
        onClose={() => setEditing(false)}
        formId={FORM_ID}
        submitLabel="Save"
      >
        {editing && (
          <ConversationDetailsForm
            formId={FORM_ID}
            initial={draftOf(c)}
            onSubmit={(draft) => {
              if (run(() => editConversationDetails(store, key, { id: c.id, ...draftOf(c) }, draft))) {
                setEditing(false)
              }
            }}
          />
        )}
      </FormDialog>

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
