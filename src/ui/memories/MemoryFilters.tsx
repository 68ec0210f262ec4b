import {
  MEMORY_TIERS,
  MEMORY_TYPES,
  type MemorySort,
  type MemoryTier,
  type MemoryType,
} from '../../schema/memories.ts'
import type { MemoryListState } from '../../schema/ui-state.ts'
import { Options } from '../components/Options.tsx'
import { dateInputToMs, msToDateInput } from '../format.ts'

type Props = { state: MemoryListState; onChange: (patch: Partial<MemoryListState>) => void }

const SORT_LABELS: Record<MemorySort, string> = {
  importance: 'Most important',
  recent: 'Recently used',
  newest: 'Newest',
  oldest: 'Oldest',
}

/** Every filter change goes back to the first page: page 7 of another filter means nothing. */
export const MemoryFilters = ({ state, onChange }: Props) => {
  const change = (patch: Partial<MemoryListState>) => onChange({ ...patch, page: 0 })
  const active =
    state.type !== null ||
    state.tier !== null ||
    state.minImportance > 0 ||
    state.createdFrom !== null ||
    state.createdTo !== null
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">Filter memories</legend>
      <label className="field">
        <span>Sort by</span>
        <select
          value={state.sort ?? 'importance'}
          onChange={(e) => change({ sort: e.target.value as MemorySort })}
        >
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Type</span>
        <select
          value={state.type ?? ''}
          onChange={(e) => change({ type: e.target.value === '' ? null : (e.target.value as MemoryType) })}
        >
          <Options values={MEMORY_TYPES} all="All types" />
        </select>
      </label>
      <label className="field">
        <span>Minimum importance</span>
        <input
          type="number"
          min={0}
          max={100}
          step={5}
          value={state.minImportance}
          onChange={(e) => change({ minImportance: Math.min(100, Math.max(0, Number(e.target.value) || 0)) })}
        />
      </label>
      <label className="field">
        <span>Tier</span>
        <select
          value={state.tier ?? ''}
          onChange={(e) => change({ tier: e.target.value === '' ? null : (e.target.value as MemoryTier) })}
        >
          <Options values={MEMORY_TIERS} all="All tiers" />
        </select>
      </label>
      <label className="field">
        <span>Created from</span>
        <input
          type="date"
          value={msToDateInput(state.createdFrom)}
          onChange={(e) => change({ createdFrom: dateInputToMs(e.target.value, 'start') })}
        />
      </label>
      <label className="field">
        <span>Created to</span>
        <input
          type="date"
          value={msToDateInput(state.createdTo)}
          onChange={(e) => change({ createdTo: dateInputToMs(e.target.value, 'end') })}
        />
      </label>
      <button
        type="button"
        className="button"
        disabled={!active}
        onClick={() =>
          change({ type: null, tier: null, minImportance: 0, createdFrom: null, createdTo: null })
        }
      >
        Clear filters
      </button>
    </fieldset>
  )
}
