import { useCallback, useEffect, useRef, useState } from 'react'
import { CommandError } from '../../commands/command-error.ts'
import { importDocument } from '../../commands/documents.ts'
import { ImportError } from '../../documents/import-error.ts'
import { readDocument } from '../../documents/read-file.ts'
import { useAppStore } from '../../store/app-store.ts'
import { messageOf } from '../components/use-pending-action.ts'
import { useDataKey } from '../vault/vault-session.tsx'
import { readPdfInBrowser } from './read-pdf.ts'

/** One file's import as its row shows it. */
export type ImportJob = {
  id: number
  name: string
  size: number
  status: 'waiting' | 'reading' | 'extracting' | 'saving' | 'done' | 'failed'
  /** While extracting a PDF: the page being read and how many there are. */
  page: number | null
  pages: number | null
  chunkCount: number | null
  error: string | null
}

type Queued = { id: number; file: File; personaId: string | null }

let nextJobId = 1

/**
 * Imports files one after another (one PDF parser at a time): read, chunk, then one command that
 * stores the document whole. A file that fails says why and stores nothing; the others go on.
 * Leaving the screen (or locking) cancels what has not been saved yet.
 */
export const useDocumentImport = () => {
  const store = useAppStore()
  const key = useDataKey()
  const [jobs, setJobs] = useState<ImportJob[]>([])
  const queue = useRef<Queued[]>([])
  const running = useRef(false)
  const latest = useRef({ store, key })
  latest.current = { store, key }
  const aborter = useRef<AbortController | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    aborter.current = controller
    return () => controller.abort(new ImportError('The import was cancelled.'))
  }, [])

  const update = useCallback((id: number, patch: Partial<ImportJob>) => {
    setJobs((all) => all.map((j) => (j.id === id ? { ...j, ...patch } : j)))
  }, [])

  const importOne = useCallback(
    async ({ id, file, personaId }: Queued, signal: AbortSignal) => {
      try {
        const doc = await readDocument(file, {
          extractPdf: readPdfInBrowser,
          signal,
          onProgress: (p) =>
            update(id, p.step === 'reading' ? { status: 'reading' } : { status: 'extracting', ...p }),
        })
        signal.throwIfAborted()
        update(id, { status: 'saving' })
        const { store: s, key: k } = latest.current
        importDocument(s, k, { name: file.name, personaId, ...doc })
        update(id, { status: 'done', chunkCount: doc.chunks.length })
      } catch (error) {
        const known = error instanceof ImportError || error instanceof CommandError
        if (!known) console.error(`Importing ${file.name} failed`, error)
        update(id, {
          status: 'failed',
          error: known ? error.message : `This file could not be imported (${messageOf(error)}).`,
        })
      }
    },
    [update],
  )

  const run = useCallback(async () => {
    if (running.current) return
    running.current = true
    try {
      for (let next = queue.current.shift(); next !== undefined; next = queue.current.shift()) {
        const signal = aborter.current?.signal
        if (signal === undefined || signal.aborted) break
        await importOne(next, signal)
      }
    } finally {
      running.current = false
    }
  }, [importOne])

  /** Queues files for import (for one persona, or `null` for all) and starts if idle. */
  const importFiles = useCallback(
    (files: ReadonlyArray<File>, personaId: string | null) => {
      const added = files.map((file) => ({ id: nextJobId++, file, personaId }))
      if (added.length === 0) return
      setJobs((all) => [
        ...all,
        ...added.map(({ id, file }) => ({
          id,
          name: file.name,
          size: file.size,
          status: 'waiting' as const,
          page: null,
          pages: null,
          chunkCount: null,
          error: null,
        })),
      ])
      queue.current.push(...added)
      void run()
    },
    [run],
  )

  /** Takes finished and failed files off the list (those still importing stay). */
  const clearFinished = useCallback(
    () => setJobs((all) => all.filter((j) => j.status !== 'done' && j.status !== 'failed')),
    [],
  )

  return { jobs, importFiles, clearFinished }
}
