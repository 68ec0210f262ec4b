import type {
  ConversationRow,
  conversationFields,
  MessageRow,
  messageFields,
} from '../../schema/conversations.ts'

/** A conversation row as the screens hold it: title, summary and topics opened. */
export type OpenConversation = ReturnType<typeof conversationFields.open<ConversationRow>>

/** A message row as the screens hold it: content, tool calls and attachments opened. */
export type OpenMessage = ReturnType<typeof messageFields.open<MessageRow>>
