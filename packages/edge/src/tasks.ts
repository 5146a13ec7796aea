import { randomBytes } from 'node:crypto';
import {
  ErrorCode,
  GatewayError,
  subjects,
  tasksBucket,
  type JsonRpcErrorObject,
  type RequestCancelledEvent,
} from '@stockpulse/protocol';
import type { Bus, KvEntry, KvStore } from '@stockpulse/bus';
import { paginate } from './pagination.js';

/**
 * Tasks of the 2025-11-25 revision: a `tools/call` with `params.task` is answered at once with a
 * task, runs in the background, and is followed with tasks/get, tasks/result, tasks/list and
 * tasks/cancel. A task lives in the `mcpgw-tasks` bucket under `<session id>.<task id>`, so any
 * edge answers for it; the edge that started it runs the call and writes the outcome.
 */

/** Task states (`input_required` is not used: a task never asks the client). */
export type TaskStatus = 'working' | 'completed' | 'failed' | 'cancelled';

/** A task as stored. */
export interface TaskRecord {
  readonly taskId: string;
  readonly sessionId: string;
  /** The id its call carries on the bus, which cancellation names. */
  readonly rpcId: string;
  readonly status: TaskStatus;
  readonly statusMessage?: string;
  readonly createdAt: string;
  readonly lastUpdatedAt: string;
  /** Retention from creation in ms. */
  readonly ttl: number;
  readonly pollInterval: number;
  readonly result?: Record<string, unknown>;
  readonly error?: JsonRpcErrorObject;
}

/** Longest retention a client may ask for (the bucket's TTL). */
export const MAX_TASK_TTL_MS = tasksBucket.ttlMs;
const DEFAULT_TTL_MS = 600_000;
const POLL_INTERVAL_MS = 1_000;

/** The `_meta` key that ties a message to its task. */
export const RELATED_TASK = 'io.modelcontextprotocol/related-task';

function isTerminal(status: TaskStatus): boolean {
  return status !== 'working';
}

/** The task as clients see it (no result, no internal ids). */
export function publicTask(t: TaskRecord): Record<string, unknown> {
  return {
    taskId: t.taskId,
    status: t.status,
    ...(t.statusMessage ? { statusMessage: t.statusMessage } : {}),
    createdAt: t.createdAt,
    lastUpdatedAt: t.lastUpdatedAt,
    ttl: t.ttl,
    pollInterval: t.pollInterval,
  };
}

/** The tasks of every session, in NATS KV. */
export interface TaskStore {
  /** Creates a working task for a session; `requested` is the client's ttl, if any. */
  create(sessionId: string, requested: unknown): Promise<TaskRecord>;
  /** The session's task, or `not_found` (unknown, another session's, or expired). */
  get(sessionId: string, taskId: string): Promise<TaskRecord>;
  /** Records the end of a task unless it already ended (a cancelled task stays cancelled). */
  finish(
    task: TaskRecord,
    outcome: Pick<TaskRecord, 'status' | 'statusMessage' | 'result' | 'error'>,
  ): Promise<TaskRecord>;
  /** Ends a working task as cancelled; `invalid_params` when it already ended. */
  cancel(sessionId: string, taskId: string): Promise<TaskRecord>;
  /** Resolves with the task once it has ended (or when `timeoutMs` passes: `deadline_exceeded`). */
  waitForEnd(sessionId: string, taskId: string, timeoutMs: number): Promise<TaskRecord>;
  list(sessionId: string, cursor: unknown, pageSize: number): Promise<Record<string, unknown>>;
}

const TASK_ID = /^[0-9a-f]{32}$/;

/** Opens the task store over the tasks bucket. */
export async function createTaskStore(bus: Bus): Promise<TaskStore> {
  const kv: KvStore = await bus.kv(tasksBucket.bucket);
  const keyOf = (sessionId: string, taskId: string): string => {
    if (!TASK_ID.test(taskId)) throw notFound(taskId);
    return `${sessionId}.${taskId}`;
  };
  const notFound = (taskId: string) =>
    new GatewayError(ErrorCode.InvalidParams, `Unknown task: ${taskId}`, { details: { taskId } });
  const read = async (sessionId: string, taskId: string): Promise<KvEntry> => {
    const e = await kv.get(keyOf(sessionId, taskId));
    if (!e) throw notFound(taskId);
    return e;
  };
  /** Writes an ended state only over a working one; returns what is stored in the end. */
  const end = async (
    sessionId: string,
    taskId: string,
    change: (t: TaskRecord) => TaskRecord,
  ): Promise<TaskRecord> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const e = await read(sessionId, taskId);
      const current = e.json<TaskRecord>();
      if (isTerminal(current.status)) return current;
      const next = change(current);
      try {
        await kv.update(e.key, JSON.stringify(next), e.revision);
        return next;
      } catch (err) {
        if (!(err instanceof GatewayError && err.code === ErrorCode.Conflict)) throw err;
      }
    }
    throw new GatewayError(ErrorCode.Conflict, `task ${taskId} keeps changing`);
  };
  return {
    async create(sessionId, requested) {
      const ttl =
        typeof requested === 'number' && Number.isInteger(requested) && requested > 0
          ? Math.min(requested, MAX_TASK_TTL_MS)
          : DEFAULT_TTL_MS;
      const now = new Date().toISOString();
      const task: TaskRecord = {
        taskId: randomBytes(16).toString('hex'),
        sessionId,
        rpcId: `task-${randomBytes(8).toString('hex')}`,
        status: 'working',
        createdAt: now,
        lastUpdatedAt: now,
        ttl,
        pollInterval: POLL_INTERVAL_MS,
      };
      await kv.create(keyOf(sessionId, task.taskId), JSON.stringify(task));
      return task;
    },
    async get(sessionId, taskId) {
      return (await read(sessionId, taskId)).json<TaskRecord>();
    },
    finish(task, outcome) {
      return end(task.sessionId, task.taskId, (t) => ({
        ...t,
        ...outcome,
        lastUpdatedAt: new Date().toISOString(),
      }));
    },
    async cancel(sessionId, taskId) {
      const before = (await read(sessionId, taskId)).json<TaskRecord>();
      if (isTerminal(before.status)) {
        throw new GatewayError(
          ErrorCode.InvalidParams,
          `Task ${taskId} has already ended (${before.status}) and cannot be cancelled`,
        );
      }
      const after = await end(sessionId, taskId, (t) => ({
        ...t,
        status: 'cancelled',
        statusMessage: 'cancelled by the client',
        lastUpdatedAt: new Date().toISOString(),
      }));
      // Whatever the call still does, its result is not used; tell its worker to stop.
      const event: RequestCancelledEvent = {
        sessionId,
        rpcId: JSON.stringify(after.rpcId),
        reason: 'task cancelled',
      };
      bus.publish(subjects.requestCancelled(), JSON.stringify(event));
      return after;
    },
    async waitForEnd(sessionId, taskId, timeoutMs) {
      const key = keyOf(sessionId, taskId);
      const now = (await read(sessionId, taskId)).json<TaskRecord>();
      if (isTerminal(now.status)) return now;
      return new Promise<TaskRecord>((resolve, reject) => {
        let stop: () => void = () => undefined;
        const timer = setTimeout(() => {
          stop();
          reject(new GatewayError(ErrorCode.DeadlineExceeded, `task ${taskId} is still working`));
        }, timeoutMs);
        kv.watch(
          (e) => {
            if (e.operation !== 'PUT') {
              clearTimeout(timer);
              stop();
              reject(notFound(taskId));
              return;
            }
            const t = e.json<TaskRecord>();
            if (!isTerminal(t.status)) return;
            clearTimeout(timer);
            stop();
            resolve(t);
          },
          { key },
        ).then(
          (s) => (stop = s),
          (err: unknown) => {
            clearTimeout(timer);
            reject(GatewayError.from(err));
          },
        );
      });
    },
    async list(sessionId, cursor, pageSize) {
      const keys = (await kv.keys(`${sessionId}.*`)).sort();
      const page = paginate(keys, cursor, pageSize);
      const tasks: Record<string, unknown>[] = [];
      for (const key of page.items) {
        const e = await kv.get(key);
        if (e) tasks.push(publicTask(e.json<TaskRecord>()));
      }
      return { tasks, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  };
}
