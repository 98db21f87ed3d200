/**
 * cl100k token counting, loaded on first use: the tokenizer's tables take ~35 MB and ~25 ms to build, and an
 * export needs them only for the prompt (a large guild at the end, not during the member scan, where memory
 * peaks; a small one while it waits on Discord: see pipeline/warm-tokenizer.ts). In the bundles the tables are a
 * chunk file of their own: inside the bundle, their 1.2 MB of source were parsed at every start, tokenizer or not
 * (`--version`: ~40 ms of ~260 on Node 20, ~70 ms of ~230 on Node 24).
 */
type CountTokens = (text: string) => number;
let loading: Promise<CountTokens> | null = null;

/** True once something has asked for the counter (the export starts it early for small guilds). */
export function tokenCounterRequested(): boolean {
  return loading !== null;
}

export function loadTokenCounter(): Promise<CountTokens> {
  loading ??= import('gpt-tokenizer/encoding/cl100k_base').then((m) => m.countTokens);
  return loading;
}
