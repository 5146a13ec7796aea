import { describe, expect, it } from 'vitest';
import { GatewayError } from '@stockpulse/protocol';
import { paginate } from './pagination.js';

describe('paginate', () => {
  const list = Array.from({ length: 7 }, (_, i) => i);

  it('walks every item exactly once, page by page', () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = paginate(list, cursor, 3);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(list);
    expect(pages).toBe(3);
  });

  it('gives no cursor when one page holds everything', () => {
    expect(paginate(list, undefined, 100)).toEqual({ items: list });
  });

  it.each([42, 'not-a-cursor', Buffer.from('o:-1').toString('base64url'), ''])(
    'refuses cursor %j',
    (c) => {
      expect(() => paginate(list, c, 3)).toThrow(GatewayError);
    },
  );
});
