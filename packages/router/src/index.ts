export { buildRouteTable, indexRoutes, EMPTY_ROUTE_TABLE, type RouteIndex } from './route-table.js';
export { createRouteCache, type RouteCache } from './route-cache.js';
export { startRouter, type Router, type RouterOptions } from './router.js';
