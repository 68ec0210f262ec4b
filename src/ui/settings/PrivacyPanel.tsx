import { useId } from 'react'
import { setPrivacySettings } from '../../commands/settings.ts'
import { settings$ } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { useCommand } from '../components/Toasts.tsx'
import { ConsolidationForm } from './ConsolidationForm.tsx'
import { RetentionForm } from './RetentionForm.tsx'
import { TierForm } from './TierForm.tsx'

/** What personas may remember, and for how long each kind of data is kept. */
export const PrivacyPanel = () => {
  const store = useAppStore()
  const { privacy, lifecycle, consolidation } = store.useQuery(settings$)
  const run = useCommand()
  const id = useId()
  return (
    <section className="panel" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <div className="privacy-switches">
        <div className="privacy-switch">
          <label className="check">
            <input
              type="checkbox"
              checked={privacy.memoryEnabled}
              aria-describedby={`${id}-memory`}
              onChange={(e) =>
                run(() => setPrivacySettings(store, { ...privacy, memoryEnabled: e.target.checked }))
              }
            />
            Memory
          </label>
          <p id={`${id}-memory`}>
            Personas may remember what matters from your conversations (each persona can also turn its own
            memory off). Off: no persona remembers anything new; what is already remembered stays until you
            delete it.
          </p>
        </div>
        <div className="privacy-switch">
          <label className="check">
            <input
              type="checkbox"
              checked={privacy.incognito}
              aria-describedby={`${id}-incognito`}
              onChange={(e) =>
                run(() => setPrivacySettings(store, { ...privacy, incognito: e.target.checked }))
              }
            />
            Incognito
          </label>
          <p id={`${id}-incognito`}>
            While it is on, nothing new is remembered: what you say makes no memories and no facts about you.
            What is already remembered stays. Turn it off to go back to normal.
          </p>
        </div>
      </div>
      {/* Stored retention changed (saved, reset, or another tab): the form starts again from it. */}
      <RetentionForm key={JSON.stringify(privacy.retentionDays)} privacy={privacy} />
      <TierForm key={JSON.stringify(lifecycle)} lifecycle={lifecycle} />
      <ConsolidationForm key={JSON.stringify(consolidation)} consolidation={consolidation} />
    </section>
  )
}
