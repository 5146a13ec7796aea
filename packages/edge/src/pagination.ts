import { ErrorCode, GatewayError } from '@stockpulse/protocol';

/** One page of a list and the cursor of the next, if any. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/**
 * Cuts a list into pages. A cursor is opaque to clients: the offset of the next item, encoded.
 * A cursor the gateway did not make is `invalid_params` (-32602), as the spec asks.
 */
export function paginate<T>(list: readonly T[], cursor: unknown, pageSize: number): Page<T> {
  let offset = 0;
  if (cursor !== undefined) {
    const decoded =
      typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
    const match = /^o:(\d{1,9})$/.exec(decoded);
    if (!match) throw new GatewayError(ErrorCode.InvalidParams, 'invalid cursor');
    offset = Number(match[1]);
  }
  const items = list.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return next < list.length
    ? { items, nextCursor: Buffer.from(`o:${next}`, 'utf8').toString('base64url') }
    : { items };
}
