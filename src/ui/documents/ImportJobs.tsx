import { formatCount, formatSize } from '../format.ts'
import type { ImportJob } from './use-document-import.ts'

/** How far along a file is, 0–100: reading is quick, a PDF's pages are most of the work. */
export const progressOf = (job: ImportJob) => {
  switch (job.status) {
    case 'waiting':
      return 0
    case 'reading':
      return 5
    case 'extracting':
      return job.page === null || job.pages === null ? 5 : Math.round(5 + (85 * job.page) / job.pages)
    case 'saving':
      return 95
    default:
      return 100
  }
}

/** What a file's progress bar says in words (also its `aria-valuetext`). */
export const statusText = (job: ImportJob) => {
  switch (job.status) {
    case 'waiting':
      return 'Waiting'
    case 'reading':
      return 'Reading the file'
    case 'extracting':
      return `Extracting text: page ${job.page ?? 1} of ${job.pages ?? 1}`
    case 'saving':
      return 'Saving'
    case 'done':
      return `Imported: ${formatCount(job.chunkCount ?? 0, 'chunk')}`
    case 'failed':
      return 'Not imported'
  }
}

const isFinished = (job: ImportJob) => job.status === 'done' || job.status === 'failed'

/** The summary read out when every file has finished. */
const summaryOf = (jobs: ReadonlyArray<ImportJob>) => {
  const done = jobs.filter((j) => j.status === 'done').length
  const failed = jobs.length - done
  if (failed === 0) return `${formatCount(done, 'file')} imported.`
  return `${done} of ${formatCount(jobs.length, 'file')} imported; ${failed} could not be imported.`
}

/** Every file of this visit's imports: a progress bar while it runs, then its result or its error. */
export const ImportJobs = ({ jobs, onClear }: { jobs: ReadonlyArray<ImportJob>; onClear: () => void }) => {
  if (jobs.length === 0) return null
  const finished = jobs.every(isFinished)
  return (
    <section className="panel import-jobs" aria-labelledby="import-jobs-title">
      <div className="import-jobs-head">
        <h2 id="import-jobs-title">{finished ? 'Import finished' : 'Importing'}</h2>
        <p className="meta" role="status">
          {finished ? summaryOf(jobs) : ''}
        </p>
        {jobs.some(isFinished) && (
          <button type="button" className="button button-small" onClick={onClear}>
            Clear
          </button>
        )}
      </div>
      <ul className="import-job-list" aria-label="Files">
        {jobs.map((job) => (
          <li key={job.id} className={`import-job import-job-${job.status}`} aria-label={job.name}>
            <div className="import-job-head">
              <span className="import-job-name" id={`import-job-${job.id}`}>
                {job.name}
              </span>
              <span className="meta">{formatSize(job.size)}</span>
            </div>
            {job.status === 'failed' ? (
              <div className="form-error" role="alert">
                {job.error}
              </div>
            ) : (
              <>
                <progress
                  max={100}
                  value={progressOf(job)}
                  aria-labelledby={`import-job-${job.id}`}
                  aria-valuetext={statusText(job)}
                />
                <p className="meta import-job-status">{statusText(job)}</p>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
