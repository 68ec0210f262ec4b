import type { Plugin } from 'vite'

/**
 * Passes LiveStore's session changesets between its threads as bytes, not as arrays of numbers.
 *
 * Why: LiveStore 0.4 declares an event's `sessionChangeset.data` (every row its materializer wrote,
 * kept so a tab can roll an event back) as `Schema.Uint8Array`, whose encoded form is `number[]`.
 * Every event the leader streams to a tab is encoded by Effect Schema in the leader, decoded and
 * re-encoded in the shared worker and decoded again in the tab: four passes that validate each
 * byte on its own, plus a structured clone of a JS array with one element per byte. A batch event
 * of 2,500 sealed memories carries a ~4 MB changeset, so this cost, not SQLite, set the import rate
 * (profiled: most of the shared worker's and a third of the leader's time). All three threads talk
 * through `postMessage`, which clones a `Uint8Array` as one block, so `Uint8ArrayFromSelf` (bytes in,
 * the same bytes out) is all the encoding needs. Nothing writes this form as JSON: the leader stores
 * changesets as SQLite blobs.
 *
 * If a LiveStore upgrade changes that line, the build fails here instead of silently going slow.
 */
export const livestoreBinaryChangesets = (): Plugin => {
  const file = /@livestore\/common\/dist\/schema\/LiveStoreEvent\/client\.js$/
  const declared = /data: Schema\.Uint8Array,/
  return {
    name: 'hearth:livestore-binary-changesets',
    enforce: 'pre',
    transform(code, id) {
      if (!file.test(id.split('?')[0] ?? id)) return null
      if (!declared.test(code)) {
        this.error(
          'LiveStore changed how it declares session changesets; review scripts/livestore-binary-changesets.ts',
        )
      }
      return { code: code.replace(declared, 'data: Schema.Uint8ArrayFromSelf,'), map: null }
    },
  }
}
