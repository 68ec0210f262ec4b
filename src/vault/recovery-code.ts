/**
 * The recovery code: the way back in when the passphrase is forgotten. 30 Crockford base32
 * characters carry 150 random bits — beyond brute force even at a cheap KDF cost — and the
 * alphabet has no I, L, O or U, so a code copied by hand off paper is not misread.
 * Shown as `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const LENGTH = 30
const GROUP = 5
const VALID = new RegExp(`^[${CROCKFORD}]{${LENGTH}}$`)

const formatRecoveryCode = (chars: string): string => {
  const groups: string[] = []
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP))
  return groups.join('-')
}

export const newRecoveryCode = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH))
  // 256 is a multiple of 32, so taking the low 5 bits of each byte is unbiased.
  const chars = Array.from(bytes, (byte) => CROCKFORD[byte & 31] as string).join('')
  bytes.fill(0)
  return formatRecoveryCode(chars)
}

/**
 * The code in canonical form (30 characters, no dashes), or `undefined` if the input is not one.
 * Forgiving of how a person types it: any case, with or without dashes or spaces, full-width
 * characters from an IME, and the look-alikes Crockford base32 defines (O → 0, I and L → 1).
 */
export const normalizeRecoveryCode = (input: string): string | undefined => {
  const canonical = input
    .normalize('NFKC')
    .toUpperCase()
    // Dashes of every kind: phones and word processors turn `-` into `‐` or `–`.
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return VALID.test(canonical) ? canonical : undefined
}

/** For display: the canonical code in groups of five. */
export const displayRecoveryCode = (code: string): string => {
  const canonical = normalizeRecoveryCode(code)
  return canonical === undefined ? code : formatRecoveryCode(canonical)
}
