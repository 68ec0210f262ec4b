import { useState } from 'react'
import { commitBatches } from '../../commands/bulk.ts'
import { sampleRowCount } from '../../sample/generate.ts'
import { presetOptions, SAMPLE_PRESETS, type SamplePresetName } from '../../sample/presets.ts'
import { sealedSample } from '../../sample/seal-batch.ts'
import { useAppStore } from '../../store/app-store.ts'
import { useToast } from '../components/Toasts.tsx'
import { useDataKey } from '../vault/vault-session.tsx'

type Progress = { done: number; total: number; label: string }

/** Loads realistic sample data through batch events, showing saved progress. */
export const SampleDataPanel = () => {
  const store = useAppStore()
  const key = useDataKey()
  const toast = useToast()
  const [preset, setPreset] = useState<SamplePresetName>('small')
  const [progress, setProgress] = useState<Progress | null>(null)

  const load = async () => {
    // A new seed each time: loading twice adds a second, different set instead of clashing ids.
    const options = presetOptions(preset, Date.now() % 1_000_000_000, Date.now())
    const total = sampleRowCount(options)
    setProgress({ done: 0, total, label: 'Starting…' })
    const started = performance.now()
    try {
      const rows = await commitBatches(store, sealedSample(key, options), (done, label) =>
        setProgress({ done, total, label }),
      )
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      toast({
        tone: 'info',
        message: `Sample data loaded: ${rows.toLocaleString('en')} records in ${seconds} s.`,
      })
    } catch (error) {
      toast({
        tone: 'error',
        message: `Loading sample data failed: ${error instanceof Error ? error.message : String(error)}`,
      })
    } finally {
      setProgress(null)
    }
  }

  return (
    <section className="panel" aria-labelledby="sample-title">
      <h2 id="sample-title">Try it with sample data</h2>
      <p>
        Adds personas with memories, conversations and workflows written like real ones. Each batch of rows is
        one event, so the large set (100,000 memories) loads in a minute or two, not the quarter of an hour
        one event per row would take.
      </p>
      <div className="form-row">
        <label className="field">
          <span>Size</span>
          <select
            value={preset}
            disabled={progress !== null}
            onChange={(e) => setPreset(e.target.value as SamplePresetName)}
          >
            {Object.entries(SAMPLE_PRESETS).map(([name, p]) => (
              <option key={name} value={name}>
                {name} — {p.memories.toLocaleString('en')} memories
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={progress !== null}
          onClick={() => void load()}
        >
          Load sample data
        </button>
      </div>
      {progress !== null && (
        <div className="progress-block">
          <progress max={progress.total} value={progress.done} aria-label="Sample data saved" />
          <span role="status">
            Saved {progress.done.toLocaleString('en')} of {progress.total.toLocaleString('en')} records (
            {progress.label})
          </span>
        </div>
      )}
    </section>
  )
}
