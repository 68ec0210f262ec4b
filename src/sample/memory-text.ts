import type { MemoryType } from '../schema/memories.ts'
import type { Random } from './random.ts'
import {
  bare,
  CITIES,
  cap,
  DISHES,
  dayMonth,
  EVENING_TIMES,
  FIRST_NAMES,
  LANGUAGES,
  MONTHS,
  PROJECTS,
  RESTAURANTS,
  shorter,
  slug,
  TEAMS,
  TIMES,
  title,
  twoNames,
  upcomingDay,
  WEEKDAYS,
  WORK_PROJECTS,
  WORKDAYS,
  weekdayTime,
} from './vocabulary.ts'

/** The written part of a sample memory. */
export type MemoryText = {
  name: string
  content: string
  summary: string
  tags: string[]
  factCategory: string | null
  factKey: string | null
}

type Phrase = string | ((r: Random) => string)
const say = (r: Random, phrase: Phrase): string => (typeof phrase === 'string' ? phrase : phrase(r))
const sayAny = (r: Random, phrases: ReadonlyArray<Phrase>): string => say(r, r.pick(phrases))

/** A phrase with the tag that fits it. */
type Tagged = readonly [Phrase, string]
const sayTagged = (r: Random, phrases: ReadonlyArray<Tagged>): [string, string] => {
  const [phrase, tag] = r.pick(phrases)
  return [say(r, phrase), tag]
}

const euros = (r: Random, min: number, max: number, step = 1) => `€${r.int(min / step, max / step) * step}`
const pad = (n: number) => String(n).padStart(2, '0')
const uniqueTags = (tags: ReadonlyArray<string>) => [...new Set(tags.filter((t) => t.length > 0))]

/** Lower-cases the first letter ("The …", "A …") unless the word is an acronym ("CRDTs"). */
const lowerFirst = (text: string) =>
  /^([A-Z][a-z]|An? )/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text

const text = (
  name: string,
  content: string,
  summary: string,
  tags: ReadonlyArray<string>,
  fact: { category: string; key: string } | null = null,
): MemoryText => ({
  name: title(name),
  content,
  summary: shorter(summary, content),
  tags: uniqueTags(tags),
  factCategory: fact?.category ?? null,
  factKey: fact?.key ?? null,
})

// ——— people ———

// biome-ignore format: a table reads best one row per line
const RELATIONS: ReadonlyArray<Tagged> = [
  ['sister', 'family'], ['brother', 'family'], ['cousin', 'family'], ['aunt', 'family'], ['uncle', 'family'],
  ['mother-in-law', 'family'], ['partner', 'family'], ['best friend', 'friends'], ['old university friend', 'friends'],
  ['childhood friend', 'friends'], ['neighbour', 'home'], ['landlord', 'home'], ['manager', 'work'],
  ['colleague', 'work'], ['new teammate', 'work'], ['client', 'work'], ['mentor', 'work'], ['former boss', 'work'],
  ['dentist', 'health'], ['physiotherapist', 'health'], ['GP', 'health'], ['accountant', 'finance'],
  ['piano teacher', 'hobbies'], ['climbing partner', 'hobbies'], ['book club friend', 'friends'],
  ["daughter's teacher", 'family'], ['running coach', 'fitness'], ['estate agent', 'home'],
]

// biome-ignore format: a word bank reads best packed
const JOBS = [
  'a paediatric nurse', 'a backend engineer', 'an architect', 'a maths teacher', 'a product designer', 'a carpenter',
  'a data analyst', 'a translator', 'a baker with a small shop', 'a journalist', 'a tenancy lawyer', 'a UX researcher',
  'a civil engineer', 'a pharmacist', 'a freelance photographer', 'a sommelier', 'a marine biology PhD student',
  'a tram driver', 'an accountant', 'a sous-chef', 'a museum curator', 'an air traffic controller', 'a veterinarian',
  'a session musician', 'a policy adviser', 'a primary-school head teacher', 'a game developer', 'an interior designer',
  'a midwife', 'a bike mechanic',
] as const

const PERSON_DETAILS: ReadonlyArray<Phrase> = [
  (r) => `is training for a half marathon in ${r.pick(MONTHS)}`,
  'just adopted a rescue greyhound',
  'is allergic to peanuts',
  (r) => `is moving to ${r.pick(CITIES)} next spring`,
  'prefers messages over phone calls',
  'has two kids in primary school',
  'collects vintage film cameras',
  (r) => `recently started learning ${r.pick(LANGUAGES)}`,
  'plays bass in a weekend band',
  'is vegetarian',
  (r) => `is expecting a baby in ${r.pick(MONTHS)}`,
  'tends to run ten minutes late',
  'always has good book recommendations',
  'is recovering from knee surgery',
  'hosts a board-game night every other Friday',
  'is saving for a first flat',
  'volunteers at the food bank on Saturdays',
  'was just promoted to team lead',
  'loves very spicy food',
  'is an early riser and goes quiet after 9pm',
  (r) => `makes the best ${r.pick(DISHES)}`,
  (r) => `has a birthday on ${dayMonth(r)}`,
  'does not drink alcohol',
  'is planning a sabbatical next year',
  'runs a small pottery studio on the side',
  (r) => `is visiting from ${r.pick(CITIES)} in ${r.pick(MONTHS)}`,
  'never misses a home game of the local football club',
  'is doing an evening course in accounting',
  'lent the user a tent that still needs returning',
  (r) => `owes the user a call about the ${r.pick(PROJECTS)}`,
  'is very private, so news about them stays between us',
  'has a dry sense of humour',
]

const MET_AT: ReadonlyArray<Phrase> = [
  'at the climbing gym',
  "at a friend's wedding",
  (r) => `on the ${r.pick(CITIES)} trip`,
  'through the running club',
  (r) => `at the ${r.pick(TEAMS)} offsite`,
  'at a neighbourhood barbecue',
  'in a pottery class',
  (r) => `at a conference in ${r.pick(CITIES)}`,
  'at the school gates',
  'in the queue for concert tickets',
]

/** Relations that are a job in themselves: their memories never give them another one. */
const PROFESSIONAL = new Set([
  'dentist',
  'physiotherapist',
  'GP',
  'accountant',
  'piano teacher',
  'running coach',
  'estate agent',
  'landlord',
  "daughter's teacher",
])

const person = (r: Random): MemoryText => {
  const name = r.pick(FIRST_NAMES)
  const [relation, relationTag] = sayTagged(r, RELATIONS)
  const job = r.pick(JOBS)
  const city = r.pick(CITIES)
  const detail = sayAny(r, PERSON_DETAILS)
  const tags = [relationTag, slug(city)]
  if (PROFESSIONAL.has(relation)) {
    const since = r.pick([
      ` since ${r.int(2012, 2024)}`,
      ' for a few years now',
      ' for about a decade',
      ' since the move',
    ])
    return r.chance(0.5)
      ? text(
          `${name} (${relation})`,
          `${name} has been the user's ${relation}${since}, based in ${city}. ${name} ${detail}.`,
          `${cap(relation)} in ${city}`,
          tags,
        )
      : text(
          `${name} (${relation})`,
          `${name}, the user's ${relation} in ${city}, ${detail}.`,
          `${cap(relation)}: ${name}`,
          tags,
        )
  }
  switch (r.int(0, 3)) {
    case 0:
      return text(
        `${name} (${relation})`,
        `${name}, the user's ${relation}, lives in ${city} and works as ${job}. ${name} ${detail}.`,
        `${cap(relation)}, ${bare(job)} in ${city}`,
        tags,
      )
    case 1:
      return text(
        `${name} (${relation})`,
        `${name} is the user's ${relation} and ${detail}. Based in ${city}; works as ${job}.`,
        `${cap(relation)} in ${city}`,
        tags,
      )
    case 2: {
      const where = sayAny(r, MET_AT)
      return text(
        name,
        `Met ${name}, ${job} from ${city}, ${where}. ${name} ${detail}.`,
        `${cap(bare(job))} from ${city}, met ${where}`,
        ['friends', slug(city)],
      )
    }
    default:
      return text(
        `${name} (${relation})`,
        `${name} (${relation}) ${detail}; lives in ${city} and works as ${job}.`,
        `${cap(relation)} in ${city}, ${bare(job)}`,
        tags,
      )
  }
}

// ——— concepts ———

const CONCEPTS: ReadonlyArray<readonly [string, string, string]> = [
  ['Spaced repetition', 'reviewing material at growing intervals so it sticks with less effort', 'learning'],
  [
    'Compound interest',
    'interest earned on interest, which makes early saving count for much more',
    'finance',
  ],
  [
    'Event sourcing',
    'storing every change as an event and deriving the current state from the log',
    'software',
  ],
  ['Zone 2 training', 'steady, easy cardio at a pace where talking is still possible', 'fitness'],
  ['The Pomodoro technique', 'working in 25-minute blocks with short breaks in between', 'productivity'],
  ['Opportunity cost', 'what is given up by choosing one option over the next best one', 'finance'],
  ['Crop rotation', 'moving plant families to a different bed each year to keep the soil healthy', 'garden'],
  ['Confirmation bias', 'the pull towards evidence that supports what is already believed', 'psychology'],
  ['Sleep hygiene', 'habits that make falling and staying asleep easier', 'health'],
  ['Index funds', 'funds that track a whole market instead of picking single stocks', 'finance'],
  ['Technical debt', 'the future cost of shortcuts taken in code today', 'software'],
  ['Mise en place', 'preparing and laying out every ingredient before starting to cook', 'cooking'],
  ['Progressive overload', 'raising the training load bit by bit so the body keeps adapting', 'fitness'],
  ['Active recall', 'testing yourself instead of rereading notes', 'learning'],
  ['The Eisenhower matrix', 'sorting tasks by urgency and importance', 'productivity'],
  ['Pound-cost averaging', 'investing a fixed amount on a schedule whatever the price', 'finance'],
  [
    'Companion planting',
    'growing plants side by side so they help each other, like basil with tomatoes',
    'garden',
  ],
  ["Show, don't tell", 'letting actions and details carry meaning instead of stating it', 'writing'],
  ['Cognitive load', 'how much a person has to hold in working memory at once', 'psychology'],
  ['CRDTs', 'data types that merge concurrent edits without conflicts', 'software'],
  [
    'Fermentation',
    'microbes turning sugars into acids, gas or alcohol, as in sourdough and kimchi',
    'cooking',
  ],
  ['Box breathing', 'breathing in, holding, breathing out and holding again for four counts each', 'health'],
  ['The 50/30/20 rule', 'splitting income into needs, wants and savings', 'finance'],
  ['Comprehensible input', 'learning a language from material just above your current level', 'language'],
  ['Time blocking', 'planning the day as fixed blocks reserved for specific work', 'productivity'],
  ['Hygge', 'the Danish idea of cosy, unhurried comfort with people you like', 'culture'],
  ['Local-first software', 'apps that keep data on the device and sync when they can', 'software'],
  ['Inflation', 'the general rise in prices that erodes what savings can buy', 'finance'],
  ['Growth mindset', 'the belief that skills improve with effort and practice', 'psychology'],
  ['Rubber duck debugging', 'explaining code line by line, out loud, to find the bug', 'software'],
  ['Interval training', 'alternating hard efforts with recovery periods', 'fitness'],
  ['The Maillard reaction', 'the browning that gives seared food its flavour', 'cooking'],
  ['Circadian rhythm', "the body's roughly 24-hour internal clock", 'health'],
  ['A second brain', 'a personal note system for capturing and connecting ideas', 'productivity'],
  ['Pitch accent', 'the rise and fall in pitch that changes word meaning in Japanese', 'language'],
  ['Embeddings', 'vectors that place texts with similar meaning close together', 'software'],
  ['Mulching', 'covering the soil to keep moisture in and weeds down', 'garden'],
  ['The three-act structure', 'setup, confrontation and resolution as the spine of a story', 'writing'],
  [
    'The sunk cost fallacy',
    'sticking with something because of what has already been spent on it',
    'psychology',
  ],
  ['An emergency fund', 'three to six months of expenses kept in cash for surprises', 'finance'],
  ['Wabi-sabi', 'finding beauty in imperfect, impermanent things', 'culture'],
  ['Reciprocal rank fusion', 'merging ranked lists by adding up one over each rank', 'software'],
  ['Deliberate practice', 'focused practice on the weakest part of a skill, with feedback', 'learning'],
  ['Kaizen', 'small, continuous improvements rather than big overhauls', 'productivity'],
  [
    'The Feynman technique',
    'explaining an idea in simple words to find the gaps in understanding',
    'learning',
  ],
  ['Negative splits', 'running the second half of a race faster than the first', 'fitness'],
]

const CONCEPT_ANGLES = [
  'wants to use it for',
  'asked how it applies to',
  'is reading about it for',
  'brought it up while talking about',
  'plans to try it on',
  'found it helpful for',
  'is sceptical about it for',
  'wanted a simple explanation of it for',
  'keeps mixing it up when discussing',
] as const

/** Purposes that fit any concept. */
const ANY_PURPOSE: ReadonlyArray<Phrase> = [
  (r) => `a chat with ${r.pick(FIRST_NAMES)}`,
  (r) => `something ${r.pick(FIRST_NAMES)} said on ${r.pick(WEEKDAYS)}`,
  (r) => `a podcast episode ${r.pick(FIRST_NAMES)} recommended`,
  (r) => `an article read in ${r.pick(MONTHS)}`,
]

/** What the user wants a concept for, by the concept's field (so the two fit together). */
const PURPOSES: Record<string, ReadonlyArray<Phrase>> = {
  learning: [
    (r) => `learning ${r.pick(LANGUAGES)}`,
    'the evening study sessions',
    'the first-aid course',
    'revising for an exam',
  ],
  finance: [
    'the family budget',
    'the pension top-up',
    'saving for a house deposit',
    (r) => `the ${r.pick(PROJECTS)} budget`,
  ],
  software: [
    (r) => `the ${r.pick(WORK_PROJECTS)}`,
    'a side project',
    'a talk at work',
    "the team's code reviews",
  ],
  fitness: [
    'the half-marathon training',
    'their morning runs',
    'getting back into the gym',
    (r) => `a race in ${r.pick(CITIES)}`,
  ],
  productivity: [
    'their morning routine',
    'a busy week at work',
    (r) => `the ${r.pick(WORK_PROJECTS)}`,
    'the email backlog',
  ],
  garden: ['the allotment plan', 'the balcony boxes', 'the new raised beds'],
  psychology: [
    'a tricky decision at work',
    'explaining things to the kids',
    (r) => `a disagreement with ${r.pick(FIRST_NAMES)}`,
    'choosing a new flat',
  ],
  health: ['their sleep problems', 'their morning routine', 'stressful weeks', 'long travel days'],
  cooking: [
    'the weekly meal plan',
    (r) => `cooking ${r.pick(DISHES)}`,
    'a dinner party',
    'baking at the weekend',
  ],
  writing: [
    'their novel draft',
    'a wedding speech',
    (r) => `the short story set in ${r.pick(CITIES)}`,
    'the newsletter',
  ],
  language: [
    (r) => `learning ${r.pick(LANGUAGES)}`,
    (r) => `the trip to ${r.pick(CITIES)}`,
    'talking with the neighbours',
  ],
  culture: [(r) => `the trip to ${r.pick(CITIES)}`, 'the living-room makeover', 'slower weekends'],
}

const CONCEPT_ENDINGS: ReadonlyArray<Phrase> = [
  '',
  ' Suggested starting with a 15-minute daily session.',
  ' Offered to make a one-page cheat sheet.',
  (r) => ` ${r.pick(FIRST_NAMES)} recommended a book on it.`,
  ' Worth revisiting in a month.',
  ' A short example helped more than the theory.',
  ' The user asked for sources next time.',
  ' Linked it to an earlier note on habits.',
  (r) => ` It came up again on ${r.pick(WEEKDAYS)}.`,
  (r) => ` ${r.pick(FIRST_NAMES)} uses it too.`,
  (r) => ` First mentioned in ${r.pick(MONTHS)}.`,
]

const concept = (r: Random): MemoryText => {
  const [term, definition, tag] = r.pick(CONCEPTS)
  const fitting = PURPOSES[tag]
  const specific = fitting !== undefined && r.chance(0.7)
  const purpose = sayAny(r, specific ? fitting : ANY_PURPOSE)
  // A specific purpose adds its last word as a tag ("the family budget" → budget).
  const purposeTag = specific ? slug(purpose.split(' ').at(-1) ?? '') : ''
  if (r.chance(0.6)) {
    const angle = r.pick(CONCEPT_ANGLES)
    return text(
      term,
      `${term}: ${definition}. The user ${angle} ${purpose}.${sayAny(r, CONCEPT_ENDINGS)}`,
      cap(definition),
      [tag, purposeTag],
    )
  }
  const next = r.pick([
    'Next step: try it on',
    'Latest angle:',
    'Most recently linked to',
    'Open question: how it fits',
  ])
  return text(
    term,
    `The user keeps coming back to ${lowerFirst(term)} — ${definition}. ${next} ${purpose}.${sayAny(r, CONCEPT_ENDINGS)}`,
    `${term}, a recurring interest`,
    [tag, purposeTag],
  )
}

// ——— events ———

// biome-ignore format: a table reads best one row per line
const MEETINGS: ReadonlyArray<readonly [string, string]> = [
  ['Quarterly review', 'review'], ['Sprint planning', 'planning'], ['1:1', 'one-on-one'],
  ['Design critique', 'design'], ['Budget sync', 'budget'], ['Hiring panel', 'hiring'],
  ['Roadmap workshop', 'roadmap'], ['Onboarding session', 'onboarding'], ['Retro', 'retro'],
  ['Vendor call', 'vendors'], ['Board update', 'board'], ['All-hands', 'all-hands'],
  ['Offsite planning', 'offsite'], ['Customer demo', 'demo'], ['Security review', 'security'],
  ['Architecture review', 'architecture'], ['Interview', 'hiring'], ['Kick-off', 'kickoff'],
]

const MEETING_WITH: ReadonlyArray<Phrase> = [
  (r) => `the ${r.pick(CITIES)} team`,
  (r) => r.pick(FIRST_NAMES),
  (r) => twoNames(r).join(' and '),
  (r) => `the ${r.pick(TEAMS)} team`,
  (r) => `the ${r.pick(WORK_PROJECTS)} group`,
]

const MEETING_MOVES = [
  'moved to',
  'is set for',
  'was rescheduled to',
  'got pushed to',
  'is confirmed for',
  'was brought forward to',
  'now happens on',
] as const

const MEETING_PLACES: ReadonlyArray<Phrase> = [
  '',
  '',
  ' in the big meeting room',
  ' on video',
  (r) => ` at the ${r.pick(CITIES)} office`,
  ' over a coffee',
  ' in the small room on the third floor',
]

const MEETING_NOTES: ReadonlyArray<Phrase> = [
  '',
  ' Prepare the slides the day before.',
  (r) => ` ${r.pick(FIRST_NAMES)} will take notes.`,
  ' Bring the latest numbers.',
  ' The agenda is still to be shared.',
  ' It will run for an hour.',
  (r) => ` Send ${r.pick(FIRST_NAMES)} the draft first.`,
  ' The dial-in link is in the invite.',
]

/** What kind of thing an occasion is decides its time of day, venue and notes. */
type OccasionKind = 'social' | 'lunch' | 'appointment' | 'ticketed' | 'club'

type Occasion = { what: Phrase; tag: string; kind: OccasionKind }

const OCCASIONS: ReadonlyArray<Occasion> = [
  { what: (r) => `${r.pick(FIRST_NAMES)}'s birthday dinner`, tag: 'birthday', kind: 'social' },
  { what: (r) => `${r.pick(FIRST_NAMES)}'s wedding`, tag: 'wedding', kind: 'social' },
  { what: (r) => `${twoNames(r).join(' and ')}'s housewarming`, tag: 'party', kind: 'social' },
  { what: (r) => `${r.pick(FIRST_NAMES)}'s leaving drinks`, tag: 'social', kind: 'social' },
  { what: (r) => `Lunch with ${r.pick(FIRST_NAMES)}`, tag: 'social', kind: 'lunch' },
  { what: 'Dentist appointment', tag: 'health', kind: 'appointment' },
  { what: 'Flu jab', tag: 'health', kind: 'appointment' },
  { what: 'Car service', tag: 'car', kind: 'appointment' },
  { what: 'Boiler inspection', tag: 'home', kind: 'appointment' },
  { what: 'Haircut', tag: 'personal', kind: 'appointment' },
  { what: (r) => `Flight to ${r.pick(CITIES)}`, tag: 'travel', kind: 'ticketed' },
  {
    what: (r) =>
      `Concert: ${r.pick(['a string quartet', 'a jazz trio', 'the city orchestra', 'a folk duo', 'Khruangbin', 'Big Thief'])}`,
    tag: 'music',
    kind: 'ticketed',
  },
  { what: (r) => `${r.pick(CITIES)} half marathon`, tag: 'running', kind: 'ticketed' },
  { what: 'School play', tag: 'family', kind: 'ticketed' },
  { what: 'Parent-teacher evening', tag: 'family', kind: 'club' },
  { what: 'Book club', tag: 'books', kind: 'club' },
  { what: 'Yoga class', tag: 'wellbeing', kind: 'club' },
]

const OCCASION_TIMES: Record<OccasionKind, ReadonlyArray<string>> = {
  social: EVENING_TIMES,
  lunch: ['12:00', '12:30', '13:00', '13:30'],
  appointment: TIMES.slice(0, 16),
  ticketed: [...TIMES.slice(0, 16), ...EVENING_TIMES],
  club: EVENING_TIMES,
}

const OCCASION_VENUES: Record<OccasionKind, ReadonlyArray<Phrase>> = {
  social: [
    (r) => ` at ${r.pick(RESTAURANTS)}`,
    ' at the community hall',
    ' at home',
    '',
    ' at the usual place',
  ],
  lunch: [(r) => ` at ${r.pick(RESTAURANTS)}`, ' near the office', ''],
  appointment: [''],
  ticketed: [''],
  club: [' at the community hall', ' at the library', (r) => ` at ${r.pick(FIRST_NAMES)}'s`, ''],
}

const OCCASION_NOTES: Record<OccasionKind, ReadonlyArray<Phrase>> = {
  social: [
    ' — bring a gift.',
    ' — book a taxi home.',
    ' — RSVP by Friday.',
    ' — the dress code is smart casual.',
    (r) => ` — ${r.pick(FIRST_NAMES)} is driving.`,
    '.',
  ],
  lunch: ['.', ' — book a table first.', (r) => ` — ${r.pick(FIRST_NAMES)} might join.`],
  appointment: [
    ' — arrive 10 minutes early.',
    ' — remember the insurance card.',
    ' — it takes about an hour.',
    ' — confirm the day before.',
    '.',
  ],
  ticketed: [
    ' — tickets are in the email.',
    ' — leave an hour early.',
    (r) => ` — ${r.pick(FIRST_NAMES)} is driving.`,
    '.',
  ],
  club: [
    '.',
    (r) => ` — ${r.pick(FIRST_NAMES)} is coming too.`,
    ' — bring the book.',
    ' — it usually runs late.',
  ],
}

const event = (r: Random, at: number): MemoryText => {
  if (r.chance(0.55)) {
    const [meeting, tag] = r.pick(MEETINGS)
    const who = sayAny(r, MEETING_WITH)
    const when = `${r.pick(WORKDAYS)} ${r.pick(TIMES.slice(0, 17))}`
    return text(
      `${meeting} (${who})`,
      `${meeting} with ${who} ${r.pick(MEETING_MOVES)} ${when}${sayAny(r, MEETING_PLACES)}.${sayAny(r, MEETING_NOTES)}`,
      `${meeting} → ${when}`,
      ['work', tag],
    )
  }
  const o = r.pick(OCCASIONS)
  const what = say(r, o.what)
  const day = upcomingDay(r, at, 60)
  const time = r.pick(OCCASION_TIMES[o.kind])
  return text(
    what,
    `${what} on ${day} at ${time}${sayAny(r, OCCASION_VENUES[o.kind])}${sayAny(r, OCCASION_NOTES[o.kind])}`,
    `${what}, ${day}`,
    [o.tag, 'personal'],
  )
}

// ——— tasks ———

const BILLS = ['electricity', 'water', 'council tax', 'internet', 'phone', 'gas'] as const
const SERVICES = ['streaming', 'meal-kit', 'language-app', 'cloud storage', 'gym', 'audiobook'] as const
const DOCS = [
  'project brief',
  'status update',
  'budget proposal',
  'launch checklist',
  'retro notes',
  'risk log',
] as const

const TASK_ACTIONS: ReadonlyArray<Tagged> = [
  ['Renew the passport', 'documents'],
  ['Book the car in for its service', 'car'],
  [(r) => `Send the invoice to ${r.pick(FIRST_NAMES)}`, 'work'],
  [(r) => `Call ${r.pick(FIRST_NAMES)} about the ${r.pick(PROJECTS)}`, 'work'],
  [(r) => `Reply to ${r.pick(FIRST_NAMES)}'s email about the ${r.pick(PROJECTS)}`, 'work'],
  [(r) => `Pay the ${r.pick(BILLS)} bill`, 'finance'],
  [(r) => `Order a birthday present for ${r.pick(FIRST_NAMES)}`, 'family'],
  [(r) => `Submit the expense report for the ${r.pick(CITIES)} trip`, 'work'],
  [(r) => `Review ${r.pick(FIRST_NAMES)}'s pull request for the ${r.pick(WORK_PROJECTS)}`, 'code'],
  ['Back up the photo library', 'tech'],
  [(r) => `Cancel the ${r.pick(SERVICES)} trial`, 'finance'],
  [(r) => `Book a table at ${r.pick(RESTAURANTS)} for ${r.int(2, 8)}`, 'food'],
  [(r) => `Draft the ${r.pick(DOCS)} for the ${r.pick(WORK_PROJECTS)}`, 'work'],
  ['Pick up the dry cleaning', 'errands'],
  [(r) => `Water ${r.pick(FIRST_NAMES)}'s plants`, 'home'],
  ['Schedule the boiler inspection', 'home'],
  ['Return the library books', 'errands'],
  [(r) => `Update the ${r.pick(WORK_PROJECTS)} roadmap`, 'work'],
  ['Renew the home insurance', 'finance'],
  [(r) => `Buy the ingredients for ${r.pick(DISHES)}`, 'food'],
  [(r) => `Send ${r.pick(FIRST_NAMES)} the photos from the ${r.pick(CITIES)} trip`, 'friends'],
  [(r) => `Book train tickets to ${r.pick(CITIES)}`, 'travel'],
  ['Fill in the tax return', 'finance'],
  [(r) => `Check in with ${r.pick(FIRST_NAMES)} after the operation`, 'family'],
  ['Defrost the freezer', 'home'],
  ['Update the emergency contacts at work', 'work'],
  [(r) => `Transfer ${euros(r, 50, 500, 10)} to the savings account`, 'finance'],
  ['Replace the smoke alarm batteries', 'home'],
  [(r) => `Ask ${r.pick(FIRST_NAMES)} for the ${r.pick(DOCS)}`, 'work'],
  [(r) => `Practise ${r.pick(LANGUAGES)} vocabulary for ${r.int(10, 30)} minutes`, 'language'],
]

const DEADLINES: ReadonlyArray<string | ((r: Random, at: number) => string)> = [
  (r, at) => `by ${upcomingDay(r, at, 45).replace(/^\w+ /, '')}`,
  (r, at) => `by ${upcomingDay(r, at, 45).replace(/^\w+ /, '')}`,
  (r) => `by ${r.pick(WEEKDAYS)}`,
  (r) => `by ${r.pick(WEEKDAYS)} evening`,
  (r) => `before ${r.pick(FIRST_NAMES)}'s visit on ${r.pick(WEEKDAYS)}`,
  (r) => `before ${weekdayTime(r)}`,
  'by the end of the month',
  (r) => `before the ${r.pick(CITIES)} trip`,
  'this weekend',
  'tomorrow morning',
  'before payday',
  'next week',
  'today',
  (r) => `before ${r.pick(FIRST_NAMES)} gets back`,
  'as soon as possible',
]

/** Notes that fit any task. */
const TASK_NOTES: ReadonlyArray<Phrase> = [
  ' — it takes about 20 minutes.',
  (r) => ` — ${r.pick(FIRST_NAMES)} offered to help.`,
  ' — high priority.',
  ' — a reminder is set for the evening before.',
  '. Already postponed once.',
  '. The user asked to be reminded.',
  '. Not urgent, but easy to forget.',
  (r) => ` — about ${r.int(2, 9) * 5} minutes of work.`,
  (r) => `. ${r.pick(FIRST_NAMES)} asked about it on ${r.pick(WEEKDAYS)}.`,
  (r) => `. Third reminder since ${dayMonth(r)}.`,
  (r) => ` — the user wants it done before ${r.pick(WEEKDAYS)}.`,
]

/** Notes that only fit some kinds of task. */
const TASK_NOTES_BY_TAG: Partial<Record<string, ReadonlyArray<Phrase>>> = {
  finance: [
    ' — the reference number is in the email.',
    (r) => ` — it costs around ${euros(r, 20, 400, 5)}.`,
    ' — it needs the online form, not the paper one.',
    ' — keep the receipt for the tax return.',
  ],
  errands: [
    ' — check the opening hours first.',
    ' — ask for a receipt.',
    (r) => ` — it is on the way to ${r.pick(FIRST_NAMES)}'s.`,
  ],
  work: [
    (r) => ` — ${r.pick(FIRST_NAMES)} needs it first.`,
    '. Blocked until the numbers arrive.',
    (r) => ` — copy ${r.pick(FIRST_NAMES)} in.`,
    ' — it is on the agenda for the next team meeting.',
  ],
  travel: [
    ' — the booking reference is in the email.',
    ' — check the baggage allowance.',
    ' — prices go up after Friday.',
  ],
  home: [
    ' — the manual is in the kitchen drawer.',
    (r) => ` — ${r.pick(FIRST_NAMES)} has the spare key.`,
    ' — it needs a free morning.',
  ],
  food: [' — ask about the vegetarian options.', (r) => ` — ${r.pick(FIRST_NAMES)} is gluten-free.`],
  family: [(r) => ` — ${r.pick(FIRST_NAMES)} has ideas.`, ' — keep it a surprise.'],
  code: [' — the CI run is still red.', (r) => ` — ${r.pick(FIRST_NAMES)} is waiting on it.`],
}

const task = (r: Random, at: number): MemoryText => {
  const [action, tag] = sayTagged(r, TASK_ACTIONS)
  const deadline = r.pick(DEADLINES)
  const due = typeof deadline === 'string' ? deadline : deadline(r, at)
  const notes = TASK_NOTES_BY_TAG[tag]
  const note = sayAny(r, notes !== undefined && r.chance(0.5) ? notes : TASK_NOTES)
  return text(action, `${action} ${due}${note}`, `${action} ${due}`, [tag, 'todo'])
}

// ——— conversations (memories of a chat) ———

const CHAT_TOPICS: ReadonlyArray<Tagged> = [
  [(r) => `the ${r.pick(CITIES)} trip itinerary`, 'travel'],
  ['switching to a standing desk', 'work'],
  ['how to negotiate the salary offer', 'career'],
  ['the kitchen renovation budget', 'home'],
  [(r) => `${r.pick(FIRST_NAMES)}'s birthday plans`, 'family'],
  ['a better sleep routine', 'health'],
  [(r) => `the ${r.pick(PROJECTS)} deadline`, 'work'],
  [(r) => `learning ${r.pick(LANGUAGES)}`, 'language'],
  [(r) => `a recipe for ${r.pick(DISHES)}`, 'cooking'],
  ['mortgage options', 'finance'],
  ['whether to get a dog', 'home'],
  ['a tricky conversation with the landlord', 'home'],
  [(r) => `feedback for ${r.pick(FIRST_NAMES)}`, 'work'],
  ['starting a vegetable patch', 'garden'],
  ['cutting down on screen time', 'wellbeing'],
  ['a first 10k race', 'fitness'],
  [(r) => `the ${r.pick(TEAMS)} team reorganisation`, 'work'],
  ['writing a eulogy', 'writing'],
  ['choosing a new laptop', 'tech'],
  ['a gift for the wedding anniversary', 'family'],
  ['the pension top-up', 'finance'],
  ['early signs of burnout', 'wellbeing'],
  [(r) => `the short story set in ${r.pick(CITIES)}`, 'writing'],
  ['moving the app to a new database', 'code'],
  ['how to explain embeddings to a beginner', 'code'],
  ['the school application', 'family'],
  [(r) => `visiting ${r.pick(FIRST_NAMES)} in ${r.pick(CITIES)}`, 'travel'],
  ['a budget for the holidays', 'finance'],
  ['a weekly meal plan', 'cooking'],
  ['the leaking bathroom tap', 'home'],
]

const CHAT_OUTCOMES: ReadonlyArray<Phrase> = [
  'decided to wait until after the holidays',
  'felt more confident after going through the numbers',
  'was frustrated with the delays',
  'chose the cheaper option',
  (r) => `wants a second opinion from ${r.pick(FIRST_NAMES)}`,
  'liked the idea of splitting it into weekly goals',
  'was relieved to have a plan',
  'is still undecided',
  'asked for fewer options next time',
  'found the pros-and-cons list useful',
  'changed their mind halfway through',
  'agreed to try it for two weeks',
  'wanted more concrete examples',
  'was excited about it',
  'seemed tired and wanted to keep it short',
  (r) => `set a budget of ${euros(r, 100, 5000, 50)}`,
  'picked the second suggestion',
  (r) => `asked to revisit it on ${r.pick(WEEKDAYS)}`,
  'rejected the first draft as too formal',
  'laughed at the idea but liked it',
  (r) => `wants to involve ${r.pick(FIRST_NAMES)}`,
  (r) => `mentioned that ${r.pick(FIRST_NAMES)} had the same problem`,
  (r) => `wants it settled before ${r.pick(WEEKDAYS)}`,
  (r) => `compared it with what ${r.pick(FIRST_NAMES)} did in ${r.pick(CITIES)}`,
]

const CHAT_NEXT: ReadonlyArray<Phrase> = [
  'check back in two weeks',
  'share a short checklist',
  (r) => `look up prices in ${r.pick(CITIES)}`,
  (r) => `draft an email to ${r.pick(FIRST_NAMES)}`,
  'send a reminder on Monday',
  'summarise the options in a table',
  'find three local options',
  'prepare questions for the appointment',
  'set a reminder for the deadline',
  'compare it with last year',
  'keep the tone lighter next time',
  'follow up after the weekend',
  (r) => `ask how the talk with ${r.pick(FIRST_NAMES)} went`,
  (r) => `check in on ${r.pick(WEEKDAYS)} at ${r.pick(TIMES)}`,
  (r) => `send a summary before ${dayMonth(r)}`,
]

const conversation = (r: Random): MemoryText => {
  const [topic, tag] = sayTagged(r, CHAT_TOPICS)
  const outcome = sayAny(r, CHAT_OUTCOMES)
  const next = sayAny(r, CHAT_NEXT)
  const content = r.pick([
    () => `Talked about ${topic}; the user ${outcome}. Follow-up: ${next}.`,
    () =>
      `In the ${r.pick(WEEKDAYS)} chat about ${topic}, the user ${outcome} and asked the assistant to ${next}.`,
    () => `Quick check-in on ${topic}: the user ${outcome}. Plan: ${next}.`,
    () => `Long conversation about ${topic}. The user ${outcome}; agreed to ${next}.`,
    () => `On ${dayMonth(r)} the user brought up ${topic} again and ${outcome}. Next: ${next}.`,
  ])()
  return text(`Chat: ${topic}`, content, `Discussed ${topic}`, [tag, 'chat'])
}

// ——— knowledge ———

// biome-ignore format: a table reads best one row per line
const KNOWLEDGE: ReadonlyArray<readonly [(r: Random) => string, string, string]> = [
  [(r) => `The ${r.pick(CITIES)} office opens at ${r.pick(TIMES.slice(0, 5))} on weekdays and closes early on Fridays`, 'Office hours', 'work'],
  [(r) => `The ${r.pick(WORK_PROJECTS)} deploys from the main branch every ${r.pick(WEEKDAYS.slice(0, 5))}`, 'Deploy day', 'code'],
  [(r) => `The dishwasher filter needs cleaning every ${r.int(3, 6)} weeks`, 'Dishwasher filter', 'home'],
  [(r) => `Sourdough starter needs feeding every ${r.int(8, 24)} hours at about ${r.int(20, 26)}°C`, 'Sourdough feeding', 'cooking'],
  [(r) => `Tomato seedlings can go outside once nights stay above ${r.int(8, 12)}°C`, 'Planting out tomatoes', 'garden'],
  [(r) => `The ${r.pick(BILLS)} bill is paid by direct debit on day ${r.int(1, 28)} of each month`, 'Direct debit', 'finance'],
  [(r) => `Trains from ${r.pick(CITIES)} to ${r.pick(CITIES)} take about ${r.int(2, 9)} hours; booking ${r.int(3, 8)} weeks ahead is cheapest`, 'Train times', 'travel'],
  [(r) => `Restarting the router fixes the evening slowdowns; it is back after about ${r.int(2, 5)} minutes`, 'Router restart', 'home'],
  [(r) => `The gym on ${r.pick(['Park Road', 'Mill Lane', 'Harbour Street', 'Station Road', 'Elm Avenue', 'Castle Street'])} is quietest before ${r.pick(TIMES.slice(0, 6))}`, 'Gym quiet hours', 'fitness'],
  [(r) => `Passport renewals currently take about ${r.int(3, 10)} weeks`, 'Passport renewal time', 'travel'],
  [(r) => `The car needs a service every ${r.int(10, 20)},000 km or once a year, whichever comes first`, 'Car service interval', 'car'],
  [(r) => `Basil should come indoors when nights drop below ${r.int(10, 14)}°C`, 'Basil and cold', 'garden'],
  [(r) => `The rice cooker works best with 1 part rice to ${r.pick(['1.1', '1.2', '1.25', '1.3', '1.5'])} parts water`, 'Rice ratio', 'cooking'],
  [(r) => `The ${r.pick(TEAMS)} team's on-call rotation changes every ${r.pick(WEEKDAYS.slice(0, 5))} at ${r.pick(TIMES)}`, 'On-call handover', 'work'],
  [(r) => `Recycling is collected every other ${r.pick(WEEKDAYS.slice(0, 5))}; glass goes out separately`, 'Recycling day', 'home'],
  [(r) => `The ${r.pick(PROJECTS)} budget is €${r.int(2, 90)},000 with ${r.int(5, 20)}% held back for surprises`, 'Project budget', 'finance'],
  [(r) => `Library loans run for ${r.int(2, 4)} weeks and can be renewed online twice`, 'Library loans', 'errands'],
  [(r) => `Electricity is cheapest between ${pad(r.int(0, 2))}:00 and ${pad(r.int(5, 7))}:00 on the current tariff`, 'Cheap electricity hours', 'finance'],
  [(r) => `The API rate limit for the ${r.pick(WORK_PROJECTS)} is ${r.int(6, 60) * 10} requests per minute`, 'API rate limit', 'code'],
  [(r) => `Database backups for the ${r.pick(WORK_PROJECTS)} run nightly and are kept for ${r.int(7, 35)} days`, 'Backup retention', 'code'],
  [(r) => `The school term ends on ${dayMonth(r)}; the holiday club needs booking ${r.int(2, 6)} weeks ahead`, 'School term dates', 'family'],
  [(r) => `The ${r.pick(CITIES)} museum is free on the first ${r.pick(WEEKDAYS)} of each month`, 'Free museum day', 'travel'],
  [(r) => { const [model, dims] = r.pick([['all-MiniLM-L6-v2', 384], ['nomic-embed-text', 768], ['bge-small-en-v1.5', 384], ['mxbai-embed-large', 1024]] as const); return `The ${model} embedding model produces ${dims}-dimensional vectors` }, 'Embedding dimensions', 'code'],
  [(r) => `The local model ${r.pick(['llama3.1', 'mistral', 'qwen2.5:7b', 'phi3', 'gemma2'])} runs at about ${r.int(8, 60)} tokens per second on the laptop`, 'Local model speed', 'code'],
  [(r) => `The warranty on the ${r.pick(['washing machine', 'laptop', 'bike', 'fridge', 'headphones', 'coffee machine'])} runs for another ${r.int(3, 30)} months`, 'Warranty', 'home'],
  [(r) => `Balcony plants need watering every ${r.int(2, 4)} days in summer and about every ${r.int(7, 12)} in winter`, 'Watering schedule', 'garden'],
  [(r) => `${r.pick(RESTAURANTS)} only takes bookings by phone and is closed on ${r.pick(WEEKDAYS)}s`, 'Restaurant bookings', 'food'],
  [(r) => `Board papers have to go out ${r.int(3, 7)} days before each meeting`, 'Board papers', 'work'],
  [(r) => `The ${r.pick(LANGUAGES)} course meets on ${r.pick(WEEKDAYS.slice(0, 5))} evenings at ${r.pick(['18:30', '19:00', '19:30'])}`, 'Language class', 'language'],
  [(r) => `A ${r.int(10, 30)}-minute walk after lunch noticeably helps the user's afternoon focus`, 'Walks and focus', 'wellbeing'],
  [(r) => `Cast-iron pans need drying on the hob and a thin coat of oil after washing; ${r.pick(['never soak them', 'a little salt scrubs off stuck bits', 'avoid the dishwasher'])}`, 'Cast-iron care', 'cooking'],
  [(r) => `The ${r.pick(CITIES)} flat's boiler reset button is behind the ${r.pick(['left', 'right', 'bottom'])} panel`, 'Boiler reset', 'home'],
  [(r) => `Expense claims are paid out on the ${r.pick(['first', 'second', 'last'])} ${r.pick(WEEKDAYS.slice(0, 5))} of the month`, 'Expense payouts', 'work'],
  [(r) => `Seedlings need ${r.int(12, 16)} hours of light a day; the grow lamp timer is set for ${r.pick(TIMES.slice(0, 4))}`, 'Seedling light', 'garden'],
  [(r) => `The ${r.pick(LANGUAGES)} exam has ${r.int(3, 5)} parts: reading, listening, writing${r.chance(0.5) ? ' and speaking' : ''}`, 'Language exam format', 'language'],
]

const KNOWLEDGE_SOURCES: ReadonlyArray<Phrase> = [
  '',
  ' (from the house manual)',
  (r) => ` — per ${r.pick(FIRST_NAMES)}`,
  ' (from the product docs)',
  (r) => ` — learned on the ${r.pick(CITIES)} trip`,
  ' (confirmed by phone)',
  ' (from an old email)',
  ' (from the team wiki)',
  (r) => ` — ${r.pick(FIRST_NAMES)} double-checked this`,
  ' (from the onboarding notes)',
]

const KNOWLEDGE_ENDINGS: ReadonlyArray<Phrase> = [
  '',
  ' Worth sharing with the family.',
  ' Double-check before relying on it.',
  (r) => ` Last checked ${r.int(2, 11)} months ago.`,
  ' Might change next year.',
  (r) => ` Confirmed with ${r.pick(FIRST_NAMES)} in ${r.pick(MONTHS)}.`,
  (r) => ` Last checked in ${r.pick(MONTHS)}.`,
  (r) => ` ${r.pick(FIRST_NAMES)} asked about this on ${r.pick(WEEKDAYS)}.`,
]

const knowledge = (r: Random): MemoryText => {
  const [make, name, tag] = r.pick(KNOWLEDGE)
  const sentence = make(r)
  const content = `${sentence}${sayAny(r, KNOWLEDGE_SOURCES)}.${sayAny(r, KNOWLEDGE_ENDINGS)}`
  return text(name, content, title(sentence, 64), [tag, 'reference'])
}

// ——— facts (a category and a key unique per persona) ———

type FactSpec = {
  category: string
  key: string
  name: string
  /** The content and a short summary of the value. */
  make: (r: Random) => readonly [string, string]
}

// biome-ignore format: a word bank reads best packed
const COMPANIES = ['Northwind', 'Lumen Labs', 'Harbour & Co', 'Bluefin Health', 'Kestrel Studio', 'Tidewater Logistics', 'the city council', 'a small design agency', 'Fernhill School'] as const
// biome-ignore format: a word bank reads best packed
const PETS = ['cat', 'dog', 'rabbit', 'tortoise', 'greyhound', 'budgie'] as const
// biome-ignore format: a word bank reads best packed
const PET_NAMES = ['Miso', 'Pepper', 'Biscuit', 'Juno', 'Olive', 'Mochi', 'Ziggy', 'Luna', 'Otto', 'Pickle', 'Clementine', 'Bruno'] as const
// biome-ignore format: a word bank reads best packed
const GIFTS = ['a good cookbook', 'concert tickets', 'a plant for the balcony', 'a pottery class', 'fancy loose-leaf tea', 'a new board game', 'a photo book', 'a cosy scarf'] as const
// biome-ignore format: a word bank reads best packed
const DRINKS = ['flat whites', 'black coffee', 'chai lattes', 'green tea', 'peppermint tea', 'oat cappuccinos'] as const

// biome-ignore format: a table reads best one row per line
const USER_FACTS: ReadonlyArray<FactSpec> = [
  { category: 'diet', key: 'diet.milk', name: 'Milk in coffee', make: (r) => { const v = r.pick(['oat', 'almond', 'soy', 'whole', 'semi-skimmed']); return [`The user takes ${v} milk in coffee${r.pick(['', ', never sugar', ', and only one cup before noon'])}.`, `${cap(v)} milk`] } },
  { category: 'diet', key: 'diet.restriction', name: 'Diet', make: (r) => { const v = r.pick(['vegetarian', 'pescatarian', 'vegan', 'flexitarian', 'lactose intolerant']); return [`The user is ${v}${r.pick(['', ` since ${r.int(2008, 2023)}`, ', but eats fish on holiday'])}.`, cap(v)] } },
  { category: 'diet', key: 'diet.allergy', name: 'Allergy', make: (r) => { const v = r.pick(['peanuts', 'shellfish', 'kiwi', 'tree nuts', 'sesame', 'penicillin']); return [`The user is allergic to ${v}; ${r.pick(['the reaction is mild', 'they carry an EpiPen', 'it only causes a rash', 'restaurants need telling'])}.`, `Allergic to ${v}`] } },
  { category: 'diet', key: 'diet.coffee', name: 'Coffee habit', make: (r) => { const n = r.int(1, 4); return [`The user drinks ${n} coffee${n > 1 ? 's' : ''} a day and none after ${r.pick(['12:00', '14:00', '15:00', '16:00'])}.`, `${n} a day`] } },
  { category: 'personal', key: 'personal.birthday', name: 'Birthday', make: (r) => { const d = dayMonth(r); return [`The user's birthday is on ${d}.`, d] } },
  { category: 'personal', key: 'personal.hometown', name: 'Hometown', make: (r) => { const c = r.pick(CITIES); return [`The user grew up in ${c}${r.pick(['', ' and still has family there', ' but left at eighteen'])}.`, c] } },
  { category: 'personal', key: 'personal.home_city', name: 'Home city', make: (r) => { const c = r.pick(CITIES); return [`The user lives in ${c}, ${r.pick(['near the old town', 'in a quiet suburb', 'close to the river', 'ten minutes from the station'])}.`, c] } },
  { category: 'personal', key: 'personal.languages', name: 'Languages', make: (r) => { const [a, b] = r.sample(LANGUAGES, 2); return [`The user speaks ${a} and some ${b}.`, `${a}, some ${b}`] } },
  { category: 'personal', key: 'personal.favourite_colour', name: 'Favourite colour', make: (r) => { const c = r.pick(['forest green', 'navy', 'mustard yellow', 'terracotta', 'teal', 'plum']); return [`The user's favourite colour is ${c}.`, cap(c)] } },
  { category: 'personal', key: 'personal.handedness', name: 'Handedness', make: (r) => { const h = r.weighted(['left', 'right'], [1, 4]); return [`The user is ${h}-handed.`, `${cap(h)}-handed`] } },
  { category: 'work', key: 'work.job_title', name: 'Job', make: (r) => { const j = r.pick(JOBS); return [`The user works as ${j} at ${r.pick(COMPANIES)}.`, cap(bare(j))] } },
  { category: 'work', key: 'work.hours', name: 'Working hours', make: (r) => { const s = r.pick(['08:00', '08:30', '09:00', '09:30']); const e = r.pick(['16:30', '17:00', '17:30', '18:00']); return [`The user usually works ${s}–${e}, remote ${r.pick(['on Mondays and Fridays', 'every Wednesday', 'most days', 'only when needed'])}.`, `${s}–${e}`] } },
  { category: 'work', key: 'work.manager', name: 'Manager', make: (r) => { const n = r.pick(FIRST_NAMES); return [`The user's manager is ${n}${r.pick(['', ', who prefers written updates', ', who joined last year'])}.`, n] } },
  { category: 'work', key: 'work.team', name: 'Team', make: (r) => { const t = r.pick(TEAMS); return [`The user is on the ${t} team of ${r.int(3, 14)} people.`, `${cap(t)} team`] } },
  { category: 'work', key: 'work.commute', name: 'Commute', make: (r) => { const m = r.pick(['bike', 'tram', 'train', 'car', 'bus']); return [`The user commutes by ${m}, about ${r.int(10, 60)} minutes each way.`, `By ${m}`] } },
  { category: 'work', key: 'work.start_date', name: 'Job start', make: (r) => { const d = `${r.pick(MONTHS)} ${r.int(2015, 2024)}`; return [`The user started the current job in ${d}.`, d] } },
  { category: 'home', key: 'home.pet', name: 'Pet', make: (r) => { const p = r.pick(PETS); const n = r.pick(PET_NAMES); return [`The user has a ${p} called ${n}${r.pick(['', `, ${r.int(1, 14)} years old`, ' who hates the vet'])}.`, `${cap(p)}, ${n}`] } },
  { category: 'home', key: 'home.household', name: 'Household', make: (r) => { const n = r.pick(FIRST_NAMES); const who = r.pick([`their partner ${n}`, 'two flatmates', `their partner ${n} and two kids`, 'nobody else', `their partner ${n} and a teenager`]); return [`The user lives with ${who}.`, cap(who)] } },
  { category: 'home', key: 'home.type', name: 'Home', make: (r) => { const h = r.pick([`a ${r.int(1, 3)}-bedroom flat on the ${r.pick(['ground', 'second', 'fourth', 'top'])} floor`, 'a terraced house with a small garden', 'a narrow townhouse', 'a flat above a bakery']); return [`The user rents ${h}.`, cap(h)] } },
  { category: 'home', key: 'home.car', name: 'Car', make: (r) => { const [c, short] = r.pick([['drives a small electric hatchback', 'Electric hatchback'], ['drives a ten-year-old estate', 'Old estate car'], ['drives a hybrid SUV', 'Hybrid SUV'], ['has no car and rides a cargo bike', 'Cargo bike, no car']] as const); return [`The user ${c}.`, short] } },
  { category: 'travel', key: 'travel.seat', name: 'Seat on flights', make: (r) => { const s = r.pick(['aisle', 'window']); return [`The user always books ${s} seats on flights.`, `${cap(s)} seat`] } },
  { category: 'travel', key: 'travel.passport_expiry', name: 'Passport expiry', make: (r) => { const d = `${r.pick(MONTHS)} ${r.int(2026, 2034)}`; return [`The user's passport expires in ${d}.`, d] } },
  { category: 'travel', key: 'travel.loyalty', name: 'Airline scheme', make: (r) => { const a = r.pick(['Miles & More', 'Flying Blue', 'Avios', 'EuroBonus']); return [`The user collects ${a} points when flying.`, a] } },
  { category: 'health', key: 'health.exercise', name: 'Exercise', make: (r) => { const n = r.int(2, 5); return [`The user runs ${n} times a week, usually ${r.pick(['before work', 'at lunchtime', 'on weekend mornings'])}.`, `Runs ${n}×/week`] } },
  { category: 'health', key: 'health.sleep', name: 'Sleep', make: (r) => { const h = r.pick(['7', '7.5', '8']); return [`The user sleeps best with ${h} hours and is in bed by ${r.pick(['22:00', '22:30', '23:00', '23:30'])}.`, `${h} hours`] } },
  { category: 'health', key: 'health.blood_type', name: 'Blood type', make: (r) => { const t = r.pick(['A+', 'A-', 'B+', 'O+', 'O-', 'AB+']); return [`The user's blood type is ${t}.`, t] } },
  { category: 'health', key: 'health.glasses', name: 'Glasses', make: (r) => { const g = r.pick(['reading', 'driving', 'screens']); return [`The user wears glasses for ${g}.`, `Glasses for ${g}`] } },
  { category: 'finance', key: 'finance.payday', name: 'Payday', make: (r) => { const d = r.int(1, 28); return [`The user is paid on day ${d} of each month.`, `Day ${d}`] } },
  { category: 'finance', key: 'finance.savings_goal', name: 'Savings goal', make: (r) => { const g = r.pick(['a house deposit', 'a sabbatical', 'a new bike', 'the wedding', 'an emergency fund']); return [`The user is saving ${euros(r, 1000, 40000, 500)} for ${g}.`, cap(bare(g))] } },
  { category: 'finance', key: 'finance.grocery_budget', name: 'Grocery budget', make: (r) => { const b = euros(r, 60, 250, 10); return [`The user's grocery budget is about ${b} a week.`, `${b}/week`] } },
  { category: 'preference', key: 'preference.reply_tone', name: 'Reply tone', make: (r) => { const t = r.pick(['warm but brief', 'direct', 'playful', 'formal', 'calm and practical']); return [`The user wants replies in a ${t} tone.`, cap(t)] } },
  { category: 'preference', key: 'preference.units', name: 'Units', make: (r) => { const u = r.pick(['metric units and 24-hour time', 'metric units and 12-hour time', 'Celsius but miles for distances']); return [`The user uses ${u}.`, cap(u)] } },
  { category: 'preference', key: 'preference.cafe', name: 'Go-to café', make: (r) => { const c = r.pick(['Little Fig', 'the corner bakery', 'Kaffee Nord', 'Bean There', 'the library café']); return [`The user's go-to café is ${c}.`, cap(c)] } },
  { category: 'education', key: 'education.degree', name: 'Degree', make: (r) => { const s = r.pick(['chemistry', 'history', 'computer science', 'architecture', 'economics', 'linguistics']); return [`The user studied ${s} at university in ${r.pick(CITIES)}.`, cap(s)] } },
  { category: 'education', key: 'education.course', name: 'Current course', make: (r) => { const c = r.pick(['bookkeeping', 'ceramics', 'data science', 'creative writing', 'first aid']); return [`The user is taking an evening course in ${c}.`, cap(c)] } },
  { category: 'hobbies', key: 'hobbies.instrument', name: 'Instrument', make: (r) => { const i = r.pick(['piano', 'guitar', 'cello', 'drums', 'ukulele']); return [`The user plays the ${i}, ${r.pick(['mostly for fun', 'in a community band', 'and is relearning after a long break'])}.`, cap(i)] } },
  { category: 'hobbies', key: 'hobbies.reading', name: 'Reading', make: (r) => { const n = r.int(10, 50); return [`The user aims to read ${n} books this year.`, `${n} books/year`] } },
]

// biome-ignore format: a table reads best one row per line
const RELATIONSHIP_ATTRS: ReadonlyArray<readonly [string, string, (r: Random, name: string) => readonly [string, string]]> = [
  ['birthday', 'birthday', (r, n) => { const d = dayMonth(r); return [`${n}'s birthday is on ${d}.`, d] }],
  ['city', 'home city', (r, n) => { const c = r.pick(CITIES); return [`${n} lives in ${c}.`, c] }],
  ['job', 'job', (r, n) => { const j = r.pick(JOBS); return [`${n} works as ${j}.`, cap(bare(j))] }],
  ['contact', 'contact preference', (r, n) => { const c = r.pick(['text messages', 'phone calls', 'email', 'voice notes']); return [`${n} prefers ${c} for anything important.`, cap(c)] }],
  ['food', 'favourite food', (r, n) => { const d = r.pick(DISHES); return [`${n}'s favourite food is ${d}.`, cap(d)] }],
  ['kids', 'kids', (r, n) => { const k = r.int(1, 3); return [`${n} has ${k === 1 ? `a ${r.pick(['son', 'daughter'])} called ${r.pick(FIRST_NAMES)}` : `${k} kids`}.`, `${k} kid${k > 1 ? 's' : ''}`] }],
  ['allergy', 'allergy', (r, n) => { const a = r.pick(['cats', 'pollen', 'nuts', 'shellfish', 'dairy']); return [`${n} is allergic to ${a}.`, cap(a)] }],
  ['anniversary', 'anniversary', (r, n) => { const d = dayMonth(r); const p = r.pick(FIRST_NAMES.filter((f) => f !== n)); return [`${n} and ${p} celebrate their anniversary on ${d}.`, d] }],
  ['gift_idea', 'gift idea', (r, n) => { const g = r.pick(GIFTS); return [`${n} would love ${g} as a present.`, cap(bare(g))] }],
  ['employer', 'employer', (r, n) => { const c = r.pick(COMPANIES); return [`${n} works at ${c}.`, cap(c)] }],
  ['pet', 'pet', (r, n) => { const p = r.pick(PETS); const pn = r.pick(PET_NAMES); return [`${n} has a ${p} called ${pn}.`, `${cap(p)}, ${pn}`] }],
  ['partner', 'partner', (r, n) => { const p = r.pick(FIRST_NAMES); return [`${n}'s partner is ${p}${r.pick(['', `; they met in ${r.pick(CITIES)}`, `, together since ${r.int(2005, 2024)}`])}.`, p] }],
  ['hobby', 'hobby', (r, n) => { const h = r.pick(['bouldering', 'sourdough baking', 'birdwatching', 'chess', 'sea swimming', 'woodwork', 'choir singing', 'film photography']); return [`${n} is really into ${h}${r.pick(['', ' at the moment', ' and goes every week'])}.`, cap(h)] }],
  ['reachable', 'best time to call', (r, n) => { const w = r.pick(['after 18:00', 'on weekend mornings', 'during lunch', 'before 9:00', `on ${r.pick(WEEKDAYS)}s`]); return [`${n} is easiest to reach ${w}.`, cap(w)] }],
  ['languages', 'languages', (r, n) => { const [a, b] = r.sample(LANGUAGES, 2); return [`${n} speaks ${a} and ${b}.`, `${a}, ${b}`] }],
  ['drink', 'usual drink', (r, n) => { const d = r.pick(DRINKS); return [`${n} drinks ${d}, ${r.pick(['no sugar', 'extra hot', 'always decaf after noon', 'with a biscuit'])}.`, cap(d)] }],
]

// biome-ignore format: a table reads best one row per line
const PLACE_ATTRS: ReadonlyArray<readonly [string, string, (r: Random, city: string) => readonly [string, string]]> = [
  ['stay', 'where to stay', (r, c) => { const h = r.pick(['a small guesthouse near the station', 'Hotel Lumen', 'an apartment in the old town', `${r.pick(FIRST_NAMES)}'s spare room`]); return [`In ${c} the user likes staying at ${h}.`, cap(h)] }],
  ['restaurant', 'favourite restaurant', (r, c) => { const x = r.pick(RESTAURANTS); return [`The user's favourite restaurant in ${c} is ${x}.`, x] }],
  ['transport', 'getting around', (r, c) => { const m = r.pick(['by bike share', 'by metro', 'by tram', 'on foot', 'in a rental car']); return [`In ${c} the user gets around ${m}.`, cap(m)] }],
  ['last_visit', 'last visit', (r, c) => { const d = `${r.pick(MONTHS)} ${r.int(2019, 2025)}`; return [`The user last visited ${c} in ${d}.`, d] }],
  ['cafe', 'favourite café', (r, c) => { const x = r.pick(['Kaffee Nord', 'Bean There', 'Little Fig', 'the roastery by the river', 'a tiny place behind the station']); return [`The user's favourite café in ${c} is ${x}.`, cap(x)] }],
  ['area', 'favourite area', (r, c) => { const a = r.pick(['the old town', 'the harbour', 'the university quarter', 'the market district', 'the riverside']); return [`In ${c} the user likes ${a} best${r.pick(['', ' for walking', ' for food'])}.`, cap(a)] }],
  ['weather', 'weather', (r, c) => { const m = r.pick(MONTHS); return [`The user found ${c} ${r.pick(['cold and windy', 'hot and humid', 'rainy but mild', 'sunny and dry'])} in ${m}.`, m] }],
  ['friend', 'friend there', (r, c) => { const n = r.pick(FIRST_NAMES); return [`When in ${c}, the user always meets up with ${n}.`, n] }],
]

const pickFactSpec = (r: Random): FactSpec => {
  const roll = r.next()
  if (roll < 0.3) return r.pick(USER_FACTS)
  if (roll < 0.8) {
    const name = r.pick(FIRST_NAMES)
    const [attr, label, make] = r.pick(RELATIONSHIP_ATTRS)
    return {
      category: 'relationship',
      key: `relationship.${slug(name)}.${attr}`,
      name: `${name}: ${label}`,
      make: (rr) => make(rr, name),
    }
  }
  const city = r.pick(CITIES)
  const [attr, label, make] = r.pick(PLACE_ATTRS)
  return {
    category: 'places',
    key: `places.${slug(city)}.${attr}`,
    name: `${city}: ${label}`,
    make: (rr) => make(rr, city),
  }
}

/**
 * A fact whose key is not in `usedKeys` yet (the key is added). Returns null when a few tries only
 * hit keys already taken, so a persona with very many memories gets other memory types instead.
 */
const fact = (r: Random, usedKeys: Set<string>): MemoryText | null => {
  for (let attempt = 0; attempt < 6; attempt++) {
    const spec = pickFactSpec(r)
    if (usedKeys.has(spec.key)) continue
    usedKeys.add(spec.key)
    const [content, summary] = spec.make(r)
    return text(spec.name, content, summary, [spec.category], { category: spec.category, key: spec.key })
  }
  return null
}

// ——— preferences ———

type PreferenceDomain = {
  tag: string
  topic: string
  likes: ReadonlyArray<string>
  avoids: ReadonlyArray<string>
}

const PREFERENCES: ReadonlyArray<PreferenceDomain> = [
  {
    tag: 'food',
    topic: 'food',
    likes: [
      'oat milk in coffee',
      'dark-roast coffee',
      'very spicy food',
      'green tea in the afternoon',
      'a light lunch',
      'sparkling water over juice',
      'home-cooked meals on weeknights',
      'sourdough from the corner bakery',
      'dark chocolate',
      'vegetarian dishes when eating out',
    ],
    avoids: [
      'dairy after 6pm',
      'coffee after 2pm',
      'coriander',
      'very sweet desserts',
      'fast food',
      'eating late',
      'fizzy drinks',
      'mushrooms',
    ],
  },
  {
    tag: 'communication',
    topic: 'communication',
    likes: [
      'short bullet-point answers',
      'the summary first and details after',
      'email over phone calls',
      'voice notes over long texts',
      'plain language without jargon',
      'one question at a time',
      'a friendly but direct tone',
      'examples before theory',
    ],
    avoids: [
      'small talk in work messages',
      'emojis in work chats',
      'calls without warning',
      'long preambles',
      'exclamation marks',
      'being asked the same thing twice',
    ],
  },
  {
    tag: 'schedule',
    topic: 'the calendar',
    likes: [
      'no meetings before 10:00',
      'deep-work blocks on Tuesday mornings',
      'Friday afternoons kept free',
      'errands batched on Saturdays',
      'reminders the evening before',
      'walking meetings',
      'a 15-minute buffer between calls',
    ],
    avoids: ['back-to-back meetings', 'plans on Sunday evenings', 'early flights', 'last-minute changes'],
  },
  {
    tag: 'travel',
    topic: 'travel',
    likes: [
      'aisle seats',
      'trains over short flights',
      'small hotels near the old town',
      'travelling carry-on only',
      'window seats on long train rides',
      'arriving a day early for big events',
      'apartments with a kitchen',
    ],
    avoids: ['layovers longer than two hours', 'big chain hotels', 'night buses', 'guided tours'],
  },
  {
    tag: 'music',
    topic: 'music',
    likes: [
      'instrumental music while working',
      'old soul records on Sundays',
      'podcasts on the commute',
      'jazz at dinner',
      'lo-fi playlists for focus',
    ],
    avoids: ['music with lyrics while writing', 'loud bars', 'radio adverts'],
  },
  {
    tag: 'reading',
    topic: 'reading',
    likes: [
      'paper books over e-books',
      'crime novels on holiday',
      'long-form articles at the weekend',
      'audiobooks while cooking',
      'non-fiction in the mornings',
    ],
    avoids: ['spoilers', 'self-help without evidence', 'cliffhanger endings'],
  },
  {
    tag: 'home',
    topic: 'the home',
    likes: [
      'a cool bedroom at night',
      'plants in every room',
      'dimmed lights after 9pm',
      'a tidy desk at the end of the day',
      'open windows in the morning',
    ],
    avoids: ['scented candles', 'clutter on the kitchen counter', 'the heating above 20°C'],
  },
  {
    tag: 'fitness',
    topic: 'exercise',
    likes: [
      'morning runs',
      'yoga on rest days',
      'cycling to work',
      'swimming over the gym',
      'short workouts at home',
    ],
    avoids: ['crowded gyms', 'running in the rain', 'training late at night'],
  },
  {
    tag: 'social',
    topic: 'seeing people',
    likes: [
      'small dinners over big parties',
      'plans made a week ahead',
      'one-on-one catch-ups',
      'walks instead of drinks',
      'board-game evenings',
      'hosting at home',
    ],
    avoids: ['surprise visits', 'loud clubs', 'group chats with fifty people', 'late-night phone calls'],
  },
  {
    tag: 'tools',
    topic: 'tools and apps',
    likes: [
      'plain-text notes',
      'a paper notebook for meetings',
      'keyboard shortcuts',
      'one calendar for work and home',
      'dark mode everywhere',
      'offline-first apps',
    ],
    avoids: [
      'apps that need an account for everything',
      'notification badges',
      'auto-playing videos',
      'chat apps for work decisions',
    ],
  },
  {
    tag: 'entertainment',
    topic: 'evenings in',
    likes: [
      'documentaries on weeknights',
      'old films on Sunday afternoons',
      'one episode at a time',
      'live music in small venues',
      'crosswords with breakfast',
    ],
    avoids: ['horror films', 'binge-watching', 'reality shows', 'spoilers in group chats'],
  },
  {
    tag: 'shopping',
    topic: 'shopping',
    likes: [
      'second-hand furniture',
      'local shops over online orders',
      'fewer but better things',
      'repairing before replacing',
    ],
    avoids: ['subscriptions that auto-renew', 'fast fashion', 'impulse buys'],
  },
]

const PREFERENCE_CONTEXTS: ReadonlyArray<Phrase> = [
  '',
  '',
  (r) =>
    ` when ${r.pick(['working from home', 'travelling', 'tired', 'under a deadline', 'with the kids', 'on holiday', 'visiting family'])}`,
  ', especially on weekdays',
  ', especially in winter',
  ' these days',
  (r) => ` since the ${r.pick(CITIES)} trip`,
  ' most of the time',
  (r) => ` on ${r.pick(WEEKDAYS)}s`,
  (r) => ` when ${r.pick(FIRST_NAMES)} is around`,
  (r) => ` since ${r.pick(MONTHS)}`,
]

const PREFERENCE_REASONS: ReadonlyArray<Phrase> = [
  '',
  '',
  ' because it helps with focus',
  ' because it saves time',
  ' because it feels calmer',
  ' after a bad experience last year',
  (r) => ` since ${r.pick(FIRST_NAMES)} recommended it`,
  ' to keep the budget in check',
  ' to keep evenings free',
  ' because it suits their sleep',
  (r) => ` after the ${r.pick(CITIES)} trip`,
  (r) => `, just like ${r.pick(FIRST_NAMES)}`,
  (r) => ` — ${r.pick(FIRST_NAMES)} suggested it`,
]

const preference = (r: Random): MemoryText => {
  const domain = r.pick(PREFERENCES)
  const like = r.pick(domain.likes)
  const avoid = r.pick(domain.avoids)
  const aboutUser = r.chance(0.6)
  const subject = aboutUser ? 'The user' : r.pick(FIRST_NAMES)
  const context = sayAny(r, PREFERENCE_CONTEXTS)
  const said = sayAny(r, PREFERENCE_REASONS)
  const reason = said.includes(subject) ? '' : said
  const content = r.pick([
    () => `${subject} prefers ${like} and avoids ${avoid}${context}.`,
    () => `${subject} prefers ${like}${context}${reason}.`,
    () => `${subject} likes ${like} but not ${avoid}${reason}.`,
    () => `${subject} asked for ${like}${context}; no ${avoid}.`,
    () => `When it comes to ${domain.topic}, ${aboutUser ? 'the user' : subject} prefers ${like}${context}.`,
  ])()
  return text(`${cap(domain.tag)}: ${like}`, content, `${aboutUser ? '' : `${subject}: `}${cap(like)}`, [
    domain.tag,
    aboutUser ? 'user' : 'people',
  ])
}

const WRITERS: Record<Exclude<MemoryType, 'fact'>, (r: Random, at: number) => MemoryText> = {
  person,
  concept,
  event,
  task,
  conversation,
  knowledge,
  preference,
}

/**
 * Writes a memory of `type`, noted at `at` (epoch ms; dates in it are the days after). A `fact` needs the persona's set of fact keys already used; when no free
 * key turns up the memory becomes a preference, person or knowledge memory instead, so the returned `type` may differ.
 */
export const writeMemory = (
  r: Random,
  type: MemoryType,
  usedFactKeys: Set<string>,
  at: number,
): { type: MemoryType; text: MemoryText } => {
  if (type === 'fact') {
    const written = fact(r, usedFactKeys)
    if (written !== null) return { type, text: written }
    const instead = r.pick(['preference', 'person', 'knowledge'] as const)
    return { type: instead, text: WRITERS[instead](r, at) }
  }
  return { type, text: WRITERS[type](r, at) }
}
