import { ImportError } from '../../documents/import-error.ts'
import { extractPdfText, type PdfJs } from '../../documents/pdf-text.ts'
import type { PdfExtractor } from '../../documents/read-file.ts'

/**
 * The app's PDF reader: pdf.js (loaded on the first PDF, not with the app) parsing in its own Web
 * Worker, one per file, ended when the file is read so no idle parser holds memory.
 */
export const readPdfInBrowser: PdfExtractor = async (data, { onPage, signal }) => {
  const pdfjs = await import('pdfjs-dist')
  const port = new Worker(new URL('../../workers/pdf.worker.ts', import.meta.url), { type: 'module' })
  const worker = pdfjs.PDFWorker.create({ port })
  // A worker that fails to start would leave pdf.js waiting for ever: end the read with a message.
  const failed = new AbortController()
  port.addEventListener('error', (event) => {
    event.preventDefault()
    console.error('The PDF worker failed', event.message)
    failed.abort(new ImportError('Hearth could not start its PDF reader. Reload the page and try again.'))
  })
  try {
    return await extractPdfText(pdfjs as unknown as PdfJs, data, {
      ...(onPage === undefined ? {} : { onPage }),
      worker,
      signal: signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]),
    })
  } finally {
    worker.destroy()
    port.terminate()
  }
}
