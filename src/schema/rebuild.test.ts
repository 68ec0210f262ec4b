import { loadSqlite3Wasm } from '@livestore/sqlite-wasm/load-wasm'
import { describe, expect, test } from 'vitest'
import { INDEXES_BUILT_AFTER_REPLAY, makeRebuildHooks } from './rebuild.ts'

/**
 * The rebuild hooks against real SQLite (LiveStore's own wa-sqlite build), in the order LiveStore
 * calls them: `init`, then the tables are created (as its `migrateDb` does), `pre`, the replay, `post`.
 */
const sqlite3 = await loadSqlite3Wasm()

const openDb = () => {
  const pointer = sqlite3.open_v2Sync(':memory:')
  const run = (sql: string) => {
    const rows: Record<string, unknown>[] = []
    for (const stmt of sqlite3.statements(pointer, sql, { unscoped: true })) {
      const columns = sqlite3.column_names(stmt)
      while (sqlite3.step(stmt) === 100)
        rows.push(Object.fromEntries(columns.map((c, i) => [c, sqlite3.column(stmt, i)])))
      sqlite3.finalize(stmt)
    }
    return rows
  }
  const db = {
    execute: (sql: string) => {
      run(sql)
    },
    select: <T>(sql: string) => run(sql) as T[],
  }
  return { db: db as never, run }
}

const tableNames = (run: (sql: string) => Record<string, unknown>[]) =>
  run("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name)

const createTables = (run: (sql: string) => unknown) => {
  run('CREATE TABLE __livestore_schema (tableName TEXT PRIMARY KEY, schemaHash INTEGER)')
  run(
    'CREATE TABLE memories (id TEXT PRIMARY KEY, personaId TEXT, deletedAt INTEGER, importance INTEGER, lastAccessedAt INTEGER, createdAt INTEGER)',
  )
  run('CREATE INDEX memories_persona_rank ON memories (personaId, deletedAt, importance, lastAccessedAt, id)')
  run('CREATE INDEX memories_persona_recent ON memories (personaId, deletedAt, lastAccessedAt)')
}

describe('the rebuild hooks', () => {
  test('a rebuild cut off before its end leaves no tables, so the next start rebuilds again', () => {
    const { db, run } = openDb()
    const hooks = makeRebuildHooks()
    hooks.init?.(db)
    createTables(run)
    hooks.pre?.(db)
    run("INSERT INTO memories VALUES ('m1', 'p1', NULL, 50, 1, 1)")
    // The tab closes here. On the next open SQLite rolls the unfinished transaction back (its journal).
    run('ROLLBACK')
    expect(tableNames(run)).toEqual([])
  })

  test('a finished rebuild keeps its rows and builds the list indexes again after the replay', () => {
    const { db, run } = openDb()
    const hooks = makeRebuildHooks()
    hooks.init?.(db)
    createTables(run)
    hooks.pre?.(db)
    const duringReplay = run("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'memories'")
    expect(duringReplay.map((r) => r.name)).not.toContain('memories_persona_rank')
    for (let i = 0; i < 100; i++) run(`INSERT INTO memories VALUES ('m${i}', 'p1', NULL, ${i}, ${i}, ${i})`)
    hooks.post?.(db)
    expect(tableNames(run)).toEqual(['__livestore_schema', 'memories'])
    const indexes = run("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'memories'").map(
      (r) => r.name,
    )
    expect(indexes).toEqual(
      expect.arrayContaining(INDEXES_BUILT_AFTER_REPLAY.filter((n) => n !== 'memories_persona_created')),
    )
    expect(run('SELECT count(*) AS n FROM memories')).toEqual([{ n: 100 }])
    // Committed: nothing is left open.
    expect(() => run('COMMIT')).toThrow()
  })
})
