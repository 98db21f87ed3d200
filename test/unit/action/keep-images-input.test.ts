import { describe, expect, it } from 'vitest';
import { InputError, parseInputs, type RawInputs } from '../../../src/action/inputs.js';

const base: Partial<RawInputs> = { 'discord-token': 'bot-token-value', 'guild-id': '123456789012345678', 'github-token': 'ghs_x' };
const inRepo = { hasRepository: true };

describe('keep-images input', () => {
  it('is off unless set to true, and refuses anything but true or false', () => {
    expect(parseInputs(base, inRepo).keepImages).toBe(false);
    expect(parseInputs({ ...base, 'keep-images': 'true' }, inRepo).keepImages).toBe(true);
    expect(parseInputs({ ...base, 'keep-images': 'false' }, inRepo).keepImages).toBe(false);
    let caught: unknown;
    try {
      parseInputs({ ...base, 'keep-images': 'yes' }, inRepo);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).problems).toEqual(['keep-images must be true or false (got "yes").']);
  });
});
