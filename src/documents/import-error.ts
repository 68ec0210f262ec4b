/** A file could not be imported; the message is written for the person, the UI shows it as is. */
export class ImportError extends Error {
  override readonly name = 'ImportError'
}
