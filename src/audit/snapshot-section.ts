/** Replaces snapshot.md's health section (from '## Health' to the next '## ' heading or the end), or appends it. */
export function replaceHealthSection(markdown: string, section: string): string {
  const body = section.endsWith('\n') ? section : `${section}\n`;
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^## Health\s*$/.test(l));
  if (start === -1) {
    if (markdown.trim() === '') return body;
    return `${markdown.replace(/\n*$/, '')}\n\n${body}`;
  }
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  return `${before}${before ? '\n' : ''}${body}${after ? `\n${after}` : ''}`;
}
