import { loadSqlite3Wasm } from '@livestore/sqlite-wasm/load-wasm'
import { expect, test } from 'vitest'

/**
 * Text goes into SQLite and comes back unchanged through LiveStore's wa-sqlite binding as the app
 * runs it: `scripts/livestore-patches.ts` replaces how it copies strings in (`encodeInto` straight
 * into the heap) and finds their end on the way out (a native search), and a wrong byte count in
 * either would cut, pad or garble text here.
 */
const sqlite3 = await loadSqlite3Wasm()
const db = sqlite3.open_v2Sync(':memory:')

const roundTrip = (value: string) => {
  const [stmt] = [
    ...sqlite3.statements(db, 'SELECT ? AS v, length(?) AS chars, octet_length(?) AS bytes', {
      unscoped: true,
    }),
  ]
  if (stmt === undefined) throw new Error('no statement')
  try {
    sqlite3.bind_collection(stmt, [value, value, value])
    expect(sqlite3.step(stmt)).toBe(100)
    return { text: sqlite3.column(stmt, 0), chars: sqlite3.column(stmt, 1), bytes: sqlite3.column(stmt, 2) }
  } finally {
    sqlite3.finalize(stmt)
  }
}

test.each([
  ['empty', ''],
  ['ASCII', 'hv1.k3y0.AAECAwQFBgcICQ'],
  ['two-byte characters', 'Zoë’s café in Kraków — naïve'],
  ['three-byte characters', '東京で会議、来週の火曜日'],
  ['four-byte characters (surrogate pairs)', '🎂 birthday 🎉🎉 on the 𝟙𝟚th'],
  ['long text', 'Tea, not coffee — 🍵 '.repeat(20_000)],
])('%s goes in and comes out unchanged', (_, value) => {
  const out = roundTrip(value)
  expect(out.text).toBe(value)
  expect(out.chars).toBe([...value].length)
  expect(out.bytes).toBe(new TextEncoder().encode(value).length)
})

test('a lone surrogate is stored as U+FFFD, as the TextEncoder writes it, and the text after it survives', () => {
  expect(roundTrip('a\uD800b').text).toBe('a\uFFFDb')
})

test('a long statement with thousands of bound strings keeps each one apart', () => {
  sqlite3.exec(db, 'CREATE TABLE t (i INTEGER, s TEXT)')
  const rows = Array.from({ length: 3000 }, (_, i) => [i, `memory ${i} · ${'é'.repeat(i % 7)}🙂`] as const)
  const [stmt] = [
    ...sqlite3.statements(db, `INSERT INTO t VALUES ${rows.map(() => '(?, ?)').join(', ')}`, {
      unscoped: true,
    }),
  ]
  if (stmt === undefined) throw new Error('no statement')
  sqlite3.bind_collection(stmt, rows.flat())
  sqlite3.step(stmt)
  sqlite3.finalize(stmt)
  const back: unknown[] = []
  for (const select of sqlite3.statements(db, 'SELECT s FROM t ORDER BY i', { unscoped: true })) {
    while (sqlite3.step(select) === 100) back.push(sqlite3.column(select, 0))
    sqlite3.finalize(select)
  }
  expect(back).toEqual(rows.map(([, s]) => s))
})
