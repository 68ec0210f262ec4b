const numberFormat = new Intl.NumberFormat('en')
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

export const formatCount = (n: number, one: string, many = `${one}s`) =>
  `${numberFormat.format(n)} ${n === 1 ? one : many}`

/** "a, b and c" (Intl.ListFormat in English: the app's language). */
const listFormat = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' })
export const formatList = (items: readonly string[]) => listFormat.format(items)

export const formatDate = (ms: number) => dateFormat.format(ms)

/** "Mar 5, 2026, 2:04 PM": for things read as a sequence (messages, notifications), where the moment matters. */
export const formatDateTime = (ms: number) => dateTimeFormat.format(ms)

/** "2.0 KB"-style sizes for attachments and documents. */
export const formatSize = (bytes: number) => {
  if (bytes < 1024) return `${numberFormat.format(bytes)} B`
  if (bytes < 1024 * 1024) return `${numberFormat.format(Math.round(bytes / 102.4) / 10)} KB`
  if (bytes < 1024 ** 3) return `${numberFormat.format(Math.round(bytes / (1024 * 102.4)) / 10)} MB`
  return `${numberFormat.format(Math.round(bytes / (1024 * 1024 * 102.4)) / 10)} GB`
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
]

/** "3 days ago", "just now"; `null` (never) reads as "never". */
export const formatRelative = (ms: number | null, now = Date.now()) => {
  if (ms === null) return 'never'
  const diff = ms - now
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit)
  }
  return 'just now'
}

/** An `<input type="date">` value (local day) to epoch ms at the start or end of that day. */
export const dateInputToMs = (value: string, end: 'start' | 'end'): number | null => {
  if (value === '') return null
  const [y, m, d] = value.split('-').map(Number)
  if (y === undefined || m === undefined || d === undefined) return null
  return end === 'start' ? new Date(y, m - 1, d).getTime() : new Date(y, m - 1, d, 23, 59, 59, 999).getTime()
}

export const msToDateInput = (ms: number | null) => {
  if (ms === null) return ''
  const date = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
