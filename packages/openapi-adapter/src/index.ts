export {
  createOpenApiTools,
  type OpenApiTools,
  type OpenApiToolsOptions,
  type SkippedOperation,
} from './openapi-tools.js';
export {
  assertOpenApiDocument,
  HTTP_METHODS,
  type HttpMethod,
  type JsonObject,
  type OpenApiDocument,
} from './openapi-document.js';
export { HTTP_STATUS_META_KEY } from './http-call.js';
export { toolNameFor, MAX_TOOL_NAME } from './tool-names.js';
