import type { IncomingMessage } from 'node:http';

/** Which `Origin` and `Host` values an edge accepts. */
export interface OriginPolicy {
  /** Exact origins (`scheme://host[:port]`) allowed besides loopback ones; `*` allows any. */
  readonly allowedOrigins: readonly string[];
  /** Host names (without port) allowed in the Host header; empty allows any. */
  readonly allowedHosts: readonly string[];
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Whether an address the edge binds to only accepts connections from this machine. */
export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host) || host.startsWith('127.');
}

/**
 * The default policy: an edge bound to loopback accepts only loopback Host headers, which stops
 * DNS rebinding; an edge bound elsewhere accepts any Host. Browser origins are refused unless
 * they are loopback or listed.
 */
export function defaultOriginPolicy(
  bindHost: string,
  extraOrigins: readonly string[] = [],
  hosts: readonly string[] = [],
): OriginPolicy {
  return {
    allowedOrigins: extraOrigins,
    allowedHosts: hosts.length ? hosts : isLoopbackAddress(bindHost) ? LOOPBACK_HOSTS : [],
  };
}

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

/**
 * Checks a request's Origin and Host headers against the policy; returns why it is refused, or
 * null. Requests without Origin (non-browser clients) pass the origin check.
 */
export function checkOrigin(req: IncomingMessage, policy: OriginPolicy): string | null {
  const host = req.headers.host;
  if (policy.allowedHosts.length) {
    if (!host || !policy.allowedHosts.includes(hostName(host).toLowerCase())) {
      return `Host ${JSON.stringify(host ?? '')} is not allowed`;
    }
  }
  const origin = req.headers.origin;
  if (origin === undefined || origin === '') return null;
  if (policy.allowedOrigins.includes('*') || policy.allowedOrigins.includes(origin)) return null;
  try {
    const url = new URL(origin);
    if (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      isLoopbackAddress(url.hostname)
    ) {
      return null;
    }
  } catch {
    return `Origin ${JSON.stringify(origin)} is malformed`;
  }
  return `Origin ${JSON.stringify(origin)} is not allowed`;
}
