import { useEffect, useState } from 'react'
import { describeCleanup } from '../../commands/lifecycle.ts'
import { lastCleanup$ } from '../../schema/lifecycle.ts'
import { type RecordCounts, recordCounts$ } from '../../schema/overview.ts'
import { settings$ } from '../../schema/settings.ts'
import {
  readStorageStatus,
  requestPersistentStorage,
  type StorageStatus,
} from '../../storage/storage-status.ts'
import { useAppStore } from '../../store/app-store.ts'
import { type UpdateCheck, useAppUpdate } from '../app-update/AppUpdate.tsx'
import { formatCount, formatDateTime, formatSize } from '../format.ts'
import { requestLifecycleRun } from '../lifecycle/lifecycle-job.ts'
import { hrefFor } from '../router.ts'
import './storage.css'

const KINDS: Array<{ key: keyof RecordCounts; one: string; many?: string }> = [
  { key: 'personas', one: 'persona' },
  { key: 'memories', one: 'memory', many: 'memories' },
  { key: 'memoryLinks', one: 'link between memories', many: 'links between memories' },
  { key: 'conversations', one: 'conversation' },
  { key: 'messages', one: 'message' },
  { key: 'workflows', one: 'workflow' },
  { key: 'runs', one: 'workflow run' },
  { key: 'documents', one: 'document' },
  { key: 'chunks', one: 'document chunk' },
  { key: 'notifications', one: 'notification' },
]

const CHECK_RESULT: Record<UpdateCheck, string> = {
  idle: '',
  checking: 'Checking…',
  downloading: 'A new version is on its way; Hearth says when it is ready.',
  'up-to-date': 'You have the latest version.',
  offline: 'You are offline; Hearth checks again when you are back.',
  failed: 'The check failed; Hearth tries again within the hour.',
}

/** The browser's figures, read again whenever the stored records change. */
const useStorageStatus = (counts: RecordCounts) => {
  const [status, setStatus] = useState<StorageStatus | null>(null)
  const [refresh, setRefresh] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: counts and refresh are triggers, not inputs.
  useEffect(() => {
    let live = true
    void readStorageStatus().then((s) => live && setStatus(s))
    return () => {
      live = false
    }
  }, [counts, refresh])
  return { status, reread: () => setRefresh((n) => n + 1) }
}

const PersistencePanel = ({ status, reread }: { status: StorageStatus; reread: () => void }) => {
  const [asked, setAsked] = useState<boolean | null>(null)
  const ask = async () => {
    setAsked(await requestPersistentStorage())
    reread()
  }
  return (
    <section className="panel" aria-labelledby="persist-title">
      <h2 id="persist-title">Keeping your data</h2>
      {status.persisted === true ? (
        <p>
          <span className="chip chip-ok">Persistent</span> The browser keeps Hearth’s data even when the disk
          runs low; only you can delete it (by clearing this site’s data).
        </p>
      ) : (
        <>
          <p>
            <span className="chip chip-warn">Not persistent</span> When the disk runs low, the browser may
            clear Hearth’s data without asking — everything here, since it lives only in this browser.
          </p>
          <p className="muted">
            Installing Hearth as an app and using it often makes the browser more willing to keep it.
          </p>
          <div className="panel-actions">
            <button type="button" className="button button-primary" onClick={() => void ask()}>
              Ask the browser to keep my data
            </button>
          </div>
          {asked === false && (
            <p role="status" className="muted">
              The browser said no for now. It decides by itself (installed apps and sites you use often get a
              yes); try again after installing Hearth.
            </p>
          )}
        </>
      )}
    </section>
  )
}

const UsagePanel = ({ status, counts }: { status: StorageStatus; counts: RecordCounts }) => {
  const { usage, quota, opfsBytes } = status
  const share = usage !== null && quota !== null && quota > 0 ? usage / quota : null
  return (
    <section className="panel" aria-labelledby="usage-title">
      <h2 id="usage-title">Space used</h2>
      {usage !== null && quota !== null ? (
        <>
          <p>
            {formatSize(usage)} of {formatSize(quota)} available to Hearth
            {share !== null && ` (${share < 0.001 ? '< 0.1' : (share * 100).toFixed(1)} %)`}.
          </p>
          <meter
            className="usage-meter"
            aria-label="Space used"
            min={0}
            max={quota}
            value={usage}
            high={quota * 0.8}
          />
        </>
      ) : (
        <p className="muted">This browser does not say how much space Hearth uses.</p>
      )}
      {opfsBytes !== null && <p>The database (event log and tables): {formatSize(opfsBytes)}.</p>}
      <h3>What is stored</h3>
      <ul className="record-counts" aria-label="Stored records">
        {KINDS.map(({ key, one, many }) => (
          <li key={key}>{formatCount(counts[key], one, many)}</li>
        ))}
      </ul>
    </section>
  )
}

/** After this long without a backup, the Storage page says so. */
export const BACKUP_NUDGE_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

const BackupStatusPanel = ({ lastBackupAt, hasData }: { lastBackupAt: number | null; hasData: boolean }) => {
  const [now] = useState(() => Date.now())
  const overdue = hasData && (lastBackupAt === null || now - lastBackupAt > BACKUP_NUDGE_DAYS * DAY_MS)
  return (
    <section className="panel" aria-labelledby="backup-status-title">
      <h2 id="backup-status-title">Backups</h2>
      <p>
        {overdue && <span className="chip chip-warn">Back up soon</span>}{' '}
        {lastBackupAt === null
          ? 'No backup has been made on this device yet.'
          : `Last backup: ${formatDateTime(lastBackupAt)}.`}
        {overdue &&
          ` If this browser’s data were cleared, everything since ${lastBackupAt === null ? 'the start' : 'then'} would be lost.`}
      </p>
      <div className="panel-actions">
        <a className={`button${overdue ? ' button-primary' : ''}`} href={hrefFor({ screen: 'backup' })}>
          Back up or restore
        </a>
      </div>
    </section>
  )
}

const AppPanel = () => {
  const { offlineReady, updateReady, checkForUpdate, lastCheck } = useAppUpdate()
  return (
    <section className="panel" aria-labelledby="app-title">
      <h2 id="app-title">This app</h2>
      <p>Hearth {__APP_VERSION__}.</p>
      <p>
        {offlineReady
          ? 'Works offline: the whole app is stored in this browser and opens without a network.'
          : 'Not yet available offline: it will be once this page has finished loading with a network.'}
      </p>
      <div className="panel-actions">
        <button
          type="button"
          className="button"
          onClick={() => void checkForUpdate()}
          disabled={lastCheck === 'checking'}
        >
          Check for updates
        </button>
      </div>
      <p role="status" className="muted">
        {updateReady ? 'A new version is ready: see the notice at the top.' : CHECK_RESULT[lastCheck]}
      </p>
    </section>
  )
}

/** What the lifecycle job's last cleanup removed, and a way to run it now (in whichever tab runs it). */
const CleanupPanel = () => {
  const store = useAppStore()
  const last = store.useQuery(lastCleanup$)
  const [asked, setAsked] = useState(false)
  return (
    <section className="panel" aria-labelledby="cleanup-title">
      <h2 id="cleanup-title">Cleanup</h2>
      <p role="status" data-testid="last-cleanup">
        {last === undefined
          ? 'No cleanup has removed anything yet.'
          : `Cleanup removed ${describeCleanup(last)} on ${formatDateTime(last.ranAt)}.`}
      </p>
      <p className="muted">
        Soon after you unlock and every 15 minutes, one Hearth tab removes what is older than Settings ›
        Privacy keeps and memories whose expiry date has come, and moves memories between hot, warm and cold.
      </p>
      <div className="panel-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            requestLifecycleRun()
            setAsked(true)
          }}
        >
          Clean up now
        </button>
      </div>
      {asked && <p className="muted">Asked; what it removes shows above.</p>}
    </section>
  )
}

/** Where a person sees how safe and how big their data is, and which version they run. */
export const StorageScreen = () => {
  const store = useAppStore()
  const counts = store.useQuery(recordCounts$)
  const { status, reread } = useStorageStatus(counts)
  const { lastBackupAt } = store.useQuery(settings$)
  const hasData = Object.values(counts).some((n) => n > 0)
  return (
    <section className="screen storage" aria-labelledby="storage-title">
      <div className="screen-header">
        <h1 id="storage-title">Storage</h1>
      </div>
      <p className="screen-lead">Everything Hearth stores stays in this browser, on this device.</p>
      <BackupStatusPanel lastBackupAt={lastBackupAt} hasData={hasData} />
      {status === null ? (
        <p className="muted">Reading what the browser reports…</p>
      ) : (
        <>
          <PersistencePanel status={status} reread={reread} />
          <UsagePanel status={status} counts={counts} />
        </>
      )}
      <CleanupPanel />
      <AppPanel />
    </section>
  )
}
