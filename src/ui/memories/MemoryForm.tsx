import { type FormEvent, useId, useState } from 'react'
import { type MemoryDraft, parseTags } from '../../commands/memories.ts'
import { MEMORY_SOURCES, MEMORY_TYPES, type MemorySource, type MemoryType } from '../../schema/memories.ts'
import { Options } from '../components/Options.tsx'
import { dateInputToMs, msToDateInput } from '../format.ts'

type Props = { formId: string; initial: MemoryDraft; onSubmit: (draft: MemoryDraft) => void }

export const MemoryForm = ({ formId, initial, onSubmit }: Props) => {
  const [draft, setDraft] = useState(initial)
  const [tagText, setTagText] = useState(initial.tags.join(', '))
  const id = useId()
  const set = <K extends keyof MemoryDraft>(key: K, value: MemoryDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit({ ...draft, tags: parseTags(tagText) })
  }

  return (
    <form id={formId} className="form" onSubmit={submit}>
      <div className="form-row">
        <label className="field">
          <span>Type</span>
          <select value={draft.type} onChange={(e) => set('type', e.target.value as MemoryType)}>
            <Options values={MEMORY_TYPES} />
          </select>
        </label>
        <label className="field field-grow">
          <span>Name</span>
          <input
            required
            data-autofocus
            maxLength={500}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
      </div>
      <label className="field">
        <span>Content</span>
        <textarea required rows={4} value={draft.content} onChange={(e) => set('content', e.target.value)} />
      </label>
      <label className="field">
        <span>Summary</span>
        <input value={draft.summary} onChange={(e) => set('summary', e.target.value)} />
      </label>
      {draft.type === 'fact' && (
        <div className="form-row">
          <label className="field">
            <span>Fact category</span>
            <input value={draft.factCategory ?? ''} onChange={(e) => set('factCategory', e.target.value)} />
          </label>
          <label className="field field-grow">
            <span>Fact key</span>
            <input
              required
              placeholder="e.g. diet.milk"
              value={draft.factKey ?? ''}
              onChange={(e) => set('factKey', e.target.value)}
            />
          </label>
        </div>
      )}
      <label className="field">
        <span>Tags (comma-separated)</span>
        <input value={tagText} onChange={(e) => setTagText(e.target.value)} placeholder="family, food" />
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
          <span>Source</span>
          <select value={draft.source} onChange={(e) => set('source', e.target.value as MemorySource)}>
            <Options values={MEMORY_SOURCES} />
          </select>
        </label>
        <label className="field">
          <span>Expires on</span>
          <input
            type="date"
            value={msToDateInput(draft.expiresAt)}
            onChange={(e) => set('expiresAt', dateInputToMs(e.target.value, 'end'))}
          />
        </label>
      </div>
    </form>
  )
}
