/** A response the fake sends: a status and a JSON body. */
export interface Reply {
  status: number;
  body: unknown;
}

/** A Discord error reply: `{"message", "code"}` as the API sends it. */
export function apiError(status: number, code: number, message: string): Reply {
  return { status, body: { message, code } };
}

export const UNAUTHORIZED = (): Reply => apiError(401, 0, '401: Unauthorized');
export const NOT_FOUND = (): Reply => apiError(404, 0, '404: Not Found');
export const UNKNOWN_GUILD = (): Reply => apiError(404, 10004, 'Unknown Guild');
export const UNKNOWN_CHANNEL = (): Reply => apiError(404, 10003, 'Unknown Channel');
export const UNKNOWN_MEMBER = (): Reply => apiError(404, 10007, 'Unknown Member');
export const MISSING_ACCESS = (): Reply => apiError(403, 50001, 'Missing Access');
export const MISSING_PERMISSIONS = (): Reply => apiError(403, 50013, 'Missing Permissions');

/** 400 50035 with Discord's nested `errors` shape for one bad query field. */
export function invalidForm(field: string, code: string, message: string): Reply {
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { [field]: { _errors: [{ code, message }] } } } };
}

/** Reads an integer query parameter within [min, max]; returns the number or a 50035 reply. */
export function intParam(query: URLSearchParams, name: string, def: number, min: number, max: number): number | Reply {
  const raw = query.get(name);
  if (raw === null || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n)) return invalidForm(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not int.`);
  if (n < min) return invalidForm(name, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
  if (n > max) return invalidForm(name, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
  return n;
}
