import { BUILT_IN_TEMPLATES } from '../../commands/workflow-templates.ts'
import { createFromTemplate, type WorkflowDraft } from '../../commands/workflows.ts'
import { workflowFields, workflowTemplates$ } from '../../schema/workflows.ts'
import { useAppStore } from '../../store/app-store.ts'
import { Dialog } from '../components/Dialog.tsx'
import { useCommand } from '../components/Toasts.tsx'
import { formatCount } from '../format.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { triggerSummary } from './trigger-summary.ts'

type Template = WorkflowDraft & { key: string; id?: string; yours: boolean }

type Props = { open: boolean; onClose: () => void; onCreated: (id: string) => void }

/** Hearth's templates and the ones the person saved; choosing one makes a workflow to adjust. */
export const TemplatePicker = ({ open, onClose, onCreated }: Props) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const saved = useOpened(store.useQuery(workflowTemplates$), workflowFields.open)
  const templates: Template[] = [
    ...saved.map((t) => ({
      key: t.id,
      id: t.id,
      yours: true,
      name: t.name,
      description: t.description,
      personaId: t.personaId,
      tags: t.tags,
      trigger: t.definition.trigger,
      steps: t.definition.steps,
    })),
    ...BUILT_IN_TEMPLATES.map((t) => ({ ...t, yours: false })),
  ]
  const use = (template: Template) => {
    let id = ''
    if (run(() => (id = createFromTemplate(store, key, template)))) onCreated(id)
  }
  return (
    <Dialog
      title="Start from a template"
      open={open}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <ul className="template-list" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.key} className="template-item" aria-label={t.name}>
            <div>
              <h3>
                {t.name}
                {t.yours && <span className="badge template-yours">Yours</span>}
              </h3>
              <p>{t.description}</p>
              <p className="workflow-meta">
                {triggerSummary(t.trigger)} · {formatCount(t.steps.length, 'step')}
              </p>
            </div>
            <button type="button" className="button" onClick={() => use(t)} aria-label={`Use ${t.name}`}>
              Use
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
