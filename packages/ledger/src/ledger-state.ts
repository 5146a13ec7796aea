import { noLimits } from './limits-check.js';
import { format, parsePositive, Decimal } from './decimal.js';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import type { AccountLimits, LedgerChanges, LedgerState } from './types.js';

/** What opening an account takes. */
export interface OpenAccountRequest {
  readonly id: string;
  /** Starting cash, a non-negative decimal string. */
  readonly cash: string;
  readonly limits?: Partial<AccountLimits> | undefined;
}

/** The state of a new account: its cash, no positions, no orders, the kill switch released. */
export function openAccount(req: OpenAccountRequest): LedgerState {
  if (req.cash !== '0' && parsePositive(req.cash) === undefined)
    throw new GatewayError(
      ErrorCode.InvalidParams,
      `starting cash ${req.cash} is not a non-negative decimal`,
    );
  return {
    account: {
      id: req.id,
      cash: format(new Decimal(req.cash)),
      limits: { ...noLimits, ...req.limits },
      killSwitch: false,
    },
    positions: [],
    orders: [],
  };
}

/** The state with these changes applied, as a repository would store them. */
export function applyChanges(state: LedgerState, changes: LedgerChanges): LedgerState {
  const orders = new Map(state.orders.map((o) => [o.id, o]));
  for (const o of changes.orders) orders.set(o.id, o);
  const positions = new Map(state.positions.map((p) => [p.symbol, p]));
  for (const p of changes.positions) positions.set(p.symbol, p);
  return {
    account: { ...state.account, cash: changes.cash },
    orders: [...orders.values()],
    positions: [...positions.values()],
  };
}
