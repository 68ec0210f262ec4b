import type { Random } from './random.ts'

/**
 * Word banks shared by the sample-data templates: people, places, projects, times. Plain ASCII
 * names so they make clean fact keys (`relationship.maya.birthday`).
 */

// biome-ignore format: a word bank reads best packed
export const FIRST_NAMES = [
  'Maya', 'Jonas', 'Priya', 'Tomas', 'Aiko', 'Lena', 'Omar', 'Sofia', 'Kwame', 'Ingrid',
  'Mateo', 'Yuki', 'Amara', 'Felix', 'Noor', 'Elena', 'Ravi', 'Hannah', 'Diego', 'Mei',
  'Samir', 'Clara', 'Nikolai', 'Zara', 'Luca', 'Fatima', 'Oliver', 'Ana', 'Kenji', 'Isla',
  'Tariq', 'Greta', 'Marco', 'Leila', 'Chen', 'Rosa', 'Emeka', 'Freya', 'Hugo', 'Anya',
  'Malik', 'Ines', 'Theo', 'Sana', 'Pablo', 'Keiko', 'Arjun', 'Lucia', 'Jakob', 'Nadia',
  'Idris', 'Elif', 'Rafael', 'Mira', 'Sven', 'Chloe', 'Bilal', 'Ayla', 'Joon', 'Carmen',
  'Finn', 'Leona', 'Dmitri', 'Esme', 'Kofi', 'Alma', 'Vikram', 'Hana', 'Gabriel', 'Signe',
  'Yusuf', 'Paloma', 'Ben', 'Ada', 'Rohan', 'Maren', 'Tobias', 'Lin', 'Ezra', 'Dalia',
  'Niko', 'Ivy', 'Ahmed', 'Vera', 'Jonah', 'Talia', 'Emil', 'Ruth', 'Santiago', 'Wren',
  'Hamza', 'Pia', 'Ola', 'Nina', 'Kai', 'Soren', 'Beatriz', 'Malia', 'Anton', 'Lior',
] as const

// biome-ignore format: a word bank reads best packed
export const CITIES = [
  'Berlin', 'Lisbon', 'Toronto', 'Osaka', 'Melbourne', 'Nairobi', 'Edinburgh', 'Montreal',
  'Barcelona', 'Copenhagen', 'Seoul', 'Dublin', 'Vienna', 'Mexico City', 'Cape Town', 'Oslo',
  'Porto', 'Kyoto', 'Amsterdam', 'Zurich', 'Bristol', 'Lyon', 'Valencia', 'Helsinki',
  'Rotterdam', 'Prague', 'Krakow', 'Buenos Aires', 'Vancouver', 'Singapore', 'Tallinn', 'Bologna',
  'Ghent', 'Marseille', 'Leeds', 'Hamburg', 'Munich', 'Bergen', 'Reykjavik', 'Athens',
] as const

// biome-ignore format: a word bank reads best packed
export const TEAMS = [
  'platform', 'design', 'finance', 'data', 'support', 'marketing', 'legal', 'sales', 'research', 'mobile',
] as const

// biome-ignore format: a word bank reads best packed
export const WORK_PROJECTS = [
  'Atlas migration', 'billing revamp', 'onboarding redesign', 'search relaunch', 'Q3 hiring plan',
  'mobile beta', 'data warehouse move', 'pricing page', 'customer portal', 'annual report',
  'accessibility audit', 'API v2 rollout', 'podcast launch', 'newsletter', 'partner dashboard',
] as const

// biome-ignore format: a word bank reads best packed
export const HOME_PROJECTS = [
  'kitchen renovation', 'garden shed build', 'wedding planning', 'tax return', 'thesis chapter',
  'bathroom refit', 'loft conversion', 'photo book', 'half-marathon training', 'family reunion', 'house move',
] as const

/** Work and personal projects together. */
export const PROJECTS = [...WORK_PROJECTS, ...HOME_PROJECTS] as const

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const
export const WORKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const

// biome-ignore format: a word bank reads best packed
export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const

// biome-ignore format: a word bank reads best packed
export const LANGUAGES = [
  'Portuguese', 'Japanese', 'Spanish', 'German', 'Korean', 'Italian', 'French', 'Dutch', 'Swedish', 'Greek',
] as const

// biome-ignore format: a word bank reads best packed
export const DISHES = [
  'shakshuka', 'mushroom risotto', 'dal with spinach', 'miso ramen', 'lemon drizzle cake', 'paella',
  'chana masala', 'banana bread', 'green curry', 'lasagne', 'pad see ew', 'sourdough focaccia',
  'beef stew', 'falafel wraps', 'pumpkin soup', 'bibimbap', 'tortilla espanola', 'pierogi',
] as const

// biome-ignore format: a word bank reads best packed
export const RESTAURANTS = [
  'Casa Lume', 'The Copper Pot', 'Sora Izakaya', 'Little Fig', 'Marrow & Vine', 'Nonna Bruna',
  'Saffron House', 'The Green Door', 'Kaiseki Ren', 'Taqueria Sol', 'Harbour Kitchen', 'Bistro Amalie',
] as const

// biome-ignore format: a word bank reads best packed
export const TIMES = [
  '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '13:00', '13:30',
  '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00', '18:00', '19:00', '19:30',
] as const

export const EVENING_TIMES = ['18:00', '18:30', '19:00', '19:30', '20:00', '20:30'] as const

export const cap = (text: string): string =>
  text.length === 0 ? text : text[0]?.toUpperCase() + text.slice(1)

/** Lower-case, dash-separated, ASCII only: for tags and fact keys. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/** Drops a leading "a "/"an "/"the ". */
export const bare = (text: string): string => text.replace(/^(a|an|the) /, '')

export const ordinalDay = (r: Random): number => r.int(1, 28)

/** "14 March" */
export const dayMonth = (r: Random): string => `${ordinalDay(r)} ${r.pick(MONTHS)}`

/** A real calendar day 1–`withinDays` days after `at`, e.g. "Tuesday 3 June" (UTC). */
export const upcomingDay = (r: Random, at: number, withinDays: number): string => {
  const date = new Date(at + r.int(1, withinDays) * 86_400_000)
  return `${WEEKDAYS[(date.getUTCDay() + 6) % 7]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`
}

/** "Thursday 10:00" */
export const weekdayTime = (r: Random): string => `${r.pick(WORKDAYS)} ${r.pick(TIMES)}`

/** Two different names. */
export const twoNames = (r: Random): [string, string] => {
  const first = r.pick(FIRST_NAMES)
  let second = r.pick(FIRST_NAMES)
  while (second === first) second = r.pick(FIRST_NAMES)
  return [first, second]
}

/**
 * Makes `summary` strictly shorter than `content` (cutting at a word and adding an ellipsis) so a
 * summary never repeats its memory word for word.
 */
export const shorter = (summary: string, content: string): string => {
  if (summary.length < content.length) return summary
  const limit = Math.max(1, content.length - 2)
  const cut = summary.slice(0, limit)
  const space = cut.lastIndexOf(' ')
  return `${space > 8 ? cut.slice(0, space) : cut}…`
}

/** Cuts a title to `max` characters at a word boundary. */
export const title = (text: string, max = 48): string => {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > 12 ? cut.slice(0, space) : cut}…`
}
