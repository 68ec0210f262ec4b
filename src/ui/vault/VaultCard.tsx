import type { ReactNode } from 'react'

/** The centred card the setup, unlock and recovery screens share: nothing private behind it. */
export const VaultCard = ({ title, children }: { title: string; children: ReactNode }) => (
  <main className="vault" aria-labelledby="vault-title">
    <div className="vault-card">
      <div className="vault-brand" aria-hidden="true">
        <img src="/favicon.svg" alt="" width="40" height="40" />
      </div>
      <h1 id="vault-title">{title}</h1>
      {children}
    </div>
  </main>
)
