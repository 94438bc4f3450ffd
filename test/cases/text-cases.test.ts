/**
 * Each delimited-text file of ../shared/cases, checked end to end with the outcome its README gives.
 */
import { describe, expect, it } from 'vitest';
import { allStrings, checkCase, customValues, map } from './check-case';

/** U+FFFD, U+0000 or U+FEFF anywhere: the cases README's invariant. */
const invisible = { test: (s: string) => ['\ufffd', '\u0000', '\ufeff'].some((c) => s.includes(c)) };

describe('01-utf8-bom-header.csv', () => {
  it('reads the headers without the BOM, maps email automatically, and sends GB mobiles in E.164', async () => {
    const { report, sent } = await checkCase('01-utf8-bom-header.csv', { phoneRegion: 'GB' });
    expect(report.file?.columns.map((c) => c.header)).toEqual(['email', 'first_name', 'last_name', 'phone']);
    expect(report.mapping.find((m) => m.header === 'email')?.target).toBe('email');
    expect(sent.map((p) => p.mobile_phone)).toEqual(['+447700900101', '+447700900102']);
    expect(report.summary).toMatchObject({ rows: 2, valid: 2, invalid: 0, batches: 1 });
  });
});

describe('02-windows1252-names.csv', () => {
  it('detects windows-1252 and keeps accented names and the curly apostrophe', async () => {
    const { report, sent } = await checkCase('02-windows1252-names.csv', {}, [
      map('city', 'custom_attributes.crm.city'),
    ]);
    expect(report.file?.encoding).toBe('windows-1252');
    expect(sent.map((p) => `${String(p.first_name)} ${String(p.last_name)}`)).toEqual([
      'José Núñez',
      'Zoë Müller',
      'Siobhán O\u2019Example',
    ]);
    expect(customValues(sent, 'city')).toEqual(['Málaga', 'Zürich', 'Cork']);
    expect(allStrings(sent).some((s) => invisible.test(s))).toBe(false);
  });
});

describe('04-utf16le-unicode-text.csv', () => {
  it('reads UTF-16LE tab-separated text named .csv', async () => {
    const { report, sent } = await checkCase('04-utf16le-unicode-text.csv', { phoneRegion: 'AU' });
    expect(report.file).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(sent.map((p) => `${String(p.first_name)} ${String(p.last_name)}`)).toEqual([
      'Łukasz Przykład',
      '美咲 例',
    ]);
    expect(sent.map((p) => p.mobile_phone)).toEqual(['+61491570156', '+61491570157']);
  });
});

describe('06-semicolon-decimal-comma.csv', () => {
  it('splits on ; with commas inside fields, maps tags and leaves lifetime_spend unmapped and intact', async () => {
    const auto = await checkCase('06-semicolon-decimal-comma.csv');
    expect(auto.report.file?.delimiter).toBe(';');
    expect(auto.report.file?.columns).toHaveLength(6);
    expect(auto.rows.map((r) => r.status)).toEqual(['valid', 'valid', 'valid']);
    expect(auto.sent[0]?.tags).toEqual(['vip', 'newsletter']);
    expect(auto.report.mapping.find((m) => m.header === 'lifetime_spend')?.target).toBeNull();

    const { sent } = await checkCase('06-semicolon-decimal-comma.csv', {}, [
      map('address', 'custom_attributes.crm.address'),
      map('lifetime_spend', 'custom_attributes.crm.spend_text'),
    ]);
    expect(customValues(sent, 'address')[0]).toBe('Musterstraße 1, 10115 Berlin');
    expect(customValues(sent, 'spend_text')[0]).toBe('1.234,50');
  });
});

describe('09-multiline-quoted-address.csv', () => {
  it('keeps quoted line breaks inside the address and doubled quotes in notes', async () => {
    const { rows, sent } = await checkCase('09-multiline-quoted-address.csv', {}, [
      map('address', 'custom_attributes.crm.address'),
      map('notes', 'custom_attributes.crm.notes'),
    ]);
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'valid'],
      [5, 'valid'],
    ]);
    expect(String(customValues(sent, 'address')[0]).split(/\r?\n/)).toEqual([
      'Flat 2',
      '10 Example Street',
      'Exampletown EX1 2AB',
    ]);
    expect(customValues(sent, 'notes')[0]).toBe('Prefers "Ana", not "Anna"');
  });
});

describe('11-comma-only-and-blank-rows.csv', () => {
  it('sends lines 2 and 4 and counts the five blank rows without reporting them', async () => {
    const { report, rows } = await checkCase('11-comma-only-and-blank-rows.csv', { phoneRegion: 'GB' });
    expect(rows.filter((r) => r.status === 'valid').map((r) => r.line)).toEqual([2, 4]);
    expect(report.summary).toMatchObject({ rows: 7, valid: 2, blank: 5, invalid: 0, duplicate: 0 });
    expect(report.issues).toEqual([]);
  });
});

describe('12-duplicate-headers.csv', () => {
  it('keeps both phone columns, warns, maps neither automatically', async () => {
    const { report, sent } = await checkCase('12-duplicate-headers.csv', { phoneRegion: 'GB' });
    const phones = report.file?.columns.filter((c) => c.header === 'phone').map((c) => c.letter);
    expect(phones).toEqual(['D', 'E']);
    expect(report.mapping.filter((m) => m.header === 'phone').map((m) => m.target)).toEqual([null, null]);
    expect(report.issues.filter((i) => i.code === 'header-repeated').map((i) => i.letter)).toEqual([
      'D',
      'E',
    ]);
    expect(sent.every((p) => p.mobile_phone === undefined)).toBe(true);
  });

  it('maps each phone column when named by letter or position', async () => {
    const { sent } = await checkCase('12-duplicate-headers.csv', { phoneRegion: 'GB' }, [
      map('col:D', 'mobile_phone'),
      map('#5', 'secondary_phone'),
    ]);
    expect(sent.map((p) => [p.mobile_phone, p.secondary_phone])).toEqual([
      ['+447700900131', '+442079460131'],
      ['+447700900132', undefined],
    ]);
  });

  it('refuses a mapping that names the repeated header', async () => {
    const { report } = await checkCase('12-duplicate-headers.csv', {}, [map('phone', 'mobile_phone')]);
    expect(report.mappingProblems.map((p) => p.code)).toEqual(['ambiguous-header']);
    // The rows are still reported, as not checked (issue 11: rows: 91, not rows: 0).
    expect(report.summary).toMatchObject({ rows: 2, blank: 0, unchecked: 2, valid: 0, batches: 0 });
  });
});

describe('19-phone-leading-zero.csv', () => {
  it('places leading-zero phones by region and keeps postcodes as text', async () => {
    const gb = await checkCase('19-phone-leading-zero.csv', { phoneRegion: 'GB' }, [
      map('postcode', 'custom_attributes.crm.postcode'),
    ]);
    expect(gb.rows[0]?.profile?.mobile_phone).toBe('+447700900151');
    expect(gb.rows[2]?.profile?.mobile_phone).toBe('+447700900153');
    // Row 2 is an Australian mobile: with region GB it is the right length but no UK number.
    expect(gb.rows.map((r) => r.status)).toEqual(['valid', 'invalid', 'valid']);
    const gbError = gb.report.issues.find((i) => i.severity === 'error');
    expect([gbError?.line, gbError?.code]).toEqual([3, 'phone-invalid']);
    expect(gbError?.message).toContain('for region GB — check the number or set the right default region');
    expect(customValues(gb.sent, 'postcode')).toEqual(['02134', '01001']);
    const au = await checkCase('19-phone-leading-zero.csv', { phoneRegion: 'AU' }, [
      map('postcode', 'custom_attributes.crm.postcode'),
    ]);
    expect(au.rows[1]?.profile?.mobile_phone).toBe('+61491570156');
    // Row 1 is a UK mobile without its country code; row 3 carries +44 after 00, whatever the region.
    expect(au.rows.map((r) => r.status)).toEqual(['invalid', 'valid', 'valid']);
    expect(au.rows[2]?.profile?.mobile_phone).toBe('+447700900153');
    expect(customValues(au.sent, 'postcode')).toEqual(['0800', '01001']);
  });
});

describe('20-phone-scientific-notation.csv', () => {
  it('rejects phones Excel turned into 6.14916E+10 and sends the good one', async () => {
    const { rows, report } = await checkCase('20-phone-scientific-notation.csv', { phoneRegion: 'AU' });
    expect(rows.map((r) => r.status)).toEqual(['invalid', 'invalid', 'valid']);
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.line, i.column, i.code])).toEqual([
      [2, 'phone', 'phone-scientific-notation'],
      [3, 'phone', 'phone-scientific-notation'],
    ]);
    expect(errors[0]?.message).toMatch(
      /^Line 2, column C 'phone' \(mobile_phone\): '6\.14916E\+10' looks like a phone Excel turned into a number \(scientific notation\): its last digits are lost and cannot be recovered; export the phone column as text/,
    );
    expect(rows[2]?.profile?.mobile_phone).toBe('+61491570157');
    expect(JSON.stringify(rows)).not.toContain('61491600000');
  });
});

describe('22-long-loyalty-id.csv', () => {
  it('sends identifiers beyond 2^53 and zero-padded ones exactly, and can match on them', async () => {
    const { sent } = await checkCase('22-long-loyalty-id.csv', { match: 'loyalty_id' }, [
      map('loyalty_id', 'identities.loyalty_id'),
    ]);
    expect(sent.map((p) => p.identities)).toEqual(
      ['918273645546372819', '40210000000000000017', '9007199254740993', '000000000000042'].map(
        (identifier) => [{ handle: 'loyalty_id', identifier, is_active: true }],
      ),
    );
  });
});

describe('24-email-whitespace-nbsp.csv', () => {
  it('cleans spaces, NBSP, zero-width space and tab from emails', async () => {
    const { sent, report } = await checkCase('24-email-whitespace-nbsp.csv');
    expect(sent.map((p) => p.email)).toEqual([
      'ana.example@example.com',
      'bruno.sample@example.com',
      'chloe.test@example.com',
      'dan.demo@example.com',
      'eve.example@example.com',
    ]);
    expect(report.issues.every((i) => i.severity === 'warning')).toBe(true);
  });
});

describe('26-formula-injection.csv', () => {
  it('sends formula-like cells as literal text with a warning per cell', async () => {
    const { sent, report } = await checkCase('26-formula-injection.csv', {}, [
      map('notes', 'custom_attributes.crm.notes'),
    ]);
    expect(sent[0]?.first_name).toBe('=HYPERLINK("http://example.com/x","Click")');
    expect(sent[1]).toMatchObject({ last_name: '+1+2', tags: ['@SUM(1+1)'] });
    expect(customValues(sent, 'notes')[1]).toBe('-5 points after return');
    expect(sent[2]?.tags).toEqual(['=2+5']);
    const warned = report.issues.filter((i) => i.code === 'formula-like').map((i) => [i.line, i.column]);
    expect(warned).toEqual([
      [2, 'first_name'],
      [3, 'last_name'],
      [3, 'tags'],
      [3, 'notes'],
      [4, 'tags'],
    ]);
  });
});

describe('30-ragged-rows.csv', () => {
  it('rejects the over-long row, sends the short one with an empty phone and a warning', async () => {
    const { rows, report, sent } = await checkCase('30-ragged-rows.csv', { phoneRegion: 'GB' });
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'valid'],
      [3, 'invalid'],
      [4, 'valid'],
      [5, 'valid'],
    ]);
    expect(rows[1]?.issues[0]).toMatchObject({
      code: 'ragged-row',
      message: expect.stringContaining('6 fields, header has 5'),
    });
    expect(rows[2]?.issues[0]).toMatchObject({ severity: 'warning', code: 'ragged-row-short' });
    expect(rows[2]?.profile).not.toHaveProperty('mobile_phone');
    expect(sent).toHaveLength(3);
    expect(report.summary).toMatchObject({ valid: 3, invalid: 1 });
  });
});

describe('31-unclosed-quote.csv', () => {
  it('is a file error naming line 3 and column notes, and nothing is sendable', async () => {
    const { report } = await checkCase('31-unclosed-quote.csv');
    expect(report.fileError).toMatchObject({ code: 'unclosed-quote', line: 3, column: 'notes' });
    expect(report.summary).toMatchObject({ valid: 0, batches: 0 });
  });
});
