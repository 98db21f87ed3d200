/**
 * cl100k token counting, loaded on first use: the tokenizer's tables take ~35 MB and ~25 ms to build, and an
 * export needs them only at the end (for the prompt), not during the member scan, where memory peaks.
 * "eager" keeps the module in the bundle itself (no extra file in dist/) while still evaluating it lazily.
 */
type CountTokens = (text: string) => number;
let loading: Promise<CountTokens> | null = null;

/** True once something has asked for the counter (the export starts it early for small guilds). */
export function tokenCounterRequested(): boolean {
  return loading !== null;
}

export function loadTokenCounter(): Promise<CountTokens> {
  loading ??= import(/* webpackMode: "eager" */ 'gpt-tokenizer/encoding/cl100k_base').then((m) => m.countTokens);
  return loading;
}
