import { oneLine } from '../text/escape.js';
import type { FieldChange, Operation, OpKind, Plan } from './types.js';

const SYMBOL = { create: '+', update: '~', delete: '-', skip: '!' } as const;
const KIND_ORDER: OpKind[] = ['settings', 'role', 'positions', 'channel', 'overwrite', 'automod', 'welcome-screen', 'onboarding', 'member-roles', 'emoji', 'sticker'];
const PERMISSION_FIELDS = new Set(['permissions', 'allow', 'deny']);

export function summaryOf(plan: Plan) {
  const ops = plan.steps.map((s) => s.op);
  const count = (a: Operation['action']) => ops.filter((o) => o.action === a).length;
  return { create: count('create'), update: count('update'), delete: count('delete'), skip: count('skip'), estimated_seconds: plan.estimatedSeconds };
}

/** `plan --json`: the document plan.schema.json describes (names as Discord gave them: JSON escapes them). */
export function planJson(plan: Plan): string {
  return `${JSON.stringify({ operations: plan.steps.map((s) => s.op), summary: summaryOf(plan) }, null, 2)}\n`;
}

/** The plan for people, like `terraform plan`: grouped by kind, each change as before -> after, counts at the end. */
export function planText(plan: Plan): string {
  const lines: string[] = [];
  const ops = plan.steps.map((s) => s.op);
  for (const kind of KIND_ORDER) {
    const mine = ops.filter((o) => o.kind === kind);
    if (mine.length === 0) continue;
    lines.push(`${heading(kind)}:`);
    // Deletions are listed apart, after everything else, as apply runs them last.
    for (const op of [...mine.filter((o) => o.action !== 'delete'), ...mine.filter((o) => o.action === 'delete')]) lines.push(...operationLines(op));
    lines.push('');
  }
  const s = summaryOf(plan);
  if (s.create + s.update + s.delete === 0) lines.push('No changes: the server matches the source.');
  lines.push(`Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.skip} skipped.`);
  if (plan.estimatedSeconds > 60) lines.push(`Discord's rate limits make this take about ${duration(plan.estimatedSeconds)}.`);
  lines.push(...plan.notes);
  return `${lines.join('\n')}\n`;
}

export function operationLines(op: Operation): string[] {
  const match = op.match === 'name' ? ' (matched by name)' : '';
  const lines = [`  ${SYMBOL[op.action]} ${oneLine(op.name, 120)}${match}`];
  for (const [field, change] of Object.entries(op.changes ?? {})) lines.push(`      ${field}: ${changeText(field, change, op.action)}`);
  if (op.reason) lines.push(`      reason: ${oneLine(op.reason, 400)}`);
  return lines;
}

function changeText(field: string, change: FieldChange, action: Operation['action']): string {
  if (PERMISSION_FIELDS.has(field) && (Array.isArray(change.after) || Array.isArray(change.before))) {
    const before = new Set((change.before as string[] | null) ?? []);
    const after = new Set((change.after as string[] | null) ?? []);
    const added = [...after].filter((p) => !before.has(p)).map((p) => `+${p}`);
    const removed = [...before].filter((p) => !after.has(p)).map((p) => `-${p}`);
    return [...added, ...removed].join(' ') || '(none)';
  }
  if (action === 'create') return value(change.after);
  return `${value(change.before)} -> ${value(change.after)}`;
}

function value(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(oneLine(v, 120));
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? `[${v.map((x) => oneLine(x as string, 60)).join(', ')}]` : oneLine(JSON.stringify(v), 200);
  return oneLine(JSON.stringify(v), 200);
}

function heading(kind: OpKind): string {
  return { settings: 'Server settings', role: 'Roles', positions: 'Positions', channel: 'Channels', overwrite: 'Permission overwrites', automod: 'AutoMod rules', 'welcome-screen': 'Welcome screen', onboarding: 'Onboarding', 'member-roles': 'Member roles', emoji: 'Emojis', sticker: 'Stickers' }[kind];
}

export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 3600)} hours`;
}
