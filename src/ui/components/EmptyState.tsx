import type { ReactNode } from 'react'

/** What an empty list says: what is missing and what to do about it. */
export const EmptyState = ({ title, children }: { title: string; children?: ReactNode }) => (
  <div className="empty-state">
    <h3>{title}</h3>
    {children}
  </div>
)
