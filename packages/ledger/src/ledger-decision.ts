import type { Fill, LedgerChanges, LedgerState, Order, Position } from './types.js';

/** A decision: the state after it, and the changes that turn the stored state into that one. */
export interface LedgerDecision {
  readonly state: LedgerState;
  readonly changes: LedgerChanges;
}

/** Collects the changes of a decision as it is made; later versions of a record win. */
export class ChangeRecorder {
  private readonly orders = new Map<string, Order>();
  private readonly fills: Fill[] = [];
  private readonly positions = new Map<string, Position>();

  /** Records an order made or changed. */
  order(order: Order): void {
    this.orders.set(order.id, order);
  }

  /** Records a fill and the position it moved. */
  fill(fill: Fill, position: Position): void {
    this.fills.push(fill);
    this.positions.set(position.symbol, position);
  }

  /** The decision that leads to `state`. */
  decide(state: LedgerState): LedgerDecision {
    return {
      state,
      changes: {
        cash: state.account.cash,
        orders: [...this.orders.values()],
        fills: [...this.fills],
        positions: [...this.positions.values()],
      },
    };
  }
}
