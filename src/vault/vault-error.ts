/** Why the vault refused something; the message is written for the person using the app. */
export type VaultErrorCode =
  | 'malformed'
  | 'tampered'
  | 'other-key'
  | 'wrong-passphrase'
  | 'wrong-recovery-code'
  | 'weak-passphrase'
  | 'weak-kdf'
  | 'no-keyring'
  | 'bad-keyring'
  | 'keys-not-ready'

export class VaultError extends Error {
  readonly code: VaultErrorCode
  constructor(code: VaultErrorCode, message: string) {
    super(message)
    this.name = 'VaultError'
    this.code = code
  }
}
