/**
 * Usage and cost per model per day, from the messages' own figures. The store groups the rows
 * (`usageByDay$`); this turns them into what the usage page shows: days newest first, and totals per
 * model and overall that are exactly the sums of the rows.
 */
export type UsageRow = {
  /** Days since 1970-01-01 in the person's time zone (see `dayNumber`). */
  readonly day: number
  readonly model: string
  readonly replies: number
  readonly inputTokens: number
  readonly outputTokens: number
  /** Sum of the replies' costs that are known. */
  readonly cost: number
  /** Replies whose cost is unknown (no price for the model, or no token counts). */
  readonly unpriced: number
}

export type UsageTotals = Omit<UsageRow, 'day' | 'model'>

export type UsageReport = {
  readonly days: ReadonlyArray<{
    readonly day: number
    readonly rows: ReadonlyArray<UsageRow>
    readonly total: UsageTotals
  }>
  readonly byModel: ReadonlyArray<{ readonly model: string } & UsageTotals>
  readonly total: UsageTotals
}

const DAY_MS = 86_400_000

/** The local day of a moment: `tzOffsetMinutes` is `Date#getTimezoneOffset()` (minutes behind UTC). */
export const dayNumber = (epochMs: number, tzOffsetMinutes: number) =>
  Math.floor((epochMs - tzOffsetMinutes * 60_000) / DAY_MS)

/** `2026-11-23` for a day number. */
export const dayLabel = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)

const zero = (): { -readonly [K in keyof UsageTotals]: UsageTotals[K] } => ({
  replies: 0,
  inputTokens: 0,
  outputTokens: 0,
  cost: 0,
  unpriced: 0,
})

const add = (into: ReturnType<typeof zero>, row: UsageTotals) => {
  into.replies += row.replies
  into.inputTokens += row.inputTokens
  into.outputTokens += row.outputTokens
  into.cost = Math.round((into.cost + row.cost) * 1e6) / 1e6
  into.unpriced += row.unpriced
}

export const summarizeUsage = (rows: ReadonlyArray<UsageRow>): UsageReport => {
  const days = new Map<number, { rows: UsageRow[]; total: ReturnType<typeof zero> }>()
  const models = new Map<string, ReturnType<typeof zero>>()
  const total = zero()
  for (const row of rows) {
    const day = days.get(row.day) ?? { rows: [], total: zero() }
    day.rows.push(row)
    add(day.total, row)
    days.set(row.day, day)
    const model = models.get(row.model) ?? zero()
    add(model, row)
    models.set(row.model, model)
    add(total, row)
  }
  return {
    days: [...days.entries()]
      .sort(([a], [b]) => b - a)
      .map(([day, d]) => ({
        day,
        rows: d.rows.sort((a, b) => b.cost - a.cost || a.model.localeCompare(b.model)),
        total: d.total,
      })),
    byModel: [...models.entries()]
      .map(([model, t]) => ({ model, ...t }))
      .sort((a, b) => b.cost - a.cost || b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens)),
    total,
  }
}
