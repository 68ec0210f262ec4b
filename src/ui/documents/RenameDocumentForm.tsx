import { type FormEvent, useState } from 'react'
import { DOCUMENT_NAME_MAX } from '../../commands/documents.ts'

type Props = { formId: string; initialName: string; onSubmit: (name: string) => void }

/** The rename dialog's form; the dialog's footer holds its submit button. */
export const RenameDocumentForm = ({ formId, initialName, onSubmit }: Props) => {
  const [name, setName] = useState(initialName)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit(name)
  }
  return (
    <form id={formId} className="form" onSubmit={submit}>
      <label className="field">
        <span>Name</span>
        <input
          required
          data-autofocus
          maxLength={DOCUMENT_NAME_MAX}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
    </form>
  )
}
