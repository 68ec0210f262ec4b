import { useCallback, useState } from 'react'

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * An async action a person started (unlock, change passphrase, …): `busy` while it runs, its
 * failure's message as `error`. A new attempt clears the last error.
 */
export const usePendingAction = () => {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (failure) {
      setError(messageOf(failure))
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, setError, run }
}
