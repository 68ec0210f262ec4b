import { useEffect, useId, useRef, useState } from 'react'
import { type ConnectionCheck, testConnection } from '../../assistant/chat-client.ts'

type Props = { endpoint: string; model: string; apiKey: string }

/**
 * "Test connection" for a model endpoint as typed (before saving): says that it answered, or what
 * failed — unreachable, CORS, the key (401), the model name, the server.
 */
export const ConnectionTest = ({ endpoint, model, apiKey }: Props) => {
  const [check, setCheck] = useState<ConnectionCheck | 'testing' | null>(null)
  const controller = useRef<AbortController | null>(null)
  const id = useId()

  useEffect(() => () => controller.current?.abort(), [])
  // A result is about the values it tested: editing them clears it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: clears on any change of the tested values
  useEffect(() => {
    controller.current?.abort()
    setCheck(null)
  }, [endpoint, model, apiKey])

  const test = async () => {
    controller.current?.abort()
    const abort = new AbortController()
    controller.current = abort
    setCheck('testing')
    const result = await testConnection(
      { endpoint, model, apiKey: apiKey.trim() === '' ? null : apiKey.trim() },
      { signal: abort.signal },
    )
    if (!abort.signal.aborted) setCheck(result)
  }

  return (
    <div className="connection-test">
      <button
        type="button"
        className="button"
        aria-describedby={`${id}-result`}
        disabled={check === 'testing'}
        onClick={() => void test()}
      >
        {check === 'testing' ? 'Testing…' : 'Test connection'}
      </button>
      <p
        id={`${id}-result`}
        role="status"
        className={
          check === null || check === 'testing'
            ? 'connection-result'
            : check.ok
              ? 'connection-result connection-ok'
              : 'connection-result connection-failed'
        }
      >
        {check === 'testing' ? 'Testing…' : check === null ? '' : `${check.ok ? '✓' : '✗'} ${check.message}`}
      </p>
    </div>
  )
}
