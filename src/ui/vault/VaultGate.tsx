import { type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useAppStore } from '../../store/app-store.ts'
import { browserKeyringShare, opfsKeyPages } from '../../vault/browser-key-pages.ts'
import type { DataKey } from '../../vault/envelope.ts'
import type { Keyring } from '../../vault/keyring.ts'
import { loadKeyring, onKeyringChange } from '../../vault/keyring-store.ts'
import { openLockChannel } from '../../vault/lock-channel.ts'
import { openRecordKeys, type RecordKeys } from '../../vault/record-keyring.ts'
import { BootScreen } from '../components/BootScreen.tsx'
import { FatalScreen } from '../components/RootErrorBoundary.tsx'
import { lockSearch } from '../search/search-client.ts'
import { SetupScreen } from './SetupScreen.tsx'
import { UnlockScreen } from './UnlockScreen.tsx'
import { VaultProvider, type VaultSession } from './vault-session.tsx'

type KeyringState = { keyring: Keyring | null } | { error: string }

const readKeyring = (): KeyringState => {
  try {
    return { keyring: loadKeyring() }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** Boots the store while the lock screen shows, so unlocking goes straight to the data. */
const StoreWarmup = () => {
  useAppStore()
  return null
}

/**
 * Nothing private renders until the vault is unlocked. Locking (here, in another tab, by auto-lock)
 * drops the key and unmounts everything below, so opened plaintext goes with it.
 */
export const VaultGate = ({ children }: { children: ReactNode }) => {
  const [keyringState, setKeyringState] = useState(readKeyring)
  const [unlocked, setUnlocked] = useState<{ dataKey: DataKey; records: RecordKeys } | null>(null)
  const [openingKeys, setOpeningKeys] = useState(false)
  const [keysError, setKeysError] = useState<string | null>(null)
  const [keysVersion, setKeysVersion] = useState(0)
  const channel = useRef<ReturnType<typeof openLockChannel> | null>(null)
  /** Bumped by every lock: record keys still loading when the vault locks are thrown away. */
  const generation = useRef(0)

  const drop = useCallback(() => {
    generation.current++
    // The search worker holds plaintext and a copy of the key for every tab: it drops both.
    lockSearch()
    setOpeningKeys(false)
    setUnlocked((current) => {
      // Zero the keys' bytes too: any copy of them left in a closure is useless afterwards.
      current?.records.close()
      current?.dataKey.bytes.fill(0)
      return null
    })
  }, [])

  /** The data key is known: load this vault's record keys (OPFS), then open the app. */
  const accept = useCallback((dataKey: DataKey) => {
    const mine = ++generation.current
    setOpeningKeys(true)
    openRecordKeys(dataKey, { storage: opfsKeyPages, share: browserKeyringShare() })
      .then((records) => {
        if (generation.current !== mine) {
          records.close()
          return
        }
        if (records.problems.length > 0) console.error('record keys: unreadable pages', records.problems)
        setUnlocked({ dataKey, records })
        setOpeningKeys(false)
      })
      .catch((error: unknown) => {
        if (generation.current === mine) setKeysError(error instanceof Error ? error.message : String(error))
      })
  }, [])

  // Keys added or destroyed (here or in another tab): opened rows open again (`keysVersion`), while
  // the key object itself stays the same, so effects that hold it (search sync, jobs) keep running.
  useEffect(() => unlocked?.records.subscribe(() => setKeysVersion((v) => v + 1)), [unlocked])
  const key = useMemo<DataKey | null>(
    () =>
      unlocked === null
        ? null
        : { id: unlocked.dataKey.id, bytes: unlocked.dataKey.bytes, records: unlocked.records },
    [unlocked],
  )

  useEffect(() => {
    const lockChannel = openLockChannel((message) => {
      if (message.type === 'locked') drop()
    })
    channel.current = lockChannel
    // Another tab changed the passphrase or the recovery code: unlock with the new keyring.
    const stopWatching = onKeyringChange(() => setKeyringState(readKeyring()))
    return () => {
      stopWatching()
      lockChannel.close()
      channel.current = null
    }
  }, [drop])

  const lock = useCallback(() => {
    drop()
    channel.current?.post({ type: 'locked' })
  }, [drop])

  const keyring = 'keyring' in keyringState ? keyringState.keyring : null
  const session = useMemo<VaultSession | null>(
    () =>
      key === null || keyring === null
        ? null
        : {
            key,
            keysVersion,
            keyring,
            lock,
            replaceKeyring: (next) => setKeyringState({ keyring: next }),
          },
    [key, keysVersion, keyring, lock],
  )

  if (keysError !== null) {
    return (
      <FatalScreen
        title="Hearth could not open its record keys"
        detail={`${keysError} Reload the page to try again. If it persists, restore a backup in a fresh browser profile.`}
      />
    )
  }
  if ('error' in keyringState) {
    return (
      <FatalScreen
        title="Hearth’s key in this browser is damaged"
        detail={`${keyringState.error} Your data cannot be opened without it. If you have a backup, restore it in a fresh browser profile.`}
      />
    )
  }
  if (session !== null) return <VaultProvider session={session}>{children}</VaultProvider>
  if (openingKeys) return <BootScreen />
  return (
    <>
      {keyring === null ? (
        <SetupScreen
          onCreated={(created, dataKey) => {
            setKeyringState({ keyring: created })
            accept(dataKey)
          }}
        />
      ) : (
        <UnlockScreen
          keyring={keyring}
          onUnlocked={(dataKey, next) => {
            if (next !== keyring) setKeyringState({ keyring: next })
            accept(dataKey)
          }}
        />
      )}
      <Suspense fallback={null}>
        <StoreWarmup />
      </Suspense>
    </>
  )
}
