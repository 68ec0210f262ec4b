import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { DataKey } from '../../vault/envelope.ts'
import type { Keyring } from '../../vault/keyring.ts'

/** An unlocked vault: the data key, the keyring it came from, and how to lock or replace it. */
export type VaultSession = {
  key: DataKey
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

/**
 * Opens sealed rows once per change of the query result (or of the key), not once per render:
 * LiveStore hands back the same array until the query's result changes.
 */
export const useOpened = <Row, Opened>(
  rows: ReadonlyArray<Row>,
  openRow: (key: DataKey, row: Row) => Opened,
): ReadonlyArray<Opened> => {
  const key = useDataKey()
  return useMemo(() => rows.map((row) => openRow(key, row)), [rows, key, openRow])
}

export const useOpenedOne = <Row, Opened>(
  row: Row | undefined,
  openRow: (key: DataKey, row: Row) => Opened,
): Opened | undefined => {
  const key = useDataKey()
  return useMemo(() => (row === undefined ? undefined : openRow(key, row)), [row, key, openRow])
}
