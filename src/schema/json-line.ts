/**
 * The line (1-based) where the value at a JSON pointer ("/roles/3/permission_names") starts in a JSON text, for
 * annotations on the file a person edited; the nearest existing ancestor's line when the pointer goes further than
 * the text (a missing key), 1 for the root, null when the text is not JSON. One pass, no tree built: snapshot.json
 * can be megabytes.
 */
export function lineOfPointer(text: string, pointer: string): number | null {
  const want = pointer === '' || pointer === '/' ? [] : pointer.replace(/^\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  let line = 1;
  const space = () => {
    while (i < text.length && /[\s]/.test(text[i])) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  /** Skips one value; returns false on a syntax problem. */
  const skip = (): boolean => {
    space();
    const c = text[i];
    if (c === '"') return string(), true;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) return i++, true;
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') return false;
          string();
          space();
          if (text[i] !== ':') return false;
          i++;
        }
        if (!skip()) return false;
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === close) return i++, true;
        return false;
      }
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  space();
  let found = line;
  for (const key of want) {
    const c = text[i];
    if (c !== '{' && c !== '[') return found;
    i++;
    let index = 0;
    let hit = false;
    space();
    while (i < text.length && text[i] !== (c === '{' ? '}' : ']')) {
      let name = String(index);
      if (c === '{') {
        space();
        if (text[i] !== '"') return null;
        name = string();
        space();
        if (text[i] !== ':') return null;
        i++;
      }
      space();
      if (name === key) {
        hit = true;
        found = line;
        break;
      }
      if (!skip()) return null;
      space();
      if (text[i] === ',') i++;
      space();
      index++;
    }
    if (!hit) return found;
  }
  return found;
}
