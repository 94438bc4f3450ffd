import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../shared/mapping/auto-map';
import {
  applyCloseTemplate,
  headerKey,
  headerOverlap,
  respellKeys,
  sameHeaderKey,
} from '../../../shared/mapping/template-fit';
import { columnLetter } from '../../../shared/source/source-table';

const columnsOf = (headers: readonly string[]) =>
  headers.map((header, index) => ({ index, letter: columnLetter(index), header }));

describe('header keys', () => {
  it.each<[string[], string[], boolean]>([
    [['Email', 'Phone'], ['email ', 'PHONE'], true],
    [['Email', 'Phone'], ['Email', 'Phone', 'error'], true],
    [['Email', 'Phone'], ['Phone', 'Email'], false],
    [['Email', 'error'], ['Email'], true],
    [['Email', 'Error message'], ['Email'], false],
  ])('%j same as %j → %s', (a, b, same) => {
    expect(sameHeaderKey(a, b)).toBe(same);
  });

  it('drops only an errors.csv error column', () => {
    expect(headerKey(['Email', 'Error'])).toEqual(['email', 'error']);
    expect(headerKey(['Email', 'error'])).toEqual(['email']);
  });

  it.each<[string[], string[], number]>([
    [['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'e'], 0.75],
    [['a', 'b'], ['a', 'b', 'c', 'd'], 0.5],
    [[], [], 0],
  ])('overlap of %j and %j is %d', (a, b, share) => {
    expect(headerOverlap(a, b)).toBe(share);
  });
});

describe('applyCloseTemplate', () => {
  it('keeps the template for shared headers, suggests new columns, and names what differs', () => {
    const columns = columnsOf(['Email', 'Surname', 'Mobile']);
    const saved = {
      version: 1 as const,
      columns: { Email: 'email', Given: 'first_name', 'col:C': 'mobile_phone' },
    };
    const { mapping, differences } = applyCloseTemplate(
      saved,
      ['Email', 'Given', 'Mobile'],
      columns,
      suggestMapping(columns),
    );
    expect(mapping.map((m) => m.target)).toEqual(['email', 'last_name', null]);
    expect(differences).toEqual([
      "'Given' (first_name) is not in this file",
      "'col:C' (mobile_phone) names a column by place, which may have moved: map it by hand",
      "'Surname' is new: suggested last_name",
    ]);
  });

  it('respells keys for headers that differ only in case', () => {
    const saved = { version: 1 as const, columns: { Email: 'email', 'col:B': 'mobile_phone' } };
    expect(respellKeys(saved, ['Email', 'Phone'], columnsOf(['EMAIL', 'phone'])).columns).toEqual({
      EMAIL: 'email',
      'col:B': 'mobile_phone',
    });
  });
});
