import { useId } from 'react'
import { setTheme } from '../../commands/settings.ts'
import { settings$, type Theme } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { useCommand } from '../components/Toasts.tsx'

const THEMES: ReadonlyArray<{ theme: Theme; label: string; hint: string }> = [
  { theme: 'light', label: 'Light', hint: 'Always light.' },
  { theme: 'dark', label: 'Dark', hint: 'Always dark.' },
  { theme: 'system', label: 'System', hint: 'Follows this device, day and night.' },
]

/** Light, dark or the device's choice; it applies at once, in every Hearth tab. */
export const AppearancePanel = () => {
  const store = useAppStore()
  const { theme } = store.useQuery(settings$).appearance
  const run = useCommand()
  const id = useId()
  return (
    <section className="panel" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="theme-choices">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          // The whole card is the click target; the radio is named by its word and described by its hint.
          <label key={t.theme} className="theme-choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={t.theme}
              checked={theme === t.theme}
              aria-labelledby={`${id}-${t.theme}`}
              aria-describedby={`${id}-${t.theme}-hint`}
              onChange={() => run(() => setTheme(store, t.theme))}
            />
            <span className={`theme-preview theme-preview-${t.theme}`} aria-hidden="true">
              <span />
              <span />
            </span>
            <span className="theme-text">
              <span id={`${id}-${t.theme}`} className="theme-label">
                {t.label}
              </span>
              <small id={`${id}-${t.theme}-hint`}>{t.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  )
}
