import { expect, test } from 'vitest'
import { hrefFor, parseRoute, type Route } from './router.ts'

test('every route survives a round trip through its URL', () => {
  const routes: Route[] = [
    { screen: 'usage' },
    { screen: 'home' },
    { screen: 'search', query: '' },
    { screen: 'search', query: 'tomato "frost" -cat & 50% ü?#/' },
    { screen: 'personas' },
    { screen: 'memories', personaId: null },
    { screen: 'memories', personaId: 'a b/c' },
    { screen: 'memory', id: 'm/1' },
    { screen: 'duplicates', personaId: 'p 1' },
    { screen: 'conversations' },
    { screen: 'conversation', id: 'c 1' },
    { screen: 'workflows' },
    { screen: 'workflow', id: 'w 1' },
    { screen: 'documents' },
    { screen: 'notifications' },
    { screen: 'storage' },
    { screen: 'settings' },
  ]
  for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route)
})

test('an unknown path is reported, not silently sent home', () => {
  expect(parseRoute('#/nowhere')).toEqual({ screen: 'not-found', path: '/nowhere' })
  expect(parseRoute('')).toEqual({ screen: 'home' })
})

test('the search screen reads its query from ?q=', () => {
  expect(parseRoute('#/search?q=green+tea')).toEqual({ screen: 'search', query: 'green tea' })
  expect(parseRoute('#/search')).toEqual({ screen: 'search', query: '' })
  expect(parseRoute('#/search/')).toEqual({ screen: 'search', query: '' })
})
