/**
 * A first-come, first-served lock. The PGlite driver holds it for as long as Kysely holds the
 * single connection, so one transaction never interleaves with another caller's statements.
 */
export interface AsyncMutex {
  /** Waits until the lock is free, takes it, and returns the function that gives it back. */
  acquire(): Promise<() => void>;
}

/** Creates an unlocked {@link AsyncMutex}. */
export function createAsyncMutex(): AsyncMutex {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire() {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const turn = tail.then(() => {
        let released = false;
        // Releasing twice must not hand the lock to two waiters.
        return () => {
          if (released) return;
          released = true;
          release();
        };
      });
      tail = tail.then(() => held);
      return turn;
    },
  };
}
