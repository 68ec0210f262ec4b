import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react'
import type { MessageDraft } from '../../commands/conversations.ts'
import { MESSAGE_ROLES, type MessageRole } from '../../schema/conversations.ts'
import { Options } from '../components/Options.tsx'

type Props = {
  /** `onAdd` returns whether the message was saved: only then is the text cleared. */
  onAdd: (draft: MessageDraft) => boolean
  /**
   * When the persona has a model: saves what the person wrote and asks the persona to reply (returns
   * whether the message was saved). Absent when no endpoint is set, which the hint then says.
   */
  onSend?: ((content: string) => boolean) | undefined
  personaName: string
  /** A reply is under way: sending waits for it (adding by hand does not). */
  busy: boolean
}

/**
 * Writes to a conversation: as the person, sent to the persona for a reply when it has a model, or
 * added by hand in any role. Ctrl+Enter (⌘+Enter on a Mac) does the main action without the mouse.
 */
export const MessageComposer = ({ onAdd, onSend, personaName, busy }: Props) => {
  const [role, setRole] = useState<MessageRole>('user')
  const [content, setContent] = useState('')
  const text = useRef<HTMLTextAreaElement>(null)
  const id = useId()
  const talking = onSend !== undefined && role === 'user'

  const done = (saved: boolean) => {
    if (saved) {
      setContent('')
      text.current?.focus()
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (talking) {
      if (!busy) done(onSend(content))
    } else done(onAdd({ role, content }))
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      // requestSubmit runs the form's validation and its submit handler, like the button does.
      e.currentTarget.form?.requestSubmit()
    }
  }

  return (
    <form className="composer" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`} className="composer-title">
        {onSend === undefined ? 'Add a message' : `Write to ${personaName}`}
      </h2>
      <div className="composer-fields">
        <label className="field composer-role">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as MessageRole)}>
            <Options values={MESSAGE_ROLES} />
          </select>
        </label>
        <label className="field field-grow">
          <span>Message</span>
          <textarea
            ref={text}
            required
            rows={3}
            value={content}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            aria-describedby={`${id}-hint`}
            onKeyDown={onKeyDown}
            onChange={(e) => setContent(e.target.value)}
          />
        </label>
      </div>
      <div className="composer-actions">
        <span id={`${id}-hint`} className="meta">
          {talking
            ? `Ctrl+Enter (⌘+Enter) sends it; ${personaName} replies. Esc stops a reply.`
            : onSend === undefined
              ? `Ctrl+Enter (⌘+Enter on a Mac) adds it. To get replies, give ${personaName} a model endpoint (Personas › Edit) or set a default in Settings.`
              : 'Ctrl+Enter (⌘+Enter on a Mac) adds it.'}
        </span>
        {talking && (
          <button
            type="button"
            className="button"
            onClick={(e) => {
              if (e.currentTarget.form?.reportValidity()) done(onAdd({ role, content }))
            }}
          >
            Add without reply
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={talking && busy}>
          {talking ? 'Send' : 'Add message'}
        </button>
      </div>
    </form>
  )
}
