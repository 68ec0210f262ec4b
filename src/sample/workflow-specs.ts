import type { WorkflowStep, WorkflowTrigger } from '../schema/workflows.ts'
import type { Domain } from './persona-profiles.ts'
import type { Random } from './random.ts'

type StepKind = WorkflowStep['kind']
type StepSpec = { kind: StepKind; config: Record<string, string> }

/** A workflow idea; `result` describes a successful run. */
export type WorkflowSpec = {
  name: string
  description: string
  domain: Domain | 'general'
  tags: ReadonlyArray<string>
  trigger: WorkflowTrigger
  steps: ReadonlyArray<StepSpec>
  result: (r: Random) => string
}

const schedule = (cron: string | null, everyMinutes: number | null): WorkflowTrigger => ({
  kind: 'schedule',
  everyMinutes,
  cron,
})
const onEvent = (event: string): WorkflowTrigger => ({ kind: 'event', event })
const manual: WorkflowTrigger = { kind: 'manual' }

export const WORKFLOW_SPECS: ReadonlyArray<WorkflowSpec> = [
  {
    name: 'Morning briefing',
    description: "Every morning, collects today's tasks and events and sends a short briefing.",
    domain: 'general',
    tags: ['daily', 'briefing'],
    trigger: schedule('0 7 * * *', null),
    steps: [
      {
        kind: 'search-memories',
        config: { query: 'tasks and events due today', types: 'task,event', limit: '20' },
      },
      {
        kind: 'prompt',
        config: { prompt: 'Write a friendly three-line briefing for today from these memories.' },
      },
      { kind: 'notify', config: { title: 'Your morning briefing', priority: 'normal' } },
    ],
    result: (r) => `Briefing sent: ${r.int(0, 6)} tasks and ${r.int(0, 4)} events today.`,
  },
  {
    name: 'Weekly memory digest',
    description: 'On Friday evenings, summarises what was learned this week and saves the summary.',
    domain: 'general',
    tags: ['weekly', 'digest', 'memories'],
    trigger: schedule('0 18 * * 5', null),
    steps: [
      { kind: 'search-memories', config: { query: 'created this week', sinceDays: '7', limit: '50' } },
      {
        kind: 'prompt',
        config: { prompt: 'Summarise the most important new memories of the week in five bullets.' },
      },
      { kind: 'create-memory', config: { type: 'knowledge', tags: 'digest,weekly' } },
      { kind: 'notify', config: { title: 'Weekly digest is ready', priority: 'low' } },
    ],
    result: (r) => `Digest saved from ${r.int(8, 60)} memories.`,
  },
  {
    name: 'Summarise finished chats',
    description: 'When a conversation is archived, writes its summary and keeps it as a memory.',
    domain: 'general',
    tags: ['conversations', 'summary'],
    trigger: onEvent('conversation.archived'),
    steps: [
      { kind: 'summarise-conversation', config: { maxWords: '80' } },
      { kind: 'create-memory', config: { type: 'conversation', tags: 'summary' } },
    ],
    result: (r) => `Summary saved (${r.int(40, 80)} words).`,
  },
  {
    name: 'Birthday reminders',
    description: 'Checks once a day for birthdays in the next week and sends a reminder.',
    domain: 'home',
    tags: ['birthdays', 'reminders', 'family'],
    trigger: schedule(null, 1440),
    steps: [
      { kind: 'search-memories', config: { query: 'birthday', types: 'fact,person,event', limit: '30' } },
      { kind: 'prompt', config: { prompt: 'List birthdays in the next seven days with a gift idea each.' } },
      { kind: 'notify', config: { title: 'Birthdays coming up', priority: 'high' } },
    ],
    result: (r) => {
      const n = r.int(0, 3)
      return n === 0
        ? 'No birthdays in the next seven days.'
        : `Reminder sent for ${n} birthday${n > 1 ? 's' : ''}.`
    },
  },
  {
    name: 'Tidy stale tasks',
    description: 'Every Monday, finds tasks untouched for a month and asks whether to keep them.',
    domain: 'work',
    tags: ['tasks', 'weekly', 'cleanup'],
    trigger: schedule('0 9 * * 1', null),
    steps: [
      { kind: 'search-memories', config: { query: 'open tasks', types: 'task', notAccessedDays: '30' } },
      { kind: 'prompt', config: { prompt: 'Group these stale tasks and suggest which to drop.' } },
      { kind: 'notify', config: { title: 'Stale tasks to review', priority: 'normal' } },
    ],
    result: (r) => `${r.int(1, 12)} stale tasks listed for review.`,
  },
  {
    name: 'Capture meeting notes',
    description: 'Turns pasted meeting notes into action items and saves them as tasks.',
    domain: 'work',
    tags: ['meetings', 'notes', 'tasks'],
    trigger: manual,
    steps: [
      { kind: 'prompt', config: { prompt: 'Extract decisions and action items with owners and dates.' } },
      { kind: 'create-memory', config: { type: 'task', tags: 'meeting,action-item' } },
      { kind: 'notify', config: { title: 'Action items saved', priority: 'low' } },
    ],
    result: (r) => `${r.int(1, 7)} action items saved as tasks.`,
  },
  {
    name: 'Trip checklist',
    description: 'Builds a packing and documents checklist from travel preferences, two days before a trip.',
    domain: 'travel',
    tags: ['travel', 'checklist'],
    trigger: manual,
    steps: [
      {
        kind: 'search-memories',
        config: { query: 'travel preferences and documents', types: 'preference,fact' },
      },
      { kind: 'prompt', config: { prompt: 'Write a carry-on packing list and a documents checklist.' } },
      { kind: 'wait', config: { minutes: '2880', reason: 'two days before departure' } },
      { kind: 'notify', config: { title: 'Trip checklist', priority: 'normal' } },
    ],
    result: () => 'Checklist sent.',
  },
  {
    name: 'Stretch break',
    description: 'Every two hours during the day, a gentle nudge to stand up and stretch.',
    domain: 'wellbeing',
    tags: ['health', 'breaks'],
    trigger: schedule(null, 120),
    steps: [
      { kind: 'wait', config: { minutes: '5', reason: 'let the current task settle' } },
      { kind: 'notify', config: { title: 'Time to stretch', priority: 'low' } },
    ],
    result: () => 'Nudge sent.',
  },
  {
    name: 'Digest new documents',
    description: 'When a document is imported, extracts its key points as knowledge memories.',
    domain: 'research',
    tags: ['documents', 'knowledge'],
    trigger: onEvent('document.imported'),
    steps: [
      { kind: 'prompt', config: { prompt: 'List the five most important facts in this document.' } },
      { kind: 'create-memory', config: { type: 'knowledge', tags: 'document' } },
      { kind: 'notify', config: { title: 'Document digested', priority: 'low' } },
    ],
    result: (r) => `${r.int(2, 5)} knowledge memories saved from the document.`,
  },
  {
    name: 'Remember new facts',
    description: 'After each chat message, checks for new facts about the user and saves them.',
    domain: 'general',
    tags: ['facts', 'memories'],
    trigger: onEvent('message.added'),
    steps: [
      {
        kind: 'prompt',
        config: { prompt: 'Extract any new, stable facts about the user as key/value pairs.' },
      },
      { kind: 'create-memory', config: { type: 'fact', dedupeBy: 'factKey' } },
    ],
    result: (r) => {
      const n = r.weighted([0, 1, 2], [6, 3, 1])
      return n === 0 ? 'No new facts.' : `${n} new fact${n > 1 ? 's' : ''} saved.`
    },
  },
  {
    name: 'Monthly budget check-in',
    description: "On the first of the month, compares last month's spending notes with the budget.",
    domain: 'finance',
    tags: ['finance', 'monthly', 'budget'],
    trigger: schedule('0 8 1 * *', null),
    steps: [
      { kind: 'search-memories', config: { query: 'spending, bills and budget', sinceDays: '31' } },
      { kind: 'prompt', config: { prompt: 'Compare spending with the budget and flag anything unusual.' } },
      { kind: 'create-memory', config: { type: 'knowledge', tags: 'budget,monthly' } },
      { kind: 'notify', config: { title: 'Monthly budget check-in', priority: 'normal' } },
    ],
    result: (r) => `Check-in sent: ${r.int(0, 3)} categories over budget.`,
  },
  {
    name: 'Focus block',
    description: 'Starts a 50-minute focus block and announces the break.',
    domain: 'work',
    tags: ['focus', 'productivity'],
    trigger: manual,
    steps: [
      { kind: 'notify', config: { title: 'Focus block started', priority: 'low' } },
      { kind: 'wait', config: { minutes: '50', reason: 'focus block' } },
      { kind: 'notify', config: { title: 'Break time', priority: 'normal' } },
    ],
    result: () => 'Focus block completed.',
  },
  {
    name: 'Watering reminder',
    description: 'Every three days, reminds to water the balcony plants unless it rained.',
    domain: 'garden',
    tags: ['garden', 'reminders'],
    trigger: schedule(null, 4320),
    steps: [
      { kind: 'search-memories', config: { query: 'watering schedule', types: 'knowledge,task' } },
      { kind: 'notify', config: { title: 'Water the plants', priority: 'normal' } },
    ],
    result: () => 'Reminder sent.',
  },
  {
    name: 'Evening vocabulary review',
    description: 'Each evening, picks ten words due for review and sends a mini quiz.',
    domain: 'language',
    tags: ['language', 'daily', 'review'],
    trigger: schedule('30 20 * * *', null),
    steps: [
      {
        kind: 'search-memories',
        config: { query: 'vocabulary due for review', types: 'concept,knowledge', limit: '10' },
      },
      { kind: 'prompt', config: { prompt: 'Make a ten-question quiz from these words, easiest first.' } },
      { kind: 'notify', config: { title: 'Vocabulary quiz', priority: 'low' } },
    ],
    result: (r) => `Quiz with ${r.int(6, 10)} words sent.`,
  },
  {
    name: 'Weekly meal plan',
    description: 'On Sunday mornings, plans five dinners around preferences and saves the shopping list.',
    domain: 'food',
    tags: ['food', 'weekly', 'shopping'],
    trigger: schedule('0 9 * * 0', null),
    steps: [
      {
        kind: 'search-memories',
        config: { query: 'food preferences, allergies and recent meals', types: 'preference,fact' },
      },
      { kind: 'prompt', config: { prompt: 'Plan five quick dinners and a shopping list grouped by aisle.' } },
      { kind: 'create-memory', config: { type: 'task', tags: 'shopping' } },
      { kind: 'notify', config: { title: 'Meal plan for the week', priority: 'normal' } },
    ],
    result: () => 'Meal plan and shopping list saved.',
  },
  {
    name: 'Follow up after long chats',
    description: 'When a long conversation ends, waits a day and asks whether the plan worked out.',
    domain: 'general',
    tags: ['conversations', 'follow-up'],
    trigger: onEvent('conversation.ended'),
    steps: [
      { kind: 'summarise-conversation', config: { maxWords: '40' } },
      { kind: 'wait', config: { minutes: '1440', reason: 'give it a day' } },
      { kind: 'prompt', config: { prompt: 'Write a one-line check-in about how the plan went.' } },
      { kind: 'notify', config: { title: 'Checking in', priority: 'low' } },
    ],
    result: () => 'Check-in sent.',
  },
]

/** How a step of `kind` fails, for runs that end in an error. */
export const STEP_ERRORS: Record<StepKind, ReadonlyArray<string>> = {
  prompt: [
    'The model endpoint did not respond within 60 s.',
    'The model endpoint answered 429 Too Many Requests.',
    'The model returned an empty response.',
    'Could not reach the model endpoint: connection refused.',
  ],
  'search-memories': [
    'The vault was locked while searching memories.',
    'The search worker stopped unexpectedly.',
  ],
  'create-memory': [
    'A memory with the same fact key already exists.',
    'The vault was locked before the memory was saved.',
  ],
  'summarise-conversation': [
    'The conversation was deleted before it could be summarised.',
    'The conversation is empty.',
  ],
  notify: ['Notifications are turned off for this workflow.'],
  wait: ['The app was closed during the wait, so the run was abandoned.'],
}

/** How long a step usually takes, in ms (a wait takes its configured minutes). */
export const stepDuration = (r: Random, step: StepSpec): number => {
  switch (step.kind) {
    case 'prompt':
      return r.int(1500, 18_000)
    case 'summarise-conversation':
      return r.int(2000, 12_000)
    case 'wait':
      return Number(step.config.minutes ?? '1') * 60_000
    case 'search-memories':
      return r.int(15, 400)
    default:
      return r.int(5, 120)
  }
}

/** Minutes between two runs of a scheduled trigger; a rough reading of the cron expression. */
export const triggerPeriodMinutes = (trigger: WorkflowTrigger): number | null => {
  if (trigger.kind !== 'schedule') return null
  if (trigger.everyMinutes !== null) return trigger.everyMinutes
  const [, , dayOfMonth, , dayOfWeek] = (trigger.cron ?? '').split(' ')
  if (dayOfMonth !== undefined && dayOfMonth !== '*') return 30 * 1440
  if (dayOfWeek !== undefined && dayOfWeek !== '*') return 7 * 1440
  return 1440
}
