import { describe, expect, it } from 'vitest';
import { ignoredEdits } from '../../../src/action/ignored-edits.js';

const base = {
  meta: { schema_version: '2.2.0' }, server: { name: 'A', owner: '', member_count: 10 },
  roles: [{ id: '1', name: 'Mods', permissions: '0', member_count: 3 }], channels: [{ id: '2', name: 'general', last_message_id: null }],
  threads: [], automod: [],
};

describe('ignoredEdits', () => {
  it('names the edits a restore ignores and none of the ones it applies', () => {
    const head = structuredClone(base);
    head.server.name = 'B';
    head.server.member_count = 99;
    head.roles[0].permissions = '8';
    head.roles[0].member_count = 0;
    head.channels[0].name = 'chat';
    (head.threads as unknown[]).push({ id: '3' });
    (head.automod as unknown[]).push({ id: '4' });
    expect(ignoredEdits(JSON.stringify(base), JSON.stringify(head))).toEqual(['roles.member_count', 'server.member_count', 'threads']);
    expect(ignoredEdits(JSON.stringify(base), JSON.stringify(base))).toEqual([]);
    expect(ignoredEdits('not json', JSON.stringify(base))).toEqual([]);
  });
});
