import { useMemo } from 'react'
import { dayLabel, summarizeUsage, type UsageTotals } from '../../assistant/usage.ts'
import { usageByDay$ } from '../../schema/conversations.ts'
import { useAppStore } from '../../store/app-store.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { formatCost } from '../conversations/message-format.ts'
import { hrefFor } from '../router.ts'
import './usage.css'

const n = new Intl.NumberFormat('en')

const Cells = ({ t }: { t: UsageTotals }) => (
  <>
    <td className="num">{n.format(t.replies)}</td>
    <td className="num">{n.format(t.inputTokens)}</td>
    <td className="num">{n.format(t.outputTokens)}</td>
    <td className="num">
      {formatCost(t.cost)}
      {t.unpriced > 0 && <span className="meta"> (+{n.format(t.unpriced)} unpriced)</span>}
    </td>
  </>
)

const Head = ({ first }: { first: string }) => (
  <thead>
    <tr>
      <th scope="col">{first}</th>
      <th scope="col" className="num">
        Replies
      </th>
      <th scope="col" className="num">
        Input tokens
      </th>
      <th scope="col" className="num">
        Output tokens
      </th>
      <th scope="col" className="num">
        Cost
      </th>
    </tr>
  </thead>
)

/** Tokens and cost per model per day, summed from the replies' own figures (nothing counted twice or kept apart). */
export const UsageScreen = () => {
  const store = useAppStore()
  const offset = useMemo(() => new Date().getTimezoneOffset(), [])
  const rows = store.useQuery(usageByDay$(offset))
  const report = useMemo(() => summarizeUsage(rows), [rows])
  return (
    <section className="screen usage" aria-labelledby="usage-title">
      <div className="screen-header">
        <h1 id="usage-title">Usage</h1>
      </div>
      <p className="screen-lead">
        What your personas’ models used, per model and day, added up from the replies in your conversations.
        Costs come from the prices in <a href={hrefFor({ screen: 'settings' })}>Settings › Model</a>, in your
        currency, as they were when each reply arrived.
      </p>
      {report.days.length === 0 ? (
        <EmptyState title="No model replies yet">
          <p>When a persona replies in a conversation, its tokens and cost show here.</p>
        </EmptyState>
      ) : (
        <>
          <section className="panel" aria-labelledby="usage-models-title">
            <h2 id="usage-models-title">By model</h2>
            {/* Focusable, so a keyboard can scroll it sideways on a narrow screen. */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
            <div className="table-scroll" tabIndex={0}>
              <table className="usage-table" aria-labelledby="usage-models-title">
                <Head first="Model" />
                <tbody>
                  {report.byModel.map((m) => (
                    <tr key={m.model}>
                      <th scope="row">{m.model}</th>
                      <Cells t={m} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <Cells t={report.total} />
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
          <section className="panel" aria-labelledby="usage-days-title">
            <h2 id="usage-days-title">By day</h2>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
            <div className="table-scroll" tabIndex={0}>
              <table className="usage-table" aria-labelledby="usage-days-title">
                <Head first="Day and model" />
                {report.days.map((d) => (
                  <tbody key={d.day}>
                    <tr className="usage-day">
                      <th scope="row">{dayLabel(d.day)}</th>
                      <Cells t={d.total} />
                    </tr>
                    {d.rows.map((r) => (
                      <tr key={r.model}>
                        <th scope="row" className="usage-model">
                          {r.model}
                        </th>
                        <Cells t={r} />
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          </section>
        </>
      )}
    </section>
  )
}
