import { describe, expect, it } from 'vitest';
import { fromTableKey, toTableKey } from '../../../../src/platform/storage/tableKeys.js';

describe('table keys', () => {
  it.each(['a:1XyZ-personal', '19:abc@thread.tacv2;messageid=1700000000', 'with/slash\\back#hash?query', 'ünïcode ✓'])(
    'turn %j into a key without characters Table Storage forbids, and back',
    (id) => {
      const key = toTableKey(id);

      // eslint-disable-next-line no-control-regex -- control characters are exactly what keys may not hold
      expect(key).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
      expect(fromTableKey(key)).toBe(id);
    },
  );
});
