/**
 * What a model's tokens cost, from the price table in Settings: a price per million input tokens and
 * per million output tokens, in whatever currency the person uses (shown as written, no conversion).
 */
export type ModelPrice = {
  readonly model: string
  readonly inputPerMillion: number
  readonly outputPerMillion: number
}

/**
 * The table's row for a model: the exact name, else the longest name the model's starts with
 * (servers often answer with a dated name, `gpt-4o-mini-2024-07-18`, for `gpt-4o-mini`). Case is ignored.
 */
export const priceFor = (prices: ReadonlyArray<ModelPrice>, model: string): ModelPrice | undefined => {
  const name = model.trim().toLowerCase()
  let best: ModelPrice | undefined
  for (const price of prices) {
    const entry = price.model.trim().toLowerCase()
    if (entry === '') continue
    if (entry === name) return price
    if (name.startsWith(entry) && (best === undefined || entry.length > best.model.trim().length))
      best = price
  }
  return best
}

/** The cost of one reply, or `null` when the model has no price or the server reported no tokens. */
export const costOf = (
  prices: ReadonlyArray<ModelPrice>,
  model: string,
  usage: { readonly inputTokens: number; readonly outputTokens: number } | null,
): number | null => {
  if (usage === null) return null
  const price = priceFor(prices, model)
  if (price === undefined) return null
  // Rounded to a millionth, so sums of many replies do not drift in the last digits.
  return (
    Math.round(usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1e6
  )
}

/** The price table as a person edits it: checks and tidies each row, or says what is wrong. */
export const validPrices = (rows: ReadonlyArray<ModelPrice>): ModelPrice[] => {
  const seen = new Set<string>()
  const out: ModelPrice[] = []
  for (const [i, row] of rows.entries()) {
    const model = row.model.trim()
    if (model === '' && row.inputPerMillion === 0 && row.outputPerMillion === 0) continue
    if (model === '') throw new RangeError(`Price row ${i + 1} has no model name.`)
    if (model.length > 200) throw new RangeError(`The model name in row ${i + 1} is too long.`)
    for (const [what, value] of [
      ['input', row.inputPerMillion],
      ['output', row.outputPerMillion],
    ] as const) {
      if (!Number.isFinite(value) || value < 0 || value > 100_000)
        throw new RangeError(`The ${what} price for “${model}” must be a number from 0 to 100,000.`)
    }
    if (seen.has(model.toLowerCase())) throw new RangeError(`“${model}” has two prices; keep one.`)
    seen.add(model.toLowerCase())
    out.push({ model, inputPerMillion: row.inputPerMillion, outputPerMillion: row.outputPerMillion })
  }
  return out
}
