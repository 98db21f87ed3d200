import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * A fetch that goes through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY matches the host (upper- and lower-case
 * spellings), as self-hosted runners behind a proxy expect. With no proxy variable set it connects directly (and
 * undici's "experimental" warning for the proxy agent never reaches the log).
 */
export function proxyAwareFetch(env: NodeJS.ProcessEnv = process.env): typeof globalThis.fetch {
  if (!PROXY_VARIABLES.some((name) => env[name])) return undiciFetch as unknown as typeof globalThis.fetch;
  const dispatcher = new EnvHttpProxyAgent();
  return ((url: string | URL, init?: RequestInit) =>
    undiciFetch(url, { ...(init as Record<string, unknown>), dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as typeof globalThis.fetch;
}
