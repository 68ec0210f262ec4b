import { useId, useState } from 'react'
import type { MemoryProposal } from '../../assistant/upkeep.ts'
import { Dialog } from '../components/Dialog.tsx'

type Props = {
  proposals: ReadonlyArray<MemoryProposal> | null
  personaName: string
  onClose: () => void
  /** Returns whether they were saved (the dialog then closes). */
  onAccept: (chosen: ReadonlyArray<MemoryProposal>) => boolean
}

/** Memories the model proposed from a conversation: the person picks which to keep; nothing is kept unasked. */
export const ProposalsDialog = ({ proposals, personaName, onClose, onAccept }: Props) => {
  const open = proposals !== null
  return (
    <Dialog
      title="Proposed memories"
      open={open}
      onClose={onClose}
      wide
      actions={
        proposals === null || proposals.length === 0 ? (
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              Keep none
            </button>
            <button type="submit" form="proposals-form" className="button button-primary">
              Keep the chosen
            </button>
          </>
        )
      }
    >
      {proposals !== null && (
        <ProposalList
          key={proposals.map((p) => p.name).join('|')}
          proposals={proposals}
          personaName={personaName}
          onAccept={onAccept}
        />
      )}
    </Dialog>
  )
}

const ProposalList = ({
  proposals,
  personaName,
  onAccept,
}: Omit<Props, 'proposals' | 'onClose'> & { proposals: ReadonlyArray<MemoryProposal> }) => {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set(proposals.map((_, i) => i)))
  const id = useId()
  if (proposals.length === 0)
    return <p>The model found nothing in this conversation worth remembering long term.</p>
  return (
    <form
      id="proposals-form"
      className="form"
      aria-describedby={`${id}-lead`}
      onSubmit={(e) => {
        e.preventDefault()
        onAccept(proposals.filter((_, i) => chosen.has(i)))
      }}
    >
      <p id={`${id}-lead`}>
        Tick what {personaName} should remember. Each memory links back to the message it came from.
      </p>
      <ul className="proposal-list">
        {proposals.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; its place is what the choice refers to
          <li key={i}>
            <label className="check proposal">
              <input
                type="checkbox"
                checked={chosen.has(i)}
                onChange={(e) =>
                  setChosen((all) => {
                    const next = new Set(all)
                    if (e.target.checked) next.add(i)
                    else next.delete(i)
                    return next
                  })
                }
              />
              <span>
                <strong>{p.name}</strong>{' '}
                <span className="meta">
                  ({p.type}, importance {p.importance})
                </span>
                <br />
                {p.content}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </form>
  )
}
