import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../shared/mapping/auto-map';
import { columnLetter } from '../../../shared/source/source-table';

/** Suggested target per header for a header row and rows of cells. */
function suggest(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): Record<string, string | null> {
  const columns = headers.map((header, index) => ({ index, letter: columnLetter(index), header }));
  return Object.fromEntries(suggestMapping(columns, rows).map((m) => [m.header, m.target]));
}

describe('suggestions read the values (issue 11)', () => {
  it.each<[string, string[], string[][], Record<string, string | null>]>([
    [
      'an empty column is never suggested; the filled address group is addresses',
      [
        'OtherStreet',
        'OtherCity',
        'OtherPostalCode',
        'OtherCountry',
        'MailingStreet',
        'MailingCity',
        'MailingPostalCode',
        'MailingCountry',
      ],
      [['', '', '', '', '1 Example St', 'Sydney', '2000', 'AU']],
      {
        OtherStreet: null,
        OtherCity: null,
        OtherPostalCode: null,
        OtherCountry: null,
        MailingStreet: 'addresses.address_line_1',
        MailingCity: 'addresses.city',
        MailingPostalCode: 'addresses.postcode',
        MailingCountry: 'addresses.country',
      },
    ],
    [
      'a second filled group is addresses[2]',
      [
        'Home Street',
        'Home City',
        'Home Zip',
        'Home Country',
        'Work Street',
        'Work City',
        'Work Zip',
        'Work Country',
      ],
      [['1 A St', 'Austin', '73301', 'US', '2 B St', 'Dallas', '75201', 'US']],
      {
        'Home Street': 'addresses.address_line_1',
        'Home City': 'addresses.city',
        'Home Zip': 'addresses.postcode',
        'Home Country': 'addresses.country',
        'Work Street': 'addresses[2].address_line_1',
        'Work City': 'addresses[2].city',
        'Work Zip': 'addresses[2].postcode',
        'Work Country': 'addresses[2].country',
      },
    ],
    [
      'a business Phone is not the mobile; the filled HomePhone is the second phone, the empty OtherPhone nothing',
      ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'Fax'],
      [['(02) 5550 1234', '0491 570 156', '(02) 5550 4321', '', '(02) 5550 9999']],
      { Phone: null, MobilePhone: 'mobile_phone', HomePhone: 'secondary_phone', OtherPhone: null, Fax: null },
    ],
    [
      'landline numbers of unstated kind are not taken as the mobile',
      ['Phone'],
      [['+61 2 5550 1234'], ['+61 3 7010 1111']],
      { Phone: 'secondary_phone' },
    ],
    [
      'a relative photo address is not an avatar_url; an absolute one is',
      ['PhotoUrl', 'Photo'],
      [['/services/images/photo/003A', 'https://example.com/a.jpg']],
      { PhotoUrl: null, Photo: 'avatar_url' },
    ],
    [
      'Suburb is the city of an AU address',
      ['Street Address', 'Suburb', 'State', 'Postcode', 'Country'],
      [['1 Example St', 'Surry Hills', 'NSW', '2010', 'Australia']],
      {
        'Street Address': 'addresses.address_line_1',
        Suburb: 'addresses.city',
        State: 'addresses.state',
        Postcode: 'addresses.postcode',
        Country: 'addresses.country',
      },
    ],
    [
      'UK county and post code; US zip; CA province',
      ['Address 1', 'Town', 'County', 'Post Code', 'Country'],
      [['1 Example Lane', 'Leeds', 'West Yorkshire', 'LS1 4AP', 'United Kingdom']],
      {
        'Address 1': 'addresses.address_line_1',
        Town: 'addresses.city',
        County: 'addresses.state',
        'Post Code': 'addresses.postcode',
        Country: 'addresses.country',
      },
    ],
    [
      'an opt-out flag is never an opt-in; an opt-in is matched; a loyalty number is an identity',
      ['Email Opt Out', 'HasOptedOutOfEmail', 'Unsubscribed', 'Marketing Opt In', 'Loyalty Number'],
      [
        ['yes', 'true', '1', 'Y', '6001'],
        ['no', 'false', '0', 'N', '6002'],
      ],
      {
        'Email Opt Out': null,
        HasOptedOutOfEmail: null,
        Unsubscribed: null,
        'Marketing Opt In': 'comms_attributes.email_promo',
        'Loyalty Number': 'identities.loyalty_id',
      },
    ],
    [
      'consent words that are not yes/no are not sent as a flag',
      ['Email Marketing Consent'],
      [['SUBSCRIBED'], ['NEVER_SUBSCRIBED']],
      { 'Email Marketing Consent': null },
    ],
    [
      'a filled column wins over an empty one for the same field',
      ['Email', 'E-mail Address'],
      [
        ['', 'a@example.com'],
        ['', 'b@example.com'],
      ],
      { Email: null, 'E-mail Address': 'email' },
    ],
    [
      'Google Contacts: the phone kind comes from the Type column',
      ['Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value'],
      [['Home', '(02) 5550 1234', 'Mobile', '0491 570 156']],
      {
        'Phone 1 - Type': null,
        'Phone 1 - Value': 'secondary_phone',
        'Phone 2 - Type': null,
        'Phone 2 - Value': 'mobile_phone',
      },
    ],
  ])('%s', (_, headers, rows, expected) => {
    expect(suggest(headers, rows)).toEqual(expected);
  });

  it('says why an empty or opt-out column is left out', () => {
    const columns = ['OtherPhone', 'Email Opt Out'].map((header, index) => ({
      index,
      letter: columnLetter(index),
      header,
    }));
    const [empty, optOut] = suggestMapping(columns, [['', 'yes']]);
    expect(empty?.reason).toMatch(/empty in the first 1 rows/);
    expect(optOut?.reason).toMatch(/opt-out flag/);
  });
});
