import { apiError, type Reply } from './errors.js';

/** One field error in Discord's Invalid Form Body tree: a dotted path ("permission_overwrites.0.id") to a leaf. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** 400 50035 with Discord's nested `errors` tree ({ field: { 0: { id: { _errors: [...] } } } }). */
export function formErrors(list: FieldError[]): Reply {
  const errors: Record<string, unknown> = {};
  for (const e of list) {
    let node = errors;
    for (const key of e.path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as unknown[]).push({ code: e.code, message: e.message });
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

export const fieldError = (path: string, code: string, message: string): Reply => formErrors([{ path, code, message }]);

export const UNKNOWN_ROLE = (): Reply => apiError(404, 10011, 'Unknown Role');
export const UNKNOWN_EMOJI = (): Reply => apiError(404, 10014, 'Unknown Emoji');
export const UNKNOWN_OVERWRITE = (): Reply => apiError(404, 10009, 'Unknown Overwrite');
/** Discord documents no JSON code of its own for a missing AutoMod rule: the generic 404 body. */
export const UNKNOWN_AUTOMOD_RULE = (): Reply => apiError(404, 0, '404: Not Found');
export const MAX_ROLES = (): Reply => apiError(400, 30005, 'Maximum number of guild roles reached (250)');
export const MAX_CHANNELS = (): Reply => apiError(400, 30013, 'Maximum number of guild channels reached (500)');
export const MAX_EMOJIS = (): Reply => apiError(400, 30008, 'Maximum number of emojis reached');
export const INVALID_JSON = (): Reply => apiError(400, 50109, 'The request body contains invalid JSON.');
export const TOO_LARGE = (): Reply => apiError(413, 40005, 'Request entity too large');
export const METHOD_NOT_ALLOWED = (): Reply => apiError(405, 0, '405: Method Not Allowed');
export const CATEGORY_FULL = (): Reply =>
  fieldError('parent_id', 'CHANNEL_PARENT_MAX_CHANNELS', 'Maximum number of channels in category reached (50)');
