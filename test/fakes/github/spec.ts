/** Lazily loaded copy of GitHub's OpenAPI description (npm @octokit/openapi), shared by every fake in a process. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface OpenApiSpec {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown>; examples: Record<string, { value: unknown }> };
}
export interface OpenApiOperation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

let cached: OpenApiSpec | undefined;

/** Parses the non-dereferenced description once (about 13 MB; the deref'd one is 73 MB and slower to compile). */
export function loadSpec(): OpenApiSpec {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    cached = JSON.parse(readFileSync(file, 'utf8')) as OpenApiSpec;
  }
  return cached;
}

/** A deep copy of one of GitHub's documented example responses, e.g. 'issue' or 'pull-request'. */
export function example<T = Record<string, unknown>>(name: string): T {
  const found = loadSpec().components.examples[name];
  if (!found) throw new Error(`OpenAPI example "${name}" is missing from @octokit/openapi; check the package version.`);
  return structuredClone(found.value) as T;
}
