import { type FormEvent, useId, useState } from 'react'
import { type ConversationDraft, parseTopics, TITLE_MAX } from '../../commands/conversations.ts'
import type { Sentiment } from '../../schema/conversations.ts'

const SENTIMENTS: ReadonlyArray<Sentiment> = ['positive', 'neutral', 'negative', 'mixed']

type Props = { formId: string; initial: ConversationDraft; onSubmit: (draft: ConversationDraft) => void }

/** Title, summary, topics, importance and sentiment of a conversation. */
export const ConversationDetailsForm = ({ formId, initial, onSubmit }: Props) => {
  const [draft, setDraft] = useState(initial)
  const [topicText, setTopicText] = useState(initial.topics.join(', '))
  const id = useId()
  const set = <K extends keyof ConversationDraft>(key: K, value: ConversationDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit({ ...draft, topics: parseTopics(topicText) })
  }

  return (
    <form id={formId} className="form" onSubmit={submit}>
      <label className="field">
        <span>Title</span>
        <input
          required
          data-autofocus
          maxLength={TITLE_MAX}
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
        />
      </label>
      <label className="field">
        <span>Summary</span>
        <textarea rows={3} value={draft.summary} onChange={(e) => set('summary', e.target.value)} />
      </label>
      <label className="field">
        <span>Topics (comma-separated)</span>
        <input
          value={topicText}
          onChange={(e) => setTopicText(e.target.value)}
          placeholder="garden, tomatoes"
        />
      </label>
      <div className="form-row">
        <div className="field field-grow">
          <span>
            <label htmlFor={`${id}-importance`}>Importance</label>{' '}
            <output htmlFor={`${id}-importance`}>{draft.importance}</output>
          </span>
          <input
            id={`${id}-importance`}
            type="range"
            min={0}
            max={100}
            value={draft.importance}
            onChange={(e) => set('importance', Number(e.target.value))}
          />
        </div>
        <label className="field">
          <span>Sentiment</span>
          <select
            value={draft.sentiment ?? ''}
            onChange={(e) => set('sentiment', e.target.value === '' ? null : (e.target.value as Sentiment))}
          >
            <option value="">Not set</option>
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
    </form>
  )
}
