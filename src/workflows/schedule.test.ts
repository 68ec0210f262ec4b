import { describe, expect, test } from 'vitest'
import type { WorkflowTrigger } from '../schema/workflows.ts'
import { nextRunTime, planSchedule, type SchedulableWorkflow } from './schedule.ts'

const MINUTE = 60_000
const NOW = new Date(2026, 0, 5, 9, 30).getTime()
const every = (minutes: number): WorkflowTrigger => ({ kind: 'schedule', everyMinutes: minutes, cron: null })
const cron = (expression: string): WorkflowTrigger => ({
  kind: 'schedule',
  everyMinutes: null,
  cron: expression,
})
const workflow = (
  over: Partial<SchedulableWorkflow> & Pick<SchedulableWorkflow, 'id'>,
): SchedulableWorkflow => ({
  enabled: true,
  trigger: every(10),
  nextRunAt: null,
  ...over,
})

describe('nextRunTime', () => {
  test('an interval counts from now; a cron expression names its next minute; other triggers have none', () => {
    expect(nextRunTime(every(15), NOW)).toBe(NOW + 15 * MINUTE)
    expect(nextRunTime(cron('0 10 * * *'), NOW)).toBe(new Date(2026, 0, 5, 10, 0).getTime())
    expect(nextRunTime({ kind: 'manual' }, NOW)).toBeNull()
    expect(nextRunTime({ kind: 'event', event: 'memory.created' }, NOW)).toBeNull()
  })
})

describe('planSchedule', () => {
  test('a schedule switched on gets its first next run and is not due yet', () => {
    const plan = planSchedule([workflow({ id: 'a', trigger: every(10) })], NOW)
    expect(plan).toEqual({
      reschedule: [{ id: 'a', nextRunAt: NOW + 10 * MINUTE }],
      due: [],
      wakeAt: NOW + 10 * MINUTE,
    })
  })

  test('due at its time: one run, and the next run moves on from now', () => {
    const plan = planSchedule([workflow({ id: 'a', nextRunAt: NOW })], NOW)
    expect(plan.due).toEqual([{ id: 'a', nextRunAt: NOW + 10 * MINUTE }])
    expect(plan.reschedule).toEqual([])
    // A minute early it is not due; the scheduler wakes at its time.
    expect(planSchedule([workflow({ id: 'a', nextRunAt: NOW + MINUTE })], NOW)).toEqual({
      reschedule: [],
      due: [],
      wakeAt: NOW + MINUTE,
    })
  })

  test('missed for hours while no tab was open: runs once, not once per missed tick', () => {
    const plan = planSchedule([workflow({ id: 'a', nextRunAt: NOW - 300 * MINUTE })], NOW)
    expect(plan.due).toEqual([{ id: 'a', nextRunAt: NOW + 10 * MINUTE }])
  })

  test('switched off, or no longer a schedule: the next run is cleared and nothing is due', () => {
    const plan = planSchedule(
      [
        workflow({ id: 'off', enabled: false, nextRunAt: NOW - MINUTE }),
        workflow({ id: 'manual', trigger: { kind: 'manual' }, nextRunAt: NOW - MINUTE }),
        workflow({ id: 'quiet', enabled: false }),
      ],
      NOW,
    )
    expect(plan).toEqual({
      reschedule: [
        { id: 'off', nextRunAt: null },
        { id: 'manual', nextRunAt: null },
      ],
      due: [],
      wakeAt: null,
    })
  })

  test('wakes for the earliest of several; an unreadable cron expression stops only its own workflow', () => {
    const plan = planSchedule(
      [
        workflow({ id: 'later', nextRunAt: NOW + 30 * MINUTE }),
        workflow({ id: 'soon', nextRunAt: NOW + 2 * MINUTE }),
        workflow({ id: 'broken', trigger: cron('not a cron') }),
      ],
      NOW,
    )
    expect(plan).toEqual({ reschedule: [], due: [], wakeAt: NOW + 2 * MINUTE })
  })
})
