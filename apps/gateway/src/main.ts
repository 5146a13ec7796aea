#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createLogger, startTelemetry } from '@stockpulse/telemetry';
import { loadConfig, ROLES } from './config.js';
import { startGateway } from './gateway.js';
import { runKeysCommand } from './keys-command.js';
import { runAccountsCommand } from './accounts-command.js';
import { runStdioBridge } from './stdio-bridge.js';
import { VERSION } from './version.js';

const HELP = `stockpulse-gateway ${VERSION}

Usage:
  stockpulse-gateway start [--role ROLES]     run roles (default: all) in this process
  stockpulse-gateway keys create --name NAME [--scopes a,b]
  stockpulse-gateway keys revoke KEY_ID
  stockpulse-gateway keys list
  stockpulse-gateway accounts show ACCOUNT
  stockpulse-gateway accounts kill-switch ACCOUNT on|off
  stockpulse-gateway accounts limits ACCOUNT [--max-order-quantity Q] [--max-order-notional N]
                     [--max-orders-per-day N] [--max-orders-per-minute N]   (none removes one)
  stockpulse-gateway consent grant KEY_ID TOOL [--expires ISO-8601]
  stockpulse-gateway consent revoke KEY_ID TOOL
  stockpulse-gateway stdio --url URL [--key KEY]   bridge a stdio MCP client to a remote gateway
                                                    (key also from MCPGW_API_KEY)

Roles: ${ROLES.join(', ')} (comma-separated, or all).
Configuration comes from the environment; see README.md.`;

async function start(roleArg: string | undefined): Promise<void> {
  const config = loadConfig(process.env, roleArg);
  const logger = createLogger({
    component: 'gateway',
    level: config.logLevel,
    destination: process.stderr,
  });
  const telemetry = await startTelemetry({ serviceName: 'stockpulse-gateway' });
  const gw = await startGateway(config, logger);
  const lines = [
    `StockPulse MCP Gateway ${VERSION} is running (roles: ${[...config.roles].join(', ')})`,
  ];
  if (gw.mcpUrl) lines.push(`  MCP endpoint:  ${gw.mcpUrl}`);
  if (gw.adminKey)
    lines.push(`  Admin API key: ${gw.adminKey}   (send as "Authorization: Bearer <key>")`);
  lines.push(`  NATS:          ${gw.natsUrl}${config.natsUrl ? '' : ' (embedded)'}`);
  if (gw.databaseLabel) lines.push(`  Database:      ${gw.databaseLabel}`);
  lines.push(`  Data folder:   ${config.dataDir}`, '  Stop with Ctrl-C.');
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void gw
      .stop()
      .then(() => telemetry.shutdown())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      url: { type: 'string' },
      key: { type: 'string' },
      'max-order-quantity': { type: 'string' },
      'max-order-notional': { type: 'string' },
      'max-orders-per-day': { type: 'string' },
      'max-orders-per-minute': { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, action, id] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (command === 'start') return start(values.role);
  if (command === 'stdio') {
    const apiKey = values.key ?? process.env['MCPGW_API_KEY'];
    if (!values.url || !apiKey)
      throw new Error('stdio needs --url URL and --key KEY (or MCPGW_API_KEY)');
    await runStdioBridge({ url: values.url, apiKey });
    return;
  }
  if (command === 'keys') {
    const dataDir = loadConfig(process.env, 'edge').dataDir;
    const out = await runKeysCommand(
      action ?? '',
      { ...values, ...(id ? { id } : {}) },
      dataDir,
      process.env,
    );
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  if (command === 'accounts' || command === 'consent') {
    const dataDir = loadConfig(process.env, 'edge').dataDir;
    const out = await runAccountsCommand(
      command,
      positionals.slice(1),
      values,
      dataDir,
      process.env,
    );
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  throw new Error(`unknown command ${JSON.stringify(command)}; see --help`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`stockpulse-gateway: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
