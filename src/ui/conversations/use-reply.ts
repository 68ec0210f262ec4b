import { useCallback, useEffect, useRef, useState } from 'react'
import { askPersona } from '../../assistant/ask-persona.ts'
import { ModelError, type ModelErrorKind } from '../../assistant/chat-client.ts'
import { modelTargetFor } from '../../assistant/model-target.ts'
import type { HistoryMessage, MemoryForPrompt } from '../../assistant/prompt.ts'
import { recordReply } from '../../commands/assistant.ts'
import { conversationMessages$, messageFields } from '../../schema/conversations.ts'
import { useAppStore } from '../../store/app-store.ts'
import { useRecordAccess } from '../lifecycle/access-tracking.tsx'
import { searchWithSignal } from '../search/search-client.ts'
import { useDataKey } from '../vault/vault-session.tsx'

/** What the screen shows of a reply under way; it lives here only until the reply is stored. */
export type ReplyState =
  | { readonly phase: 'idle'; readonly notice: string | null }
  | {
      readonly phase: 'remembering' | 'streaming'
      readonly text: string
      readonly remembered: ReadonlyArray<MemoryForPrompt>
      readonly memoryNote: string | null
    }
  | {
      readonly phase: 'failed'
      readonly kind: ModelErrorKind
      readonly message: string
      readonly kept: boolean
    }

const IDLE: ReplyState = { phase: 'idle', notice: null }

/**
 * Asks the conversation's persona for a reply to the last thing the person said, streaming it into
 * this component's state (one render per animation frame at most) and storing it once, as one event,
 * when it finishes, is cancelled (partial text kept, marked cancelled) or is cut off (kept, marked).
 * The person's message was stored before asking, so a failure never loses it.
 */
export const useReply = (conversationId: string, personaId: string) => {
  const store = useAppStore()
  const key = useDataKey()
  const [state, setState] = useState<ReplyState>(IDLE)
  const controller = useRef<AbortController | null>(null)
  const recordAccess = useRecordAccess()

  // Leaving the conversation stops a reply under way (what arrived is kept, as for a cancel).
  useEffect(() => () => controller.current?.abort(), [])

  const cancel = useCallback(() => controller.current?.abort(), [])

  const reply = useCallback(async () => {
    if (controller.current !== null) return
    const messages = store.query(conversationMessages$(conversationId)).map((m) => messageFields.open(key, m))
    const lastUser = messages.findLastIndex((m) => m.role === 'user')
    const question = messages[lastUser]
    if (question === undefined) return
    const history: HistoryMessage[] = messages
      .slice(0, lastUser)
      .map((m) => ({ role: m.role, content: m.content }))

    const abort = new AbortController()
    controller.current = abort
    let text = ''
    let remembered: ReadonlyArray<MemoryForPrompt> = []
    let memoryNote: string | null = null
    let frame = 0
    const show = () => {
      frame = 0
      setState({ phase: 'streaming', text, remembered, memoryNote })
    }
    setState({ phase: 'remembering', text: '', remembered: [], memoryNote: null })
    const started = performance.now()
    let model = ''
    try {
      model = modelTargetFor(store, key, personaId).model
      const result = await askPersona(store, key, {
        personaId,
        prompt: question.content,
        history,
        search: searchWithSignal,
        stream: true,
        signal: abort.signal,
        onRemembered: (memories, note) => {
          remembered = memories
          memoryNote = note
          // Brought into a conversation is used, as when a search finds it (the lifecycle's tiers).
          if (memories.length > 0) recordAccess(memories.map((m) => m.id))
          show()
        },
        onDelta: (piece) => {
          text += piece
          if (frame === 0) frame = requestAnimationFrame(show)
        },
      })
      recordReply(store, key, conversationId, {
        content: result.text,
        model: result.model,
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
        cost: result.cost,
        latencyMs: result.latencyMs,
        toolCalls: result.toolCalls,
        rememberedIds: result.rememberedIds,
        ending: 'finished',
      })
      setState({
        phase: 'idle',
        notice: result.text.trim() === '' ? 'The model answered with nothing.' : null,
      })
    } catch (error) {
      const failure =
        error instanceof ModelError
          ? error
          : new ModelError('bad-response', error instanceof Error ? error.message : String(error))
      const partial = failure.partial || text
      const ending = failure.kind === 'cancelled' ? 'cancelled' : 'cut-off'
      let kept = false
      if (partial.trim() !== '' && model !== '') {
        try {
          kept =
            recordReply(store, key, conversationId, {
              content: partial,
              model,
              inputTokens: null,
              outputTokens: null,
              cost: null,
              latencyMs: performance.now() - started,
              toolCalls: [],
              rememberedIds: remembered.map((m) => m.id),
              ending,
            }) !== null
        } catch {
          kept = false
        }
      }
      if (failure.kind === 'cancelled') {
        setState({
          phase: 'idle',
          notice: kept
            ? 'Stopped. What had arrived is kept, marked as cancelled.'
            : 'Stopped before any reply arrived.',
        })
      } else {
        setState({ phase: 'failed', kind: failure.kind, message: failure.message, kept })
      }
    } finally {
      if (frame !== 0) cancelAnimationFrame(frame)
      controller.current = null
    }
  }, [store, key, conversationId, personaId, recordAccess])

  const dismiss = useCallback(() => setState(IDLE), [])

  return { state, reply, cancel, dismiss }
}
