import type { WorkflowDraft } from './workflows.ts'

/**
 * Workflows a person can start from with one click; their own templates ("Save as template") are
 * listed beside these. Step ids are placeholders: a workflow made from a template gets fresh ones.
 */
export const BUILT_IN_TEMPLATES: ReadonlyArray<WorkflowDraft & { key: string }> = [
  {
    key: 'morning-digest',
    name: 'Morning digest',
    description: "Every morning, gathers today's tasks and events and sends a short briefing.",
    personaId: null,
    tags: ['daily', 'briefing'],
    trigger: { kind: 'schedule', everyMinutes: null, cron: '0 7 * * *' },
    steps: [
      { id: 's1', kind: 'search-memories', config: { query: 'tasks and events due today', limit: '20' } },
      { id: 's2', kind: 'prompt', config: { prompt: 'Write a friendly three-line briefing for today.' } },
      { id: 's3', kind: 'notify', config: { title: 'Your morning digest', priority: 'normal' } },
    ],
  },
  {
    key: 'todays-tasks',
    name: "Today's tasks",
    description:
      'Every weekday morning, finds the tasks your memories hold for today and lists them in a notification.',
    personaId: null,
    tags: ['daily', 'tasks'],
    trigger: { kind: 'schedule', everyMinutes: null, cron: '30 8 * * 1-5' },
    steps: [
      { id: 's1', kind: 'search-memories', config: { query: 'task due today', limit: '10' } },
      { id: 's2', kind: 'notify', config: { title: "Today's tasks", priority: 'normal' } },
    ],
  },
  {
    key: 'stretch-break',
    name: 'Stretch break',
    description: 'Every hour while Hearth is open, a gentle reminder to get up and move.',
    personaId: null,
    tags: ['health'],
    trigger: { kind: 'schedule', everyMinutes: 60, cron: null },
    steps: [{ id: 's1', kind: 'notify', config: { title: 'Time to stretch', priority: 'low' } }],
  },
  {
    key: 'weekly-review',
    name: 'Weekly memory review',
    description: 'On Friday evenings, summarises what was learned this week and keeps the summary.',
    personaId: null,
    tags: ['weekly', 'review'],
    trigger: { kind: 'schedule', everyMinutes: null, cron: '0 18 * * 5' },
    steps: [
      { id: 's1', kind: 'search-memories', config: { query: 'created this week', limit: '50' } },
      {
        id: 's2',
        kind: 'prompt',
        config: { prompt: 'Summarise the most important new memories in five bullets.' },
      },
      { id: 's3', kind: 'create-memory', config: { type: 'knowledge', tags: 'weekly, review' } },
      { id: 's4', kind: 'notify', config: { title: 'Your weekly review is ready', priority: 'low' } },
    ],
  },
  {
    key: 'summarise-long-conversations',
    name: 'Summarise long conversations',
    description: 'When a conversation is archived, writes its summary and remembers what matters.',
    personaId: null,
    tags: ['conversations'],
    trigger: { kind: 'event', event: 'conversation.archived' },
    steps: [
      { id: 's1', kind: 'summarise-conversation', config: { maxWords: '150' } },
      { id: 's2', kind: 'create-memory', config: { type: 'conversation', tags: 'summary' } },
    ],
  },
]
