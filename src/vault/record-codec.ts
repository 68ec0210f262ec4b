import { type DataKey, open, type Sealed, seal } from './envelope.ts'
import { VaultError } from './vault-error.ts'

/**
 * How one content field of a table is sealed: as text, or as JSON (tags, tool calls, a workflow's
 * definition). `null` stays `null` — whether an optional field is set is not secret, its value is.
 * `unreadable` is what a person sees in place of a field that fails to open (damaged data, or data
 * sealed with a key this vault does not have), so one bad row never hides the rest of a list.
 * `empty` is the value of a column no event has written yet (its SQL default, `''`).
 */
type FieldCodec<T> = {
  // Method syntax on purpose: it lets a `FieldCodec<string>` stand where `FieldCodec<unknown>` is asked.
  encode(value: T): string
  decode(text: string): T
  readonly unreadable: T
  readonly empty: T
}

export const text: FieldCodec<string> = {
  encode: (value) => value,
  decode: (value) => value,
  unreadable: '⚠ unreadable',
  empty: '',
}

export const json = <T>(fallback: T): FieldCodec<T> => ({
  encode: (value) => JSON.stringify(value),
  decode: (value) => JSON.parse(value) as T,
  unreadable: fallback,
  empty: fallback,
})

export const nullable = <T>(codec: FieldCodec<T>): FieldCodec<T | null> => ({
  encode: (value) => codec.encode(value as T),
  decode: (value) => codec.decode(value),
  unreadable: null,
  empty: null,
})

type Fields = Record<string, FieldCodec<unknown>>
type Plain<F extends Fields> = { [K in keyof F]: F[K] extends FieldCodec<infer T> ? T : never }
type SealedOf<F extends Fields> = {
  [K in keyof F]: F[K] extends FieldCodec<infer T> ? (null extends T ? Sealed | null : Sealed) : never
}
type StoredOf<F extends Fields> = { [K in keyof F]: string | null }

/** A row after opening: its sealed columns replaced by their plaintext, plus whether all opened. */
export type Opened<Row, F extends Fields> = Omit<Row, keyof F> & Plain<F> & { readonly unreadable: boolean }

/**
 * The key a record's fields are sealed with: its own record key when the vault has record keys (the
 * key of `ownerId`, the record that owns it: a chunk is sealed with its document's key), else the data
 * key (unit tests of other things, and data written before record keys existed).
 */
export const recordSealingKey = (key: DataKey, ownerId: string): DataKey =>
  key.records === undefined ? key : key.records.keyFor(ownerId)

/**
 * `key` for sealing records just made (an import's or a restore's new rows): each takes a spare key
 * without a lookup in the store, which at 100k rows cost more than sealing them.
 */
export const forNewRecords = (key: DataKey): DataKey =>
  key.records === undefined ? key : { id: key.id, bytes: key.bytes, records: key.records.forNewRecords() }

/**
 * The sealed fields of one table, declared once: `seal` turns plaintext into what an event carries,
 * `open` turns a row (or an event's record) back into plaintext. Both bind each value to
 * `table.field#id`. With `perRecord`, `seal` uses the record's own key (`recordSealingKey`; `owner`
 * names the record that owns the key, the record itself by default), so forgetting the record
 * destroys what can open these fields; `open` finds whichever key an envelope names.
 */
export const recordCodec = <F extends Fields>(table: string, fields: F, { perRecord = false } = {}) => {
  const names = Object.keys(fields) as Array<keyof F & string>
  return {
    table,
    fields: names,
    perRecord,
    seal: (key: DataKey, recordId: string, plain: Plain<F>, owner = recordId): SealedOf<F> => {
      const sealWith = perRecord ? recordSealingKey(key, owner) : key
      const out: Record<string, Sealed | null> = {}
      for (const field of names) {
        const value = plain[field]
        out[field] =
          value === null
            ? null
            : seal(sealWith, { table, field, recordId }, (fields[field] as FieldCodec<unknown>).encode(value))
      }
      return out as SealedOf<F>
    },
    /** Throws a `VaultError` naming the field that failed. */
    openStrict: <Row extends { id: string } & StoredOf<F>>(key: DataKey, row: Row): Opened<Row, F> => {
      const out: Record<string, unknown> = { ...row, unreadable: false }
      for (const field of names) {
        const stored = row[field]
        const codec = fields[field] as FieldCodec<unknown>
        out[field] =
          stored === null
            ? null
            : stored === ''
              ? codec.empty
              : codec.decode(open(key, { table, field, recordId: row.id }, stored))
      }
      return out as Opened<Row, F>
    },
    /** Opens what it can; a field that fails shows its `unreadable` value and flags the row. */
    open: <Row extends { id: string } & StoredOf<F>>(key: DataKey, row: Row): Opened<Row, F> => {
      const out: Record<string, unknown> = { ...row, unreadable: false }
      for (const field of names) {
        const stored = row[field]
        const codec = fields[field] as FieldCodec<unknown>
        if (stored === null || stored === '') {
          out[field] = stored === null ? null : codec.empty
          continue
        }
        try {
          out[field] = codec.decode(open(key, { table, field, recordId: row.id }, stored))
        } catch (error) {
          if (!(error instanceof VaultError) && !(error instanceof SyntaxError)) throw error
          out[field] = codec.unreadable
          out.unreadable = true
        }
      }
      return out as Opened<Row, F>
    },
  }
}

export type RecordCodec<F extends Fields> = ReturnType<typeof recordCodec<F>>
