// The export configuration both bench children build from the parent's environment (BENCH_* variables).
export function benchConfig(env, overrides) {
  return {
    token: env.BENCH_TOKEN,
    apiBase: env.BENCH_API_BASE,
    demo: false,
    only: null,
    skip: [],
    members: env.BENCH_MEMBERS ?? 'full',
    maxMembers: null,
    formats: ['json', 'markdown', 'prompt', 'zip'],
    strict: false,
    auditConfigPath: null,
    promptBudget: 12_000,
    rateLimitOffsetMs: Number(env.BENCH_OFFSET_MS ?? 50),
    globalRequestsPerSecond: Number(env.BENCH_GLOBAL ?? 50),
    ...overrides,
  };
}
