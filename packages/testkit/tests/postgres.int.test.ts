import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, findPsql, startPostgresServer } from '../src/index.js';
import { runCommand } from '../src/run-command.js';
import { canConnect, hostPort } from './helpers.js';

const psql = findPsql();

async function query(url: string, sql: string): Promise<string> {
  const out = await runCommand(psql!, ['-X', '-At', '-d', url, '-c', sql]);
  return out.trim();
}

describe.skipIf(!psql)('createTestDatabase', () => {
  const created: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
  });

  it('creates a fresh, empty database that psql can query', async () => {
    const db = await createTestDatabase();
    created.push(db);
    expect(db.url).toMatch(/^postgres(ql)?:\/\//);
    expect(new URL(db.url).pathname).toBe(`/${db.name}`);
    expect(await query(db.url, 'select 1')).toBe('1');
    expect(await query(db.url, 'select current_database()')).toBe(db.name);
    const tables = "select count(*) from pg_tables where schemaname = 'public'";
    expect(await query(db.url, tables)).toBe('0');
  });

  it('gives every call its own database and drops it', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    created.push(a, b);
    expect(a.name).not.toBe(b.name);
    await query(a.url, 'create table t (x int)');
    expect(await query(b.url, "select count(*) from pg_tables where tablename = 't'")).toBe('0');

    await a.drop();
    await a.drop();
    const exists = `select count(*) from pg_database where datname = '${a.name}'`;
    expect(await query(b.url, exists)).toBe('0');
  });

  it('drops a database that still has open connections', async () => {
    const db = await createTestDatabase();
    created.push(db);
    const holder = runCommand(psql!, ['-X', '-d', db.url, '-c', 'select pg_sleep(30)']);
    holder.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db.drop();
    await expect(holder).rejects.toThrow();
  });
});

describe.skipIf(!psql)('startPostgresServer', () => {
  it('starts a private server on 127.0.0.1 and stops it', async () => {
    const server = await startPostgresServer();
    const { host, port } = hostPort(server.adminUrl);
    expect(host).toBe('127.0.0.1');
    expect(await query(server.adminUrl, 'select 1')).toBe('1');
    expect(await query(server.adminUrl, 'show fsync')).toBe('off');
    expect(await query(server.adminUrl, 'show listen_addresses')).toBe('127.0.0.1');
    await server.stop();
    await server.stop();
    expect(await canConnect(host, port)).toBe(false);
  });
});
