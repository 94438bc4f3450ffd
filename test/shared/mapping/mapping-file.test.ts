import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../shared/mapping/auto-map';
import { setColumnTarget } from '../../../shared/mapping/column-mapping';
import {
  applySavedMapping,
  readSavedMapping,
  resolveColumnKey,
  savedMappingFits,
  savedMappingSchema,
  toSavedMapping,
  type SavedMapping,
} from '../../../shared/mapping/mapping-file';
import { validateMapping } from '../../../shared/mapping/validate-mapping';
import { columnLetter, type ColumnInfo } from '../../../shared/source/source-table';
import { casePath, fixturePath } from '../../support/shared-paths';

const headerRow = (file: string): ColumnInfo[] => {
  const [header = []] = Papa.parse<string[]>(readFileSync(file, 'utf8'), { preview: 1 }).data;
  return header.map((h, index) => ({ index, letter: columnLetter(index), header: h }));
};

const case12 = headerRow(casePath('12-duplicate-headers.csv'));
const people = headerRow(fixturePath('people-1000.csv'));
const targetsOf = (mapping: readonly { target: string | null }[]) => mapping.map((m) => m.target);

describe('saved mappings', () => {
  it('case 12: saves the repeated phone columns by letter and maps each back', () => {
    let mapping = suggestMapping(case12);
    mapping = setColumnTarget(setColumnTarget(mapping, 3, 'mobile_phone'), 4, 'secondary_phone');
    const saved = toSavedMapping(mapping, case12, { match: 'email', phoneRegion: 'AU' });
    expect(saved).toEqual({
      version: 1,
      columns: {
        email: 'email',
        first_name: 'first_name',
        last_name: 'last_name',
        'col:D': 'mobile_phone',
        'col:E': 'secondary_phone',
      },
      match: 'email',
      phoneRegion: 'AU',
    });
    const applied = applySavedMapping(savedMappingSchema.parse(JSON.parse(JSON.stringify(saved))), case12);
    expect(applied.problems).toEqual([]);
    expect(targetsOf(applied.mapping)).toEqual([
      'email',
      'first_name',
      'last_name',
      'mobile_phone',
      'secondary_phone',
    ]);
    expect(applied.mapping.every((m) => m.source === 'template' && m.confidence === 1)).toBe(true);
    expect(validateMapping(applied.mapping, 'email')).toEqual([]);
  });

  it('case 12: a header key for the repeated phone is a problem, not a guess', () => {
    const saved: SavedMapping = { version: 1, columns: { email: 'email', phone: 'mobile_phone' } };
    const { mapping, problems } = applySavedMapping(saved, case12);
    expect(targetsOf(mapping)).toEqual(['email', null, null, null, null]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'ambiguous-header' });
    expect(problems[0]?.message).toBe(
      "header 'phone' repeats in columns D and E: name them col:D and col:E in the mapping",
    );
    expect(savedMappingFits(saved, case12)).toBe(false);
  });

  it('round-trips an automatic mapping of a datablist file', () => {
    const mapping = suggestMapping(people);
    const saved = toSavedMapping(mapping, people, {
      match: 'email',
      dateOrder: 'ymd',
      onInvalidValue: 'drop',
    });
    expect(saved.columns['Job Title']).toBe('occupation');
    expect(saved.columns.Index).toBeUndefined();
    expect(savedMappingFits(saved, people)).toBe(true);
    const applied = applySavedMapping(saved, people);
    expect(applied.problems).toEqual([]);
    expect(targetsOf(applied.mapping)).toEqual(targetsOf(mapping));
  });

  it.each<[string, Record<string, string>, (string | null)[]]>([
    [
      'header keys, trimmed',
      { ' Email ': 'email', 'Job Title': 'occupation' },
      [null, null, null, null, null, 'email', null, null, 'occupation'],
    ],
    [
      'col: keys, any case',
      { 'col:f': 'email', 'col:C': 'first_name' },
      [null, null, 'first_name', null, null, 'email', null, null, null],
    ],
    [
      '# positions',
      { '#6': 'email', '#1': 'identities.legacy_index' },
      ['identities.legacy_index', null, null, null, null, 'email', null, null, null],
    ],
    [
      'paths in canonical form',
      { Email: 'email', Phone: 'addresses[1].city' },
      [null, null, null, null, null, 'email', 'addresses.city', null, null],
    ],
  ])('applies %s', (_name, columns, expected) => {
    const { mapping, problems } = applySavedMapping({ version: 1, columns }, people);
    expect(problems).toEqual([]);
    expect(targetsOf(mapping)).toEqual(expected);
    expect(mapping[1]).toMatchObject({ source: 'none', reason: 'not named in the saved mapping' });
  });

  it.each<[string, Record<string, string>, string, string]>([
    [
      'a missing header',
      { 'E-mail': 'email' },
      'column-not-found',
      "saved mapping names column 'E-mail', which this file does not have — did you mean 'Email'?",
    ],
    [
      'a letter past the last column',
      { 'col:Z': 'email' },
      'column-not-found',
      'saved mapping names column Z, but this file has columns A–I',
    ],
    [
      'a position past the last column',
      { '#10': 'email' },
      'column-not-found',
      'saved mapping names column #10, but this file has 9 columns',
    ],
    [
      'a bad field path',
      { Email: 'emial' },
      'unknown-target',
      "saved mapping 'Email': unknown field 'emial' — did you mean 'email'?",
    ],
    [
      'two keys for one column',
      { Email: 'email', 'col:F': 'first_name' },
      'column-mapped-twice',
      "saved mapping names column F twice ('Email' and 'col:F'); 'Email' is used",
    ],
  ])('reports %s', (_name, columns, code, message) => {
    const saved: SavedMapping = { version: 1, columns };
    const { problems } = applySavedMapping(saved, people);
    expect(problems.map((p) => [p.code, p.message])).toEqual([[code, message]]);
  });

  it.each<[string, string | null]>([
    ['Email', 'F'],
    [' Job Title ', 'I'],
    ['col:b', 'B'],
    ['#9', 'I'],
    ['#0', null],
    ['email', null],
  ])('resolveColumnKey(%j) → column %s', (key, letter) => {
    const resolved = resolveColumnKey(key, people);
    expect(resolved.ok ? resolved.column.letter : null).toBe(letter);
  });

  it('savedMappingFits says whether every key names a column', () => {
    expect(
      savedMappingFits({ version: 1, columns: { Email: 'email', 'col:I': 'occupation', '#2': 'x' } }, people),
    ).toBe(true);
    expect(
      savedMappingFits({ version: 1, columns: { Email: 'email', Mobile: 'mobile_phone' } }, people),
    ).toBe(false);
  });

  it.each<[string, string, string | null]>([
    ['a minimal file', '{"version":1,"columns":{"Email":"email"}}', null],
    [
      'every option',
      '{"version":1,"columns":{},"match":"loyalty_id","dateOrder":"dmy","phoneRegion":"AU","onInvalidValue":"drop","timeZone":"Australia/Sydney"}',
      null,
    ],
    ['not JSON', '{version:1}', 'saved mapping is not JSON'],
    ['another version', '{"version":2,"columns":{}}', 'saved mapping: version:'],
    ['a bad date order', '{"version":1,"columns":{},"dateOrder":"dym"}', 'saved mapping: dateOrder:'],
    ['a lower-case region', '{"version":1,"columns":{},"phoneRegion":"au"}', 'ISO 3166-1 alpha-2'],
    ['an unknown key', '{"version":1,"columns":{},"dateorder":"dmy"}', 'dateorder'],
  ])('readSavedMapping: %s', (_name, text, error) => {
    const read = readSavedMapping(text);
    if (error === null) expect(read.ok).toBe(true);
    else {
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.message).toContain(error);
    }
  });
});
