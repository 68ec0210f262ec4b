import type { MemoryHistoryRow } from '../../schema/memory-history.ts'

/** What a history snapshot shows once opened. */
export type OpenedSnapshot = { name: string; content: string; unreadable: boolean }

/** One line of a memory's history as the page shows it. */
export type HistoryEntry = {
  id: string
  at: number
  title: string
  /** A memory's content shown folded under the line: what it was before, or what was merged in. */
  snapshot: { label: string; value: OpenedSnapshot } | null
  /** An edit that "Undo last edit" took back. */
  undone: boolean
}

const number = (value: unknown) => (typeof value === 'number' ? value : Number.NaN)
const text = (value: unknown) => (typeof value === 'string' ? value : '')
const times = (n: number) => (n === 1 ? 'once' : `${n.toLocaleString('en')} times`)

/**
 * Describes history rows (src/schema/memory-history.ts). `open(json, recordId)` opens a snapshot
 * with the data key (the page passes `memoryFields.open`); the rows' `detail` holds only numbers
 * and ids.
 */
export const historyEntries = (
  rows: ReadonlyArray<MemoryHistoryRow>,
  open: (json: string, recordId: string) => OpenedSnapshot | null,
): HistoryEntry[] =>
  rows.map((row) => {
    const detail = JSON.parse(row.detail) as Record<string, unknown>
    const base = { id: row.id, at: row.at, snapshot: null, undone: row.undoneAt !== null }
    const snapshotOf = (json: string | null, recordId: string, label: string) => {
      const value = json === null ? null : open(json, recordId)
      return value === null ? null : { label, value }
    }
    const auto = detail.auto === 1 || detail.auto === true ? ' automatically' : ''
    switch (row.kind) {
      case 'edited':
        return {
          ...base,
          title: row.undoneAt === null ? 'Edited' : 'Edited (undone)',
          snapshot: snapshotOf(row.before, row.memoryId, 'Before this edit'),
        }
      case 'undone':
        return {
          ...base,
          title: 'Undid an edit',
          snapshot: snapshotOf(row.before, row.memoryId, 'Before the undo'),
        }
      case 'importance':
        return { ...base, title: `Importance ${number(detail.from)} → ${number(detail.to)}` }
      case 'tier': {
        const to = text(detail.to)
        return {
          ...base,
          title: `Moved from ${text(detail.from)} to ${to}${to === 'cold' ? ' (stored compressed)' : ''}`,
        }
      }
      case 'merged': {
        const other = snapshotOf(row.other, text(detail.absorbedId), 'Merged in')
        const name = other?.value.name ?? 'another memory'
        return { ...base, title: `Merged “${name}” into this memory${auto}`, snapshot: other }
      }
      case 'absorbed': {
        const into = snapshotOf(row.other, text(detail.intoId), 'Merged into')
        return {
          ...base,
          title: `Merged into “${into?.value.name ?? 'another memory'}”${auto}`,
          snapshot: into,
        }
      }
      case 'accessed':
        break
    }
    return { ...base, title: `Used ${times(number(detail.count))} that day` }
  })
