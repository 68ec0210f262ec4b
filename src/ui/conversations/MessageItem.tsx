import { memo, useId } from 'react'
import type { MessageRole } from '../../schema/conversations.ts'
import type { OpenPersona } from '../../schema/personas.ts'
import { formatDateTime, formatSize } from '../format.ts'
import { prettyJson, usageLine } from './message-format.ts'
import type { OpenMessage } from './opened.ts'
import { RememberedMemories } from './RememberedMemories.tsx'

const ROLE_LABELS: Record<MessageRole, string> = {
  user: 'User',
  assistant: 'Assistant',
  system: 'System',
  tool: 'Tool',
}

type Props = {
  message: OpenMessage
  persona: OpenPersona | undefined
  onDelete: (message: OpenMessage) => void
  /** "Remember this": makes a memory of the persona from this message. */
  onRemember: (message: OpenMessage) => void
}

const ENDINGS = {
  cancelled: 'Cancelled: the reply stopped here.',
  'cut-off': 'Cut off: the connection dropped here.',
} as const

/**
 * One message: who said it (each role looks different), when, what — line breaks kept — and, for a
 * model's reply, what it cost. Tool calls are folded: their arguments and results are long and
 * rarely what a person reads first.
 */
export const MessageItem = memo(function MessageItem({ message: m, persona, onDelete, onRemember }: Props) {
  const headId = useId()
  const usage = usageLine(m)
  const when = formatDateTime(m.createdAt)
  return (
    <li className={`message message-${m.role}`} aria-labelledby={headId}>
      <div className="message-head">
        <span className="message-who" id={headId}>
          <span className={`role-chip role-${m.role}`}>{ROLE_LABELS[m.role]}</span>
          {m.role === 'assistant' && persona !== undefined && (
            <span className="message-author">
              <span aria-hidden="true">{persona.avatar} </span>
              {persona.name}
            </span>
          )}
          <time className="message-time" dateTime={new Date(m.createdAt).toISOString()}>
            {when}
          </time>
        </span>
        <span className="message-actions">
          {(m.role === 'user' || m.role === 'assistant') && m.content !== '' && !m.unreadable && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Remember this: ${ROLE_LABELS[m.role].toLowerCase()} message of ${when}`}
              onClick={() => onRemember(m)}
            >
              Remember this
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger message-delete"
            aria-label={`Delete ${ROLE_LABELS[m.role].toLowerCase()} message of ${when}`}
            onClick={() => onDelete(m)}
          >
            Delete
          </button>
        </span>
      </div>
      <div className={m.rememberedIds.length > 0 ? 'message-body message-body-with-aside' : 'message-body'}>
        <div className="message-main">
          {m.content !== '' && <p className="message-content">{m.content}</p>}
          {m.ending !== null && m.ending !== 'finished' && (
            <p className={`message-ending message-ending-${m.ending}`}>{ENDINGS[m.ending]}</p>
          )}
          {m.toolCalls.map((call) => (
            <details key={call.id} className="tool-call">
              <summary>
                Tool call <code>{call.name}</code>
              </summary>
              <dl className="tool-call-body">
                <dt>Arguments</dt>
                <dd>
                  <pre>{prettyJson(call.arguments)}</pre>
                </dd>
                <dt>Result</dt>
                <dd>
                  {call.result === null ? (
                    <em>No result was recorded.</em>
                  ) : (
                    <pre>{prettyJson(call.result)}</pre>
                  )}
                </dd>
              </dl>
            </details>
          ))}
          {m.attachments.length > 0 && (
            <ul className="attachment-list" aria-label="Attachments">
              {m.attachments.map((a) => (
                <li key={`${a.name}:${a.mimeType}:${a.size}`} className="attachment">
                  <span aria-hidden="true">📎 </span>
                  {a.name}{' '}
                  <span className="meta">
                    ({a.mimeType}, {formatSize(a.size)})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {usage !== '' && (
            <p className="meta message-usage">
              <span className="visually-hidden">Model usage: </span>
              {usage}
            </p>
          )}
        </div>
        {m.rememberedIds.length > 0 && <RememberedMemories ids={m.rememberedIds} />}
      </div>
    </li>
  )
})
