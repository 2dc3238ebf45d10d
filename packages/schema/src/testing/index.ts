/** Test helpers other packages' tests use (`@rr/schema/testing`; source only, never built). */
export { cuttableProxy, silentServer, type CuttableProxy, type LoopbackServer } from './loopback.js';
export { requirePrivateCluster, startPrivateCluster, privateClusterAvailability, type PrivateCluster } from './private-cluster.js';
export { tapIntrospectionQueries, type TappedQuery } from './query-tap.js';
export { createServerDatabase, runOnServer, testDatabaseTarget, withDatabase, type ServerDatabase, type TestDatabaseTarget } from './test-database.js';
export { lockCatalog, withCatalogLocked, type CatalogLock } from './catalog-lock.js';
