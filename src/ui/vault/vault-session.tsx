import { createContext, type ReactNode, useContext, useMemo, useRef } from 'react'
import type { DataKey } from '../../vault/envelope.ts'
import type { Keyring } from '../../vault/keyring.ts'

/** An unlocked vault: the data key, the keyring it came from, and how to lock or replace it. */
export type VaultSession = {
  key: DataKey
  /** Bumped when record keys arrive or are destroyed (any tab): sealed rows are opened again. */
  keysVersion: number
  keyring: Keyring
  lock: () => void
  /** After a passphrase change or a new recovery code: the keyring this and every tab now use. */
  replaceKeyring: (keyring: Keyring) => void
}

const VaultContext = createContext<VaultSession | null>(null)

export const VaultProvider = ({ session, children }: { session: VaultSession; children: ReactNode }) => (
  <VaultContext.Provider value={session}>{children}</VaultContext.Provider>
)

export const useVault = (): VaultSession => {
  const session = useContext(VaultContext)
  if (session === null) throw new Error('useVault needs an unlocked vault (a VaultGate above it).')
  return session
}

export const useDataKey = (): DataKey => useVault().key
const useKeysVersion = (): number => useVault().keysVersion

/** Same columns, same values: a row LiveStore handed back again after a write elsewhere in its table. */
const sameRow = (a: object, b: object) => {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
}

/**
 * Opens sealed rows once per change of the query result (or of the key), not once per render.
 * When a result changes, only rows that changed are opened again: an unchanged row keeps the very
 * object opened last time, so one new memory costs one decryption, and memoised list items skip
 * re-rendering. (LiveStore returns new row objects on every re-run, so identity alone cannot tell.)
 * This remembers nothing beyond the previous result of this one query.
 */
export const useOpened = <Row extends { id: string }, Opened>(
  rows: ReadonlyArray<Row>,
  openRow: (key: DataKey, row: Row) => Opened,
): ReadonlyArray<Opened> => {
  const key = useDataKey()
  const version = useKeysVersion()
  const previous = useRef<{
    key: DataKey
    version: number
    byId: Map<string, { row: Row; opened: Opened }>
  } | null>(null)
  return useMemo(() => {
    const same = previous.current?.key === key && previous.current.version === version
    const last = same ? previous.current?.byId : undefined
    const byId = new Map<string, { row: Row; opened: Opened }>()
    const opened = rows.map((row) => {
      const before = last?.get(row.id)
      const result = before !== undefined && sameRow(before.row, row) ? before.opened : openRow(key, row)
      byId.set(row.id, { row, opened: result })
      return result
    })
    previous.current = { key, version, byId }
    return opened
  }, [rows, key, version, openRow])
}

export const useOpenedOne = <Row, Opened>(
  row: Row | undefined,
  openRow: (key: DataKey, row: Row) => Opened,
): Opened | undefined => {
  const key = useDataKey()
  const version = useKeysVersion()
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says the key's record keys changed.
  return useMemo(() => (row === undefined ? undefined : openRow(key, row)), [row, key, version, openRow])
}
