import { overview$ } from '../../schema/overview.ts'
import { useAppStore } from '../../store/app-store.ts'
import { hrefFor } from '../router.ts'
import { SampleDataPanel } from './SampleDataPanel.tsx'

export const HomeScreen = () => {
  const store = useAppStore()
  const counts = store.useQuery(overview$)
  const stats = [
    { label: 'Personas', value: counts.personas, href: hrefFor({ screen: 'personas' }) },
    { label: 'Memories', value: counts.memories, href: hrefFor({ screen: 'memories', personaId: null }) },
    { label: 'Conversations', value: counts.conversations, href: undefined },
    { label: 'Workflows', value: counts.workflows, href: undefined },
    { label: 'Documents', value: counts.documents, href: undefined },
  ]
  return (
    <section className="screen" aria-labelledby="home-title">
      <h1 id="home-title">Your assistant’s home</h1>
      <p className="screen-lead">
        Everything here lives only in this browser, works offline and stays in sync across your open tabs.
      </p>
      <dl className="stats">
        {stats.map((s) => (
          <div key={s.label} className="stat">
            <dt>{s.label}</dt>
            <dd>
              {s.href === undefined ? (
                s.value.toLocaleString('en')
              ) : (
                <a href={s.href}>{s.value.toLocaleString('en')}</a>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <SampleDataPanel />
    </section>
  )
}
