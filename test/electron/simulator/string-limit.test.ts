/**
 * The importer and the simulator agree on the longest string Omneo takes (an inferred limit): the
 * importer's row check refuses exactly what the simulator's own rules refuse, so the preview never
 * says "valid" for a row the server then rejects.
 */
import { describe, expect, it } from 'vitest';
import { MAX_STRING_LENGTH, checkBatchRequest } from '../../../electron/simulator/batch-rules';
import { checkOptionsSchema } from '../../../shared/engine/check-options';
import { compileMapping } from '../../../shared/engine/compile-mapping';
import { evaluateRow } from '../../../shared/engine/evaluate-row';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import { limitedTextFields, maxStringLength, profileSchema } from '../../../shared/omneo/profile-schema';
import { columnLetter } from '../../../shared/source/source-table';

/** One row with `value` in a column mapped to `target`, plus an email to match on. */
function checkOne(target: string, value: string) {
  const columns = [
    ['email', 'email'],
    ['value', target],
  ] as const;
  const mapping: ColumnMapping[] = columns.map(([header, t], index) => ({
    column: index,
    letter: columnLetter(index),
    header,
    target: t,
    confidence: 1,
    source: 'user',
    reason: null,
  }));
  const infos = columns.map(([header], index) => ({ index, letter: columnLetter(index), header }));
  const compiled = compileMapping(mapping, infos, checkOptionsSchema.parse({}));
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('; '));
  return evaluateRow({ line: 2, cells: ['ana@example.com', value] }, compiled.plan, []);
}

const long = (n: number) => 'x'.repeat(n);
/** A valid address of exactly n characters: a short local part, a domain of 50-letter labels. */
function emailOf(n: number): string {
  let domain = 'example.com';
  while (`ana@${domain}`.length < n) {
    const room = n - `ana@${domain}`.length - 1;
    domain = `${'d'.repeat(Math.min(50, Math.max(1, room)))}.${domain}`;
  }
  return `ana@${domain}`;
}

/** Each limited place: the mapping target, and the profile holding a value of length n. */
const places: [string, string, (n: number) => Record<string, unknown>][] = [
  ...[...limitedTextFields].map((field): [string, string, (n: number) => Record<string, unknown>] => [
    field,
    field,
    (n) => ({ [field]: long(n) }),
  ]),
  ['tags', 'tags', (n) => ({ tags: [long(n)] })],
  [
    'identities.loyalty_id',
    'identities.loyalty_id',
    (n) => ({ identities: [{ handle: 'loyalty_id', identifier: long(n), is_active: true }] }),
  ],
];

describe('the longest string Omneo takes', () => {
  it('is one number in both places (255, inferred from Laravel)', () => {
    expect(maxStringLength).toBe(255);
    expect(MAX_STRING_LENGTH).toBe(maxStringLength);
  });

  it.each(places)(
    '%s: the importer’s schema and the simulator’s rules agree at the limit',
    (_name, _target, profile) => {
      for (const n of [maxStringLength, maxStringLength + 1]) {
        const body = { match_criteria: 'email', profiles: [{ email: 'ana@example.com', ...profile(n) }] };
        const importer = profileSchema.safeParse(body.profiles[0]).success;
        const simulator = checkBatchRequest(body).ok;
        expect({ n, importer, simulator }).toEqual({
          n,
          importer: n <= maxStringLength,
          simulator: importer,
        });
      }
    },
  );

  it('email: the same at the limit', () => {
    for (const n of [maxStringLength, maxStringLength + 1]) {
      const body = { match_criteria: 'email', profiles: [{ email: emailOf(n) }] };
      expect(emailOf(n)).toHaveLength(n);
      const importer = profileSchema.safeParse(body.profiles[0]).success;
      expect({ n, importer, simulator: checkBatchRequest(body).ok }).toEqual({
        n,
        importer: n <= maxStringLength,
        simulator: n <= maxStringLength,
      });
    }
  });

  it.each(places)('%s: a longer cell is a row error in the check, not a valid row', (_name, target) => {
    expect(checkOne(target, long(maxStringLength)).status).toBe('valid');
    const refused = checkOne(target, long(300));
    expect(refused.status).toBe('invalid');
    expect(refused.issues[0]).toMatchObject({
      code: 'text-too-long',
      message: expect.stringContaining('is 300 characters; Omneo takes at most 255'),
    });
  });
});
