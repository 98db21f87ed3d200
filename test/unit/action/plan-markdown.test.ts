import { describe, expect, it } from 'vitest';
import { pathsIn, planMarkdown, pointerOf } from '../../../src/action/plan-markdown.js';

describe('planMarkdown', () => {
  it('puts the plan in a diff block whose fence no name can close', () => {
    const md = planMarkdown('123456789012345678', 'Plan for Pixel Harbor', 'Roles:\n  + ```evil\n  ~ Mods\n      permissions: +Administrator\n');
    expect(md).toContain('````diff\nRoles:\n+ ```evil\n~ Mods\n      permissions: +Administrator\n````');
    expect(md.split('\n')[0]).toBe('### Plan for Pixel Harbor (`123456789012345678`)');
  });
});

describe('JSON paths in messages', () => {
  it('finds paths in either notation and turns them into pointers', () => {
    const message = 'snapshot.json: roles[3].permission_names[0] "Nope" is not a Discord permission name; /channels/2/type: must be integer';
    expect(pathsIn(message)).toEqual(['roles[3].permission_names[0]', '/channels/2/type']);
    expect(pointerOf('roles[3].permission_names[0]')).toBe('/roles/3/permission_names/0');
    expect(pointerOf('/channels/2/type')).toBe('/channels/2/type');
    // The export reader names paths from the root ($.channels[2].name).
    expect(pathsIn('snapshot.json is not a valid export: $.channels[2].name must be string (got number)')).toEqual(['channels[2].name']);
  });
});
