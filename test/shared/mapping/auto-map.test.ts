import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressTogetherReason, suggestMapping } from '../../../shared/mapping/auto-map';
import { validateMapping } from '../../../shared/mapping/validate-mapping';
import { matchHeader } from '../../../shared/mapping/header-match';
import { fileLimits } from '../../../shared/limits/file-limits';
import { fieldCatalogue, isTemplatePath } from '../../../shared/fields/field-catalogue';
import { columnLetter, type ColumnInfo } from '../../../shared/source/source-table';
import { casePath, fixturePath } from '../../support/shared-paths';

const columnsOf = (headers: readonly string[]): ColumnInfo[] =>
  headers.map((header, index) => ({ index, letter: columnLetter(index), header }));

/** The header row and first rows of a shared file, decoded as its README says it is encoded. */
function readHead(file: string, encoding = 'utf-8'): { columns: ColumnInfo[]; rows: string[][] } {
  const text = new TextDecoder(encoding).decode(readFileSync(file).subarray(0, 64 * 1024));
  const [header = [], ...rows] = Papa.parse<string[]>(text, { preview: 11 }).data;
  return { columns: columnsOf(header), rows };
}

const targets = (columns: readonly ColumnInfo[], rows: string[][] = []): Record<string, string> =>
  Object.fromEntries(
    suggestMapping(columns, rows)
      .filter((m) => m.target !== null)
      .map((m) => [m.header, m.target as string]),
  );

const datablistCustomers = {
  'First Name': 'first_name',
  'Last Name': 'last_name',
  Company: 'company',
  'Phone 1': 'mobile_phone',
  'Phone 2': 'secondary_phone',
  Email: 'email',
  'Subscription Date': 'joined_at',
};
const datablistPeople = {
  'First Name': 'first_name',
  'Last Name': 'last_name',
  Sex: 'gender',
  Email: 'email',
  Phone: 'mobile_phone',
  'Date of birth': 'birth_date',
  'Job Title': 'occupation',
};
const names = { first_name: 'first_name', last_name: 'last_name', email: 'email' };

describe('suggestMapping on every shared header row', () => {
  it.each<[string, string, Record<string, string>]>([
    [fixturePath('customers-100.csv'), 'utf-8', datablistCustomers],
    [fixturePath('customers-1000.csv'), 'utf-8', datablistCustomers],
    [fixturePath('people-1000.csv'), 'utf-8', datablistPeople],
    [fixturePath('people-10000.csv'), 'utf-8', datablistPeople],
    [fixturePath('clientes.csv'), 'windows-1252', {}],
    [
      fixturePath('contacts.csv'),
      'utf-8',
      {
        first_name: 'first_name',
        last_name: 'last_name',
        gender: 'gender',
        tags: 'tags',
        company: 'company',
        email_other: 'email',
        // No column says mobile: the home phone is the second phone, not the mobile.
        phone_home: 'secondary_phone',
        has_newsletter: 'comms_attributes.email_promo',
      },
    ],
    [
      fixturePath('shopware-customers.csv'),
      'utf-8',
      {
        salutation: 'title',
        ...names,
        billing_company: 'company',
        billing_street: 'addresses.address_line_1',
        billing_zipcode: 'addresses.postcode',
        billing_city: 'addresses.city',
        billing_country: 'addresses.country',
        // billing_phone_number is empty in every row, so it is not suggested; the filled shipping
        // address is the second address.
        shipping_street: 'addresses[2].address_line_1',
        shipping_zipcode: 'addresses[2].postcode',
        shipping_city: 'addresses[2].city',
        shipping_country: 'addresses[2].country',
      },
    ],
    [casePath('01-utf8-bom-header.csv'), 'utf-8', { ...names, phone: 'mobile_phone' }],
    [casePath('02-windows1252-names.csv'), 'windows-1252', names],
    [casePath('04-utf16le-unicode-text.csv'), 'utf-16le', { ...names, phone: 'mobile_phone' }],
    [casePath('06-semicolon-decimal-comma.csv'), 'utf-8', { ...names, tags: 'tags' }],
    [casePath('09-multiline-quoted-address.csv'), 'utf-8', names],
    [
      casePath('11-comma-only-and-blank-rows.csv'),
      'utf-8',
      { ...names, phone: 'mobile_phone', birthday: 'birth_date' },
    ],
    [casePath('12-duplicate-headers.csv'), 'utf-8', names],
    [
      casePath('16-dates-dmy-with-proof.csv'),
      'utf-8',
      { email: 'email', first_name: 'first_name', birthday: 'birth_date' },
    ],
    [
      casePath('17-dates-all-ambiguous.csv'),
      'utf-8',
      { email: 'email', first_name: 'first_name', birthday: 'birth_date' },
    ],
    [
      casePath('19-phone-leading-zero.csv'),
      'utf-8',
      { email: 'email', first_name: 'first_name', phone: 'mobile_phone' },
    ],
    [
      casePath('20-phone-scientific-notation.csv'),
      'utf-8',
      { email: 'email', first_name: 'first_name', phone: 'mobile_phone' },
    ],
    [
      casePath('22-long-loyalty-id.csv'),
      'utf-8',
      { email: 'email', first_name: 'first_name', loyalty_id: 'identities.loyalty_id' },
    ],
    [casePath('24-email-whitespace-nbsp.csv'), 'utf-8', { email: 'email', first_name: 'first_name' }],
    [casePath('26-formula-injection.csv'), 'utf-8', { ...names, tags: 'tags' }],
    [casePath('30-ragged-rows.csv'), 'utf-8', { ...names, phone: 'mobile_phone' }],
    [casePath('31-unclosed-quote.csv'), 'utf-8', names],
    [
      casePath('36-million-rows-seed.csv'),
      'utf-8',
      { ...names, phone: 'mobile_phone', birthday: 'birth_date' },
    ],
  ])('%s', (file, encoding, expected) => {
    const { columns, rows } = readHead(file, encoding);
    expect(targets(columns, rows)).toEqual(expected);
    const mapping = suggestMapping(columns, rows);
    for (const m of mapping) expect(m.reason, `${m.letter} ${m.header}`).not.toBeNull();
    expect(validateMapping(mapping, 'email').filter((p) => p.code !== 'match-key-unmapped')).toEqual([]);
  });

  it('case 12: leaves both phone columns unmapped, saying which columns share the header', () => {
    const { columns } = readHead(casePath('12-duplicate-headers.csv'));
    const [d, e] = suggestMapping(columns).slice(3);
    expect(d).toMatchObject({ letter: 'D', target: null, source: 'none' });
    expect(e).toMatchObject({ letter: 'E', target: null, source: 'none' });
    expect(d?.reason).toContain('columns D and E');
  });

  it('customers: City and Country stay unmapped without address line 1 and postcode', () => {
    const { columns } = readHead(fixturePath('customers-100.csv'));
    const city = suggestMapping(columns).find((m) => m.header === 'City');
    expect(city).toMatchObject({ target: null, reason: addressTogetherReason });
  });
});

describe('suggestMapping header rules', () => {
  it.each<[string, string | null]>([
    ['Email Address', 'email'],
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['Email Adress', 'email'],
    ['Mobile', 'mobile_phone'],
    ['Cell', 'mobile_phone'],
    ['Phone 1', 'mobile_phone'],
    ['Mobile Phone', 'mobile_phone'],
    ['Phone 2', 'secondary_phone'],
    ['Sex', 'gender'],
    ['Gender', 'gender'],
    ['DOB', 'birth_date'],
    ['Birthday', 'birth_date'],
    ['birthday', 'birth_date'],
    ['Job Title', 'occupation'],
    ['given name', 'first_name'],
    ['surname', 'last_name'],
    ['firstName', 'first_name'],
    ['Company', 'company'],
    ['joined', 'joined_at'],
    ['Tags', 'tags'],
    ['identities.loyalty_id', 'identities.loyalty_id'],
    ['custom_attributes.crm.tier:integer', 'custom_attributes.crm.tier:integer'],
    ['organisations:json', 'organisations:json'],
    ['notes', null],
    ['Index', null],
    ['Customer Id', null],
    ['User Id', null],
    ['Website', null],
    ['lifetime_spend', null],
    ['status', null],
    ['points', null],
    ['Phone 3', null],
    ['id', null],
    ['', null],
  ])('%j → %s', (header, target) => {
    const [m] = suggestMapping(columnsOf([header]));
    expect(m?.target).toBe(target);
    if (target === null) expect(m?.reason).toBeTruthy();
  });

  it('keeps address parts when all four required parts are found', () => {
    const mapping = suggestMapping(columnsOf(['Street Address', 'City', 'Zip', 'Country', 'State']));
    expect(mapping.map((m) => m.target)).toEqual([
      'addresses.address_line_1',
      'addresses.city',
      'addresses.postcode',
      'addresses.country',
      'addresses.state',
    ]);
  });

  it.each([[['City', 'Country']], [['address', 'City', 'Zip']], [['postcode']]])(
    'drops address parts %j when a required part is missing',
    (headers) => {
      for (const m of suggestMapping(columnsOf(headers))) {
        expect(m).toMatchObject({ target: null, reason: addressTogetherReason });
      }
    },
  );

  it('gives each target to one column: highest confidence wins, the other says which column has it', () => {
    const [a, b] = suggestMapping(columnsOf(['E-mail', 'email']));
    expect(a).toMatchObject({ target: null });
    expect(a?.reason).toBe("email is already mapped from column B 'email'");
    expect(b).toMatchObject({ target: 'email', confidence: 1 });
  });

  it('prefers birth_date to separate birth day/month/year columns', () => {
    const mapping = suggestMapping(columnsOf(['DOB', 'birth_year']));
    expect(mapping.map((m) => m.target)).toEqual(['birth_date', null]);
  });

  it('confidence orders the ways of matching: path > synonym > fuzzy > qualified > assumed', () => {
    const mapping = suggestMapping(
      columnsOf(['email', 'First Name', 'Occupaton', 'phone_work', 'Subscription Date']),
    );
    const confidences = mapping.map((m) => m.confidence);
    expect(confidences).toEqual([...confidences].sort((x, y) => y - x));
    expect(confidences.every((c) => c > 0 && c <= 1)).toBe(true);
  });
});

describe('matchHeader', () => {
  // Template and `:json` fields are only chosen by hand (or by a header that is their path).
  const spellings = fieldCatalogue
    .filter((f) => !isTemplatePath(f.path) && f.kind !== 'json')
    .flatMap((f) => [f.label, ...f.synonyms].map((s) => [s, f.path] as const));
  it.each(spellings)('catalogue spelling %j matches its own field %s', (spelling, path) => {
    expect(matchHeader(spelling)?.target).toBe(path);
  });

  it('a header longer than fileLimits.maxMatchedHeaderChars is not matched, and costs no fuzzy search', () => {
    const padding = '-'.repeat(fileLimits.maxMatchedHeaderChars);
    expect(matchHeader('Email Address')?.target).toBe('email');
    expect(matchHeader(`Email Address ${padding}`)).toBeNull();
    const huge = `Email ${'address '.repeat(20_000)}x`;
    const started = performance.now();
    for (let i = 0; i < 200; i++) expect(matchHeader(huge)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('suggestMapping with sample values', () => {
  it('maps a column of emails with an unknown header to email', () => {
    const mapping = suggestMapping(columnsOf(['Contact', 'Name']), [
      ['ana@example.com', 'Ana'],
      ['bo@example.org', 'Bo'],
    ]);
    expect(mapping[0]).toMatchObject({ target: 'email', reason: 'values look like email addresses' });
    expect(mapping[1]?.target).toBeNull();
  });

  it.each(['email', 'Email', 'E-mail', 'Email Address'])(
    'keeps an exact %j header mapped to email when its values are mostly bad, with a lower confidence',
    (header) => {
      const [m] = suggestMapping(columnsOf([header]), [
        ['ana@example.com'],
        ['bob at example.com'],
        ['n/a'],
        ['unknown'],
      ]);
      expect(m).toMatchObject({ target: 'email', source: 'auto', confidence: 0.5 });
      expect(m?.reason).toMatch(/only 25% of the first values look like email addresses/);
    },
  );

  it('does not map a guessed (qualified or fuzzy) email header whose values are not emails', () => {
    for (const header of ['email_work', 'Emailaddres']) {
      const [m] = suggestMapping(columnsOf([header]), [['yes'], ['no'], ['yes']]);
      expect(m?.target).toBeNull();
    }
  });

  it.each<[string[], string | null]>([
    [['Mr', 'Ms', 'Dr.', 'not_specified', 'Dr. med.'], 'title'],
    [['Ubiquitous', 'Cutting-edge', 'Sales Manager'], null],
  ])('title with values %j → %s', (values, target) => {
    const [m] = suggestMapping(
      columnsOf(['title']),
      values.map((v) => [v]),
    );
    expect(m?.target).toBe(target);
  });
});

describe('suggestMapping never suggests a mapping that cannot be sent', () => {
  const pool = [
    ...fieldCatalogue.flatMap((f) => f.synonyms),
    'notes',
    'Index',
    'phone',
    'City',
    'billing_city',
    'shipping_city',
    'email_work',
    'DOB',
    'birth_year',
    '',
  ];
  it('for any header row drawn from synonyms and noise', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 14 }), (headers) => {
        const mapping = suggestMapping(columnsOf(headers));
        expect(mapping).toHaveLength(headers.length);
        const problems = validateMapping(mapping, 'email').filter((p) => p.code !== 'match-key-unmapped');
        expect(problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
