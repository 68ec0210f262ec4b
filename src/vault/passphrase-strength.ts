/**
 * A small, dependency-free estimate of how hard a passphrase is to guess, for the meter shown while
 * choosing one. zxcvbn does this better but weighs ~800 KB; this keeps its main ideas: guesses are
 * counted for the cheapest way to describe the passphrase — common words, sequences (abc, 123,
 * qwerty), repeats and years cost little; other characters cost bits by kind.
 *
 * It is deliberately conservative about letters (3 bits each, roughly what English text carries),
 * so a phrase of several unrelated words rates well and a single long word does not.
 */
export type PassphraseStrength = {
  score: 0 | 1 | 2 | 3 | 4
  label: 'Too short' | 'Weak' | 'Fair' | 'Strong' | 'Very strong'
  hint: string
  acceptable: boolean
}

export const MIN_LENGTH = 8

/** Bits of guessing needed for each score (Fair, Strong, Very strong). */
const THRESHOLDS = { fair: 36, strong: 50, veryStrong: 70 } as const

/** Only the start is analysed; past this a passphrase is long enough that detail does not matter. */
const MAX_ANALYSED = 128

/** Among the most used passwords and password words; what an attacker tries first. */
const COMMON = [
  'password',
  'passw0rd',
  'password1',
  'password123',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  '111111',
  '000000',
  '123123',
  '654321',
  '121212',
  '112233',
  '666666',
  '7777777',
  'abc123',
  'abcd1234',
  'qwerty',
  'qwerty123',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'qazwsx',
  '1qaz2wsx',
  '1q2w3e4r',
  'iloveyou',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'login',
  'guest',
  'root',
  'default',
  'changeme',
  'secret',
  'access',
  'master',
  'monkey',
  'dragon',
  'shadow',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'soccer',
  'hockey',
  'superman',
  'batman',
  'starwars',
  'pokemon',
  'minecraft',
  'trustno1',
  'whatever',
  'freedom',
  'hello',
  'hunter',
  'killer',
  'michael',
  'jennifer',
  'jessica',
  'michelle',
  'charlie',
  'robert',
  'thomas',
  'daniel',
  'andrew',
  'jordan',
  'ashley',
  'nicole',
  'hannah',
  'maggie',
  'bailey',
  'buster',
  'tigger',
  'ginger',
  'pepper',
  'cookie',
  'cheese',
  'chocolate',
  'banana',
  'orange',
  'purple',
  'silver',
  'golden',
  'diamond',
  'flower',
  'summer',
  'winter',
  'spring',
  'autumn',
  'mustang',
  'harley',
  'ranger',
  'computer',
  'internet',
  'google',
  'samsung',
  'london',
  'liverpool',
  'arsenal',
  'chelsea',
  'angel',
  'family',
  'friends',
  'forever',
  'heaven',
  'lovely',
  'loveme',
  'love',
  'baby',
  'happy',
  'jesus',
  'hearth',
]
const COMMON_SET = new Set(COMMON)
/** Matched inside a longer passphrase too; shorter entries would match by accident. */
const COMMON_WORDS = COMMON.filter((word) => /^[a-z]{4,}$/.test(word))
const WORD_BITS = Math.log2(COMMON.length)

/** Runs a person types without thinking: the alphabet, digits, keyboard rows and columns. */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertzuiop',
  'azertyuiop',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
].flatMap((sequence) => [sequence, [...sequence].reverse().join('')])

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '+': 't',
  '|': 'l',
}

type Pattern = 'common' | 'sequence' | 'repeat' | 'year'
type Kind = 'char' | Pattern
type CharClass = 'letter' | 'digit' | 'space' | 'symbol' | 'other'

const classOf = (char: string): CharClass => {
  if (/\p{L}/u.test(char)) return 'letter'
  if (/\p{Nd}/u.test(char)) return 'digit'
  if (/\s/u.test(char)) return 'space'
  if (/[\x21-\x7e]/.test(char)) return 'symbol'
  return 'other'
}

/** Bits for one character that is part of no pattern. */
const charBits = (chars: readonly string[], i: number): number => {
  const char = chars[i] as string
  const kind = classOf(char)
  // A switch between letters, digits and symbols is a choice an attacker must also guess.
  const previous = i > 0 ? classOf(chars[i - 1] as string) : undefined
  const switched = previous !== undefined && previous !== kind && previous !== 'space' && kind !== 'space'
  const bonus = switched ? 1 : 0
  switch (kind) {
    case 'letter':
      if (/\p{Lu}/u.test(char)) return (previous === 'letter' ? 4.7 : 4) + bonus // a capital inside a word is rarer
      return 3 + bonus
    case 'digit':
      return 3.3 + bonus
    case 'space':
      return 1
    case 'symbol':
      return 5 + bonus
    case 'other':
      return 6 + bonus
  }
}

const commonPrefixLength = (chars: readonly string[], a: number, b: number): number => {
  let length = 0
  while (b + length < chars.length && chars[a + length] === chars[b + length]) length++
  return length
}

const matchesAt = (chars: readonly string[], i: number, word: string): boolean => {
  if (i + word.length > chars.length) return false
  for (let k = 0; k < word.length; k++) if (chars[i + k] !== word[k]) return false
  return true
}

/** The longest run from `i` that appears in one of the sequences. */
const sequenceLength = (lower: readonly string[], i: number): number => {
  const first = lower[i] as string
  let longest = 0
  for (const sequence of SEQUENCES) {
    for (let start = sequence.indexOf(first); start >= 0; start = sequence.indexOf(first, start + 1)) {
      let length = 0
      while (i + length < lower.length && lower[i + length] === sequence[start + length]) length++
      longest = Math.max(longest, length)
    }
  }
  return longest
}

/**
 * The fewest bits that describe the passphrase (a shortest path over "one character" and pattern
 * steps), and how many bits each kind of pattern in that description saved. Works on arrays of code
 * points, so an emoji is one position like any other character.
 */
const estimate = (chars: readonly string[]): { bits: number; savings: Map<Pattern, number> } => {
  const n = chars.length
  const lower = chars.map((char) => char.toLowerCase())
  const deleet = lower.map((char) => LEET[char] ?? char)
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY)
  const step = new Array<{ from: number; kind: Kind } | undefined>(n + 1).fill(undefined)
  best[0] = 0
  const relax = (from: number, to: number, bits: number, kind: Kind) => {
    const total = (best[from] as number) + bits
    if (total < (best[to] as number)) {
      best[to] = total
      step[to] = { from, kind }
    }
  }
  for (let i = 0; i < n; i++) {
    relax(i, i + 1, charBits(chars, i), 'char')
    for (const word of COMMON_WORDS) {
      if (matchesAt(deleet, i, word)) {
        const capitals = matchesAt(chars, i, word) || matchesAt(deleet, i, word.toUpperCase()) ? 0 : 1
        const substitutions = matchesAt(lower, i, word) ? 0 : 1
        relax(i, i + word.length, WORD_BITS + capitals + substitutions, 'common')
      }
    }
    const run = sequenceLength(lower, i)
    for (let length = 3; length <= run; length++) relax(i, i + length, 4 + Math.log2(length), 'sequence')
    // A stretch copied from earlier in the passphrase (overlapping allowed, so "aaaa" is "a" + copy).
    let copy = 0
    for (let j = 0; j < i; j++) copy = Math.max(copy, commonPrefixLength(lower, j, i))
    for (let length = 2; length <= copy; length++) relax(i, i + length, 1 + Math.log2(length), 'repeat')
    if (/^(19|20)\d\d$/.test(chars.slice(i, i + 4).join(''))) relax(i, i + 4, 7, 'year')
  }
  // What each kind of pattern saved over spelling its characters out, to hint at the costliest.
  const savings = new Map<Pattern, number>()
  for (let at = n; at > 0; ) {
    const { from, kind } = step[at] as { from: number; kind: Kind }
    let spelled = 0
    for (let k = from; k < at; k++) spelled += charBits(chars, k)
    const saved = spelled - ((best[at] as number) - (best[from] as number))
    if (kind !== 'char') savings.set(kind, (savings.get(kind) ?? 0) + saved)
    at = from
  }
  return { bits: best[n] as number, savings }
}

/** The whole passphrase is a common password, give or take capitals, l33t and a number or symbol. */
const isCommon = (chars: readonly string[]): boolean => {
  const lower = chars.join('').toLowerCase()
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '')
  const deleet = (text: string) => [...text].map((char) => LEET[char] ?? char).join('')
  return [lower, deleet(lower), core, deleet(core)].some((candidate) => COMMON_SET.has(candidate))
}

const PATTERN_HINTS: Record<Pattern, string> = {
  common: 'Avoid common passwords and words. Add words of your own choosing.',
  sequence: 'Avoid sequences like “abc”, “123” or “qwerty”.',
  repeat: 'Avoid repeated characters and patterns.',
  year: 'Avoid years and dates: they are easy to guess.',
}

/** A pattern is worth pointing out when it made the passphrase noticeably easier to guess. */
const NOTABLE_SAVING_BITS = 5

const hintFor = (score: 1 | 2 | 3 | 4, common: boolean, savings: Map<Pattern, number>): string => {
  if (common) return 'Avoid common passwords: this one is among the first an attacker tries.'
  if (score === 4) return 'Long and hard to guess.'
  const [worst, saved] = [...savings].reduce<[Pattern | undefined, number]>(
    (most, [pattern, bits]) => (bits > most[1] ? [pattern, bits] : most),
    [undefined, 0],
  )
  if (worst !== undefined && saved >= NOTABLE_SAVING_BITS) return PATTERN_HINTS[worst]
  if (score === 3) return 'Good. One more word would make it very strong.'
  return 'Add another word or two.'
}

const LABELS = ['Too short', 'Weak', 'Fair', 'Strong', 'Very strong'] as const

export const passphraseStrength = (passphrase: string): PassphraseStrength => {
  const normalized = passphrase.normalize('NFKC')
  // Measured like the keyring measures it: leading and trailing spaces do not count.
  const length = [...normalized.trim()].length
  if (length < MIN_LENGTH) {
    return {
      score: 0,
      label: 'Too short',
      hint: `Use at least ${MIN_LENGTH} characters. A few unrelated words are easiest to remember.`,
      acceptable: false,
    }
  }
  const chars = [...normalized].slice(0, MAX_ANALYSED)
  const common = isCommon(chars)
  const { bits, savings } = estimate(chars)
  const byBits =
    bits >= THRESHOLDS.veryStrong ? 4 : bits >= THRESHOLDS.strong ? 3 : bits >= THRESHOLDS.fair ? 2 : 1
  const score = common ? 1 : byBits
  return { score, label: LABELS[score], hint: hintFor(score, common, savings), acceptable: score >= 2 }
}
