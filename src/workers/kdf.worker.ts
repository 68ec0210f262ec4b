// Runs Argon2id off the main thread: a 64 MiB, 3-pass derivation takes long enough to freeze
// the UI (and the unlock screen's spinner) if it ran in the page.
import { expose, transfer } from 'comlink'
import { argon2id } from 'hash-wasm'
import { deriveKey, type KdfParams } from '../vault/kdf.ts'

const api = {
  /**
   * Loads and compiles Argon2id's WASM while the lock screen waits for the passphrase, so that
   * unlocking pays only for the derivation. A throwaway run at the smallest cost: no secret, no key.
   */
  async warmUp(): Promise<void> {
    await argon2id({
      password: 'warm-up',
      salt: new Uint8Array(16),
      parallelism: 1,
      iterations: 1,
      memorySize: 8,
      hashLength: 32,
      outputType: 'binary',
    })
  },
  async deriveKey(secret: string, params: KdfParams): Promise<Uint8Array<ArrayBuffer>> {
    const derived = await deriveKey(secret, params)
    // Moved into a buffer of its own (a view into a larger one could not be transferred), the
    // original wiped, and the copy transferred rather than cloned: no copy of the key lingers here.
    const key = derived.slice()
    derived.fill(0)
    return transfer(key, [key.buffer])
  },
}

export type KdfWorkerApi = typeof api

expose(api)
