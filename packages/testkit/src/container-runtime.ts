import type * as Testcontainers from 'testcontainers';
import type { StartedTestContainer } from 'testcontainers';

/** The testcontainers module, loaded only when a fallback needs it. */
export type TestcontainersModule = typeof Testcontainers;

let runtime: Promise<TestcontainersModule | undefined> | undefined;

/**
 * Testcontainers, if a container engine answers; undefined otherwise. Checked once per process
 * and only when no local binary exists, since loading and probing take a while.
 */
export function findContainerRuntime(): Promise<TestcontainersModule | undefined> {
  runtime ??= (async () => {
    try {
      const tc = await import('testcontainers');
      await tc.getContainerRuntimeClient();
      return tc;
    } catch {
      return undefined;
    }
  })();
  return runtime;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '::1' || host === '[::1]';
}

/** Options of {@link startLoopbackContainer}. */
export interface LoopbackContainerOptions {
  readonly image: string;
  readonly command?: readonly string[];
  readonly environment?: Record<string, string>;
  readonly port: number;
  readonly readyLog: RegExp;
  readonly readyLogTimes?: number;
}

/**
 * Starts a container whose published port is bound to 127.0.0.1 when the engine runs on this
 * machine (testcontainers would publish it on every interface). Testcontainers' own reaper
 * removes it if this process dies.
 */
export async function startLoopbackContainer(
  tc: TestcontainersModule,
  options: LoopbackContainerOptions,
): Promise<StartedTestContainer> {
  const client = await tc.getContainerRuntimeClient();
  const local = isLoopback(client.info.containerRuntime.host);
  class LoopbackContainer extends tc.GenericContainer {
    override async start(): Promise<StartedTestContainer> {
      const bindings = (this.hostConfig.PortBindings ?? {}) as Record<
        string,
        { HostIp?: string }[]
      >;
      if (local)
        for (const list of Object.values(bindings)) for (const b of list) b.HostIp = '127.0.0.1';
      return super.start();
    }
  }
  let container = new LoopbackContainer(options.image)
    .withExposedPorts(options.port)
    .withWaitStrategy(tc.Wait.forLogMessage(options.readyLog, options.readyLogTimes ?? 1));
  if (options.command) container = container.withCommand([...options.command]);
  if (options.environment) container = container.withEnvironment(options.environment);
  return container.start();
}
