/**
 * The calls a tool service instance is running, by session and JSON-RPC id, so a client's
 * cancellation (published to every instance) aborts the one that runs it.
 */
export interface CancelRegistry {
  /** Registers a running call; returns its cancel signal and a function to call when it ends. */
  track(
    sessionId: string | undefined,
    rpcId: string | undefined,
  ): { signal: AbortSignal; done(): void };
  /** Aborts the call, if this instance runs it; returns whether it did. */
  cancel(sessionId: string, rpcId: string, reason?: string): boolean;
  readonly size: number;
}

/** Creates an empty registry. */
export function createCancelRegistry(): CancelRegistry {
  const running = new Map<string, AbortController>();
  const keyOf = (sessionId: string, rpcId: string): string => `${sessionId}\u0000${rpcId}`;
  return {
    track(sessionId, rpcId) {
      const controller = new AbortController();
      if (!sessionId || !rpcId) return { signal: controller.signal, done: () => undefined };
      const key = keyOf(sessionId, rpcId);
      running.set(key, controller);
      return {
        signal: controller.signal,
        done: () => {
          if (running.get(key) === controller) running.delete(key);
        },
      };
    },
    cancel(sessionId, rpcId, reason) {
      const controller = running.get(keyOf(sessionId, rpcId));
      if (!controller) return false;
      controller.abort(new Error(reason ?? 'cancelled by the client'));
      return true;
    },
    get size() {
      return running.size;
    },
  };
}
