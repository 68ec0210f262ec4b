import type { MessageRow } from '../../schema/conversations.ts'

const number = new Intl.NumberFormat('en')

/** "850 ms" under a second, "2.4 s" above. */
export const formatLatency = (ms: number) =>
  ms < 1000 ? `${number.format(Math.round(ms))} ms` : `${number.format(Math.round(ms / 100) / 10)} s`

/** "120 in / 45 out tokens"; either side may be unknown. `null` when neither is. */
export const formatTokens = (input: number | null, output: number | null): string | null => {
  if (input === null && output === null) return null
  if (output === null) return `${number.format(input ?? 0)} tokens in`
  if (input === null) return `${number.format(output)} tokens out`
  return `${number.format(input)} in / ${number.format(output)} out tokens`
}

/** A cost from the price table, in the person's currency (no symbol: the table says which): "0.00135". */
export const formatCost = (cost: number) =>
  cost === 0 ? '0' : cost.toLocaleString('en', { maximumSignificantDigits: 3, maximumFractionDigits: 6 })

/** What a model's reply cost it, as one line: model, tokens, latency, cost — whichever are known. */
export const usageLine = (
  m: Pick<MessageRow, 'model' | 'inputTokens' | 'outputTokens' | 'latencyMs'> & { cost?: number | null },
) =>
  [
    m.model,
    formatTokens(m.inputTokens, m.outputTokens),
    m.latencyMs === null ? null : formatLatency(m.latencyMs),
    m.cost === null || m.cost === undefined ? null : `cost ${formatCost(m.cost)}`,
  ]
    .filter((part) => part !== null && part !== '')
    .join(' · ')

/** Tool arguments and results are usually JSON on one line: indented they can be read; anything else shows as is. */
export const prettyJson = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}
