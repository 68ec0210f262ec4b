/**
 * Lets everything already queued in the tab run before going on: input, rendering, and the messages
 * that bring other tabs' writes. Long reads of the store (a forgetting round, the search index's list
 * of rows) run a slice per task with this between slices.
 *
 * A message to itself, because `scheduler.yield()` resumes ahead of those messages (a forgetting
 * round held another tab's write back ~300 ms at 100k memories) and a timer is slowed to once a second
 * or less in a tab in the background.
 */
export const yieldToTab = (): Promise<void> =>
  new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel()
    port1.onmessage = () => {
      port1.close()
      resolve()
    }
    port2.postMessage(null)
  })
