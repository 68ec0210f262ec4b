/** A command refused its input; the message is written for the person, the UI shows it as is. */
export class CommandError extends Error {
  override readonly name = 'CommandError'
}

export const requireText = (value: string, what: string, max = 10_000): string => {
  const text = value.trim()
  if (text === '') throw new CommandError(`${what} cannot be empty.`)
  if (text.length > max)
    throw new CommandError(`${what} is too long (${text.length} characters; at most ${max}).`)
  return text
}

export const requireRange = (value: number, what: string, min: number, max: number): number => {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new CommandError(`${what} must be between ${min} and ${max}.`)
  }
  return value
}
