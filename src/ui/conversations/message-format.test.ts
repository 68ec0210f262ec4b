import { expect, test } from 'vitest'
import { formatCost, formatLatency, formatTokens, prettyJson, usageLine } from './message-format.ts'

test('latency reads in milliseconds under a second, in seconds above', () => {
  expect(formatLatency(850)).toBe('850 ms')
  expect(formatLatency(2430)).toBe('2.4 s')
})

test('token counts say which side they are', () => {
  expect(formatTokens(1200, 45)).toBe('1,200 in / 45 out tokens')
  expect(formatTokens(12, null)).toBe('12 tokens in')
  expect(formatTokens(null, 7)).toBe('7 tokens out')
  expect(formatTokens(null, null)).toBeNull()
})

test('the usage line lists only what is known', () => {
  expect(usageLine({ model: 'llama3', inputTokens: 120, outputTokens: 45, latencyMs: 850 })).toBe(
    'llama3 · 120 in / 45 out tokens · 850 ms',
  )
  expect(usageLine({ model: null, inputTokens: null, outputTokens: null, latencyMs: 1500 })).toBe('1.5 s')
  expect(usageLine({ model: null, inputTokens: null, outputTokens: null, latencyMs: null })).toBe('')
  expect(
    usageLine({ model: 'gpt-4o', inputTokens: 420, outputTokens: 9, latencyMs: 980, cost: 0.00093 }),
  ).toBe('gpt-4o · 420 in / 9 out tokens · 980 ms · cost 0.00093')
  expect(usageLine({ model: 'gpt-4o', inputTokens: 1, outputTokens: 1, latencyMs: null, cost: null })).toBe(
    'gpt-4o · 1 in / 1 out tokens',
  )
})

test('costs show three significant digits, no currency', () => {
  expect(formatCost(0)).toBe('0')
  expect(formatCost(0.001234567)).toBe('0.00123')
  expect(formatCost(12.5)).toBe('12.5')
  expect(formatCost(1234.5678)).toBe('1,230')
})

test('JSON is indented; other text stays as it is', () => {
  expect(prettyJson('{"q":"tomato","n":2}')).toBe('{\n  "q": "tomato",\n  "n": 2\n}')
  expect(prettyJson('not json')).toBe('not json')
})
