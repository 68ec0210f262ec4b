import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'

type Toast = {
  id: number
  message: string
  tone: 'info' | 'error'
  action?: { label: string; run: () => void }
}
type ToastInput = Omit<Toast, 'id'>

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null)

const TOAST_MS = 8000
let nextId = 1

/** Short-lived messages: command failures, and "deleted — Undo" after a destructive action. */
export const ToastProvider = ({ children }: { children: ReactNode }) => {
  const [toasts, setToasts] = useState<Toast[]>([])
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), [])
  const show = useCallback(
    (toast: ToastInput) => {
      const id = nextId++
      setToasts((all) => [...all.slice(-3), { ...toast, id }])
      setTimeout(() => dismiss(id), TOAST_MS)
    },
    [dismiss],
  )
  const value = useMemo(() => show, [show])
  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-live="polite" aria-label="Messages">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
            <span>{t.message}</span>
            {t.action !== undefined && (
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  t.action?.run()
                  dismiss(t.id)
                }}
              >
                {t.action.label}
              </button>
            )}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss message"
              onClick={() => dismiss(t.id)}
            >
              ×
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  )
}

export const useToast = () => {
  const show = useContext(ToastContext)
  if (show === null) throw new Error('useToast must be used inside <ToastProvider>')
  return show
}

/**
 * Runs a command and turns a refusal or failure into an error toast instead of a lost click.
 * Returns whether it succeeded, so a dialog closes only when its change was saved.
 */
export const useCommand = () => {
  const toast = useToast()
  return useCallback(
    (run: () => unknown): boolean => {
      try {
        run()
        return true
      } catch (error) {
        toast({ tone: 'error', message: error instanceof Error ? error.message : String(error) })
        return false
      }
    },
    [toast],
  )
}

/**
 * Runs a soft delete and offers its undo: "“Garden plans” deleted. Undo". `remove` returns the
 * moment of the delete, which `restore` names so it undoes exactly that delete.
 */
export const useDeleteWithUndo = () => {
  const run = useCommand()
  const toast = useToast()
  return useCallback(
    (message: string, remove: () => number, restore: (deletedAt: number) => unknown): boolean => {
      let deletedAt: number | undefined
      if (!run(() => (deletedAt = remove())) || deletedAt === undefined) return false
      const at = deletedAt
      toast({
        tone: 'info',
        // Deleting forgets (src/lifecycle/forgetting.ts): the keys go once Undo's grace is over.
        message: `${message} Forgotten for good within a minute unless you undo.`,
        action: { label: 'Undo', run: () => run(() => restore(at)) },
      })
      return true
    },
    [run, toast],
  )
}
