import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { emptyExport } from '../../../src/schema/empty.js';
import { validateExport } from '../../../src/schema/validate.js';
import { toSnapshotJson } from '../../../src/writers/snapshot-json.js';
import { fixtureExport, sf, WEBHOOK_TOKEN } from '../writers/fixture.js';

describe('export.schema.json', () => {
  it('accepts an empty export and a fully populated one', () => {
    expect(validateExport(emptyExport(sf(1)))).toEqual({ valid: true, errors: [] });
    expect(validateExport(fixtureExport())).toEqual({ valid: true, errors: [] });
  });

  it('accepts the privacy-filtered snapshot.json', () => {
    expect(validateExport(toSnapshotJson(fixtureExport()))).toEqual({ valid: true, errors: [] });
    expect(validateExport(toSnapshotJson(fixtureExport(), { includeInviteCodes: true, includeMemberIds: true })).valid).toBe(true);
  });

  it('rejects a webhook that carries a token, naming the key', () => {
    const exp = fixtureExport();
    (exp.webhooks[0] as unknown as Record<string, unknown>).token = WEBHOOK_TOKEN;
    const result = validateExport(exp);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/webhooks\/0: unexpected key "token"/);
  });

  it('rejects ids that are not snowflakes, missing keys and wrong types', () => {
    const exp = fixtureExport();
    exp.roles[1].id = '12345';
    delete (exp as Partial<typeof exp>).errors;
    (exp.channels[0] as unknown as Record<string, unknown>).nsfw = 'no';
    const { valid, errors } = validateExport(exp);
    expect(valid).toBe(false);
    const text = errors.join('\n');
    expect(text).toContain('/roles/1/id');
    expect(text).toContain("must have required property 'errors'");
    expect(text).toContain('/channels/0/nsfw');
  });

  it('rejects unknown top-level keys and a bad timestamp', () => {
    const exp = fixtureExport() as unknown as Record<string, unknown>;
    exp.bot_token = 'x';
    (exp.meta as { exported_at: string }).exported_at = 'yesterday';
    const text = validateExport(exp).errors.join('\n');
    expect(text).toContain('unexpected key "bot_token"');
    expect(text).toContain('/meta/exported_at');
  });

  it('lists every GuildExport key as required, in the type order', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../src/schema/export.schema.json', import.meta.url), 'utf8'));
    expect(schema.required).toEqual(Object.keys(emptyExport(sf(1))));
    expect(Object.keys(schema.properties)).toEqual(Object.keys(emptyExport(sf(1))));
  });
});
