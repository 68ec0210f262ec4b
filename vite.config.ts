import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { defineConfig } from 'vitest/config'
import pkg from './package.json' with { type: 'json' }
import { livestorePatches } from './scripts/livestore-patches.ts'

// LiveStore needs ES-module workers; OPFS and SharedWorker need a secure context, which
// 127.0.0.1 is. No COOP/COEP headers are required.
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    livestorePatches(),
    react(),
    VitePWA({
      // "prompt": a new version waits until the person agrees, so nothing reloads under them mid-edit.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: 'Hearth',
        short_name: 'Hearth',
        description: "The private, offline home of your AI assistant's personas, memories and conversations.",
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#faf8f5',
        theme_color: '#c2410c',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The whole app works offline: the shell, every worker script, the SQLite wasm and the search
        // models (the static embedder's .bin, USE Lite's model/vocab .json and its weight shards).
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,webmanifest,bin,json}', 'assets/group1-shard*'],
        // The SQLite wasm and (with search) the embedding model are larger than Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // The leader and shared workers are bundled separately: they need the same LiveStore patches.
  worker: { format: 'es', plugins: () => [livestorePatches()] },
  optimizeDeps: { exclude: ['@livestore/wa-sqlite'] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Run LiveStore's SQLite binding through Vite so the tests meet it as the app does, patched
    // (scripts/livestore-patches.ts); Vitest would otherwise load it from node_modules untouched.
    server: { deps: { inline: ['@livestore/wa-sqlite', '@livestore/sqlite-wasm'] } },
  },
})
