import { describe, expect, it } from 'vitest';
import { resolveMapping } from '../../../shared/engine/resolve-mapping';
import { columnLetter, type ColumnInfo } from '../../../shared/source/source-table';

const columns: ColumnInfo[] = ['Email', 'Mobile', 'Cell', 'phone', 'phone'].map((header, index) => ({
  index,
  letter: columnLetter(index),
  header,
}));
const targets = (mapping: { target: string | null }[]) => mapping.map((m) => m.target);

describe('resolveMapping', () => {
  it('applies overrides by header, letter and position after automatic mapping', () => {
    const auto = resolveMapping(columns, 'auto');
    expect(auto.mapping[0]?.target).toBe('email');
    expect(auto.mapping.slice(3).map((m) => m.target)).toEqual([null, null]);

    const { mapping, problems } = resolveMapping(columns, 'auto', [
      { column: 'col:D', target: 'secondary_phone' },
      { column: '#5', target: 'custom_attributes.crm.phone' },
      { column: 'Cell', target: 'mobile_phone' },
    ]);
    expect(problems).toEqual([]);
    expect(mapping.find((m) => m.letter === 'C')).toMatchObject({ target: 'mobile_phone', source: 'user' });
    // Mobile's automatic mobile_phone gives way to the hand-set one.
    expect(mapping.find((m) => m.letter === 'B')?.target).not.toBe('mobile_phone');
    expect(targets(mapping).slice(3)).toEqual(['secondary_phone', 'custom_attributes.crm.phone']);
  });

  it.each([
    [{ column: 'phone', target: 'mobile_phone' }, 'ambiguous-header'],
    [{ column: 'Fax', target: 'mobile_phone' }, 'column-not-found'],
    [{ column: 'col:Z', target: 'mobile_phone' }, 'column-not-found'],
    [{ column: 'Email', target: 'emial' }, 'unknown-target'],
  ])('%j is a problem (%s)', (override, code) => {
    expect(resolveMapping(columns, 'auto', [override]).problems.map((p) => p.code)).toEqual([code]);
  });

  it('an empty target unmaps the column', () => {
    const { mapping } = resolveMapping(columns, 'auto', [{ column: 'Email', target: null }]);
    expect(mapping[0]?.target).toBeNull();
  });

  it('returns a saved mapping’s settings for the caller to use', () => {
    const resolved = resolveMapping(columns, {
      version: 1,
      columns: { Email: 'email', 'col:E': 'mobile_phone' },
      match: 'email',
      dateOrder: 'dmy',
      phoneRegion: 'AU',
    });
    expect(resolved.settings).toEqual({ match: 'email', dateOrder: 'dmy', phoneRegion: 'AU' });
    expect(targets(resolved.mapping)).toEqual(['email', null, null, null, 'mobile_phone']);
  });
});
