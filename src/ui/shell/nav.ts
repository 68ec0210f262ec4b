import type { Route } from '../router.ts'

/**
 * The app's places, for the side navigation and the command palette. `screens`: the routes under
 * an entry, so a conversation's page still marks "Conversations".
 */
export const NAV: Array<{ label: string; route: Route; icon: string; screens: Array<Route['screen']> }> = [
  { label: 'Home', route: { screen: 'home' }, icon: '⌂', screens: ['home'] },
  { label: 'Search', route: { screen: 'search', query: '' }, icon: '🔍', screens: ['search'] },
  { label: 'Personas', route: { screen: 'personas' }, icon: '☺', screens: ['personas'] },
  {
    label: 'Memories',
    route: { screen: 'memories', personaId: null },
    icon: '✦',
    screens: ['memories', 'memory', 'duplicates'],
  },
  {
    label: 'Conversations',
    route: { screen: 'conversations' },
    icon: '💬',
    screens: ['conversations', 'conversation'],
  },
  { label: 'Usage', route: { screen: 'usage' }, icon: '∑', screens: ['usage'] },
  { label: 'Workflows', route: { screen: 'workflows' }, icon: '⚡', screens: ['workflows', 'workflow'] },
  { label: 'Documents', route: { screen: 'documents' }, icon: '📄', screens: ['documents'] },
  { label: 'Notifications', route: { screen: 'notifications' }, icon: '🔔', screens: ['notifications'] },
  { label: 'Storage', route: { screen: 'storage' }, icon: '🗄', screens: ['storage', 'backup'] },
  { label: 'Settings', route: { screen: 'settings' }, icon: '⚙', screens: ['settings'] },
]
