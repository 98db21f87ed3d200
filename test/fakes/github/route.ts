/** The shape of one served REST operation and the context its handler receives. */
import type { GitStore } from './git-store.js';
import type { FakeState } from './state.js';

export interface RouteContext {
  state: FakeState;
  store: GitStore;
  /** Captures of the route's pattern, URL-decoded. */
  params: string[];
  query: URLSearchParams;
   
  body: any;
}
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
export interface Route {
  method: string;
  /** Matched against the path after /repos/{owner}/{repo}. */
  pattern: RegExp;
  /** The OpenAPI operation (path template, lower-case method) used for validation. */
  op: { path: string; method: string };
  handle(ctx: RouteContext): Promise<RouteResult>;
}

/** Shorthand to declare a route. */
export function route(method: string, pattern: RegExp, opPath: string, handle: Route['handle']): Route {
  return { method, pattern, op: { path: `/repos/{owner}/{repo}${opPath}`, method: method.toLowerCase() }, handle };
}
