import { type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useAppStore } from '../../store/app-store.ts'
import type { DataKey } from '../../vault/envelope.ts'
import type { Keyring } from '../../vault/keyring.ts'
import { loadKeyring, onKeyringChange } from '../../vault/keyring-store.ts'
import { openLockChannel } from '../../vault/lock-channel.ts'
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
  const [key, setKey] = useState<DataKey | null>(null)
  const channel = useRef<ReturnType<typeof openLockChannel> | null>(null)

  const drop = useCallback(() => {
    // The search worker holds plaintext and a copy of the key for every tab: it drops both.
    lockSearch()
    setKey((current) => {
      // Zero the key's bytes too: any copy of the object left in a closure is useless afterwards.
      current?.bytes.fill(0)
      return null
    })
  }, [])

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
            keyring,
            lock,
            replaceKeyring: (next) => setKeyringState({ keyring: next }),
          },
    [key, keyring, lock],
  )

  if ('error' in keyringState) {
    return (
      <FatalScreen
        title="Hearth’s key in this browser is damaged"
        detail={`${keyringState.error} Your data cannot be opened without it. If you have a backup, restore it in a fresh browser profile.`}
      />
    )
  }
  if (session !== null) return <VaultProvider session={session}>{children}</VaultProvider>
  return (
    <>
      {keyring === null ? (
        <SetupScreen
          onCreated={(created, dataKey) => {
            setKeyringState({ keyring: created })
            setKey(dataKey)
          }}
        />
      ) : (
        <UnlockScreen
          keyring={keyring}
          onUnlocked={(dataKey, next) => {
            if (next !== keyring) setKeyringState({ keyring: next })
            setKey(dataKey)
          }}
        />
      )}
      <Suspense fallback={null}>
        <StoreWarmup />
      </Suspense>
    </>
  )
}
