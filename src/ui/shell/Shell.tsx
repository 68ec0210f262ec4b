import { useEffect, useState, useSyncExternalStore } from 'react'
import { unreadCount$ } from '../../schema/notifications.ts'
import { settings$ } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { exposeBenchHandle } from '../../store/bench-handle.ts'
import { bootStatus } from '../../store/boot-status.ts'
import { BackupScreen } from '../backup/BackupScreen.tsx'
import { ConversationScreen } from '../conversations/ConversationScreen.tsx'
import { ConversationsScreen } from '../conversations/ConversationsScreen.tsx'
import { DocumentsScreen } from '../documents/DocumentsScreen.tsx'
import { HomeScreen } from '../home/HomeScreen.tsx'
import { AccessTracking } from '../lifecycle/access-tracking.tsx'
import { useLifecycleJob } from '../lifecycle/lifecycle-job.ts'
import { useForgetting } from '../lifecycle/use-forgetting.ts'
import { DuplicatesScreen } from '../memories/DuplicatesScreen.tsx'
import { MemoriesScreen } from '../memories/MemoriesScreen.tsx'
import { MemoryScreen } from '../memories/MemoryScreen.tsx'
import { NotificationsScreen } from '../notifications/NotificationsScreen.tsx'
import { CommandPalette } from '../palette/CommandPalette.tsx'
import { PersonasScreen } from '../personas/PersonasScreen.tsx'
import { hrefFor, navigate, type Route, useRoute } from '../router.ts'
import { SEARCH_FIELD_ID, SearchScreen } from '../search/SearchScreen.tsx'
import { useSearchSync } from '../search/use-search-sync.ts'
import { SettingsScreen } from '../settings/SettingsScreen.tsx'
import { StorageScreen } from '../storage/StorageScreen.tsx'
import { UsageScreen } from '../usage/UsageScreen.tsx'
import { useAutoLock } from '../vault/use-auto-lock.ts'
import { useVault } from '../vault/vault-session.tsx'
import { useWorkflowRunner } from '../workflows/use-workflow-runner.ts'
import { WorkflowScreen } from '../workflows/WorkflowScreen.tsx'
import { WorkflowsScreen } from '../workflows/WorkflowsScreen.tsx'
import { NAV } from './nav.ts'
import { SaveStalledBanner, SaveStatus, useSaveProgress } from './SaveStatus.tsx'
import { useUnsavedWarning } from './use-unsaved-warning.ts'

/** Where typing `/` means a character, not "go to search". */
const isTextEntry = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.closest('input, textarea, select, [role="textbox"]') !== null)

const Screen = ({ route }: { route: Route }) => {
  switch (route.screen) {
    case 'home':
      return <HomeScreen />
    case 'search':
      return <SearchScreen query={route.query} />
    case 'personas':
      return <PersonasScreen />
    case 'memories':
      return <MemoriesScreen key={route.personaId ?? ''} personaId={route.personaId} />
    case 'memory':
      return <MemoryScreen key={route.id} id={route.id} />
    case 'duplicates':
      return <DuplicatesScreen key={route.personaId} personaId={route.personaId} />
    case 'conversations':
      return <ConversationsScreen />
    case 'conversation':
      return <ConversationScreen key={route.id} id={route.id} />
    case 'usage':
      return <UsageScreen />
    case 'workflows':
      return <WorkflowsScreen />
    case 'workflow':
      return <WorkflowScreen key={route.id} id={route.id} />
    case 'documents':
      return <DocumentsScreen />
    case 'notifications':
      return <NotificationsScreen />
    case 'storage':
      return <StorageScreen />
    case 'backup':
      return <BackupScreen />
    case 'settings':
      return <SettingsScreen />
    case 'not-found':
      return (
        <section className="screen">
          <h1>Page not found</h1>
          <p>
            There is nothing at “{route.path}”. <a href="#/">Go home</a>.
          </p>
        </section>
      )
  }
}

export const Shell = () => {
  const store = useAppStore()
  const route = useRoute()
  const { appearance, lock: lockSettings } = store.useQuery(settings$)
  const boot = useSyncExternalStore(bootStatus.subscribe, bootStatus.get)
  const unread = store.useQuery(unreadCount$)
  const { key, lock } = useVault()
  const [paletteOpen, setPaletteOpen] = useState(false)
  const save = useSaveProgress(store)
  useUnsavedWarning(store)
  useAutoLock(lockSettings, lock)
  useSearchSync(store, key)
  useLifecycleJob(store, key)
  useWorkflowRunner(store, key)
  useForgetting(store, key)

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
        // Ctrl+K is the browser's "search the web" in some browsers: inside Hearth it opens the palette.
        e.preventDefault()
        setPaletteOpen((open) => !open)
      } else if (
        e.key === '/' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !e.defaultPrevented &&
        !isTextEntry(e.target) &&
        document.querySelector('dialog[open]') === null
      ) {
        // Quick search: `/` outside a text field opens Search with its field focused.
        e.preventDefault()
        const searchField = document.getElementById(SEARCH_FIELD_ID)
        if (searchField) searchField.focus()
        else navigate({ screen: 'search', query: '' })
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  useEffect(() => exposeBenchHandle(store, key), [store, key])
  useEffect(() => {
    document.documentElement.dataset.theme = appearance.theme
  }, [appearance.theme])

  return (
    <div className="shell">
      {/* A button, not a link to #main: routing uses the hash, so it moves focus itself. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header className="sidebar">
        <a className="brand" href="#/">
          <img src="/favicon.svg" alt="" width="26" height="26" />
          <span className="brand-name">Hearth</span>
        </a>
        <button
          type="button"
          className="palette-button"
          aria-keyshortcuts="Control+K Meta+K"
          onClick={() => setPaletteOpen(true)}
        >
          <span aria-hidden="true">⌕</span>
          <span className="compact-hidden">Jump to…</span>
          <kbd className="compact-hidden">Ctrl K</kbd>
        </button>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.label}>
                <a
                  className="nav-link"
                  href={hrefFor(item.route)}
                  aria-current={item.screens.includes(route.screen) ? 'page' : undefined}
                >
                  <span className="nav-icon" aria-hidden="true">
                    {item.icon}
                  </span>
                  <span className="nav-label">{item.label}</span>
                  {item.route.screen === 'notifications' && unread > 0 && (
                    // Read with the link's name: "Notifications 3 unread".
                    <span className="nav-badge">
                      {unread}
                      <span className="visually-hidden"> unread</span>
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <SaveStatus pending={save.pending} />
          <button type="button" className="button button-small lock-button" onClick={lock}>
            <span aria-hidden="true">🔒</span>
            <span className="compact-hidden"> Lock</span>
          </button>
        </div>
      </header>
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} />
      <main id="main" className="content" tabIndex={-1}>
        {boot?.stage === 'warning' && (
          <div className="banner banner-warning" role="alert">
            <strong>Your data is not being saved.</strong> {boot.message} Anything you add in this window is
            lost when it closes.
          </div>
        )}
        {save.stalled && <SaveStalledBanner pending={save.pending} />}
        <AccessTracking store={store}>
          <Screen route={route} />
        </AccessTracking>
      </main>
    </div>
  )
}
