import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePath, fixturePath } from '../../support/shared-paths';
import {
  createDateOrderDetector,
  formatIsoDate,
  normaliseDateTime,
  parseDate,
  possibleDateOrders,
  type DateOrder,
} from '../../../shared/normalise/dates';

type Row = Record<string, string>;
const readRows = (path: string): Row[] =>
  Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

/** day/month/year as the cases README writes expectations, or the error code. */
function dmy(text: string, order: DateOrder | null): string {
  const r = parseDate(text, order);
  return r.ok ? `${r.value.day}/${r.value.month}/${r.value.year ?? ''}` : r.code;
}

const ZONES = [
  // zone, offset Date gives for 2020-01-01 local midnight (minutes, as getTimezoneOffset reports)
  ['UTC', 0],
  ['Pacific/Auckland', -780],
] as const;

describe.each(ZONES)('dates with the machine zone set to %s', (zone, offset) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('really runs in that zone', () => {
    expect(new Date(2020, 0, 1).getTimezoneOffset()).toBe(offset);
  });

  it.each([
    // text, order, day/month/year or code
    ['1990-01-01', null, '1/1/1990'],
    ['1990/01/31', 'dmy', '31/1/1990'],
    ['1990.1.2', 'mdy', '2/1/1990'],
    ['19900131', null, '31/1/1990'],
    ['1985-06-07T00:00:00', null, '7/6/1985'],
    ['1985-06-07T23:30:00-05:00', null, '7/6/1985'],
    ['1985-06-07 10:15', null, '7/6/1985'],
    ['15/04/1991', null, '15/4/1991'],
    ['04/15/1991', null, '15/4/1991'],
    ['01/02/1990', null, 'date-ambiguous'],
    ['01/02/1990', 'dmy', '1/2/1990'],
    ['01/02/1990', 'mdy', '2/1/1990'],
    ['05/05/1990', null, '5/5/1990'],
    ['1.2.1990', 'dmy', '1/2/1990'],
    ['1-2-1990', 'mdy', '2/1/1990'],
    ['03/04/1991 00:00:00', 'dmy', '3/4/1991'],
    ['7/6/85', 'dmy', '7/6/1985'],
    ['7/6/29', 'dmy', '7/6/2029'],
    ['7/6/30', 'dmy', '7/6/1930'],
    ['85/06/07', 'ymd', '7/6/1985'],
    ['7 Jun 1985', null, '7/6/1985'],
    ['7 June 1985', 'mdy', '7/6/1985'],
    ['June 7, 1985', null, '7/6/1985'],
    ['Jun 7 1985', null, '7/6/1985'],
    ['07-Jun-1985', null, '7/6/1985'],
    ['Fri 7th June 85', null, '7/6/1985'],
    ['7 Sept 1985', null, '7/9/1985'],
    ['7 Jun', null, '7/6/'],
    ['June 7', null, '7/6/'],
    ['15/04', null, '15/4/'],
    ['7/6', 'dmy', '7/6/'],
    ['7/6', 'mdy', '6/7/'],
    ['29/2', 'dmy', '29/2/'],
    ['1', null, '1/1/1900'],
    ['59', null, '28/2/1900'],
    ['60', null, 'date-invalid'],
    ['61', null, '1/3/1900'],
    ['6973', null, '2/2/1919'],
    ['25569', null, '1/1/1970'],
    ['31205', null, '7/6/1985'],
    ['36526', null, '1/1/2000'],
    ['36585', null, '29/2/2000'],
    ['36585.75', null, '29/2/2000'],
    ['0', null, 'date-invalid'],
    ['2958466', null, 'date-invalid'],
    ['1985', null, 'date-year-only'],
    ['31/2/2001', 'dmy', 'date-invalid'],
    ['29/2/1900', 'dmy', 'date-invalid'],
    ['29/2/2000', 'dmy', '29/2/2000'],
    ['13/13/2000', null, 'date-invalid'],
    ['2001-02-29', null, 'date-invalid'],
    ['1990-13-01', null, 'date-invalid'],
    ['30 Feb 1990', null, 'date-invalid'],
    ['banana', null, 'date-invalid'],
    ['', null, 'date-invalid'],
    ['1990-01-01T25:00', null, 'date-invalid'],
    ['Juno 7 1985', null, 'date-invalid'],
  ] as const)('parseDate(%j, %s) → %s', (text, order, expected) => {
    expect(dmy(text, order)).toBe(expected);
  });

  it.each([
    ['1900-02-29', '1900-02-29 does not exist'],
    ['60', '1900-02-29 does not exist'],
    ['31/02/2001', '2001-02-31 does not exist'],
    ['31 Feb', '31 february does not exist'],
  ] as const)('names the impossible date: %j', (text, message) => {
    const r = parseDate(text, 'dmy');
    expect(r.ok === false && r.message).toBe(message);
  });

  it('tells the user to pick an order for an ambiguous date', () => {
    const r = parseDate('03/04/1985', null);
    expect(r.ok === false && r.message).toMatch(/pick a date order/);
  });

  it('case 14 (birthdays the reader gives as ISO text): same parts in every zone', () => {
    const read = ['1985-06-07', '1900-01-01', '1919-02-02', '2000-02-29'].map((t) => dmy(t, null));
    expect(read).toEqual(['7/6/1985', '1/1/1900', '2/2/1919', '29/2/2000']);
  });

  it('case 16: one day-first value decides the whole column', () => {
    const values = readRows(casePath('16-dates-dmy-with-proof.csv')).map((r) => r.birthday ?? '');
    const detector = createDateOrderDetector();
    values.forEach((v) => detector.add(v));
    const inference = detector.result();
    expect(inference).toMatchObject({ order: 'dmy', ambiguous: false, conflict: false });
    expect(values.map((v) => dmy(v, inference.order))).toEqual(['3/4/1991', '15/4/1991', '12/1/1988']);
  });

  it('case 17: an all-ambiguous column is flagged, and reads either way once picked', () => {
    const values = readRows(casePath('17-dates-all-ambiguous.csv')).map((r) => r.birthday ?? '');
    const detector = createDateOrderDetector();
    values.forEach((v) => detector.add(v));
    expect(detector.result()).toMatchObject({ order: null, ambiguous: true, conflict: false });
    expect(values.map((v) => dmy(v, null))).toEqual(['date-ambiguous', 'date-ambiguous', 'date-ambiguous']);
    expect(values.map((v) => dmy(v, 'dmy'))).toEqual(['1/2/1990', '3/4/1985', '12/11/1979']);
    expect(values.map((v) => dmy(v, 'mdy'))).toEqual(['2/1/1990', '4/3/1985', '11/12/1979']);
  });

  it('people-10000: every ISO date of birth reads, and the column is ymd', () => {
    const values = readRows(fixturePath('people-10000.csv')).map((r) => r['Date of birth'] ?? '');
    const detector = createDateOrderDetector();
    values.forEach((v) => detector.add(v));
    expect(detector.result().order).toBe('ymd');
    const bad = values.filter((v) => !parseDate(v, 'ymd').ok);
    expect(bad).toEqual([]);
  });

  it.each([
    // text, order, zone, expected UTC instant or code
    ['2023-11-07T05:31:56Z', null, null, '2023-11-07T05:31:56Z'],
    ['2023-11-07T05:31:56.123Z', null, null, '2023-11-07T05:31:56Z'],
    ['2023-11-07T15:31:56+10:00', null, 'America/New_York', '2023-11-07T05:31:56Z'],
    ['2023-11-07T00:31:56-0500', null, null, '2023-11-07T05:31:56Z'],
    ['2023-11-07 05:31 UTC', null, 'Australia/Sydney', '2023-11-07T05:31:00Z'],
    ['2023-11-07', null, null, '2023-11-07T00:00:00Z'],
    ['2023-11-07', null, 'Australia/Sydney', '2023-11-06T13:00:00Z'],
    ['2023-06-07', null, 'Australia/Sydney', '2023-06-06T14:00:00Z'],
    ['2023-11-07', null, 'Pacific/Auckland', '2023-11-06T11:00:00Z'],
    ['07/11/2023', 'dmy', null, '2023-11-07T00:00:00Z'],
    ['11/07/2023 2:30 pm', 'mdy', null, '2023-11-07T14:30:00Z'],
    ['7 Nov 2023 14:30:15', null, 'Europe/London', '2023-11-07T14:30:15Z'],
    ['2023-10-01 02:30', null, 'Australia/Sydney', '2023-09-30T16:30:00Z'],
    ['45237.5', null, null, '2023-11-07T12:00:00Z'],
    ['45237', null, null, '2023-11-07T00:00:00Z'],
    ['0099-01-01', null, null, '0099-01-01T00:00:00Z'],
    ['07/11/2023', null, null, 'date-ambiguous'],
    ['7 Nov', null, null, 'date-no-year'],
    ['2023-11-07', null, 'Mars/Olympus', 'timezone-invalid'],
    ['2023-11-07T24:00', null, null, 'date-invalid'],
    ['soon', null, null, 'date-invalid'],
  ] as const)('normaliseDateTime(%j, %s, %s) → %s', (text, order, timeZone, expected) => {
    const r = normaliseDateTime(text, order, timeZone);
    expect(r.ok ? r.value : r.code).toBe(expected);
  });

  it('warns when a wall-clock time falls in a daylight-saving gap', () => {
    const r = normaliseDateTime('2023-10-01 02:30', null, 'Australia/Sydney');
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['time-shifted-dst']);
  });
});

describe('possibleDateOrders', () => {
  it.each([
    ['1990-01-01', ['ymd']],
    ['1990/01/01', ['ymd']],
    ['15/04/1991', ['dmy']],
    ['04/15/1991', ['mdy']],
    ['01/02/1990', ['dmy', 'mdy']],
    ['15/04', ['dmy']],
    ['7 Jun 1985', ['dmy', 'mdy', 'ymd']],
    ['31205', ['dmy', 'mdy', 'ymd']],
    ['13/13/1990', []],
    ['1990-02-30', []],
    ['banana', []],
    ['60', []],
  ] as const)('%j → %j', (text, expected) => {
    expect(possibleDateOrders(text)).toEqual(expected);
  });
});

describe('createDateOrderDetector', () => {
  const infer = (values: readonly string[]) => {
    const d = createDateOrderDetector();
    values.forEach((v) => d.add(v));
    return d.result();
  };
  it.each([
    [['03/04/1991', '15/04/1991', '12/01/1988'], 'dmy', false, false],
    [['03/04/1991', '04/15/1991'], 'mdy', false, false],
    [['01/02/1990', '03/04/1985'], null, true, false],
    [['15/04/1991', '04/15/1991'], null, false, true],
    [['1990-01-01', '1991-02-03'], 'ymd', false, false],
    [['1990-01-01', '15/04/1991', '01/02/1990'], 'dmy', false, false],
    [['1990-01-01', '01/02/1990'], null, true, false],
    [['7 Jun 1985', '', '  '], null, false, false],
    [[], null, false, false],
  ] as const)('%j → order %s, ambiguous %s, conflict %s', (values, order, ambiguous, conflict) => {
    expect(infer(values)).toMatchObject({ order, ambiguous, conflict });
  });
  it('counts its evidence', () => {
    expect(infer(['15/04/1991', '01/02/1990', 'x', '1990-01-01']).counts).toEqual({
      dmy: 1,
      mdy: 0,
      both: 1,
      ymd: 1,
      unreadable: 1,
    });
  });
});

describe('round trips (property)', () => {
  const anyDate = fc
    .date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));

  it('formatIsoDate then parseDate gives the date back; so do dmy and mdy text by their order', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(parseDate(formatIsoDate(date), null)).toEqual({ ok: true, value: date, warnings: [] });
        expect(parseDate(`${date.day}/${date.month}/${date.year}`, 'dmy')).toMatchObject({ value: date });
        expect(parseDate(`${date.month}/${date.day}/${date.year}`, 'mdy')).toMatchObject({ value: date });
        expect(normaliseDateTime(formatIsoDate(date), null, null)).toMatchObject({
          value: `${formatIsoDate(date)}T00:00:00Z`,
        });
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom<DateOrder | null>('dmy', 'mdy', 'ymd', null),
        (text, order) => {
          expect(typeof parseDate(text, order).ok).toBe('boolean');
          expect(typeof normaliseDateTime(text, order, 'Australia/Sydney').ok).toBe('boolean');
          expect(Array.isArray(possibleDateOrders(text))).toBe(true);
        },
      ),
    );
  });
});
