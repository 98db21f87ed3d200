import { describe, expect, it } from 'vitest';
import { bareToken, redact, secretForms } from '../../../src/config/redact.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.redact.abcdefghijklmnopqrstuvwxyz';

describe('redact', () => {
  it('scrubs a token given as "Bot <token>" in both forms: prefixed and bare', () => {
    const text = `header Bot ${TOKEN}; echoed ${TOKEN}; again:${TOKEN}.`;
    expect(redact(text, [`Bot ${TOKEN}`])).toBe('header ***; echoed ***; again:***.');
    expect(redact(text, [`  bot   ${TOKEN} `])).not.toContain(TOKEN);
  });

  it('scrubs the header form the client sends when the token was given bare', () => {
    expect(redact(`Authorization: Bot ${TOKEN}`, [TOKEN])).toBe('Authorization: Bot ***');
  });

  it('leaves short values and missing secrets alone', () => {
    expect(redact('Bot abc and abc', ['Bot abc', null, undefined, ''])).toBe('Bot abc and abc');
  });
});

describe('secretForms and bareToken', () => {
  it('give the form as given and the bare token the client sends', () => {
    expect(bareToken(`Bot ${TOKEN}`)).toBe(TOKEN);
    expect(secretForms(`Bot ${TOKEN}`)).toEqual([`Bot ${TOKEN}`, TOKEN]);
    expect(secretForms(TOKEN)).toEqual([TOKEN]);
  });
});
