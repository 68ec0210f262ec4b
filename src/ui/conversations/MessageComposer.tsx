import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react'
import type { MessageDraft } from '../../commands/conversations.ts'
import { MESSAGE_ROLES, type MessageRole } from '../../schema/conversations.ts'
import { Options } from '../components/Options.tsx'

/** `onAdd` returns whether the message was saved: only then is the text cleared. */
type Props = { onAdd: (draft: MessageDraft) => boolean }

/** Adds a message by hand: a role and the text; Ctrl+Enter (⌘+Enter on a Mac) adds it without the mouse. */
export const MessageComposer = ({ onAdd }: Props) => {
  const [role, setRole] = useState<MessageRole>('user')
  const [content, setContent] = useState('')
  const text = useRef<HTMLTextAreaElement>(null)
  const id = useId()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (onAdd({ role, content })) {
      setContent('')
      text.current?.focus()
    }
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
        Add a message
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
          Ctrl+Enter (⌘+Enter on a Mac) adds it.
        </span>
        <button type="submit" className="button button-primary">
          Add message
        </button>
      </div>
    </form>
  )
}
