import { it } from 'vitest';
import { runAudit, renderAuditText } from '../../../src/audit/index.js';
it('scratch', async () => {
  const src = (await import('fs')).readFileSync('test/unit/audit/score.test.ts', 'utf8');
  void src;
});
