import { type FormEvent, useId, useState } from 'react'
import { setLifecycleSettings } from '../../commands/lifecycle.ts'
import { DEFAULT_TIER_RULES, TIER_DAYS_MAX, tierRulesProblem } from '../../lifecycle/tiers.ts'
import type { LifecycleSettings } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { FormError } from '../components/FormError.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'

const wholeDays = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN)

const DaysField = (props: { id: string; label: string; value: string; onChange: (text: string) => void }) => (
  <div className="field retention-field">
    <label htmlFor={props.id}>{props.label}</label>
    <span className="retention-input">
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span aria-hidden="true">days</span>
    </span>
  </div>
)

/**
 * When memories move between hot, warm and cold (src/lifecycle/tiers.ts). Typed as text, like the
 * retention days, so "abc" is an error to read rather than an empty field. Remounted by the caller
 * when the stored values change.
 */
export const TierForm = ({ lifecycle }: { lifecycle: LifecycleSettings }) => {
  const store = useAppStore()
  const run = useCommand()
  const toast = useToast()
  const id = useId()
  const [hot, setHot] = useState(String(lifecycle.hotDays))
  const [cold, setCold] = useState(String(lifecycle.coldDays))
  const [problem, setProblem] = useState<string | null>(null)

  const save = (e: FormEvent) => {
    e.preventDefault()
    const rules = { hotDays: wholeDays(hot), coldDays: wholeDays(cold) }
    const found = tierRulesProblem(rules) ?? null
    setProblem(found)
    if (found !== null) return
    let changed = false
    if (run(() => (changed = setLifecycleSettings(store, rules)))) {
      toast({
        tone: 'info',
        message: changed ? 'Memory tiers saved.' : 'No change: these are already the saved values.',
      })
    }
  }

  return (
    <form className="retention" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Memory tiers</h3>
      <p>
        A memory is <strong>hot</strong> while you used it in the last days below, <strong>warm</strong> until
        the cold threshold, then <strong>cold</strong>: stored compressed, and read like any other. Important
        memories stay up to twice as long (importance 100). Using a memory makes it hot again. Whole days from
        1 to {TIER_DAYS_MAX.toLocaleString('en')}; defaults {DEFAULT_TIER_RULES.hotDays} and{' '}
        {DEFAULT_TIER_RULES.coldDays}.
      </p>
      <FormError error={problem} />
      <div className="retention-grid">
        <DaysField id={`${id}-hot`} label="Hot for" value={hot} onChange={setHot} />
        <DaysField id={`${id}-cold`} label="Cold after" value={cold} onChange={setCold} />
      </div>
      <div className="retention-actions">
        <button type="submit" className="button button-primary">
          Save tiers
        </button>
      </div>
    </form>
  )
}
