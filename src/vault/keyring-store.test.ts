import { describe, expect, it, vi } from 'vitest'
import { MemoryStorage } from '../testing/memory-storage.ts'
import { toBase64url } from './base64url.ts'
import { DEFAULT_KDF, KDF_FLOOR, newKdfParams } from './kdf.ts'
import type { Keyring } from './keyring.ts'
import { KEYRING_STORAGE_KEY, loadKeyring, onKeyringChange, saveKeyring } from './keyring-store.ts'

const random = (length: number) => toBase64url(crypto.getRandomValues(new Uint8Array(length)))

/** Well-formed (parseKeyring checks shape and params, not whether the wraps open). */
const keyring: Keyring = {
  format: 'hearth-keyring',
  version: 1,
  keyId: 'abcd1234',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  passphrase: { kdf: newKdfParams(DEFAULT_KDF), nonce: random(24), wrappedKey: random(48) },
  recovery: {
    kdf: newKdfParams({ ...KDF_FLOOR, parallelism: 1 }),
    nonce: random(24),
    wrappedKey: random(48),
  },
}

/** What a browser dispatches on other tabs' windows; Node has no StorageEvent. */
const storageEvent = (key: string | null, storageArea: Storage) =>
  Object.assign(new Event('storage'), { key, storageArea })

describe('keyring storage', () => {
  it('has no keyring on a fresh device', () => {
    expect(loadKeyring(new MemoryStorage())).toBeNull()
  })

  it('saves under hearth.keyring.v1 and loads it back', () => {
    const storage = new MemoryStorage()
    saveKeyring(keyring, storage)
    expect(storage.length).toBe(1)
    expect(storage.key(0)).toBe(KEYRING_STORAGE_KEY)
    expect(loadKeyring(storage)).toEqual(keyring)
  })

  it('replaces the keyring in one write', () => {
    const storage = new MemoryStorage()
    saveKeyring(keyring, storage)
    const setItem = vi.spyOn(storage, 'setItem')
    saveKeyring({ ...keyring, updatedAt: keyring.updatedAt + 1 }, storage)
    expect(setItem).toHaveBeenCalledTimes(1)
    expect(loadKeyring(storage)?.updatedAt).toBe(keyring.updatedAt + 1)
  })

  it.each([
    ['not JSON', '{"format":"hearth-keyring",', 'bad-keyring'],
    ['JSON of something else', '[1,2,3]', 'bad-keyring'],
    [
      'weakened',
      JSON.stringify({
        ...keyring,
        passphrase: { ...keyring.passphrase, kdf: { ...keyring.passphrase.kdf, iterations: 1 } },
      }),
      'weak-kdf',
    ],
  ])('throws the VaultError for a saved keyring that is %s', (_, saved, code) => {
    const storage = new MemoryStorage()
    storage.setItem(KEYRING_STORAGE_KEY, saved)
    expect(() => loadKeyring(storage)).toThrow(expect.objectContaining({ name: 'VaultError', code }))
  })
})

describe('onKeyringChange', () => {
  it('hears another tab change or clear the keyring, and nothing else', () => {
    const storage = new MemoryStorage()
    const target = new EventTarget()
    const callback = vi.fn()
    const stop = onKeyringChange(callback, storage, target)
    target.dispatchEvent(storageEvent(KEYRING_STORAGE_KEY, storage))
    target.dispatchEvent(storageEvent(null, storage))
    expect(callback).toHaveBeenCalledTimes(2)
    target.dispatchEvent(storageEvent('hearth.other-setting', storage))
    target.dispatchEvent(storageEvent(KEYRING_STORAGE_KEY, new MemoryStorage())) // e.g. sessionStorage
    expect(callback).toHaveBeenCalledTimes(2)
    stop()
    target.dispatchEvent(storageEvent(KEYRING_STORAGE_KEY, storage))
    expect(callback).toHaveBeenCalledTimes(2)
  })
})
