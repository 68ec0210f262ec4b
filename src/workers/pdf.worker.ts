// pdf.js's own worker, which parses PDFs off the main thread. Bundled from this entry so the
// build emits it as a plain `.js` worker that the service worker precaches: PDFs import offline.
import 'pdfjs-dist/build/pdf.worker.min.mjs'
