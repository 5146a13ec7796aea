import { subjects } from '@stockpulse/protocol';
import { adminRequest } from './keys-command.js';

/** Options of the account and consent commands, as parsed from the command line. */
export interface AccountArgs {
  readonly 'max-order-quantity'?: string | undefined;
  readonly 'max-order-notional'?: string | undefined;
  readonly 'max-orders-per-day'?: string | undefined;
  readonly 'max-orders-per-minute'?: string | undefined;
  readonly expires?: string | undefined;
}

/** A limit option: `none` removes the limit; integers for the per-day and per-minute counts. */
function limit(raw: string | undefined, integer: boolean): string | number | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'none') return null;
  return integer ? Number(raw) : raw;
}

/**
 * `accounts show|kill-switch|limits ACCOUNT ...` and `consent grant|revoke PRINCIPAL TOOL`: asks
 * the tool role of a running gateway over the bus. An account's id is its owner's key id.
 */
export async function runAccountsCommand(
  command: 'accounts' | 'consent',
  positionals: readonly string[],
  args: AccountArgs,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<unknown> {
  const [action, first, second] = positionals;
  const need = (v: string | undefined, what: string): string => {
    if (!v) throw new Error(`${command} ${action ?? ''} needs ${what}`);
    return v;
  };
  if (command === 'consent') {
    const principalId = need(first, 'the key id of the user');
    const tool = need(second, 'a tool name');
    if (action === 'grant') {
      return adminRequest(
        subjects.adminAccounts('grant'),
        { principalId, tool, ...(args.expires ? { expiresAt: args.expires } : {}) },
        dataDir,
        env,
      );
    }
    if (action === 'revoke') {
      return adminRequest(
        subjects.adminAccounts('revoke-grant'),
        { principalId, tool },
        dataDir,
        env,
      );
    }
    throw new Error(`unknown consent action ${JSON.stringify(action)}; use grant or revoke`);
  }
  const accountId = need(first, 'an account id (the key id of its owner)');
  switch (action) {
    case 'show':
      return adminRequest(subjects.adminAccounts('show'), { accountId }, dataDir, env);
    case 'kill-switch': {
      if (second !== 'on' && second !== 'off') throw new Error('kill-switch needs on or off');
      return adminRequest(
        subjects.adminAccounts('kill-switch'),
        { accountId, engaged: second === 'on' },
        dataDir,
        env,
      );
    }
    case 'limits': {
      const body: Record<string, unknown> = { accountId };
      const set = (key: string, value: unknown): void => {
        if (value !== undefined) body[key] = value;
      };
      set('maxOrderQuantity', limit(args['max-order-quantity'], false));
      set('maxOrderNotional', limit(args['max-order-notional'], false));
      set('maxOrdersPerDay', limit(args['max-orders-per-day'], true));
      set('maxOrdersPerMinute', limit(args['max-orders-per-minute'], true));
      return adminRequest(subjects.adminAccounts('limits'), body, dataDir, env);
    }
    default:
      throw new Error(
        `unknown accounts action ${JSON.stringify(action)}; use show, kill-switch or limits`,
      );
  }
}
