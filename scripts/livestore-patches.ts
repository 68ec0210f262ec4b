import type { Plugin } from 'vite'

/**
 * Hearth's patches to LiveStore 0.4, applied as its modules are bundled (the app and both worker
 * bundles). Each names the file and the exact text it replaces: if a LiveStore upgrade changes that
 * text, the build fails here instead of silently going slow (or wrong). Each was found with
 * `bench/profile.mjs` and is measured in docs/BENCHMARKS.md.
 */
type Patch = { readonly name: string; readonly file: RegExp; readonly find: RegExp; readonly replace: string }

/** A pattern matching `text` exactly (for finds longer than a line). */
const exactly = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))

const PATCHES: readonly Patch[] = [
  {
    /**
     * Session changesets pass between threads as bytes, not as arrays of numbers.
     *
     * LiveStore declares an event's `sessionChangeset.data` (every row its materializer wrote, kept so
     * a tab can roll an event back) as `Schema.Uint8Array`, whose encoded form is `number[]`. Every
     * event the leader streams to a tab is encoded by Effect Schema in the leader, decoded and
     * re-encoded in the shared worker and decoded again in the tab: four passes that validate each
     * byte on its own, plus a structured clone of a JS array with one element per byte. A batch of
     * 2,500 sealed memories carries a ~4 MB changeset, so this, not SQLite, set the import rate. All
     * three threads talk through `postMessage`, which clones a `Uint8Array` as one block, so
     * `Uint8ArrayFromSelf` (bytes in, the same bytes out) is all the encoding needs.
     */
    name: 'binary session changesets',
    file: /@livestore\/common\/dist\/schema\/LiveStoreEvent\/client\.js$/,
    find: /data: Schema\.Uint8Array,/,
    replace: 'data: Schema.Uint8ArrayFromSelf,',
  },
  {
    /**
     * The leader does not keep a second copy of every row each event wrote.
     *
     * The leader stores each event's session changeset in its state database so that it can roll the
     * event back when a sync backend makes it rebase, and deletes those rows only when a backend
     * confirms events. Hearth has no sync backend (everything stays in this browser), so the leader
     * never rolls back, and the rows only grew: a second copy of all data, forever, written with every
     * event (at 100k memories, a sixth of an import's time and of a rebuild's). The row itself stays
     * (LiveStore reads the leader's head from it) with a null changeset, which LiveStore already
     * handles (no-op events have none). Tabs keep their own changesets in memory for their own
     * rollbacks; this changes nothing there. Adding a sync backend means removing this patch.
     */
    name: 'no stored changesets without a sync backend',
    file: /@livestore\/common\/dist\/leader-thread\/materialize-event\.js$/,
    find: /changeset: changeset \?\? null,/,
    replace: 'changeset: null,',
  },
  {
    /**
     * The leader's databases keep up to 64 MB of pages in memory (SQLite's default is 2 MB).
     *
     * An import's batch lands at scattered places in the memories table's indexes (by persona and
     * importance, by last use, by creation): at 100k memories a batch of 2,500 touches ~3,000 index
     * pages, and with a 2 MB cache each was read back from OPFS first. The indexes of 100k memories
     * fit in ~40 MB; the pages stay in the leader worker, which holds nothing else of size.
     *
     * And SQLite's temporary files live in memory. Every statement inside a transaction keeps a
     * statement journal (the pages it changes, to undo just that statement), a temporary file that
     * the OPFS pool would otherwise write: in a profiled 100k rebuild, writes to OPFS took about a
     * fifth of each second of the replay; with this they are gone from it. Such a journal holds one
     * statement's pages (a few MB for a batch of 2,500 rows) and is dropped when the statement ends.
     */
    name: 'a larger page cache in the leader, temporary files in memory',
    file: /@livestore\/common\/dist\/leader-thread\/connection\.js$/,
    find: /PRAGMA page_size=8192;/,
    replace: 'PRAGMA page_size=8192;\n    PRAGMA cache_size=-65536;\n    PRAGMA temp_store=MEMORY;',
  },
  {
    /**
     * A rebuild decodes each event's arguments once, not twice.
     *
     * `rematerializeFromEventlog` decodes every stored event's arguments with the event's schema (to
     * fail with a clear note when a schema changed incompatibly), then hands the event to
     * `materializeEvent`, whose materializer decodes the same arguments again. A batch event carries
     * 2,500 sealed rows, each field checked against the envelope pattern, so the first pass was ~1 s of
     * a 100k-memory rebuild for nothing. The materializer's own decode still rejects incompatible
     * arguments (the boot fails the same way, with Effect's parse error instead of the note).
     */
    name: 'one decode per replayed event',
    file: /@livestore\/common\/dist\/rematerialize-from-eventlog\.js$/,
    find: /yield\* Schema\.decodeUnknown\(eventDef\.schema\)\(args\)\.pipe\(Effect\.mapError\(\(cause\) => UnknownError\.make\(\{[\s\S]*?\}\)\)\);/,
    replace: '/* decoded once, by the materializer (scripts/livestore-patches.ts) */',
  },
  {
    /**
     * Strings reach SQLite without a temporary copy.
     *
     * wa-sqlite binds each text value by encoding it into a fresh JS `Uint8Array` (`encode`), then
     * copying that into SQLite's heap. A rebuild or an import binds ~25 values per row, 2.5 million
     * strings per 100k memories, and the allocation dominated (the leader's busiest function, 2.9 s of
     * a profiled 100k rebuild; in Node 2.4 s against 0.35 s per 2M strings with `encodeInto`).
     * `encodeInto` writes straight into the heap; a UTF-16 unit never takes more than 3 bytes, so the
     * buffer may be up to 3× the text (ASCII), freed as before when SQLite is done with it.
     */
    name: 'bind text with encodeInto',
    file: /@livestore\/wa-sqlite\/src\/sqlite-api\.js$/,
    find: /const utf8 = textEncoder\.encode\(s\)\n\s*const zts = Module\._sqlite3_malloc\(utf8\.byteLength \+ 1\)\n\s*Module\.HEAPU8\.set\(utf8, zts\)\n\s*Module\.HEAPU8\[zts \+ utf8\.byteLength\] = 0/,
    replace: `const size = s.length * 3 + 1
    const zts = Module._sqlite3_malloc(size)
    const { written } = textEncoder.encodeInto(s, Module.HEAPU8.subarray(zts, zts + size - 1))
    Module.HEAPU8[zts + written] = 0`,
  },
  {
    /**
     * Strings come out of SQLite with a native search for their end.
     *
     * Emscripten finds the end of a C string with a JavaScript loop over the heap, byte by byte; every
     * text column read (the event log's argument JSON, ~1 MB per batch event, every query's rows) went
     * through it. `indexOf(0)` on the heap is the same search, done natively. The Node build, which
     * only the unit tests load, gets it too (`src/schema/sqlite-text.test.ts`).
     */
    name: 'native search for the end of a C string',
    file: /@livestore\/wa-sqlite\/dist\/wa-sqlite(\.node)?\.mjs$/,
    find: /var UTF8ToString=\(ptr,maxBytesToRead,ignoreNul\)=>\{if\(!ptr\)return"";var end=findStringEnd\(HEAPU8,ptr,maxBytesToRead,ignoreNul\);/,
    replace:
      'var UTF8ToString=(ptr,maxBytesToRead,ignoreNul)=>{if(!ptr)return"";var end=maxBytesToRead===undefined&&!ignoreNul?HEAPU8.indexOf(0,ptr):findStringEnd(HEAPU8,ptr,maxBytesToRead,ignoreNul);if(end<0)end=HEAPU8.length;',
  },
  {
    /**
     * SQLite reads and writes OPFS pages through plain calls.
     *
     * LiveStore's OPFS pool runs each page read and write of SQLite as an Effect program (a fiber, a
     * service lookup, error mapping) around one `FileSystemSyncAccessHandle` call. A rebuild reads the
     * whole event log (~100 MB at 100k memories, 8 KB a call) and its commit writes the whole state
     * database: in a profiled 100k rebuild the wrapping was ~1.1 s beside ~1.4 s of actual reads and
     * writes. The same calls, errors turned into the same SQLite codes (a full disk still fails the
     * write as `SQLITE_IOERR_WRITE`), and logged.
     */
    name: 'OPFS page reads and writes without an Effect per call',
    file: /@livestore\/sqlite-wasm\/dist\/browser\/opfs\/AccessHandlePoolVFS\.js$/,
    find: exactly(`    jRead(fileId, pData, iOffset) {
        return Effect.gen(this, function* () {
            const file = this.#mapIdToFile.get(fileId);
            const nBytes = yield* Opfs.Opfs.syncRead(file.accessHandle, pData.subarray(), {
                at: HEADER_OFFSET_DATA + iOffset,
            });
            if (nBytes < pData.byteLength) {
                pData.fill(0, nBytes, pData.byteLength);
                return VFS.SQLITE_IOERR_SHORT_READ;
            }
            return VFS.SQLITE_OK;
        }).pipe(Effect.tapCauseLogPretty, Effect.catchAllCause(() => Effect.succeed(VFS.SQLITE_IOERR_READ)), Runtime.runSync(this.#runtime));
    }
    jWrite(fileId, pData, iOffset) {
        return Effect.gen(this, function* () {
            const file = this.#mapIdToFile.get(fileId);
            const nBytes = yield* Opfs.Opfs.syncWrite(file.accessHandle, pData.subarray(), {
                at: HEADER_OFFSET_DATA + iOffset,
            });
            if (nBytes !== pData.byteLength) {
                return yield* Effect.dieMessage(\`Wrote \${nBytes} bytes, expected \${pData.byteLength}\`);
            }
            return VFS.SQLITE_OK;
        }).pipe(Effect.tapCauseLogPretty, Effect.catchAllCause(() => Effect.succeed(VFS.SQLITE_IOERR_WRITE)), Runtime.runSync(this.#runtime));
    }`),
    replace: `    jRead(fileId, pData, iOffset) {
        try {
            const file = this.#mapIdToFile.get(fileId);
            const nBytes = file.accessHandle.read(pData.subarray(), { at: HEADER_OFFSET_DATA + iOffset });
            if (nBytes < pData.byteLength) {
                pData.fill(0, nBytes, pData.byteLength);
                return VFS.SQLITE_IOERR_SHORT_READ;
            }
            return VFS.SQLITE_OK;
        } catch (error) {
            console.error('OPFS read failed', error);
            return VFS.SQLITE_IOERR_READ;
        }
    }
    jWrite(fileId, pData, iOffset) {
        try {
            const file = this.#mapIdToFile.get(fileId);
            const nBytes = file.accessHandle.write(pData.subarray(), { at: HEADER_OFFSET_DATA + iOffset });
            if (nBytes === pData.byteLength) return VFS.SQLITE_OK;
            console.error(\`OPFS wrote \${nBytes} bytes, expected \${pData.byteLength}\`);
        } catch (error) {
            console.error('OPFS write failed', error);
        }
        return VFS.SQLITE_IOERR_WRITE;
    }`,
  },
]

export const livestorePatches = (): Plugin => ({
  name: 'hearth:livestore-patches',
  enforce: 'pre',
  transform(code, id) {
    const path = id.split('?')[0] ?? id
    let out = code
    for (const patch of PATCHES) {
      if (!patch.file.test(path)) continue
      if (!patch.find.test(out)) {
        this.error(
          `LiveStore changed the code of the patch "${patch.name}": review scripts/livestore-patches.ts`,
        )
      }
      out = out.replace(patch.find, patch.replace)
    }
    return out === code ? null : { code: out, map: null }
  },
})
