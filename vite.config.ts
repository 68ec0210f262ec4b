import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// LiveStore needs ES-module workers; OPFS and SharedWorker need a secure context, which
// 127.0.0.1 is. No COOP/COEP headers are required.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@livestore/wa-sqlite'] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
})
