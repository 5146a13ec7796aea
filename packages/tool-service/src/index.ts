export type {
  AskOptions,
  ClientRequestMethod,
  Interaction,
  PromptImplementation,
  PromptResult,
  RequestContext,
  ResourceContents,
  ResourceImplementation,
  ResourceTemplateImplementation,
  ToolContext,
  ToolImplementation,
} from './types.js';
export {
  announceResourceUpdated,
  startToolService,
  type ToolService,
  type ToolServiceOptions,
} from './tool-service.js';
export { handleCall, prepareTools, type PreparedTool } from './handle-call.js';
export { createCancelRegistry, type CancelRegistry } from './cancel-registry.js';
export { checkAskCapability } from './client-asker.js';
export { handleServiceRequest, prepareCatalog, type Catalog } from './serve-request.js';
export {
  UNTRUSTED_META_KEY,
  UNTRUSTED_SOURCE_META_KEY,
  UNTRUSTED_TAG,
  isUntrusted,
  markUntrustedResult,
  neutraliseDelimiters,
  untrustedMeta,
  untrustedText,
  wrapUntrusted,
  type UntrustedAudience,
  type UntrustedOptions,
} from './untrusted.js';
