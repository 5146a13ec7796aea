export {
  CONFORMANCE_FIXTURE_VERSION,
  CONFORMANCE_SERVICE,
  createConformanceCatalog,
  startConformanceFixture,
  type ConformanceCatalog,
  type ConformanceFixture,
} from './fixture.js';
export {
  DYNAMIC_SERVICE,
  listChangeTools,
  startListChanger,
  type ListChanger,
} from './list-changes.js';
export { JSON_SCHEMA_2020_12_INPUT } from './content-tools.js';
export { WATCHED_RESOURCE_URI } from './resources.js';
