export {
  buildRouteTable,
  changedLists,
  indexRoutes,
  EMPTY_ROUTE_TABLE,
  type ListKind,
  type RouteIndex,
} from './route-table.js';
export { createRouteCache, type RouteCache } from './route-cache.js';
export { startRouter, type Router, type RouterOptions } from './router.js';
