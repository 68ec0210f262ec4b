/** One thing the palette can do: go somewhere or act. `group` is shown beside it and searched too. */
export type PaletteItem = {
  id: string
  label: string
  group: string
  /** Extra words that find it ("theme" finds "Dark"), not shown. */
  keywords?: string
  run: () => void
}

/** Lower case without accents, so "cafe" finds "Café" and "CAFÉ". */
export const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

const words = (text: string) =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)

/**
 * How well `item` answers `query`: every query word must start a word of the label, group or
 * keywords (so "con ar" finds "Conversations · archived" but "rsa" finds nothing). A label that
 * starts with the query ranks first, then matches in the label, then in the group or keywords.
 * `null`: no match.
 */
export const matchScore = (item: PaletteItem, query: string): number | null => {
  const wanted = words(query)
  if (wanted.length === 0) return 0
  const label = words(item.label)
  const rest = words(`${item.group} ${item.keywords ?? ''}`)
  let score = 0
  for (const w of wanted) {
    if (label.some((l) => l.startsWith(w))) score += 2
    else if (rest.some((r) => r.startsWith(w))) score += 1
    else return null
  }
  if (fold(item.label).startsWith(fold(query.trim()))) score += 10
  return score
}

/** The items that match, best first; ties keep the given order (screens, then actions, then data). */
export const filterItems = (items: ReadonlyArray<PaletteItem>, query: string, limit = 50): PaletteItem[] =>
  items
    .map((item, index) => ({ item, index, score: matchScore(item, query) }))
    .filter((m): m is { item: PaletteItem; index: number; score: number } => m.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((m) => m.item)
