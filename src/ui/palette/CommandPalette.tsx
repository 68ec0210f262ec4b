import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { setTheme } from '../../commands/settings.ts'
import { conversationFields, recentConversations$ } from '../../schema/conversations.ts'
import { allPersonas$, personaFields } from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { navigate } from '../router.ts'
import { NAV } from '../shell/nav.ts'
import { useOpened, useVault } from '../vault/vault-session.tsx'
import { filterItems, type PaletteItem } from './palette-match.ts'
import './palette.css'

const RECENT = { personaId: null, archived: false, page: 0 }

/**
 * Everything the palette offers. Mounted only while the palette is open, so its queries (and the
 * decryption of persona names and conversation titles) cost nothing the rest of the time.
 */
const usePaletteItems = (): PaletteItem[] => {
  const store = useAppStore()
  const { lock } = useVault()
  const personas = useOpened(store.useQuery(allPersonas$), personaFields.open)
  const conversations = useOpened(store.useQuery(recentConversations$(RECENT)), conversationFields.open)

  return useMemo(
    () => [
      ...NAV.map((place) => ({
        id: `go:${place.label}`,
        label: place.label,
        group: 'Go to',
        run: () => navigate(place.route),
      })),
      {
        id: 'backup',
        label: 'Back up or restore',
        group: 'Action',
        keywords: 'backup restore export import file',
        run: () => navigate({ screen: 'backup' }),
      },
      { id: 'lock', label: 'Lock Hearth', group: 'Action', keywords: 'vault close', run: lock },
      ...(['light', 'dark', 'system'] as const).map((theme) => ({
        id: `theme:${theme}`,
        label:
          theme === 'system' ? 'Theme like this device' : `${theme === 'light' ? 'Light' : 'Dark'} theme`,
        group: 'Appearance',
        keywords: 'theme appearance colour color mode',
        run: () => setTheme(store, theme),
      })),
      ...personas.map((p) => ({
        id: `persona:${p.id}`,
        label: `${p.avatar} ${p.name}`.trim(),
        group: 'Persona’s memories',
        keywords: 'persona memories',
        run: () => navigate({ screen: 'memories', personaId: p.id }),
      })),
      ...conversations.slice(0, 50).map((c) => ({
        id: `conversation:${c.id}`,
        label: c.title === '' ? 'Untitled conversation' : c.title,
        group: 'Conversation',
        run: () => navigate({ screen: 'conversation', id: c.id }),
      })),
    ],
    [personas, conversations, lock, store],
  )
}

const PaletteBody = ({ onClose }: { onClose: () => void }) => {
  const items = usePaletteItems()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const matches = useMemo(() => {
    const found = filterItems(items, query)
    const text = query.trim()
    if (text === '') return found
    // Always offered last, so Enter on an unmatched query searches for it.
    const search: PaletteItem = {
      id: 'search',
      label: `Search for “${text}”`,
      group: 'Search',
      run: () => navigate({ screen: 'search', query: text }),
    }
    return [...found, search]
  }, [items, query])
  const current = Math.min(active, matches.length - 1)
  const optionId = (i: number) => `${listId}-${i}`

  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' })
  })

  const choose = (item: PaletteItem | undefined) => {
    if (item === undefined) return
    onClose()
    item.run()
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    const last = matches.length - 1
    if (e.key === 'ArrowDown') setActive(current >= last ? 0 : current + 1)
    else if (e.key === 'ArrowUp') setActive(current <= 0 ? last : current - 1)
    else if (e.key === 'Home' && e.ctrlKey) setActive(0)
    else if (e.key === 'End' && e.ctrlKey) setActive(last)
    else if (e.key === 'Enter') choose(matches[current])
    else return
    e.preventDefault()
  }

  return (
    <>
      <input
        className="palette-input"
        role="combobox"
        aria-label="Go to or do"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
        aria-autocomplete="list"
        placeholder="Go to a screen, persona or conversation…"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
        // biome-ignore lint/a11y/noAutofocus: the palette exists to be typed into the moment it opens.
        autoFocus
      />
      {/* Options are reached with the arrow keys from the field (aria-activedescendant), not with Tab. */}
      <div className="palette-list" id={listId} role="listbox" aria-label="Results">
        {matches.map((item, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox field handles the keys for every option.
          <div
            key={item.id}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === current}
            className="palette-option"
            onClick={() => choose(item)}
            onMouseMove={() => setActive(i)}
          >
            <span className="palette-label">{item.label}</span>
            <span className="palette-group">{item.group}</span>
          </div>
        ))}
      </div>
      <p className="palette-help" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
      </p>
    </>
  )
}

/** Ctrl+K (⌘K on a Mac) from anywhere: jump to a screen, persona or conversation, or act, by typing. */
export const CommandPalette = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = ref.current
    if (dialog === null) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is for the backdrop; Escape closes it from the keyboard.
    <dialog
      ref={ref}
      className="palette"
      aria-label="Command palette"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      // A click on the backdrop lands on the dialog element itself: close, as a person expects.
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose()
      }}
    >
      {open && <PaletteBody onClose={onClose} />}
    </dialog>
  )
}
