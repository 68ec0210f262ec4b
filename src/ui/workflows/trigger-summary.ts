import { WATCHED_EVENT_NAMES, type WorkflowTrigger } from '../../schema/workflows.ts'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const pad = (n: string) => n.padStart(2, '0')

/** "every day at 07:00" for the common cron shapes; the expression itself otherwise. */
const describeCron = (cron: string): string => {
  const [minute, hour, day, month, weekday] = cron.trim().split(/\s+/)
  const fixedTime = /^\d+$/.test(minute ?? '') && /^\d+$/.test(hour ?? '')
  if (fixedTime && day === '*' && month === '*') {
    const time = `${pad(hour ?? '')}:${pad(minute ?? '')}`
    if (weekday === '*') return `every day at ${time}`
    if (weekday === '1-5') return `weekdays at ${time}`
    const name = /^\d$/.test(weekday ?? '') ? WEEKDAYS[Number(weekday) % 7] : undefined
    if (name !== undefined) return `every ${name} at ${time}`
  }
  return `on the schedule “${cron}”`
}

const describeEvery = (minutes: number) => {
  if (minutes % (24 * 60) === 0)
    return minutes === 24 * 60 ? 'every day' : `every ${minutes / (24 * 60)} days`
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`
}

/** When a workflow runs, in words: "Runs every day at 07:00", "Runs on “document.imported”". */
export const triggerSummary = (trigger: WorkflowTrigger): string => {
  switch (trigger.kind) {
    case 'manual':
      return 'Runs when you start it'
    case 'event':
      return (WATCHED_EVENT_NAMES as ReadonlyArray<string>).includes(trigger.event)
        ? `Runs on “${trigger.event}”`
        : `Waits for “${trigger.event}”, which this version of Hearth does not announce`
    case 'schedule':
      if (trigger.cron !== null) return `Runs ${describeCron(trigger.cron)}`
      return trigger.everyMinutes === null ? 'Scheduled' : `Runs ${describeEvery(trigger.everyMinutes)}`
  }
}
