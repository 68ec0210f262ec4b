import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './ui/App.tsx'
import './ui/styles.css'
import { loadFastAead } from './vault/aead.ts'

// Starts compiling libsodium's wasm now: by the time the vault is unlocked, sealing uses it.
void loadFastAead()

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
