import { describe, expect, it } from 'vitest';
import { lineOfPointer } from '../../../src/schema/json-line.js';

const text = `{
  "meta": { "schema_version": "2.2.0" },
  "roles": [
    {
      "id": "1",
      "name": "a \\" } ] tricky",
      "permission_names": ["Administrator"]
    },
    {
      "id": "2",
      "permission_names": [
        "NotAPermission"
      ]
    }
  ],
  "a/b": 1
}
`;

describe('lineOfPointer', () => {
  it('finds the line where the value at a JSON pointer starts, past strings holding brackets', () => {
    expect(lineOfPointer(text, '')).toBe(1);
    expect(lineOfPointer(text, '/meta/schema_version')).toBe(2);
    expect(lineOfPointer(text, '/roles/0')).toBe(4);
    expect(lineOfPointer(text, '/roles/0/permission_names')).toBe(7);
    expect(lineOfPointer(text, '/roles/1/permission_names/0')).toBe(12);
    expect(lineOfPointer(text, '/a~1b')).toBe(16);
  });

  it('points at the nearest existing ancestor for a missing key, and gives null for text that is not JSON', () => {
    expect(lineOfPointer(text, '/roles/1/color')).toBe(9);
    expect(lineOfPointer(text, '/roles/7')).toBe(3);
    expect(lineOfPointer('{"a": [1, 2', '/b')).toBeNull();
  });
});
