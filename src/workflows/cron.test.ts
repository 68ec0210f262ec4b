import { describe, expect, test } from 'vitest'
import { cronProblem, nextCronTime, parseCron } from './cron.ts'

/** Local time, as a person reads a cron expression: `at(2026, 1, 5, 6, 59)` is 5 Jan 2026, 06:59. */
const at = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  new Date(year, month - 1, day, hour, minute).getTime()
const next = (expression: string, after: number) => {
  const t = nextCronTime(parseCron(expression), after)
  return t === null ? null : new Date(t).toString()
}
const when = (...args: Parameters<typeof at>) => new Date(at(...args)).toString()

describe('nextCronTime', () => {
  test('every day at 07:00: later today, or tomorrow once it has passed', () => {
    expect(next('0 7 * * *', at(2026, 1, 5, 6, 59))).toBe(when(2026, 1, 5, 7, 0))
    expect(next('0 7 * * *', at(2026, 1, 5, 7, 0))).toBe(when(2026, 1, 6, 7, 0))
    expect(next('0 7 * * *', at(2026, 1, 5, 7, 0) + 30_000)).toBe(when(2026, 1, 6, 7, 0))
  })

  test('steps, ranges and lists', () => {
    expect(next('*/15 * * * *', at(2026, 3, 1, 10, 7))).toBe(when(2026, 3, 1, 10, 15))
    expect(next('*/15 * * * *', at(2026, 3, 1, 10, 45))).toBe(when(2026, 3, 1, 11, 0))
    expect(next('0 8-18/5 * * *', at(2026, 3, 1, 13, 1))).toBe(when(2026, 3, 1, 18, 0))
    expect(next('5,35 9 * * *', at(2026, 3, 1, 9, 6))).toBe(when(2026, 3, 1, 9, 35))
  })

  test('weekdays: Friday evenings; 7 is Sunday too; weekdays only skip the weekend', () => {
    // 2026-01-05 is a Monday.
    expect(next('0 18 * * 5', at(2026, 1, 5))).toBe(when(2026, 1, 9, 18, 0))
    expect(next('0 9 * * 7', at(2026, 1, 5))).toBe(when(2026, 1, 11, 9, 0))
    expect(next('0 9 * * 1-5', at(2026, 1, 9, 10, 0))).toBe(when(2026, 1, 12, 9, 0))
  })

  test('day of month and month; both day fields restricted means either', () => {
    expect(next('0 0 1 * *', at(2026, 1, 15))).toBe(when(2026, 2, 1, 0, 0))
    expect(next('30 6 29 2 *', at(2026, 3, 1))).toBe(when(2028, 2, 29, 6, 30))
    // The 15th, or any Monday: from Tuesday 6 Jan the next Monday (12th) comes before the 15th.
    expect(next('0 12 15 * 1', at(2026, 1, 6))).toBe(when(2026, 1, 12, 12, 0))
  })

  test('a date that never comes has no next time', () => {
    expect(next('0 0 30 2 *', at(2026, 1, 1))).toBeNull()
  })
})

describe('cronProblem', () => {
  test.each([
    ['0 7 * * *', null],
    ['*/5 8-18 * * 1-5', null],
    ['every day', 'It has 2 fields, not five.'],
    ['0 7 * *', 'It has 4 fields, not five.'],
    ['60 7 * * *', '“60”: a minute goes from 0 to 59.'],
    ['0 24 * * *', '“24”: an hour goes from 0 to 23.'],
    ['0 7 0 * *', '“0”: a day of the month goes from 1 to 31.'],
    ['0 7 * 13 *', '“13”: a month goes from 1 to 12.'],
    ['0 7 * * 8', '“8”: a day of the week goes from 0 to 7.'],
    ['0 7 * * mon', '“mon” is not a day of the week.'],
    ['*/0 * * * *', '“*/0”: a step must be at least 1.'],
    ['0 9-5 * * *', '“9-5”: a range goes from low to high.'],
  ])('%s', (expression, problem) => {
    expect(cronProblem(expression)).toBe(problem)
  })
})
