import type { DocumentKind } from '../../schema/documents.ts'

/** What each kind of file is called where a person reads it (the badge shows the short form). */
export const KIND_NAMES: Record<DocumentKind, string> = {
  md: 'Markdown',
  txt: 'Plain text',
  pdf: 'PDF',
}
