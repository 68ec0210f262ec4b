import { BackupError } from './backup-error.ts'
import type { BackupSection } from './backup-format.ts'

/**
 * The plain export: one's own data as readable JSON, without secrets (docs/EXPORT_FORMAT.md). The
 * same opened records as a backup, grouped by kind, a conversation's messages inside it, a
 * workflow's runs and a document's chunks likewise. Either everything, or one persona with what is
 * hers. An export file can be imported back (merged: nothing already here is duplicated).
 */
export const EXPORT_FORMAT = 'hearth-export'
export const EXPORT_VERSION = 1
/** An export file larger than this is refused before it is read (a whole export at 100k ≈ 150 MB). */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024

export type ExportScope =
  | { readonly kind: 'everything' }
  | { readonly kind: 'persona'; readonly personaId: string; readonly name: string }

type Row = Record<string, unknown> & { id: string }

/** Keys of the file in the order they are written; each holds an array except `settings`. */
const TOP_LEVEL = [
  'personas',
  'memories',
  'memoryLinks',
  'conversations',
  'workflows',
  'documents',
  'notifications',
] as const
type TopLevel = (typeof TOP_LEVEL)[number]

/** The child kind nested in each parent record, and the field it is nested under. */
const NESTED = {
  conversations: { kind: 'messages', field: 'messages', parent: 'conversationId' },
  workflows: { kind: 'runs', field: 'runs', parent: 'workflowId' },
  documents: { kind: 'chunks', field: 'chunks', parent: 'documentId' },
} as const
type Parent = keyof typeof NESTED

const isParent = (kind: string): kind is Parent => Object.hasOwn(NESTED, kind)
const parentOfChild = (kind: string): Parent | undefined =>
  (Object.keys(NESTED) as Parent[]).find((parent) => NESTED[parent].kind === kind)

/**
 * Keeps what belongs to one persona: the persona, its memories and the links between them, its
 * conversations (with their messages), workflows (with runs) and documents (with chunks). Settings,
 * notifications and the keyring are the person's, not the persona's, and stay out.
 */
export async function* onePersona(
  sections: AsyncIterable<BackupSection>,
  personaId: string,
): AsyncGenerator<BackupSection, void, undefined> {
  const memories = new Set<string>()
  const parents = {
    conversations: new Set<string>(),
    workflows: new Set<string>(),
    documents: new Set<string>(),
  }
  for await (const { kind, rows } of sections) {
    const all = rows as Row[]
    let kept: Row[] = []
    if (kind === 'personas') kept = all.filter((p) => p.id === personaId)
    else if (kind === 'memories' || isParent(kind)) {
      kept = all.filter((r) => r.personaId === personaId)
      const ids = kind === 'memories' ? memories : parents[kind as Parent]
      for (const r of kept) ids.add(r.id)
    } else if (kind === 'memoryLinks') {
      kept = all.filter((l) => memories.has(l.fromId as string) && memories.has(l.toId as string))
    } else {
      const parent = parentOfChild(kind)
      if (parent !== undefined)
        kept = all.filter((r) => parents[parent].has(r[NESTED[parent].parent] as string))
    }
    if (kept.length > 0) yield { kind, rows: kept }
  }
}

/**
 * Builds the export file from collected sections as Blob parts (one string per record), so even a
 * 100k-memory export never becomes one giant string.
 */
export const buildExport = async (
  sections: AsyncIterable<BackupSection>,
  meta: { readonly exportedAt: number; readonly appVersion: string; readonly scope: ExportScope },
): Promise<{ parts: string[]; counts: Record<string, number> }> => {
  const groups = new Map<TopLevel, Row[]>(TOP_LEVEL.map((key) => [key, []]))
  const children = new Map<string, Row[]>() // parent id → nested records
  const counts: Record<string, number> = {}
  let settings: unknown = null
  for await (const { kind, rows } of sections) {
    if (kind === 'keyring') continue // the vault's wrapped key is a secret: never in a plain export
    counts[kind] = (counts[kind] ?? 0) + rows.length
    if (kind === 'settings') {
      settings = rows[0] ?? null
      continue
    }
    const parent = parentOfChild(kind)
    if (parent !== undefined) {
      for (const row of rows as Row[]) {
        const id = row[NESTED[parent].parent] as string
        const list = children.get(id)
        if (list === undefined) children.set(id, [row])
        else list.push(row)
      }
      continue
    }
    groups.get(kind as TopLevel)?.push(...(rows as Row[]))
  }
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    appVersion: meta.appVersion,
    scope: meta.scope,
    settings,
  }
  const parts = [JSON.stringify(head, null, 2).slice(0, -2)]
  for (const key of TOP_LEVEL) {
    parts.push(`,\n  "${key}": [`)
    const nested = isParent(key) ? NESTED[key].field : undefined
    ;(groups.get(key) ?? []).forEach((row, i) => {
      const record = nested === undefined ? row : { ...row, [nested]: children.get(row.id) ?? [] }
      parts.push(`${i === 0 ? '\n    ' : ',\n    '}${JSON.stringify(record)}`)
    })
    parts.push((groups.get(key) ?? []).length > 0 ? '\n  ]' : ']')
  }
  parts.push('\n}\n')
  return { parts, counts }
}

/** What an export file says about itself, for the import preview. */
export type ExportFile = {
  readonly exportedAt: string
  readonly appVersion: string
  readonly scope: ExportScope
  /** The file's records as the sections a restore takes, parents right before their children. */
  readonly sections: () => AsyncGenerator<BackupSection, void, undefined>
}

const notAnExport = (why: string) =>
  new BackupError('not-a-backup', `This is not a Hearth export file: ${why}. Nothing was changed.`)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Rows per section handed to the restore: a family batch is cut at about this many records. */
const SECTION_ROWS = 500

/**
 * Reads an export file's text. Checks its shape, not its records: those are checked one by one
 * against their schemas by the restore's inspection, before anything is written.
 */
export const parseExport = (text: string): ExportFile => {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw notAnExport('it is not valid JSON (it may be cut short)')
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT)
    throw notAnExport(`it does not say "${EXPORT_FORMAT}"`)
  if (typeof data.version !== 'number' || data.version > EXPORT_VERSION) {
    throw new BackupError(
      'unsupported-version',
      `This export was made by a newer version of Hearth (export format ${String(data.version)}); update Hearth to import it. Nothing was changed.`,
    )
  }
  for (const key of TOP_LEVEL) {
    if (data[key] !== undefined && !Array.isArray(data[key])) throw notAnExport(`"${key}" is not a list`)
  }
  const scope = isRecord(data.scope) && data.scope.kind === 'persona' ? data.scope : { kind: 'everything' }
  const list = (key: TopLevel) => ((data as Record<string, unknown>)[key] ?? []) as unknown[]
  return {
    exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : '',
    appVersion: typeof data.appVersion === 'string' ? data.appVersion : '',
    scope: scope as ExportScope,
    sections: async function* () {
      const settings = (data as Record<string, unknown>).settings
      if (settings !== null && settings !== undefined) yield { kind: 'settings', rows: [settings] }
      for (const key of TOP_LEVEL) {
        const rows = list(key)
        if (!isParent(key)) {
          for (let at = 0; at < rows.length; at += SECTION_ROWS) {
            yield { kind: key, rows: rows.slice(at, at + SECTION_ROWS) }
          }
          continue
        }
        // A parent, then its nested children, as the restore's family batches expect.
        const { kind, field } = NESTED[key]
        for (const row of rows) {
          if (!isRecord(row)) throw notAnExport(`an entry of "${key}" is not a record`)
          const { [field]: nested, ...parent } = row
          if (nested !== undefined && !Array.isArray(nested)) throw notAnExport(`"${field}" is not a list`)
          yield { kind: key, rows: [parent] }
          const kids = (nested ?? []) as unknown[]
          for (let at = 0; at < kids.length; at += SECTION_ROWS) {
            yield { kind, rows: kids.slice(at, at + SECTION_ROWS) }
          }
        }
      }
    },
  }
}

/** `hearth-export-2026-11-23.json`, or `hearth-persona-ada-2026-11-23.json` for one persona. */
export const exportFileName = (scope: ExportScope, now: number) => {
  const d = new Date(now)
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  if (scope.kind === 'everything') return `hearth-export-${day}.json`
  const slug =
    scope.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'persona'
  return `hearth-persona-${slug}-${day}.json`
}
