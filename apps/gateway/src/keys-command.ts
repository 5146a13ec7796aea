import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayError, subjects, type Reply } from '@stockpulse/protocol';
import { createBus } from '@stockpulse/bus';

/** Finds the NATS of a running gateway: NATS_URL, else the URL the embedded one wrote. */
async function natsUrlOf(dataDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env['NATS_URL']) return env['NATS_URL'];
  try {
    return (await readFile(join(dataDir, 'nats.url'), 'utf8')).trim();
  } catch {
    throw new Error(
      `no NATS_URL and no running gateway found under ${dataDir}; start the gateway first`,
    );
  }
}

/**
 * `keys create|revoke|list`: asks the auth worker of a running gateway over the bus, so keys are
 * managed the same way whether the database is PGlite in one process or a shared Postgres.
 */
export async function runKeysCommand(
  action: string,
  args: { name?: string; scopes?: string; id?: string },
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<unknown> {
  let payload: unknown;
  if (action === 'create') {
    if (!args.name) throw new Error('keys create needs --name NAME');
    const scopes = (args.scopes ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    payload = { name: args.name, scopes };
  } else if (action === 'revoke') {
    if (!args.id) throw new Error('keys revoke needs the key id: keys revoke KEY_ID');
    payload = { id: args.id };
  } else if (action === 'list') {
    payload = {};
  } else {
    throw new Error(`unknown keys action ${JSON.stringify(action)}; use create, revoke or list`);
  }
  return adminRequest(subjects.adminKeys(action), payload, dataDir, env);
}

/** Sends one administration request to a running gateway over its bus and returns the value. */
export async function adminRequest(
  subject: string,
  payload: unknown,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<unknown> {
  const bus = await createBus({
    url: await natsUrlOf(dataDir, env),
    name: 'stockpulse-gateway-cli',
  });
  try {
    const reply = await bus.requestJson<Reply<unknown>>(subject, payload, { timeoutMs: 10_000 });
    if (!reply.ok) throw GatewayError.fromData(reply.error);
    return reply.value;
  } finally {
    await bus.close();
  }
}
