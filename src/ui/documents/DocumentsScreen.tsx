import { useCallback, useMemo, useState } from 'react'
import { deleteDocument, renameDocument, restoreDocument } from '../../commands/documents.ts'
import { documentFields, recentDocuments$ } from '../../schema/documents.ts'
import { allPersonas$, personaFields } from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { useCommand, useDeleteWithUndo } from '../components/Toasts.tsx'
import { formatCount } from '../format.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { DocumentItem } from './DocumentItem.tsx'
import { DocumentView } from './DocumentView.tsx'
import type { OpenDocument } from './opened.ts'
import { RenameDocumentForm } from './RenameDocumentForm.tsx'
import './documents.css'

const RENAME_FORM_ID = 'rename-document-form'

/** Imported documents, newest first: open one to read its chunks, rename, delete. */
export const DocumentsScreen = () => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const deleteWithUndo = useDeleteWithUndo()
  const documents = useOpened(store.useQuery(recentDocuments$), documentFields.open)
  const personas = useOpened(store.useQuery(allPersonas$), personaFields.open)
  const personaLabel = useMemo(() => {
    const names = new Map(personas.map((p) => [p.id, `${p.avatar} ${p.name}`]))
    return (personaId: string | null) =>
      personaId === null ? 'All personas' : (names.get(personaId) ?? 'Deleted persona')
  }, [personas])

  // Ids, not rows: the dialogs show the live row, and close if another tab deletes the document.
  const [viewingId, setViewingId] = useState<string | null>(null)
  const [renamingId, setRenamingId] = useState<string | null>(null)
  const [deletingId, setDeletingId] = useState<string | null>(null)
  const byId = (id: string | null) => (id === null ? undefined : documents.find((d) => d.id === id))
  const viewing = byId(viewingId)
  const renaming = byId(renamingId)
  const deleting = byId(deletingId)

  const open = useCallback((d: OpenDocument) => setViewingId(d.id), [])
  const startRename = useCallback((d: OpenDocument) => setRenamingId(d.id), [])
  const startDelete = useCallback((d: OpenDocument) => setDeletingId(d.id), [])

  return (
    <section className="screen" aria-labelledby="documents-title">
      <div className="screen-header">
        <h1 id="documents-title">Documents</h1>
      </div>
      {documents.length > 0 && (
        <p className="screen-lead">
          {formatCount(documents.length, 'document')}, newest first. Open one to read it chunk by chunk.
        </p>
      )}

      {documents.length === 0 ? (
        <EmptyState title="No documents yet">
          <p>
            Importing documents arrives with search: Markdown, text and PDF files, split into chunks that your
            personas can search and quote.
          </p>
        </EmptyState>
      ) : (
        <ul className="document-list" aria-label="Documents">
          {documents.map((d) => (
            <DocumentItem
              key={d.id}
              document={d}
              personaLabel={personaLabel(d.personaId)}
              onOpen={open}
              onRename={startRename}
              onDelete={startDelete}
            />
          ))}
        </ul>
      )}

      <DocumentView
        document={viewing}
        personaLabel={viewing === undefined ? '' : personaLabel(viewing.personaId)}
        onClose={() => setViewingId(null)}
      />

      <FormDialog
        title={`Rename ${renaming?.name ?? 'document'}`}
        open={renaming !== undefined}
        onClose={() => setRenamingId(null)}
        formId={RENAME_FORM_ID}
        submitLabel="Rename"
      >
        {renaming !== undefined && (
          <RenameDocumentForm
            formId={RENAME_FORM_ID}
            initialName={renaming.unreadable ? '' : renaming.name}
            onSubmit={(name) => {
              if (run(() => renameDocument(store, key, renaming.id, name))) setRenamingId(null)
            }}
          />
        )}
      </FormDialog>

      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete ${deleting?.name ?? 'document'}?`}
        message={`The document and its ${formatCount(deleting?.chunkCount ?? 0, 'chunk')} leave every list and search; you can undo right after.`}
        confirmLabel="Delete document"
        onCancel={() => setDeletingId(null)}
        onConfirm={() => {
          if (deleting !== undefined) {
            const { id, name } = deleting
            deleteWithUndo(
              `“${name}” deleted.`,
              () => deleteDocument(store, id),
              (deletedAt) => restoreDocument(store, id, deletedAt),
            )
          }
          setDeletingId(null)
        }}
      />
    </section>
  )
}
