import { type DragEvent, useCallback, useMemo, useRef, useState } from 'react'
import { deleteDocument, renameDocument, restoreDocument } from '../../commands/documents.ts'
import { MAX_FILE_BYTES } from '../../documents/limits.ts'
import { ACCEPTED_EXTENSIONS } from '../../documents/read-file.ts'
import { documentFields, recentDocuments$ } from '../../schema/documents.ts'
import { allPersonas$, personaFields } from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { PersonaSelect } from '../components/PersonaSelect.tsx'
import { useCommand, useDeleteWithUndo } from '../components/Toasts.tsx'
import { formatCount, formatSize } from '../format.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { DocumentItem } from './DocumentItem.tsx'
import { DocumentView } from './DocumentView.tsx'
import { ImportJobs } from './ImportJobs.tsx'
import type { OpenDocument } from './opened.ts'
import { RenameDocumentForm } from './RenameDocumentForm.tsx'
import { useDocumentImport } from './use-document-import.ts'
import './documents.css'

const RENAME_FORM_ID = 'rename-document-form'

const ACCEPT = [...ACCEPTED_EXTENSIONS, 'text/markdown', 'text/plain', 'application/pdf'].join(',')

const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files')

/** Imported documents, newest first: import files (button or drop), open one to read its chunks, rename, delete. */
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

  const { jobs, importFiles, clearFinished } = useDocumentImport()
  const [importFor, setImportFor] = useState<string | null>(null)
  const start = (files: FileList | null) => importFiles(Array.from(files ?? []), importFor)
  // Entering a child fires enter/leave pairs: a counter tells when the drag really left the screen.
  const drags = useRef(0)
  const [dropping, setDropping] = useState(false)
  const dropZone = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return
      drags.current += 1
      setDropping(true)
    },
    onDragLeave: (e: DragEvent) => {
      if (!hasFiles(e)) return
      drags.current = Math.max(0, drags.current - 1)
      if (drags.current === 0) setDropping(false)
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      e.dataTransfer.dropEffect = 'copy'
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      drags.current = 0
      setDropping(false)
      start(e.dataTransfer.files)
    },
  }

  const open = useCallback((d: OpenDocument) => setViewingId(d.id), [])
  const startRename = useCallback((d: OpenDocument) => setRenamingId(d.id), [])
  const startDelete = useCallback((d: OpenDocument) => setDeletingId(d.id), [])

  return (
    <section
      className={`screen documents-screen${dropping ? ' documents-dropping' : ''}`}
      aria-labelledby="documents-title"
      {...dropZone}
    >
      <div className="screen-header">
        <h1 id="documents-title">Documents</h1>
        <div className="document-import-controls">
          {personas.length > 0 && (
            <PersonaSelect label="For" personas={personas} value={importFor} onChange={setImportFor} />
          )}
          <label className="button button-primary document-import-button">
            Import documents
            <input
              type="file"
              multiple
              accept={ACCEPT}
              className="visually-hidden"
              aria-describedby="document-import-hint"
              onChange={(e) => {
                start(e.target.files)
                e.target.value = ''
              }}
            />
          </label>
        </div>
      </div>
      <p className="screen-lead" id="document-import-hint">
        {documents.length > 0 && `${formatCount(documents.length, 'document')}, newest first. `}
        Markdown, text and PDF files up to {formatSize(MAX_FILE_BYTES)}: choose them or drop them here.
      </p>

      <ImportJobs jobs={jobs} onClear={clearFinished} />

      {documents.length === 0 ? (
        <EmptyState title="No documents yet">
          <p>
            Import Markdown, text and PDF files: each is split into chunks, by heading or page, that your
            personas can search and quote. Everything stays sealed on this device.
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

      {dropping && (
        <div className="document-drop-hint" aria-hidden="true">
          Drop files to import them
        </div>
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
