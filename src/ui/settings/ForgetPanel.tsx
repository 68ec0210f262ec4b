import { useState } from 'react'
import { forgetDeleted, forgetSince, sinceForgetting } from '../../commands/forgetting.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { FORGETTING_IS_FINAL } from '../components/forgetting.ts'
import { useToast } from '../components/Toasts.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { formatCount } from '../format.ts'
import { useDataKey } from '../vault/vault-session.tsx'

/** "2026-11-23T09:30" (what a datetime-local field holds) as epoch ms in local time. */
const fromLocalInput = (value: string) => new Date(value).getTime()

/**
 * Forgetting for real, by hand: everything since a moment, or at once what was deleted (deleting
 * forgets by itself within a minute, once Undo can no longer bring it back).
 */
export const ForgetPanel = () => {
  const store = useAppStore()
  const key = useDataKey()
  const toast = useToast()
  const [since, setSince] = useState('')
  const [asking, setAsking] = useState<{ since: number; summary: string } | null>(null)
  const { busy: pending, run: runPending } = usePendingAction()

  const fail = (error: unknown) =>
    toast({ tone: 'error', message: error instanceof Error ? error.message : String(error) })

  const ask = () => {
    const at = fromLocalInput(since)
    if (!Number.isFinite(at) || at > Date.now()) {
      toast({ tone: 'error', message: 'Choose a moment in the past to forget from.' })
      return
    }
    const what = sinceForgetting(store, at)
    const summary = [
      formatCount(what.memoryIds.length, 'memory', 'memories'),
      formatCount(what.conversationIds.length, 'conversation'),
      formatCount(what.messageIds.length, 'message'),
      formatCount(what.documentIds.length, 'document'),
      formatCount(what.personaIds.length, 'persona'),
      formatCount(what.notificationIds.length, 'notification'),
      formatCount(what.runIds.length, 'workflow run'),
    ].join(', ')
    setAsking({ since: at, summary })
  }

  return (
    <section className="panel" aria-labelledby="forget-title">
      <h2 id="forget-title">Forget</h2>
      <p>
        Whatever you delete is forgotten for good within a minute, once Undo can no longer bring it back.{' '}
        {FORGETTING_IS_FINAL}
      </p>
      <div className="form-row forget-row">
        <label className="field">
          <span>Forget everything written since</span>
          <input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <button
          type="button"
          className="button button-danger"
          disabled={since === '' || pending}
          onClick={ask}
        >
          Forget since then…
        </button>
      </div>
      <div className="form-row">
        <button
          type="button"
          className="button"
          disabled={pending || key.records === undefined}
          onClick={() =>
            runPending(async () => {
              if (key.records === undefined) return
              try {
                const n = await forgetDeleted(store, key.records, { now: Date.now(), graceMs: 0 })
                toast({
                  tone: 'info',
                  message:
                    n === 0
                      ? 'Nothing deleted was waiting to be forgotten.'
                      : `Forgot ${formatCount(n, 'deleted item')} for good.`,
                })
              } catch (error) {
                fail(error)
              }
            })
          }
        >
          Forget deleted items now
        </button>
      </div>
      <ConfirmDialog
        open={asking !== null}
        title="Forget everything since then?"
        message={`${asking?.summary ?? ''} will be forgotten. ${FORGETTING_IS_FINAL}`}
        confirmLabel="Forget for good"
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const chosen = asking
          setAsking(null)
          if (chosen === null) return
          void runPending(async () => {
            try {
              await forgetSince(store, key, chosen.since)
              setSince('')
              toast({ tone: 'info', message: `Forgotten for good: ${chosen.summary}.` })
            } catch (error) {
              fail(error)
            }
          })
        }}
      />
    </section>
  )
}
