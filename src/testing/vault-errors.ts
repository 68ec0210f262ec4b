import type { DataKey } from '../vault/envelope.ts'
import { VaultError } from '../vault/vault-error.ts'

/** A random data key named `id`. */
export const randomKey = (id: string): DataKey => ({ id, bytes: crypto.getRandomValues(new Uint8Array(32)) })

/** The code of the VaultError `run` throws, or undefined if it throws none (other errors propagate). */
export const vaultErrorCode = (run: () => unknown): string | undefined => {
  try {
    run()
  } catch (error) {
    if (error instanceof VaultError) return error.code
    throw error
  }
  return undefined
}
