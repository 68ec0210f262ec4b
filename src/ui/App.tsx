import { StoreRegistry } from '@livestore/livestore'
import { StoreRegistryProvider } from '@livestore/react'
import { Suspense, useState } from 'react'
import { AppUpdateProvider, UpdatePrompt } from './app-update/AppUpdate.tsx'
import { BootScreen } from './components/BootScreen.tsx'
import { environmentProblem } from './components/environment.ts'
import { FatalScreen, RootErrorBoundary } from './components/RootErrorBoundary.tsx'
import { ToastProvider } from './components/Toasts.tsx'
import { Shell } from './shell/Shell.tsx'
import { VaultGate } from './vault/VaultGate.tsx'

export const App = () => {
  const [registry] = useState(() => new StoreRegistry())
  const problem = environmentProblem()
  if (problem !== null) return <FatalScreen title="Hearth cannot run in this browser" detail={problem} />
  return (
    <RootErrorBoundary>
      <AppUpdateProvider>
        <UpdatePrompt />
        <StoreRegistryProvider storeRegistry={registry}>
          <ToastProvider>
            <VaultGate>
              <Suspense fallback={<BootScreen />}>
                <Shell />
              </Suspense>
            </VaultGate>
          </ToastProvider>
        </StoreRegistryProvider>
      </AppUpdateProvider>
    </RootErrorBoundary>
  )
}
