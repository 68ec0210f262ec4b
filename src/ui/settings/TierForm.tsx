import { type FormEvent, useId, useState } from 'react'
import { setLifecycleSettings } from '../../commands/lifecycle.ts'
import { DEFAULT_TIER_RULES, TIER_DAYS_MAX, tierRulesProblem } from '../../lifecycle/tiers.ts'
import type { LifecycleSettings } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { FormError } from '../components/FormError.tsx'
import { UnitField, useSaveSettings } from './UnitField.tsx'

const wholeDays = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN)

/**
 * When memories move between hot, warm and cold (src/lifecycle/tiers.ts). Typed as text, like the
 * retention days, so "abc" is an error to read rather than an empty field. Remounted by the caller
 * when the stored values change.
 */
export const TierForm = ({ lifecycle }: { lifecycle: LifecycleSettings }) => {
  const store = useAppStore()
  const saveSettings = useSaveSettings('Memory tiers saved.')
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
    saveSettings(() => setLifecycleSettings(store, rules))
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
        <UnitField id={`${id}-hot`} label="Hot for" unit="days" value={hot} onChange={setHot} />
        <UnitField id={`${id}-cold`} label="Cold after" unit="days" value={cold} onChange={setCold} />
      </div>
      <div className="retention-actions">
        <button type="submit" className="button button-primary">
          Save tiers
        </button>
      </div>
    </form>
  )
}
