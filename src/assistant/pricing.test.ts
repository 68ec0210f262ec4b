import { describe, expect, it } from 'vitest'
import { costOf, priceFor, validPrices } from './pricing.ts'

const PRICES = [
  { model: 'gpt-4o-mini', inputPerMillion: 0.15, outputPerMillion: 0.6 },
  { model: 'gpt-4o', inputPerMillion: 2.5, outputPerMillion: 10 },
  { model: 'llama3.1', inputPerMillion: 0, outputPerMillion: 0 },
]

describe('priceFor', () => {
  it('finds the exact name, else the longest the model’s name starts with, ignoring case', () => {
    expect(priceFor(PRICES, 'gpt-4o')?.inputPerMillion).toBe(2.5)
    expect(priceFor(PRICES, 'GPT-4o-mini-2024-07-18')?.model).toBe('gpt-4o-mini')
    expect(priceFor(PRICES, 'gpt-4o-2024-08-06')?.model).toBe('gpt-4o')
    expect(priceFor(PRICES, 'claude-3')).toBeUndefined()
  })
})

describe('costOf', () => {
  it('prices input and output tokens per million', () => {
    expect(costOf(PRICES, 'gpt-4o-mini', { inputTokens: 1_000, outputTokens: 2_000 })).toBeCloseTo(
      0.00135,
      10,
    )
    expect(costOf(PRICES, 'gpt-4o', { inputTokens: 1_000_000, outputTokens: 100_000 })).toBe(3.5)
  })

  it('is 0 for a free local model, unknown without a price or without token counts', () => {
    expect(costOf(PRICES, 'llama3.1:8b', { inputTokens: 500, outputTokens: 20 })).toBe(0)
    expect(costOf(PRICES, 'mistral', { inputTokens: 500, outputTokens: 20 })).toBeNull()
    expect(costOf(PRICES, 'gpt-4o', null)).toBeNull()
  })
})

describe('validPrices', () => {
  it('trims names, drops empty rows, refuses duplicates and bad numbers with a sentence', () => {
    expect(
      validPrices([
        { model: ' gpt-4o ', inputPerMillion: 2.5, outputPerMillion: 10 },
        { model: '', inputPerMillion: 0, outputPerMillion: 0 },
      ]),
    ).toEqual([{ model: 'gpt-4o', inputPerMillion: 2.5, outputPerMillion: 10 }])
    expect(() => validPrices([{ model: '', inputPerMillion: 1, outputPerMillion: 0 }])).toThrow(
      'row 1 has no model',
    )
    expect(() =>
      validPrices([
        { model: 'a', inputPerMillion: 1, outputPerMillion: 1 },
        { model: 'A', inputPerMillion: 2, outputPerMillion: 2 },
      ]),
    ).toThrow('“A” has two prices')
    expect(() => validPrices([{ model: 'a', inputPerMillion: -1, outputPerMillion: 1 }])).toThrow(
      'The input price for “a” must be a number',
    )
    expect(() => validPrices([{ model: 'a', inputPerMillion: 1, outputPerMillion: Number.NaN }])).toThrow(
      'output price',
    )
  })
})
