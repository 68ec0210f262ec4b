import { describe, expect, it } from 'vitest'
import { dayLabel, dayNumber, summarizeUsage, type UsageRow } from './usage.ts'

const row = (
  day: number,
  model: string,
  input: number,
  output: number,
  cost: number,
  unpriced = 0,
): UsageRow => ({
  day,
  model,
  replies: 2,
  inputTokens: input,
  outputTokens: output,
  cost,
  unpriced,
})

describe('days', () => {
  it('counts days in the person’s time zone', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 23, 30) // 23:30 UTC is already the 24th in Berlin (UTC+1)
    expect(dayLabel(dayNumber(lateEvening, 0))).toBe('2026-11-23')
    expect(dayLabel(dayNumber(lateEvening, -60))).toBe('2026-11-24')
    expect(dayLabel(dayNumber(Date.UTC(2026, 10, 24, 3), 300))).toBe('2026-11-23') // New York, UTC−5
  })
})

describe('summarizeUsage', () => {
  it('groups by day, newest first, and totals per model and overall add up to the rows', () => {
    const rows = [
      row(20_000, 'gpt-4o', 100, 50, 0.75),
      row(20_000, 'llama3.1', 300, 90, 0, 2),
      row(20_001, 'gpt-4o', 10, 5, 0.075),
    ]
    const report = summarizeUsage(rows)
    expect(report.days.map((d) => d.day)).toEqual([20_001, 20_000])
    expect(report.days[1]?.total).toEqual({
      replies: 4,
      inputTokens: 400,
      outputTokens: 140,
      cost: 0.75,
      unpriced: 2,
    })
    expect(report.byModel).toEqual([
      { model: 'gpt-4o', replies: 4, inputTokens: 110, outputTokens: 55, cost: 0.825, unpriced: 0 },
      { model: 'llama3.1', replies: 2, inputTokens: 300, outputTokens: 90, cost: 0, unpriced: 2 },
    ])
    expect(report.total).toEqual({
      replies: 6,
      inputTokens: 410,
      outputTokens: 145,
      cost: 0.825,
      unpriced: 2,
    })
  })

  it('is empty without rows', () => {
    expect(summarizeUsage([])).toEqual({
      days: [],
      byModel: [],
      total: { replies: 0, inputTokens: 0, outputTokens: 0, cost: 0, unpriced: 0 },
    })
  })
})
