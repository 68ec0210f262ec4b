import { useEffect, useState } from 'react'

/** Which conversations the list shows: whose, archived or not, and which page. */
export type ConversationListState = { personaId: string | null; archived: boolean; page: number }

const INITIAL: ConversationListState = { personaId: null, archived: false, page: 0 }

/**
 * The list's choices outlive the list while the tab is open, so opening a conversation and coming
 * back lands on the same filter and page. Kept in memory only: a reload starts from "all personas,
 * page 1" (there is no client document for this list in the schema, and these choices are cheap to redo).
 */
let remembered = INITIAL

export const useConversationListState = () => {
  const [state, setState] = useState(remembered)
  useEffect(() => {
    remembered = state
  }, [state])
  return [state, setState] as const
}
