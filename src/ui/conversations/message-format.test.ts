import { expect, test } from 'vitest'
import { formatLatency, formatTokens, prettyJson, usageLine } from './message-format.ts'

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
})

test('JSON is indented; other text stays as it is', () => {
  expect(prettyJson('{"q":"tomato","n":2}')).toBe('{\n  "q": "tomato",\n  "n": 2\n}')
  expect(prettyJson('not json')).toBe('not json')
})
