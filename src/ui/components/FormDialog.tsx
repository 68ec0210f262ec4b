import type { ReactNode } from 'react'
import { Dialog } from './Dialog.tsx'

type Props = {
  title: string
  open: boolean
  onClose: () => void
  /** The id of the `<form>` inside `children`; the submit button sits in the dialog's footer. */
  formId: string
  submitLabel: string
  children: ReactNode
}

/** A create/edit dialog: the form in the body, Cancel and the submit button in the footer. */
export const FormDialog = ({ title, open, onClose, formId, submitLabel, children }: Props) => (
  <Dialog
    title={title}
    open={open}
    onClose={onClose}
    wide
    actions={
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form={formId} className="button button-primary">
          {submitLabel}
        </button>
      </>
    }
  >
    {children}
  </Dialog>
)
