import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileMemberSink, NullMemberSink, type MemberSink } from '../../../src/collectors/member-sink.js';
import type { ExportMember } from '../../../src/schema/types.js';

const dir = mkdtempSync(join(tmpdir(), 'member-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (i: number): ExportMember => ({
  id: String(100000000000000000n + BigInt(i)), name: `user${i}`, display_name: i % 3 ? `Ünïcode ${i} 🎮` : null, nick: null,
  roles: i % 2 ? ['200000000000000001'] : [], joined_at: '2024-01-01T00:00:00.000Z', bot: false, pending: false,
  premium_since: null, communication_disabled_until: null,
});

describe('FileMemberSink', () => {
  it('gives back every record, in order, as the members section of export.json (bytes, not records)', async () => {
    const sink = new FileMemberSink(join(dir, 'spool.ndjson'));
    const n = 25_000; // several 256 KiB read chunks, multi-byte characters straddling some of them
    for (let page = 0; page < n; page += 1000) {
      await sink.add(Array.from({ length: Math.min(1000, n - page) }, (_, k) => record(page + k)));
    }
    await sink.close();
    const chunks: Buffer[] = [];
    for await (const chunk of sink.jsonSection()) chunks.push(Buffer.from(chunk));
    expect(chunks.length).toBeGreaterThan(1);
    // Raw bytes: a multi-byte character may straddle two chunks, so decode only the whole.
    const text = Buffer.concat(chunks).toString('utf8');
    // The section is the members array's content in export.json: one compact record per line.
    expect(text.split('\n')).toHaveLength(n + 1);
    expect(JSON.parse(`[${text}]`)).toEqual(Array.from({ length: n }, (_, i) => record(i)));
    sink.dispose();
    expect(existsSync(join(dir, 'spool.ndjson'))).toBe(false);
  });

  it('gives nothing when nothing was added, and the null sink keeps nothing', async () => {
    const empty = new FileMemberSink(join(dir, 'never.ndjson'));
    await empty.close();
    const got: unknown[] = [];
    for await (const chunk of empty.jsonSection()) got.push(chunk);
    expect(got).toEqual([]);
    const none: MemberSink = new NullMemberSink();
    await none.add([record(1)]);
    for await (const chunk of none.jsonSection()) got.push(chunk);
    expect(got).toEqual([]);
  });
});
