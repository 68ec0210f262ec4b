/**
 * A cron-like schedule: five space-separated fields, minute hour day-of-month month day-of-week, each
 * `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma list of those. Weekdays are 0–7
 * (0 and 7 are Sunday). As in cron, when both day fields are restricted a day matches either.
 * Times are the browser's local time (a person writes "0 7 * * *" meaning 07:00 where they are).
 */
export type CronSchedule = {
  readonly minutes: ReadonlySet<number>
  readonly hours: ReadonlySet<number>
  readonly days: ReadonlySet<number>
  readonly months: ReadonlySet<number>
  readonly weekdays: ReadonlySet<number>
  readonly daysRestricted: boolean
  readonly weekdaysRestricted: boolean
}

const FIELDS = [
  { name: 'a minute', min: 0, max: 59 },
  { name: 'an hour', min: 0, max: 23 },
  { name: 'a day of the month', min: 1, max: 31 },
  { name: 'a month', min: 1, max: 12 },
  { name: 'a day of the week', min: 0, max: 7 },
] as const

export class CronError extends Error {
  override name = 'CronError'
}

const PART = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/

const parseField = (text: string, field: (typeof FIELDS)[number]): Set<number> => {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    const m = PART.exec(part)
    if (m === null) throw new CronError(`“${part}” is not ${field.name}.`)
    const star = m[1] === '*'
    const from = star ? field.min : Number(m[2])
    const to = star ? field.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? field.max : from
    const step = m[4] !== undefined ? Number(m[4]) : 1
    if (from < field.min || to > field.max) {
      throw new CronError(`“${part}”: ${field.name} goes from ${field.min} to ${field.max}.`)
    }
    if (from > to) throw new CronError(`“${part}”: a range goes from low to high.`)
    if (step < 1) throw new CronError(`“${part}”: a step must be at least 1.`)
    for (let v = from; v <= to; v += step) values.add(v)
  }
  return values
}

/** Parses a cron expression, or throws a `CronError` that says which field is wrong. */
export const parseCron = (expression: string): CronSchedule => {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 5) {
    throw new CronError(`It has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'}, not five.`)
  }
  const [minute, hour, day, month, weekday] = fields.map((text, i) => {
    const field = FIELDS[i]
    if (field === undefined) throw new CronError('A cron expression has five fields.')
    return parseField(text, field)
  }) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>]
  if (weekday.has(7)) weekday.add(0)
  return {
    minutes: minute,
    hours: hour,
    days: day,
    months: month,
    weekdays: weekday,
    daysRestricted: fields[2] !== '*',
    weekdaysRestricted: fields[4] !== '*',
  }
}

/** Why a cron expression is not valid, or null when it is. */
export const cronProblem = (expression: string): string | null => {
  try {
    parseCron(expression)
    return null
  } catch (error) {
    if (error instanceof CronError) return error.message
    throw error
  }
}

const dayMatches = (s: CronSchedule, date: Date) => {
  const day = s.days.has(date.getDate())
  const weekday = s.weekdays.has(date.getDay())
  if (s.daysRestricted && s.weekdaysRestricted) return day || weekday
  return day && weekday
}

/** How far ahead a next time is looked for ("0 0 30 2 *" never comes). */
const HORIZON_YEARS = 5

/**
 * The first moment strictly after `after` (epoch ms) that the schedule names, on a whole minute of
 * local time; null if none comes within five years (e.g. February 30th).
 */
export const nextCronTime = (schedule: CronSchedule, after: number): number | null => {
  const d = new Date(after)
  d.setSeconds(0, 0)
  d.setMinutes(d.getMinutes() + 1)
  const limit = new Date(after).getFullYear() + HORIZON_YEARS
  while (d.getFullYear() <= limit) {
    if (!schedule.months.has(d.getMonth() + 1)) {
      d.setMonth(d.getMonth() + 1, 1)
      d.setHours(0, 0, 0, 0)
      continue
    }
    if (!dayMatches(schedule, d)) {
      d.setDate(d.getDate() + 1)
      d.setHours(0, 0, 0, 0)
      continue
    }
    if (!schedule.hours.has(d.getHours())) {
      d.setHours(d.getHours() + 1, 0, 0, 0)
      continue
    }
    if (!schedule.minutes.has(d.getMinutes())) {
      d.setMinutes(d.getMinutes() + 1, 0, 0)
      continue
    }
    return d.getTime()
  }
  return null
}
