import { expect, test } from 'vitest'
import { triggerSummary } from './trigger-summary.ts'

test('triggers read as sentences', () => {
  expect(triggerSummary({ kind: 'manual' })).toBe('Runs when you start it')
  expect(triggerSummary({ kind: 'event', event: 'memory.created' })).toBe('Runs on “memory.created”')
  // An event from older data that nothing announces says so, rather than promising runs.
  expect(triggerSummary({ kind: 'event', event: 'app.opened' })).toBe(
    'Waits for “app.opened”, which this version of Hearth does not announce',
  )
  expect(triggerSummary({ kind: 'schedule', everyMinutes: 90, cron: null })).toBe('Runs every 90 minutes')
  expect(triggerSummary({ kind: 'schedule', everyMinutes: 120, cron: null })).toBe('Runs every 2 hours')
  expect(triggerSummary({ kind: 'schedule', everyMinutes: 1440, cron: null })).toBe('Runs every day')
  expect(triggerSummary({ kind: 'schedule', everyMinutes: null, cron: '0 7 * * *' })).toBe(
    'Runs every day at 07:00',
  )
  expect(triggerSummary({ kind: 'schedule', everyMinutes: null, cron: '30 18 * * 5' })).toBe(
    'Runs every Friday at 18:30',
  )
  expect(triggerSummary({ kind: 'schedule', everyMinutes: null, cron: '0 9 * * 1-5' })).toBe(
    'Runs weekdays at 09:00',
  )
  expect(triggerSummary({ kind: 'schedule', everyMinutes: null, cron: '*/15 * * * *' })).toBe(
    'Runs on the schedule “*/15 * * * *”',
  )
})
