import { expect, test } from 'vitest'
import {
  chunkRecord,
  conversationRecord,
  memoryCreatedArgs,
  messageRecord,
  notificationPostedArgs,
  personaCreatedArgs,
  runRecord,
  T0,
  TEST_KEY,
  workflowRecord,
} from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { documentFields } from './documents.ts'
import { events } from './index.ts'
import { overview$, recordCounts$ } from './overview.ts'

const useStore = freshStorePerTest()

test('record counts cover every kind and leave deleted and dismissed records out', () => {
  const store = useStore()
  const persona = personaCreatedArgs()
  const [a, b, gone] = [0, 1, 2].map(() => memoryCreatedArgs({ personaId: persona.id }))
  if (a === undefined || b === undefined || gone === undefined) throw new Error('three memories')
  const conversation = conversationRecord({ personaId: persona.id })
  const workflow = workflowRecord()
  const notice = notificationPostedArgs()
  store.commit(
    events.personaCreated(persona),
    events.memoryCreated(a),
    events.memoryCreated(b),
    events.memoryCreated(gone),
    events.memoriesLinked({ id: 'l1', fromId: a.id, toId: b.id, createdAt: T0 }),
    events.memoryDeleted({ id: gone.id, personaId: persona.id, deletedAt: T0 }),
    events.conversationsImported({
      conversations: [conversation],
      messages: [1, 2].map(() => messageRecord({ conversationId: conversation.id })),
    }),
    events.workflowsImported({
      workflows: [workflow],
      runs: [runRecord({ workflowId: workflow.id }), runRecord({ workflowId: workflow.id })],
    }),
    events.documentImported({
      id: 'd1',
      personaId: null,
      ...documentFields.seal(TEST_KEY, 'd1', { name: 'Notes.md' }),
      kind: 'md',
      size: 10,
      chunks: [0, 1, 2].map((ord) => chunkRecord({ documentId: 'd1', ord })),
      createdAt: T0,
    }),
    events.notificationPosted(notice),
    events.notificationPosted(notificationPostedArgs()),
    events.notificationDismissed({ id: notice.id, dismissedAt: T0 }),
  )
  expect(store.query(recordCounts$)).toEqual({
    personas: 1,
    memories: 2,
    memoryLinks: 1,
    conversations: 1,
    messages: 2,
    workflows: 1,
    runs: 2,
    documents: 1,
    chunks: 3,
    notifications: 1,
  })
  expect(store.query(overview$)).toEqual({
    personas: 1,
    memories: 2,
    conversations: 1,
    workflows: 1,
    documents: 1,
  })
})
