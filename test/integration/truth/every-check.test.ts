import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoGuild } from '../../../src/fake-discord/index.js';
import { COLLECTOR_NAMES } from '../../../src/collectors/index.js';
import { CHECKS, defaultAuditConfig } from '../../../src/audit/index.js';
import { evaluate } from '../../../src/audit/run.js';
import { memberCountOf } from '../../../src/audit/context.js';
import { coverageMap, type Section } from '../../../src/schema/coverage.js';
import { fromWire } from '../../../src/schema/wire.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

const guild = demoGuild();

/** Exports the demo guild through the fake Discord with `extra` arguments; returns export.json in memory form. */
async function exportWith(dir: string, name: string, env: NodeJS.ProcessEnv, extra: string[]): Promise<GuildExport> {
  const out = join(dir, name);
  const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json', ...extra], env);
  expect(run.code, run.stderr).toBe(0);
  const raw = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as Record<string, unknown>;
  fromWire(raw);
  return raw as unknown as GuildExport;
}

/** What each check reads (from the view) and concludes over `exp`. */
function judge(exp: GuildExport) {
  const inputs = { coverage: coverageMap(exp), memberCount: memberCountOf(exp) };
  return new Map(CHECKS.map((c) => [c.meta.id, evaluate(c, exp, inputs, defaultAuditConfig())]));
}

describe('every check with each collector missing in turn', () => {
  const ctx = useFakeDiscord([guild]);

  it('is pass or fail only when it reads none of the missing collector\'s data (direct or derived)', async () => {
    const full = await exportWith(ctx.dir, 'full', ctx.env(), []);
    const baseline = judge(full);
    // Sanity: over the full export most checks are conclusive, so the assertions below bite.
    expect([...baseline.values()].filter((e) => e.run.outcome === 'pass' || e.run.outcome === 'fail').length).toBeGreaterThan(15);
    let judged = 0;
    for (const name of COLLECTOR_NAMES) {
      const exp = await exportWith(ctx.dir, `skip-${name}`, ctx.env(), ['--skip', name]);
      const missing = new Set([...coverageMap(exp)].filter(([, c]) => c.state === 'not_collected').map(([s]) => s));
      expect(missing.size, name).toBeGreaterThan(0);
      const now = judge(exp);
      for (const check of CHECKS) {
        const id = check.meta.id;
        const e = now.get(id)!;
        const written = exp.summary.checks.find((c) => c.id === id)!;
        expect(written.outcome, `${id} with ${name} skipped`).toBe(e.run.outcome);
        const touches = (reads: Set<Section>) => [...reads].filter((s) => missing.has(s));
        if (e.run.outcome === 'pass' || e.run.outcome === 'fail') {
          judged++;
          expect(touches(e.reads), `${id} concluded ${e.run.outcome} while reading uncollected data with ${name} skipped`).toEqual([]);
          // Nor may it conclude by not reading what it reads when the data is there.
          expect(touches(baseline.get(id)!.reads), `${id} reads ${name}'s data in a full export`).toEqual([]);
        } else if (touches(baseline.get(id)!.reads).length > 0) {
          expect(e.run.message, `${id} with ${name} skipped`).toMatch(/ not collected: |^Not conclusive: /);
        }
      }
    }
    expect(judged).toBeGreaterThan(100);
  }, 120_000);
});
