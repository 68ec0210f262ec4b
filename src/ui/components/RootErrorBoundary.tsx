import { Component, type ErrorInfo, type ReactNode } from 'react'

type State = { error: Error | null }

/** Names the failures we know (storage unavailable, quota, another version open) so the person knows what to do. */
const explain = (error: Error): { title: string; detail: string } => {
  const text = `${error.name} ${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`
  if (/QuotaExceeded|quota/i.test(text)) {
    return {
      title: 'The browser has no more room for Hearth',
      detail: 'Free some disk space or site storage, then reload. Nothing already stored was lost.',
    }
  }
  if (/OPFS|getDirectory|createSyncAccessHandle|NoModificationAllowed|InvalidState/i.test(text)) {
    return {
      title: 'Hearth cannot open its storage',
      detail:
        'The browser refused access to the Origin Private File System. Private windows and some settings block it; another program may hold it open. Close other Hearth windows and reload.',
    }
  }
  if (/SharedWorker/i.test(text)) {
    return {
      title: 'Hearth cannot start its shared worker',
      detail:
        'This browser blocked the SharedWorker that keeps tabs in sync. Use a current browser outside of a restricted mode.',
    }
  }
  return {
    title: 'Something went wrong',
    detail: 'Hearth hit an unexpected error. Your stored data is untouched; reloading usually helps.',
  }
}

export class RootErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Hearth stopped with an error', error, info.componentStack)
  }

  override render() {
    const { error } = this.state
    if (error === null) return this.props.children
    const { title, detail } = explain(error)
    return <FatalScreen title={title} detail={detail} technical={`${error.name}: ${error.message}`} />
  }
}

export const FatalScreen = ({
  title,
  detail,
  technical,
}: {
  title: string
  detail: string
  technical?: string
}) => (
  <main className="fatal" role="alert">
    <h1>{title}</h1>
    <p>{detail}</p>
    {technical !== undefined && (
      <details>
        <summary>Technical details</summary>
        <pre>{technical}</pre>
      </details>
    )}
    <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
      Reload
    </button>
  </main>
)
