import { Schema, type State } from '@livestore/livestore'

type SqlValue = string | number | Uint8Array | null

/** SQLite's limit on parameters per statement in LiveStore's wa-sqlite build (MAX_VARIABLE_NUMBER). */
const MAX_PARAMS = 32_766

/**
 * Whether encoding a column's value changes it (a JSON column, a boolean stored as 0/1). Text and
 * number columns, with or without a refinement, encode to the value itself: the rows come from
 * decoded event arguments, already checked, so they are bound as they are. At 100k memories that
 * skips 2.5 million encoder calls of a rebuild.
 */
const transforms = (ast: Schema.Schema<unknown, unknown>['ast']): boolean => {
  switch (ast._tag) {
    case 'Refinement':
      return transforms(ast.from)
    case 'Union':
      return ast.types.some(transforms)
    case 'StringKeyword':
    case 'NumberKeyword':
    case 'Literal':
    case 'TemplateLiteral':
    case 'Enums':
      return false
    default:
      return true
  }
}

/**
 * Inserts a batch of rows in as few statements as SQLite's parameter limit allows (about 1,500
 * memories per statement). Why not one `table.insert` per row: when LiveStore rebuilds state after a
 * table change, it runs every statement in its own transaction on OPFS (~4 ms each), so a rebuild
 * would cost per row; with this it costs per batch. Normal commits get cheaper too (one statement to
 * compile instead of hundreds). Each value is encoded with its column's schema, as `table.insert`
 * does; columns a row leaves out take their SQL default.
 */
export const insertMany = <T extends State.SQLite.TableDef.Any>(
  table: T,
  rows: ReadonlyArray<T['insertSchema']['Type']>,
) => {
  const first = rows[0]
  if (first === undefined) return []
  const names = Object.keys(first)
  const columns = table.sqliteDef.columns as Record<string, { schema: Schema.Schema<unknown, unknown> }>
  const encoders = names.map((name) => {
    const column = columns[name]
    if (column === undefined) throw new Error(`insertMany: ${table.sqliteDef.name} has no column ${name}`)
    return transforms(column.schema.ast)
      ? (Schema.encodeSync(column.schema) as (value: unknown) => SqlValue)
      : null
  })
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / names.length))
  const tuple = `(${names.map(() => '?').join(', ')})`
  const statements = []
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement)
    const values: SqlValue[] = []
    for (const row of chunk) {
      const record = row as Record<string, unknown>
      names.forEach((name, i) => {
        const value = record[name]
        const encode = encoders[i]
        values.push(
          value === null || value === undefined ? null : encode ? encode(value) : (value as SqlValue),
        )
      })
    }
    statements.push({
      sql: `INSERT INTO '${table.sqliteDef.name}' (${names.map((n) => `'${n}'`).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      // Positional parameters: LiveStore passes an array through as is (prepareBindValues), where an
      // object with thousands of named keys would be matched against the SQL text key by key.
      bindValues: values as unknown as Record<string, SqlValue>,
      writeTables: new Set([table.sqliteDef.name]),
    })
  }
  return statements
}
