/** Why Hearth cannot run in this browser, in words a person can act on; `null` when it can. */
export const environmentProblem = (): string | null => {
  if (!window.isSecureContext) {
    return 'Hearth needs a secure page (https, or http on 127.0.0.1/localhost) to store data in this browser. Open it from a secure address.'
  }
  if (typeof SharedWorker !== 'function') {
    return 'This browser has no SharedWorker support, which Hearth needs to keep several tabs in sync. Use a current Chromium, Firefox or Safari, outside of a restricted mode.'
  }
  if (typeof navigator.storage?.getDirectory !== 'function') {
    return 'This browser has no Origin Private File System (OPFS), where Hearth keeps its database. Use a current browser; private windows of some browsers disable it.'
  }
  return null
}
