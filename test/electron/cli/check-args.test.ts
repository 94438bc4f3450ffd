import { describe, expect, it } from 'vitest';
import { parseOverride, readCheckArgs } from '../../../electron/cli/check-args';
import { UsageError } from '../../../electron/cli/cli-context';

describe('parseOverride', () => {
  it.each([
    ['Email Address=email', { column: 'Email Address', target: 'email' }],
    ['col:E=secondary_phone', { column: 'col:E', target: 'secondary_phone' }],
    ['#5 = tags', { column: '#5', target: 'tags' }],
    ['a=b=custom_attributes.crm.eq', { column: 'a=b', target: 'custom_attributes.crm.eq' }],
    ['Notes=', { column: 'Notes', target: null }],
  ])('%s', (text, expected) => {
    expect(parseOverride(text)).toEqual(expected);
  });

  it.each(['email', '=email'])('%s is a usage error', (text) => {
    expect(() => parseOverride(text)).toThrow(UsageError);
  });
});

describe('readCheckArgs', () => {
  it('turns flags into read options, check options and overrides', async () => {
    const args = await readCheckArgs('in.csv', {
      delimiter: 'tab',
      encoding: 'latin1',
      headerRow: '3',
      sheet: 'Customers',
      batchSize: '250',
      phoneRegion: 'au',
      map: ['phone=mobile_phone'],
    });
    expect(args).toEqual({
      path: 'in.csv',
      read: { sheet: 'Customers', headerRow: 3, encoding: 'windows-1252', delimiter: '\t' },
      mapping: 'auto',
      overrides: [{ column: 'phone', target: 'mobile_phone' }],
      options: { phoneRegion: 'AU', batchSize: 250 },
    });
  });

  it.each([
    [{ delimiter: '::' }, '--delimiter'],
    [{ encoding: 'ebcdic' }, '--encoding'],
    [{ headerRow: '0' }, '--header-row'],
    [{ batchSize: '1000' }, '--batch-size'],
    [{ phoneRegion: 'Australia' }, '--phone-region'],
    [{ timeZone: 'Mars/Olympus' }, '--time-zone'],
    [{ match: 'Loyalty ID' }, '--match'],
    [{ mapping: '/no/such/mapping.json' }, '--mapping'],
    [{ phoneRegion: 'XX' }, '--phone-region'],
    [{ batchSize: '0' }, '--batch-size'],
    [{ map: ['phone=mobile'] }, '--map'],
  ])('%j is a usage error naming %s', async (flags, flag) => {
    await expect(readCheckArgs('in.csv', flags)).rejects.toThrow(flag);
  });

  it.each([
    [{ batchSize: '501' }, `--batch-size must be 1–500 (Omneo's batch limit), got "501"`],
    [{ phoneRegion: 'XX' }, '--phone-region "XX": not a country code phone numbers are known for'],
  ])('%j says %s, not raw schema text', async (flags, message) => {
    await expect(readCheckArgs('in.csv', flags)).rejects.toThrow(message);
  });
});
