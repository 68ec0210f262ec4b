import { type FormEvent, useId, useState } from 'react'
import { BackupError } from '../../backup/backup-error.ts'
import { collectSections } from '../../backup/collect.ts'
import {
  buildExport,
  type ExportFile,
  type ExportScope,
  exportFileName,
  MAX_EXPORT_BYTES,
  onePersona,
  parseExport,
} from '../../backup/plain-export.ts'
import { inspectSections, restoreSections, type Tally } from '../../backup/restore.ts'
import { allPersonas$, personaFields } from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { FormError } from '../components/FormError.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { formatDateTime, formatSize } from '../format.ts'
import { useOpened, useVault } from '../vault/vault-session.tsx'
import { downloadBlob } from './backup-file.ts'
import { describeTally, tallyTotal } from './RestoreCheck.tsx'

const EVERYTHING = ''

/** Export everything, or one persona with what is its own, as readable JSON without secrets. */
const ExportForm = () => {
  const store = useAppStore()
  const { key } = useVault()
  const personas = useOpened(store.useQuery(allPersonas$), personaFields.open)
  const [choice, setChoice] = useState(EVERYTHING)
  const [done, setDone] = useState<string | null>(null)
  const { busy, error, run } = usePendingAction()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setDone(null)
    void run(async () => {
      const persona = personas.find((p) => p.id === choice)
      const scope: ExportScope =
        persona === undefined
          ? { kind: 'everything' }
          : { kind: 'persona', personaId: persona.id, name: persona.name }
      const all = collectSections(store, key, { secrets: false })
      const now = Date.now()
      const { parts, counts } = await buildExport(
        scope.kind === 'persona' ? onePersona(all, scope.personaId) : all,
        {
          exportedAt: now,
          appVersion: __APP_VERSION__,
          scope,
        },
      )
      const blob = new Blob(parts, { type: 'application/json' })
      downloadBlob(blob, exportFileName(scope, now))
      const lines = describeTally(counts as Tally)
      setDone(`Exported ${lines.length > 0 ? lines.join(', ') : 'nothing yet'} (${formatSize(blob.size)}).`)
    })
  }

  return (
    <form className="form" onSubmit={submit} aria-busy={busy}>
      <label className="field">
        <span>What to export</span>
        <select value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value={EVERYTHING}>Everything</option>
          {personas.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}, with its memories and conversations
            </option>
          ))}
        </select>
      </label>
      <FormError error={error} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Exporting…' : 'Export as JSON'}
      </button>
      {done !== null && <p role="status">{done}</p>}
    </form>
  )
}

type CheckedExport = { file: ExportFile; fileName: string; counts: Tally }

/** Read an export file, check every record, show what it holds, then merge it in. */
const ImportForm = () => {
  const store = useAppStore()
  const { key } = useVault()
  const inputId = useId()
  const [checked, setChecked] = useState<CheckedExport | null>(null)
  const [summary, setSummary] = useState<string | null>(null)
  const { busy, error, setError, run } = usePendingAction()

  const check = (file: File | undefined) => {
    setSummary(null)
    setChecked(null)
    if (file === undefined) return
    void run(async () => {
      if (file.size > MAX_EXPORT_BYTES) {
        throw new BackupError(
          'too-large',
          `This file is ${formatSize(file.size)}; an export file may be at most ${formatSize(MAX_EXPORT_BYTES)}. Nothing was changed.`,
        )
      }
      const parsed = parseExport(await file.text())
      const { counts } = await inspectSections(parsed.sections())
      setChecked({ file: parsed, fileName: file.name, counts })
    })
  }

  const merge = () => {
    if (checked === null) return
    setError(null)
    void run(async () => {
      const { added, kept } = await restoreSections(store, key, checked.file.sections(), { mode: 'merge' })
      const addedLines = describeTally(added)
      setSummary(
        `Imported: added ${tallyTotal(added)} record${tallyTotal(added) === 1 ? '' : 's'}${
          addedLines.length > 0 ? ` (${addedLines.join(', ')})` : ''
        }, kept ${tallyTotal(kept)} already here.`,
      )
      setChecked(null)
    })
  }

  const lines = checked === null ? [] : describeTally(checked.counts)
  return (
    <div className="form" aria-busy={busy}>
      <label className="field" htmlFor={inputId}>
        <span>Import an export file</span>
      </label>
      <input
        id={inputId}
        type="file"
        accept=".json,application/json"
        disabled={busy}
        onChange={(e) => check(e.target.files?.[0])}
      />
      {checked !== null && (
        <div className="backup-preview" role="status">
          <p>
            <span className="chip chip-ok">Checked</span> <strong>{checked.fileName}</strong>
            {checked.file.scope.kind === 'persona' ? `: the persona ${checked.file.scope.name}` : ''},
            exported{' '}
            {checked.file.exportedAt === ''
              ? 'at an unknown time'
              : formatDateTime(Date.parse(checked.file.exportedAt))}
            . Every record is readable.
          </p>
          <ul className="record-counts" aria-label="In this export">
            {lines.length === 0 ? <li>No records</li> : lines.map((line) => <li key={line}>{line}</li>)}
          </ul>
          <div className="panel-actions">
            <button type="button" className="button button-primary" disabled={busy} onClick={merge}>
              {busy ? 'Importing…' : 'Add to Hearth'}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setChecked(null)}>
              Cancel
            </button>
          </div>
          <p className="muted">Records already here are kept as they are; the others are added.</p>
        </div>
      )}
      <FormError error={error} />
      {summary !== null && <p role="status">{summary}</p>}
    </div>
  )
}

/** Backup screen: the plain JSON export of one's own data, and importing such a file back. */
export const PlainExportPanel = () => (
  <section className="panel" aria-labelledby="export-title">
    <h2 id="export-title">Export as JSON</h2>
    <p>
      A readable file of your own data, to keep, inspect or take elsewhere: everything, or one persona with
      its memories, conversations, workflows and documents. It is <strong>not encrypted</strong> and holds no
      API keys and no vault key. Format: docs/EXPORT_FORMAT.md.
    </p>
    <ExportForm />
    <ImportForm />
  </section>
)
