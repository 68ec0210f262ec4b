import { useSyncExternalStore } from 'react'
import { bootStatus } from '../../store/boot-status.ts'

const STAGE_TEXT: Record<string, string> = {
  loading: 'Opening your data…',
  migrating: 'Updating the database layout…',
  rehydrating: 'Rebuilding your data after an update…',
  syncing: 'Syncing…',
  done: 'Ready',
  warning: 'Opening your data…',
}

/** Shown while the store boots; after an app update that changed tables it shows rebuild progress. */
export const BootScreen = () => {
  const status = useSyncExternalStore(bootStatus.subscribe, bootStatus.get)
  const stage = status?.stage ?? 'loading'
  const progress = status !== undefined && 'progress' in status ? status.progress : undefined
  return (
    <main className="boot" aria-busy="true">
      <div className="boot-logo" aria-hidden="true">
        🔥
      </div>
      <p className="boot-text" role="status">
        {STAGE_TEXT[stage]}
      </p>
      {progress !== undefined && progress.total > 0 && (
        <progress
          className="boot-progress"
          max={progress.total}
          value={progress.done}
          aria-label={`${progress.done} of ${progress.total}`}
        />
      )}
    </main>
  )
}
