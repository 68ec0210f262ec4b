import { type FormEvent, useId, useState } from 'react'
import { setConsolidationSettings } from '../../commands/consolidation.ts'
import {
  consolidationRulesProblem,
  DEFAULT_CONSOLIDATION,
  PROPOSE_AT_MIN,
} from '../../lifecycle/consolidation.ts'
import type { ConsolidationSettings } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { FormError } from '../components/FormError.tsx'
import { UnitField, useSaveSettings } from './UnitField.tsx'

/** Whole percent as typed → a similarity 0–1 (NaN for anything else, which the rules refuse). */
const fraction = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) / 100 : Number.NaN)
const percent = (value: number) => String(Math.round(value * 100))

/**
 * When near-duplicate memories are proposed for merging, and the opt-in to let the lifecycle job
 * merge the closest ones itself (src/lifecycle/consolidation.ts). Remounted by the caller when the
 * stored values change.
 */
export const ConsolidationForm = ({ consolidation }: { consolidation: ConsolidationSettings }) => {
  const store = useAppStore()
  const saveSettings = useSaveSettings('Duplicate settings saved.')
  const id = useId()
  const [proposeAt, setProposeAt] = useState(percent(consolidation.proposeAt))
  const [autoMerge, setAutoMerge] = useState(consolidation.autoMerge)
  const [autoMergeAt, setAutoMergeAt] = useState(percent(consolidation.autoMergeAt))
  const [problem, setProblem] = useState<string | null>(null)

  const save = (e: FormEvent) => {
    e.preventDefault()
    const rules = { proposeAt: fraction(proposeAt), autoMerge, autoMergeAt: fraction(autoMergeAt) }
    const found = consolidationRulesProblem(rules) ?? null
    setProblem(found)
    if (found !== null) return
    saveSettings(() => setConsolidationSettings(store, rules))
  }

  return (
    <form className="retention" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Duplicate memories</h3>
      <p>
        Memories of one persona this similar in meaning are proposed as merges (Memories › Find duplicates);
        you accept or dismiss each. If you allow it, the cleanup job also merges the closest pairs by itself,
        keeping both memories’ links, tags and origins (facts are never merged automatically). Whole percent
        from {PROPOSE_AT_MIN * 100} to 100; defaults {percent(DEFAULT_CONSOLIDATION.proposeAt)} and{' '}
        {percent(DEFAULT_CONSOLIDATION.autoMergeAt)}.
      </p>
      <FormError error={problem} />
      <div className="retention-grid">
        <UnitField
          id={`${id}-propose`}
          label="Propose at"
          unit="%"
          value={proposeAt}
          onChange={setProposeAt}
        />
        <UnitField
          id={`${id}-auto`}
          label="Merge by itself at"
          unit="%"
          value={autoMergeAt}
          onChange={setAutoMergeAt}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={autoMerge} onChange={(e) => setAutoMerge(e.target.checked)} />
        Merge near-duplicates automatically
      </label>
      <div className="retention-actions">
        <button type="submit" className="button button-primary">
          Save duplicate settings
        </button>
      </div>
    </form>
  )
}
