import { AppearancePanel } from './AppearancePanel.tsx'
import { ForgetPanel } from './ForgetPanel.tsx'
import { ModelPanel } from './ModelPanel.tsx'
import { PrivacyPanel } from './PrivacyPanel.tsx'
import { ProfilePanel } from './ProfilePanel.tsx'
import { SearchModelPanel } from './SearchModelPanel.tsx'
import { SecurityPanel } from './SecurityPanel.tsx'
import './settings.css'

/** Settings, one panel per concern; they are shared by every Hearth tab of this browser. */
export const SettingsScreen = () => (
  <section className="screen settings" aria-labelledby="settings-title">
    <div className="screen-header">
      <h1 id="settings-title">Settings</h1>
    </div>
    <p className="screen-lead">
      Shared by every Hearth tab of this browser; what is personal is stored encrypted.
    </p>
    <ProfilePanel />
    <ModelPanel />
    <PrivacyPanel />
    <ForgetPanel />
    <AppearancePanel />
    <SearchModelPanel />
    <SecurityPanel />
  </section>
)
