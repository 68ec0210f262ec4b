import { expect, type Page, test } from '@playwright/test'
import type { ConversationRecord, MessageRecord } from '../src/schema/conversations.ts'
import type { PersonaRecord } from '../src/schema/personas.ts'
import {
  MINUTE,
  plainConversationRecord,
  plainMessageRecord,
  plainPersonaRecord,
  T0,
} from '../src/testing/builders.ts'
import { createPersona, expectSaved, openApp, reloadApp, undoFrom } from './support/app.ts'

const SCREENS = 'test-results/screens'

const conversationsLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' })
const conversationList = (page: Page) => page.getByRole('list', { name: 'Conversations', exact: true })
const archivedList = (page: Page) => page.getByRole('list', { name: 'Archived conversations' })
/** The messages themselves, not the lists inside them (attachments). */
const messageItems = (page: Page) => page.getByRole('list', { name: 'Messages' }).locator(':scope > li')
const composer = (page: Page) => page.getByRole('form', { name: 'Add a message' })

// Imported conversations read as such, so the list can tell them from ones made in the test.
const plainConversation = (overrides: Parameters<typeof plainConversationRecord>[0]) =>
  plainConversationRecord({ title: 'Imported conversation', ...overrides })
const plainMessage = plainMessageRecord

/**
 * Seals plaintext records with the page's vault key and commits them through the app's batch events
 * (needs `openApp(…, { bench: true })`), as an import would: the only way to get tool calls and
 * model accounting, which no screen writes.
 */
const importConversations = (
  page: Page,
  data: { personas: PersonaRecord[]; conversations: ConversationRecord[]; messages: MessageRecord[] },
) =>
  page.evaluate(async ({ personas, conversations, messages }) => {
    const hearth = window.__hearth
    if (hearth === undefined) throw new Error('bench handle missing: open the app with { bench: true }')
    hearth.store.commit(
      hearth.events.personasImported({ personas: personas.map(hearth.seal.persona) }),
      hearth.events.conversationsImported({
        conversations: conversations.map(hearth.seal.conversation),
        messages: messages.map(hearth.seal.message),
      }),
    )
    await hearth.whenPersisted()
  }, data)

/** Screenshots at desktop and phone width (light, and dark at phone width), and no sideways scroll on a phone. */
const shoot = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: `${SCREENS}/conversations-${name}-1280.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.screenshot({ path: `${SCREENS}/conversations-${name}-390.png`, fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: `${SCREENS}/conversations-${name}-390-dark.png`, fullPage: true })
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1280, height: 720 })
}

test('start a conversation, add messages in order, edit its details, archive and unarchive; it all survives a reload', async ({
  page,
}) => {
  await openApp(page, '#/conversations')
  await expect(page.getByRole('heading', { name: 'No personas yet' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Go to personas' })).toBeVisible()
  await openApp(page, '#/personas')
  await createPersona(page, 'Sage')

  await conversationsLink(page).click()
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible()
  await page.getByRole('button', { name: 'New conversation' }).click()
  const start = page.getByRole('dialog', { name: 'New conversation' })
  await expect(start.getByLabel('Persona')).toHaveValue(/.+/)
  await expect(start.getByLabel('Persona').locator('option:checked')).toHaveText(/Sage/)
  await start.getByLabel('Title').fill('Garden plans')
  await start.getByRole('button', { name: 'Start conversation' }).click()
  await expect(start).toBeHidden()

  await expect(page.getByRole('heading', { level: 1, name: 'Garden plans' })).toBeVisible()
  await expect(page.getByText('With Sage')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No messages yet' })).toBeVisible()

  // A user message with the button, an assistant reply with Ctrl+Enter; both keep their line breaks.
  await composer(page).getByLabel('Message').fill('When should I plant tomatoes?\nWe are in zone 6.')
  await composer(page).getByRole('button', { name: 'Add message' }).click()
  await expect(composer(page).getByLabel('Message')).toHaveValue('')
  await composer(page).getByLabel('Role').selectOption('assistant')
  await composer(page).getByLabel('Message').fill('After the last frost,\nusually in mid-May.')
  await composer(page).getByLabel('Message').press('Control+Enter')
  await expect(page.getByRole('heading', { name: 'Messages (2)' })).toBeVisible()
  await expect(messageItems(page)).toHaveCount(2)
  await expect(messageItems(page).nth(0)).toContainText('User')
  expect(
    await messageItems(page)
      .nth(0)
      .locator('.message-content')
      .evaluate((el) => el.textContent),
  ).toBe('When should I plant tomatoes?\nWe are in zone 6.')
  await expect(messageItems(page).nth(1)).toContainText('Assistant')
  await expect(messageItems(page).nth(1)).toContainText('Sage')
  // Line breaks are in the text and shown as such.
  const reply = messageItems(page).nth(1).locator('.message-content')
  expect(await reply.evaluate((el) => el.textContent)).toBe('After the last frost,\nusually in mid-May.')
  await expect(reply).toHaveCSS('white-space', 'pre-wrap')
  // An empty message is refused by the form itself; whitespace only, by the command, with a message.
  await composer(page).getByLabel('Message').fill('   ')
  await composer(page).getByRole('button', { name: 'Add message' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'The message cannot be empty.' })).toBeVisible()
  await expect(messageItems(page)).toHaveCount(2)
  await composer(page).getByLabel('Message').fill('')

  await page.getByRole('button', { name: 'Edit details' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit conversation' })
  await edit.getByLabel('Title').fill('Tomato planting')
  await edit.getByLabel('Summary').fill('When to plant tomatoes in zone 6.')
  await edit.getByLabel('Topics (comma-separated)').fill('Garden, tomatoes')
  await edit.getByLabel('Sentiment').selectOption('positive')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Tomato planting' })).toBeVisible()
  await expect(page.getByText('When to plant tomatoes in zone 6.')).toBeVisible()
  await expect(page.getByRole('list', { name: 'Topics' }).getByRole('listitem')).toHaveText([
    'garden',
    'tomatoes',
  ])
  await shoot(page, 'view')

  await page.getByRole('link', { name: '← Conversations' }).click()
  const item = conversationList(page).getByRole('listitem', { name: 'Tomato planting' })
  await expect(item).toContainText('Sage')
  await expect(item).toContainText('2 messages')
  await expect(item).toContainText('just now')
  await expect(item).toContainText('garden')
  await expect(page.getByText('Showing 1–1')).toBeVisible()
  await shoot(page, 'list')

  // Archive: it leaves the list and shows with the Archived toggle; unarchive brings it back.
  await page.getByRole('button', { name: 'Archive Tomato planting' }).click()
  await expect(item).toBeHidden()
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible()
  await page.getByLabel('Show archived').check()
  await expect(archivedList(page).getByRole('listitem', { name: 'Tomato planting' })).toBeVisible()
  await page.getByRole('button', { name: 'Unarchive Tomato planting' }).click()
  await expect(page.getByRole('heading', { name: 'No archived conversations' })).toBeVisible()
  await page.getByLabel('Show archived').uncheck()
  await expect(item).toBeVisible()

  // Archiving from the conversation's own page says so there.
  await item.getByRole('link', { name: 'Tomato planting' }).click()
  await page.getByRole('button', { name: 'Archive', exact: true }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'it shows only on the archived list' }),
  ).toBeVisible()

  await expectSaved(page)
  await reloadApp(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Tomato planting' })).toBeVisible()
  await expect(messageItems(page).nth(0)).toContainText('When should I plant tomatoes?')
  await expect(messageItems(page).nth(1)).toContainText('usually in mid-May.')
  await page.getByRole('button', { name: 'Unarchive' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'archived list' })).toBeHidden()

  // Deleting a message asks first, then counts it off; Undo puts it back in its place.
  const deleteFirstMessage = async () => {
    await messageItems(page)
      .nth(0)
      .getByRole('button', { name: /^Delete user message/ })
      .click()
    await page
      .getByRole('dialog', { name: 'Delete this message?' })
      .getByRole('button', { name: 'Delete message' })
      .click()
    await expect(page.getByRole('heading', { name: 'Messages (1)' })).toBeVisible()
  }
  await deleteFirstMessage()
  await undoFrom(page, 'The user message was deleted.')
  await expect(page.getByRole('heading', { name: 'Messages (2)' })).toBeVisible()
  await expect(messageItems(page).nth(0)).toContainText('When should I plant tomatoes?')
  await deleteFirstMessage()
  await expect(messageItems(page).nth(0)).toContainText('After the last frost')

  // Deleting the conversation asks first; it leaves the list; its address then says it is gone.
  const address = page.url()
  await page.getByRole('link', { name: '← Conversations' }).click()
  await page.getByRole('button', { name: 'Delete Tomato planting' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete this conversation?' })
  await expect(confirm).toContainText('1 message')
  await confirm.getByRole('button', { name: 'Delete conversation' }).click()
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible()
  // Undo brings it back with its message; then delete it for good.
  await undoFrom(page, '“Tomato planting” deleted.')
  await expect(page.getByRole('list', { name: 'Conversations' })).toContainText('Tomato planting')
  await page.getByRole('button', { name: 'Delete Tomato planting' }).click()
  await confirm.getByRole('button', { name: 'Delete conversation' }).click()
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible()
  await page.goto(address)
  await expect(page.getByRole('heading', { name: 'This conversation does not exist' })).toBeVisible()
})

test('tool calls are folded and open on click; model, tokens and latency show; roles look different; a delete in another tab shows', async ({
  page,
}) => {
  await openApp(page, '#/', { bench: true })
  const persona = plainPersonaRecord({ id: 'p-tools', name: 'Archivist', avatar: '🦉' })
  const conversation = plainConversation({
    id: 'c-tools',
    personaId: persona.id,
    title: 'Finding the seed order',
    summary: 'Looked up when the seeds were ordered.',
    topics: ['seeds', 'memory search'],
    sentiment: 'neutral',
  })
  const at = (minutes: number) => T0 + minutes * MINUTE
  await importConversations(page, {
    personas: [persona],
    conversations: [conversation],
    messages: [
      plainMessage({
        conversationId: 'c-tools',
        role: 'system',
        content: 'You are a careful archivist.',
        createdAt: at(0),
      }),
      plainMessage({
        conversationId: 'c-tools',
        role: 'user',
        content: 'When did I order the runner beans?',
        createdAt: at(1),
      }),
      plainMessage({
        conversationId: 'c-tools',
        role: 'assistant',
        content: 'Let me look that up.',
        toolCalls: [
          {
            id: 'call-1',
            name: 'search_memories',
            arguments: '{"query":"runner beans order","limit":3}',
            result: '[{"name":"Seed order","content":"Order runner beans in March."}]',
          },
        ],
        model: 'llama3.1:8b',
        inputTokens: 1200,
        outputTokens: 45,
        latencyMs: 850,
        createdAt: at(2),
      }),
      plainMessage({
        conversationId: 'c-tools',
        role: 'tool',
        content: '{"found":1}',
        createdAt: at(3),
      }),
      plainMessage({
        conversationId: 'c-tools',
        role: 'assistant',
        content: 'You planned to order them in March.\nShall I remind you next year?',
        model: 'llama3.1:8b',
        inputTokens: 1300,
        outputTokens: 18,
        latencyMs: 2430,
        attachments: [{ name: 'seed-list.pdf', mimeType: 'application/pdf', size: 20480 }],
        createdAt: at(4),
      }),
    ],
  })
  await openApp(page, '#/conversations/c-tools', { bench: true })
  await expect(page.getByRole('heading', { level: 1, name: 'Finding the seed order' })).toBeVisible()
  await expect(messageItems(page)).toHaveCount(5)
  await expect(messageItems(page).locator('.role-chip')).toHaveText([
    'System',
    'User',
    'Assistant',
    'Tool',
    'Assistant',
  ])

  const call = messageItems(page).nth(2).locator('details.tool-call')
  await expect(call.locator('summary')).toHaveText('Tool call search_memories')
  await expect(call.getByText('"runner beans order"')).toBeHidden()
  await expect(messageItems(page).nth(2)).toContainText('llama3.1:8b · 1,200 in / 45 out tokens · 850 ms')
  await expect(messageItems(page).nth(4)).toContainText('2.4 s')
  await expect(messageItems(page).nth(4)).toContainText('seed-list.pdf')
  await call.locator('summary').click()
  await expect(call.getByText('"query": "runner beans order"')).toBeVisible()
  await expect(call.getByText('Order runner beans in March.')).toBeVisible()
  await expect(call.locator('pre').first()).toHaveCSS('font-family', /mono/i)
  await shoot(page, 'tools')

  // The list shows it with its persona and count; a wrong address says the conversation does not exist.
  await page.getByRole('link', { name: '← Conversations' }).click()
  const item = conversationList(page).getByRole('listitem', { name: 'Finding the seed order' })
  await expect(item).toContainText('Archivist')
  await expect(item).toContainText('5 messages')
  await expect(item).toContainText('memory search')
  await openApp(page, '#/conversations/no-such-id', { bench: true })
  await expect(page.getByRole('heading', { name: 'This conversation does not exist' })).toBeVisible()

  // Open in one tab, deleted in another: the first tab's page says it is gone.
  await openApp(page, '#/conversations/c-tools', { bench: true })
  await expect(messageItems(page)).toHaveCount(5)
  const other = await page.context().newPage()
  await openApp(other, '#/conversations')
  await other.getByRole('button', { name: 'Delete Finding the seed order' }).click()
  await other
    .getByRole('dialog', { name: 'Delete this conversation?' })
    .getByRole('button', { name: 'Delete conversation' })
    .click()
  await expect(page.getByRole('heading', { name: 'This conversation does not exist' })).toBeVisible()
  await other.close()
})

test('120 conversations page by 50, newest activity first; the persona filter narrows the list', async ({
  page,
}) => {
  await openApp(page, '#/', { bench: true })
  const many = plainPersonaRecord({ id: 'p-many', name: 'Chatty', avatar: '🦜' })
  const few = plainPersonaRecord({ id: 'p-few', name: 'Quiet', avatar: '🐢' })
  const title = (n: number) => `Conversation ${String(n).padStart(3, '0')}`
  await importConversations(page, {
    personas: [many, few],
    conversations: [
      ...Array.from({ length: 120 }, (_, i) =>
        plainConversation({ personaId: many.id, title: title(i + 1), createdAt: T0 + (i + 1) * MINUTE }),
      ),
      plainConversation({ personaId: few.id, title: 'The only quiet one', createdAt: T0 }),
    ],
    messages: [],
  })
  await openApp(page, '#/conversations', { bench: true })
  const titles = () => conversationList(page).getByRole('heading', { level: 2 })

  await expect(page.getByText('Showing 1–50')).toBeVisible()
  await expect(titles()).toHaveCount(50)
  await expect(titles().first()).toHaveText(title(120))
  await expect(page.getByRole('button', { name: '← Previous' })).toBeDisabled()
  await page.getByRole('button', { name: 'Next →' }).click()
  await expect(page.getByText('Showing 51–100')).toBeVisible()
  await expect(titles().first()).toHaveText(title(70))
  await expect(titles().last()).toHaveText(title(21))
  await shoot(page, 'list-page2')
  await page.getByRole('button', { name: 'Next →' }).click()
  await expect(page.getByText('Showing 101–121')).toBeVisible()
  await expect(titles().last()).toHaveText('The only quiet one')
  await expect(page.getByRole('button', { name: 'Next →' })).toBeDisabled()
  await page.getByRole('button', { name: '← Previous' }).click()
  await expect(page.getByText('Showing 51–100')).toBeVisible()

  // Opening a conversation and coming back keeps the page.
  await conversationList(page)
    .getByRole('link', { name: title(60) })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: title(60) })).toBeVisible()
  await page.getByRole('link', { name: '← Conversations' }).click()
  await expect(page.getByText('Showing 51–100')).toBeVisible()

  // A persona filter starts again at the first page and shows only that persona's conversations.
  await page.getByLabel('Persona').selectOption({ label: '🐢 Quiet' })
  await expect(titles()).toHaveText(['The only quiet one'])
  await expect(page.getByText('Conversations with Quiet, most recent activity first.')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeHidden()
  await page.getByLabel('Persona').selectOption({ label: 'All personas' })
  await expect(page.getByText('Showing 1–50')).toBeVisible()
})
