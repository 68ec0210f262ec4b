import { type Remote, wrap } from 'comlink'
import type { KdfWorkerApi } from '../workers/kdf.worker.ts'
import { checkKdfParams, type Derive } from './kdf.ts'

/**
 * The app's `Derive`: Argon2id in a dedicated worker, so the 64 MiB derivation never blocks the UI.
 * One worker is created on first use and reused; derivations queue in it one at a time, which
 * also keeps at most one 64 MiB buffer alive.
 */
type Connection = { worker: Worker; remote: Remote<KdfWorkerApi>; failed: Promise<never> }

let connection: Connection | undefined

const connect = (): Connection => {
  if (connection !== undefined) return connection
  const worker = new Worker(new URL('../workers/kdf.worker.ts', import.meta.url), { type: 'module' })
  // Comlink leaves a call pending forever if the worker dies (failed to load, or ran out of memory
  // for Argon2id's buffer), so a crash rejects every call in flight and the next call starts afresh.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault()
      if (connection?.worker === worker) connection = undefined
      worker.terminate()
      reject(
        new Error(
          'Hearth could not run the key derivation on this device (it may be low on memory). Close other tabs and try again.',
        ),
      )
    })
  })
  // Nothing may be waiting on it yet; without this the rejection would be reported as unhandled.
  failed.catch(() => {})
  connection = { worker, remote: wrap<KdfWorkerApi>(worker), failed }
  return connection
}

/** Starts the worker and readies Argon2id ahead of the first derivation (the lock and setup screens call it). */
export const warmUpKdf = () => {
  const { remote, failed } = connect()
  // A failed warm-up is not worth a word: the derivation that follows reports the problem itself.
  Promise.race([remote.warmUp(), failed]).catch(() => {})
}

export const deriveInWorker: Derive = (secret, params) => {
  // Checked here too, so a weak or garbled keyring fails with its VaultError (and code): errors
  // thrown inside the worker reach this side as plain Errors.
  checkKdfParams(params)
  const { remote, failed } = connect()
  return Promise.race([remote.deriveKey(secret, params), failed])
}
