import { type FormEvent, useState } from 'react'
import { TITLE_MAX } from '../../commands/conversations.ts'
import type { OpenPersona } from '../../schema/personas.ts'

type Props = {
  formId: string
  personas: ReadonlyArray<OpenPersona>
  initialPersonaId: string
  onSubmit: (personaId: string, title: string) => void
}

/** Whom to talk with and what about; the conversation opens right after. */
export const NewConversationForm = ({ formId, personas, initialPersonaId, onSubmit }: Props) => {
  const [personaId, setPersonaId] = useState(initialPersonaId)
  const [title, setTitle] = useState('')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit(personaId, title)
  }

  return (
    <form id={formId} className="form" onSubmit={submit}>
      <label className="field">
        <span>Persona</span>
        <select value={personaId} onChange={(e) => setPersonaId(e.target.value)}>
          {personas.map((p) => (
            <option key={p.id} value={p.id}>
              {`${p.avatar} ${p.name}${p.active ? '' : ' (inactive)'}`}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Title</span>
        <input
          required
          data-autofocus
          maxLength={TITLE_MAX}
          placeholder="e.g. Planning the vegetable garden"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
    </form>
  )
}
