import { describe, expect, it } from 'vitest';
import { parseRequestEventId, supportsSsePolling } from './request-stream.js';

const R = '0b6f2f8e-3a1c-4c55-9d3e-1f2a3b4c5d6e';

describe('parseRequestEventId', () => {
  it('resumes after a message sequence, or from a priming time', () => {
    expect(parseRequestEventId(`${R}:41`)).toEqual({ requestId: R, from: 42 });
    expect(parseRequestEventId(`${R}:t1700000000000`)).toEqual({
      requestId: R,
      from: new Date(1700000000000),
    });
  });

  it('is null for GET stream ids and anything malformed', () => {
    for (const id of [undefined, '', '17', `${R}`, `${R}:`, `${R}:x1`, `${R}:-1`, 'zz:1', [R]]) {
      expect(parseRequestEventId(id)).toBeNull();
    }
  });
});

describe('supportsSsePolling', () => {
  it('starts with 2025-11-25', () => {
    expect(supportsSsePolling('2025-06-18')).toBe(false);
    expect(supportsSsePolling('2025-11-25')).toBe(true);
  });
});
