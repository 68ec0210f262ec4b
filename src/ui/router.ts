import { useSyncExternalStore } from 'react'

/** Screens are addressed by the URL hash, so reload, back and forward work and links can be shared between tabs. */
export type Route =
  | { screen: 'home' }
  | { screen: 'search'; query: string }
  | { screen: 'personas' }
  | { screen: 'memories'; personaId: string | null }
  | { screen: 'memory'; id: string }
  | { screen: 'duplicates'; personaId: string }
  | { screen: 'conversations' }
  | { screen: 'conversation'; id: string }
  | { screen: 'usage' }
  | { screen: 'workflows' }
  | { screen: 'workflow'; id: string }
  | { screen: 'documents' }
  | { screen: 'notifications' }
  | { screen: 'storage' }
  | { screen: 'backup' }
  | { screen: 'settings' }
  | { screen: 'not-found'; path: string }

export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, '') || '/'
  const search = /^\/search\/?(?:\?(.*))?$/.exec(path)
  if (search) return { screen: 'search', query: new URLSearchParams(search[1] ?? '').get('q') ?? '' }
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts.length === 0) return { screen: 'home' }
  if (parts[0] === 'personas' && parts.length === 1) return { screen: 'personas' }
  if (parts[0] === 'settings' && parts.length === 1) return { screen: 'settings' }
  if (parts[0] === 'workflows' && parts.length === 1) return { screen: 'workflows' }
  if (parts[0] === 'workflows' && parts[1] !== undefined && parts.length === 2)
    return { screen: 'workflow', id: parts[1] }
  if (parts[0] === 'storage' && parts.length === 1) return { screen: 'storage' }
  if (parts[0] === 'usage' && parts.length === 1) return { screen: 'usage' }
  if (parts[0] === 'backup' && parts.length === 1) return { screen: 'backup' }
  if (parts[0] === 'documents' && parts.length === 1) return { screen: 'documents' }
  if (parts[0] === 'notifications' && parts.length === 1) return { screen: 'notifications' }
  if (parts[0] === 'memory' && parts[1] !== undefined && parts.length === 2)
    return { screen: 'memory', id: parts[1] }
  if (parts[0] === 'duplicates' && parts[1] !== undefined && parts.length === 2)
    return { screen: 'duplicates', personaId: parts[1] }
  if (parts[0] === 'conversations' && parts.length === 1) return { screen: 'conversations' }
  if (parts[0] === 'conversations' && parts[1] !== undefined && parts.length === 2)
    return { screen: 'conversation', id: parts[1] }
  if (parts[0] === 'memories' && parts.length <= 2) return { screen: 'memories', personaId: parts[1] ?? null }
  return { screen: 'not-found', path }
}

export const hrefFor = (route: Route): string => {
  switch (route.screen) {
    case 'home':
      return '#/'
    case 'search':
      return route.query === '' ? '#/search' : `#/search?${new URLSearchParams({ q: route.query })}`
    case 'personas':
      return '#/personas'
    case 'memories':
      return route.personaId === null ? '#/memories' : `#/memories/${encodeURIComponent(route.personaId)}`
    case 'memory':
      return `#/memory/${encodeURIComponent(route.id)}`
    case 'duplicates':
      return `#/duplicates/${encodeURIComponent(route.personaId)}`
    case 'conversations':
      return '#/conversations'
    case 'conversation':
      return `#/conversations/${encodeURIComponent(route.id)}`
    case 'usage':
      return '#/usage'
    case 'workflows':
      return '#/workflows'
    case 'workflow':
      return `#/workflows/${encodeURIComponent(route.id)}`
    case 'documents':
      return '#/documents'
    case 'notifications':
      return '#/notifications'
    case 'storage':
      return '#/storage'
    case 'backup':
      return '#/backup'
    case 'settings':
      return '#/settings'
    case 'not-found':
      return `#${route.path}`
  }
}

export const navigate = (route: Route) => {
  window.location.hash = hrefFor(route)
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export const useRoute = (): Route => parseRoute(useSyncExternalStore(subscribe, () => window.location.hash))
