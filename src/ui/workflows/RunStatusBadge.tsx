import type { RunStatus } from '../../schema/workflows.ts'

const LABELS: Record<RunStatus, string> = {
  pending: 'Waiting',
  running: 'Running',
  success: 'Succeeded',
  error: 'Failed',
  cancelled: 'Cancelled',
}

/** A run's status in words and colour (the words carry it; the colour only helps). */
export const RunStatusBadge = ({ status }: { status: RunStatus }) => (
  <span className={`run-status run-status-${status}`}>{LABELS[status]}</span>
)
