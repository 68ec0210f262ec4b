import { type FormEvent, useId, useState } from 'react'
import {
  parseRetentionInput,
  RETENTION_KINDS,
  RETENTION_MAX_DAYS,
  setPrivacySettings,
} from '../../commands/settings.ts'
import { DEFAULT_PRIVACY, type PrivacySettings, type RetentionDays } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { FormError } from '../components/FormError.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { formatCount } from '../format.ts'
import { UnitField, useSaveSettings } from './UnitField.tsx'

type Kind = keyof RetentionDays
type Draft = Record<Kind, string>

const toDraft = (days: RetentionDays): Draft => ({
  conversations: String(days.conversations ?? ''),
  memories: String(days.memories ?? ''),
  workflowRuns: String(days.workflowRuns ?? ''),
  notifications: String(days.notifications ?? ''),
  facts: String(days.facts ?? ''),
})

const describeDays = (days: number | null) => (days === null ? 'forever' : formatCount(days, 'day'))

const sameDays = (a: RetentionDays, b: RetentionDays) =>
  RETENTION_KINDS.every(({ kind }) => a[kind] === b[kind])

/**
 * Days to keep each kind of data, typed as text: a number field would turn "abc" into "" (which
 * means forever) before we could say anything. The caller remounts it when the stored values change.
 */
export const RetentionForm = ({ privacy }: { privacy: PrivacySettings }) => {
  const store = useAppStore()
  const run = useCommand()
  const toast = useToast()
  const saveSettings = useSaveSettings('Retention saved.')
  const id = useId()
  const [draft, setDraft] = useState(() => toDraft(privacy.retentionDays))
  const [problems, setProblems] = useState<Partial<Record<Kind, string>>>({})
  const fieldId = (kind: Kind) => `${id}-${kind}`
  const problemCount = Object.keys(problems).length

  const save = (e: FormEvent) => {
    e.preventDefault()
    const found: Partial<Record<Kind, string>> = {}
    const days: { -readonly [K in Kind]: RetentionDays[K] } = { ...privacy.retentionDays }
    for (const { kind } of RETENTION_KINDS) {
      const parsed = parseRetentionInput(draft[kind])
      if (parsed.ok) days[kind] = parsed.days
      else found[kind] = parsed.problem
    }
    setProblems(found)
    const first = RETENTION_KINDS.find(({ kind }) => found[kind] !== undefined)
    if (first !== undefined) {
      document.getElementById(fieldId(first.kind))?.focus()
      return
    }
    saveSettings(() => setPrivacySettings(store, { ...privacy, retentionDays: days }))
  }

  const atDefaults = sameDays(privacy.retentionDays, DEFAULT_PRIVACY.retentionDays)
  const reset = () => {
    setProblems({})
    if (run(() => setPrivacySettings(store, { ...privacy, retentionDays: DEFAULT_PRIVACY.retentionDays }))) {
      toast({ tone: 'info', message: 'Retention is back to the defaults.' })
    }
  }

  return (
    <form className="retention" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Keep data for</h3>
      <p id={`${id}-rule`}>
        Whole days from 1 to {RETENTION_MAX_DAYS.toLocaleString('en')}; leave a field empty to keep that data
        until you delete it. Hearth’s cleanup applies these soon after you unlock and every 15 minutes:
        memories and facts not used for that long (a persona’s own “keep memories for” comes first for its
        memories), conversations with no new message, finished workflow runs, notifications. A memory with an
        expiry date goes when it comes. The Storage page shows what the last cleanup removed.
      </p>
      <FormError
        error={
          problemCount === 0
            ? null
            : `${formatCount(problemCount, 'field needs', 'fields need')} a fix before saving.`
        }
      />
      <div className="retention-grid">
        {RETENTION_KINDS.map(({ kind, label }) => {
          const problem = problems[kind]
          return (
            <UnitField
              key={kind}
              id={fieldId(kind)}
              label={label}
              unit="days"
              placeholder="forever"
              value={draft[kind]}
              aria-invalid={problem !== undefined}
              aria-describedby={`${fieldId(kind)}-default ${problem === undefined ? '' : `${fieldId(kind)}-problem`}`.trim()}
              onChange={(text) => setDraft((d) => ({ ...d, [kind]: text }))}
            >
              <small id={`${fieldId(kind)}-default`}>
                Default: {describeDays(DEFAULT_PRIVACY.retentionDays[kind])}
              </small>
              {problem !== undefined && (
                <small id={`${fieldId(kind)}-problem`} className="field-error">
                  {problem}
                </small>
              )}
            </UnitField>
          )
        })}
      </div>
      <div className="retention-actions">
        <button type="submit" className="button button-primary">
          Save retention
        </button>
        <button type="button" className="button" disabled={atDefaults} onClick={reset}>
          Reset to defaults
        </button>
      </div>
    </form>
  )
}
