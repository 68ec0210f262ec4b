import { SecurityPanel } from './SecurityPanel.tsx'

/** Settings; this screen grows a section per concern (profile, privacy, appearance come next). */
export const SettingsScreen = () => (
  <section className="screen" aria-labelledby="settings-title">
    <div className="screen-header">
      <h1 id="settings-title">Settings</h1>
    </div>
    <SecurityPanel />
  </section>
)
