import { createServer } from 'node:net';

/**
 * Asks the kernel for a free TCP port on `host` (bind to port 0, read it, close). Another process
 * may take it before the caller binds it, so callers retry when the bind fails.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
