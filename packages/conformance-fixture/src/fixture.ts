import type { Bus } from '@stockpulse/bus';
import type { Logger } from '@stockpulse/protocol';
import {
  startToolService,
  type PromptImplementation,
  type ResourceImplementation,
  type ResourceTemplateImplementation,
  type ToolImplementation,
} from '@stockpulse/tool-service';
import { askingTools } from './asking-tools.js';
import { contentTools } from './content-tools.js';
import { inputRequiredTools } from './input-required-tools.js';
import { listChangeTools, startListChanger, type ListChanger } from './list-changes.js';
import { notifyingTools } from './notifying-tools.js';
import { fixturePrompts } from './prompts.js';
import { fixtureResourceTemplates, fixtureResources } from './resources.js';
import { taskTools } from './task-tools.js';

/** The service id the fixture announces its manifest under. */
export const CONFORMANCE_SERVICE = 'conformance-fixture';

/** Version the fixture announces. */
export const CONFORMANCE_FIXTURE_VERSION = '0.1.0';

/** Everything the fixture serves, as tool-service implementations. */
export interface ConformanceCatalog {
  readonly tools: readonly ToolImplementation[];
  readonly resources: readonly ResourceImplementation[];
  readonly resourceTemplates: readonly ResourceTemplateImplementation[];
  readonly prompts: readonly PromptImplementation[];
}

/**
 * The catalog the MCP conformance suite's server scenarios expect (names, URIs, contents),
 * written against the tool-service API. `changer` backs the list-change triggers; without one
 * they are left out.
 */
export function createConformanceCatalog(changer?: ListChanger): ConformanceCatalog {
  return {
    tools: [
      ...contentTools(),
      ...notifyingTools(),
      ...askingTools(),
      ...inputRequiredTools(),
      ...taskTools(),
      ...(changer ? listChangeTools(changer) : []),
    ],
    resources: fixtureResources(),
    resourceTemplates: fixtureResourceTemplates(),
    prompts: fixturePrompts(),
  };
}

/** A running fixture. */
export interface ConformanceFixture {
  /** Names of the tools the main service announced. */
  readonly tools: readonly string[];
  stop(): Promise<void>;
}

/**
 * Serves the fixture on the bus like any internal service: the catalog as the service
 * {@link CONFORMANCE_SERVICE}, and the companion service the list-change triggers rewrite.
 */
export async function startConformanceFixture(opts: {
  readonly bus: Bus;
  readonly logger?: Logger;
}): Promise<ConformanceFixture> {
  const { bus, logger } = opts;
  const changer = await startListChanger(bus, CONFORMANCE_FIXTURE_VERSION, logger);
  try {
    const catalog = createConformanceCatalog(changer);
    const service = await startToolService({
      bus,
      service: CONFORMANCE_SERVICE,
      version: CONFORMANCE_FIXTURE_VERSION,
      ...catalog,
      ...(logger ? { logger } : {}),
    });
    return {
      tools: service.manifest.tools.map((t) => t.name),
      stop: async () => {
        await service.stop();
        await changer.stop();
      },
    };
  } catch (err) {
    await changer.stop();
    throw err;
  }
}
