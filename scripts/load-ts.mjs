// Lets a Node script import the app's TypeScript modules (src/…) through Vite's SSR loader, so scripts
// and benchmarks run the very code the app ships instead of a copy of it.
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** `{ load(path), close() }`: `load('/src/search/x.ts')` returns the module. Close when done. */
export const typescriptLoader = async () => {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    server: { middlewareMode: true, hmr: false },
    appType: 'custom',
    logLevel: 'error',
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  return { load: (path) => server.ssrLoadModule(path), close: () => server.close() }
}
