import type { WorkflowTrigger } from '../schema/workflows.ts'
import { nextCronTime, parseCron } from './cron.ts'

const MINUTE = 60_000

/**
 * When a trigger next fires after `now`: an interval counts from `now` (the run that is starting,
 * or the moment the schedule was switched on); a cron expression names its next minute. Null for
 * triggers that are not schedules, and for a cron expression that never comes.
 */
export const nextRunTime = (trigger: WorkflowTrigger, now: number): number | null => {
  if (trigger.kind !== 'schedule') return null
  if (trigger.cron !== null) return nextCronTime(parseCron(trigger.cron), now)
  if (trigger.everyMinutes === null) return null
  return now + trigger.everyMinutes * MINUTE
}

/** What the scheduler knows of a workflow: whether it is on, its trigger, its next run. */
export type SchedulableWorkflow = {
  readonly id: string
  readonly enabled: boolean
  readonly trigger: WorkflowTrigger
  readonly nextRunAt: number | null
}

export type SchedulePlan = {
  /** Workflows whose next run must be (re)computed: a schedule switched on, edited, or not a schedule any more. */
  readonly reschedule: ReadonlyArray<{ id: string; nextRunAt: number | null }>
  /** Workflows whose time has come: start one run each and move `nextRunAt` on to the given time. */
  readonly due: ReadonlyArray<{ id: string; nextRunAt: number | null }>
  /** When to look again (the earliest next run), or null when nothing is scheduled. */
  readonly wakeAt: number | null
}

/**
 * One look at the workflows at `now`. A schedule missed while no tab was open runs once (not once
 * per missed tick), and its next run counts from now. A workflow that is off, or whose trigger is no
 * schedule, has no next run. A cron expression that cannot be read (an older version's data) gets
 * none either, rather than stopping the others.
 */
export const planSchedule = (workflows: ReadonlyArray<SchedulableWorkflow>, now: number): SchedulePlan => {
  const reschedule: Array<{ id: string; nextRunAt: number | null }> = []
  const due: Array<{ id: string; nextRunAt: number | null }> = []
  let wakeAt: number | null = null
  const wake = (at: number | null) => {
    if (at !== null && (wakeAt === null || at < wakeAt)) wakeAt = at
  }
  const next = (trigger: WorkflowTrigger) => {
    try {
      return nextRunTime(trigger, now)
    } catch {
      return null
    }
  }
  for (const w of workflows) {
    const scheduled = w.enabled && w.trigger.kind === 'schedule'
    if (!scheduled) {
      if (w.nextRunAt !== null) reschedule.push({ id: w.id, nextRunAt: null })
      continue
    }
    if (w.nextRunAt === null) {
      const at = next(w.trigger)
      if (at !== null) reschedule.push({ id: w.id, nextRunAt: at })
      wake(at)
    } else if (w.nextRunAt <= now) {
      const at = next(w.trigger)
      due.push({ id: w.id, nextRunAt: at })
      wake(at)
    } else {
      wake(w.nextRunAt)
    }
  }
  return { reschedule, due, wakeAt }
}
