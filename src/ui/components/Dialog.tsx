import { type ReactNode, useEffect, useId, useRef } from 'react'

type Props = {
  title: string
  open: boolean
  onClose: () => void
  children: ReactNode
  /** Buttons at the bottom; a form inside `children` may use `form={formId}` to submit from here. */
  actions: ReactNode
  wide?: boolean
}

/**
 * A modal on the native `<dialog>`: the browser traps focus, closes on Escape and restores
 * focus to what opened it, which no hand-made overlay gets fully right.
 */
export const Dialog = ({ title, open, onClose, children, actions, wide = false }: Props) => {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (dialog === null) return
    if (open && !dialog.open) {
      dialog.showModal()
      // The native dialog focuses itself; a form marks the field a person fills in first.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    }
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <div className="dialog-body">{children}</div>
          <div className="dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  )
}

type ConfirmProps = {
  title: string
  message: ReactNode
  confirmLabel: string
  open: boolean
  onConfirm: () => void
  onCancel: () => void
}

export const ConfirmDialog = ({ title, message, confirmLabel, open, onConfirm, onCancel }: ConfirmProps) => (
  <Dialog
    title={title}
    open={open}
    onClose={onCancel}
    actions={
      <>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </>
    }
  >
    <p>{message}</p>
  </Dialog>
)
