import {
  ErrorCode,
  GatewayError,
  QueueGroup,
  subjects,
  type AuditInput,
  type Reply,
} from '@stockpulse/protocol';
import type { Bus, Subscription } from '@stockpulse/bus';
import type { ConsentGrantRepository, LedgerLimitsRecord, LedgerRepository } from '@stockpulse/db';

/** What operators can do to paper-trading accounts, over `mcpgw.rpc.admin.accounts.<action>`. */
export const ACCOUNT_ACTIONS = ['show', 'kill-switch', 'limits', 'grant', 'revoke-grant'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

const LIMIT_KEYS = [
  'maxOrderQuantity',
  'maxOrderNotional',
  'maxOrdersPerDay',
  'maxOrdersPerMinute',
] as const;

function text(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || !v) {
    throw new GatewayError(ErrorCode.InvalidParams, `${key} must be a non-empty string`);
  }
  return v;
}

/** A limits change: each given key replaces the current value; `null` removes the limit. */
function limitsOf(current: LedgerLimitsRecord, body: Record<string, unknown>): LedgerLimitsRecord {
  const next: Record<string, unknown> = { ...current };
  for (const key of LIMIT_KEYS) {
    if (!(key in body)) continue;
    const v = body[key];
    const integer = key === 'maxOrdersPerDay' || key === 'maxOrdersPerMinute';
    const ok =
      v === null ||
      (integer
        ? typeof v === 'number' && Number.isInteger(v) && v > 0
        : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) && Number(v) > 0);
    if (!ok) {
      throw new GatewayError(
        ErrorCode.InvalidParams,
        `${key} must be ${integer ? 'a positive integer' : 'a positive decimal string'} or null`,
      );
    }
    next[key] = v;
  }
  return next as unknown as LedgerLimitsRecord;
}

/**
 * Serves account administration for operators: show an account, flip its kill switch, set its
 * limits, and grant or revoke standing consent for a tool. Every change is audited durably
 * before the answer. Copies of the tool role share the work in one queue group. Like key
 * administration, these subjects must be restricted by NATS permissions in production (ADR 4).
 */
export function startAccountAdmin(opts: {
  bus: Bus;
  ledger: LedgerRepository;
  grants: ConsentGrantRepository;
  audit: (input: AuditInput) => Promise<void>;
}): Subscription[] {
  const { bus, ledger, grants, audit } = opts;
  const serve = async (action: AccountAction, body: Record<string, unknown>): Promise<unknown> => {
    const record = (target: string, details: Record<string, unknown>) =>
      audit({
        kind: 'admin',
        action: `accounts.${action}`,
        outcome: 'ok',
        target,
        principalId: 'operator',
        data: details,
      });
    switch (action) {
      case 'show': {
        const accountId = text(body, 'accountId');
        const account = await ledger.getAccount(accountId);
        if (!account) throw new GatewayError(ErrorCode.NotFound, `no account ${accountId}`);
        return { ...account, grants: await grants.list(accountId, new Date()) };
      }
      case 'kill-switch': {
        const accountId = text(body, 'accountId');
        if (typeof body['engaged'] !== 'boolean') {
          throw new GatewayError(ErrorCode.InvalidParams, 'engaged must be true or false');
        }
        if (!(await ledger.setKillSwitch(accountId, body['engaged']))) {
          throw new GatewayError(ErrorCode.NotFound, `no account ${accountId}`);
        }
        await record(accountId, { engaged: body['engaged'] });
        return { accountId, killSwitch: body['engaged'] };
      }
      case 'limits': {
        const accountId = text(body, 'accountId');
        const account = await ledger.getAccount(accountId);
        if (!account) throw new GatewayError(ErrorCode.NotFound, `no account ${accountId}`);
        const limits = limitsOf(account.limits, body);
        await ledger.setLimits(accountId, limits);
        await record(accountId, { limits });
        return { accountId, limits };
      }
      case 'grant': {
        const grant = await grants.grant({
          principalId: text(body, 'principalId'),
          tool: text(body, 'tool'),
          grantedBy: 'operator',
          expiresAt: typeof body['expiresAt'] === 'string' ? body['expiresAt'] : null,
        });
        await record(grant.principalId, { tool: grant.tool, expiresAt: grant.expiresAt });
        return grant;
      }
      case 'revoke-grant': {
        const principalId = text(body, 'principalId');
        const tool = text(body, 'tool');
        const revoked = await grants.revoke(principalId, tool);
        if (revoked) await record(principalId, { tool, revoked });
        return { principalId, tool, revoked };
      }
    }
  };
  return ACCOUNT_ACTIONS.map((action) =>
    bus.subscribe(
      subjects.adminAccounts(action),
      async (msg) => {
        let reply: Reply<unknown>;
        try {
          const body = msg.json<unknown>();
          if (typeof body !== 'object' || body === null || Array.isArray(body)) {
            throw new GatewayError(ErrorCode.InvalidParams, 'the request must be a JSON object');
          }
          reply = { ok: true, value: await serve(action, body as Record<string, unknown>) };
        } catch (err) {
          reply = { ok: false, error: GatewayError.from(err).toData() };
        }
        msg.respond(JSON.stringify(reply));
      },
      { queue: QueueGroup.AccountAdmin },
    ),
  );
}
