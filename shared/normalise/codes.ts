/**
 * Standard codes: ISO 4217 currencies and ISO 3166-1 countries.
 *
 * Currency codes come from the runtime's own ICU data (`Intl.supportedValuesOf('currency')`,
 * ECMA-402) and country names from i18n-iso-countries' English list, so neither list is ours to
 * keep up to date.
 */
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { vocabularyKey } from './vocabulary';
import { quoteValue } from './memo';
import { accept, reject, type Normalised } from './result';

countries.registerLocale(english);

let currencies: ReadonlySet<string> | null = null;

function knownCurrencies(): ReadonlySet<string> | null {
  if (currencies === null && typeof Intl.supportedValuesOf === 'function') {
    currencies = new Set(Intl.supportedValuesOf('currency'));
  }
  return currencies;
}

/**
 * Normalise a currency to its ISO 4217 code in upper case (`aud` → `AUD`).
 *
 * The code must be one the runtime knows (`Intl.supportedValuesOf('currency')`); where that list
 * is missing (small-ICU builds) any three letters are accepted. Whether the tenant has the
 * currency configured is Omneo's check (`GET /currencies`). Symbols (`$`) and names are refused
 * (`currency-invalid`): `$` alone could be a dozen currencies.
 */
export function normaliseCurrency(text: string): Normalised<string> {
  const code = text.trim().toUpperCase();
  const known = knownCurrencies();
  if (/^[A-Z]{3}$/.test(code) && (known === null || known.has(code))) return accept(code);
  return reject(
    'currency-invalid',
    `${quoteValue(text)} is not an ISO 4217 currency code such as AUD, NZD or USD`,
  );
}

/** Country spellings the English list lacks but exports commonly use. */
const EXTRA_COUNTRY_NAMES: Readonly<Record<string, string>> = {
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  holland: 'NL',
  'ivory coast': 'CI',
  'vatican city': 'VA',
  'libyan arab jamahiriya': 'LY',
  'palestinian territory': 'PS',
  'slovak republic': 'SK',
  'kyrgyz republic': 'KG',
  'svalbard and jan mayen islands': 'SJ',
  'pitcairn islands': 'PN',
  bouvetoya: 'BV',
  swaziland: 'SZ',
  macedonia: 'MK',
  micronesia: 'FM',
  moldova: 'MD',
  burma: 'MM',
  'saint martin': 'MF',
  'viet nam': 'VN',
  syria: 'SY',
  laos: 'LA',
  brunei: 'BN',
  'east timor': 'TL',
  vatican: 'VA',
  macau: 'MO',
  'republic of ireland': 'IE',
  'dr congo': 'CD',
  drc: 'CD',
  'united states virgin islands': 'VI',
  'british virgin islands': 'VG',
  'chagos archipelago': 'IO',
};

/**
 * Longest text read as a country, in characters: the longest English name in the list is under
 * 60 characters, so longer text is refused before any lookup work.
 */
const maxCountryChars = 200;

let countryIndex: ReadonlyMap<string, string> | null = null;
/** Names that belong to more than one country (`Congo`, `Korea`), with the codes they could be. */
const ambiguousNames = new Map<string, string[]>([['korea', ['KR', 'KP']]]);
const AMBIGUOUS = '';

function countryKey(text: string): string {
  return vocabularyKey(text.normalize('NFD').replace(/\p{M}/gu, ''))
    .replace(/&/g, 'and')
    .replace(/[.’']/g, '')
    .replace(/^st /, 'saint ')
    .replace(/\s+/g, ' ')
    .trim();
}

function index(): ReadonlyMap<string, string> {
  if (countryIndex !== null) return countryIndex;
  const map = new Map<string, string>();
  const add = (key: string, alpha2: string): void => {
    const existing = map.get(key);
    if (existing === undefined || existing === alpha2) map.set(key, alpha2);
    else {
      ambiguousNames.set(key, [...(ambiguousNames.get(key) ?? [existing]), alpha2]);
      map.set(key, AMBIGUOUS);
    }
  };
  const names = countries.getNames('en', { select: 'all' });
  for (const [alpha2, list] of Object.entries(names)) {
    for (const name of list) add(countryKey(name), alpha2);
    map.set(alpha2.toLowerCase(), alpha2);
    const alpha3 = countries.alpha2ToAlpha3(alpha2);
    if (alpha3 !== undefined) map.set(alpha3.toLowerCase(), alpha2);
  }
  // Lower priority: a name without its parenthesised aside ("Saint Martin (French part)").
  for (const [alpha2, list] of Object.entries(names)) {
    for (const name of list) {
      const outer = splitAside(countryKey(name))?.outer;
      if (outer !== undefined && !map.has(outer)) map.set(outer, alpha2);
    }
  }
  for (const [name, alpha2] of Object.entries(EXTRA_COUNTRY_NAMES)) if (!map.has(name)) map.set(name, alpha2);
  countryIndex = map;
  return map;
}

/**
 * Normalise a country (English name, alpha-2 or alpha-3) to its ISO 3166-1 alpha-2 code.
 *
 * Case, accents, `&`/`and` and full stops are ignored (`côte d'ivoire`, `U.S.A.`, `aus`); a name
 * with a parenthesised aside is also tried without it and as the aside alone
 * (`Slovakia (Slovak Republic)`, `Holy See (Vatican City State)`). Unknown → `country-invalid`;
 * `Korea`, `Congo` (names of two countries) → `country-ambiguous`. Names: i18n-iso-countries `en`, plus a few
 * common spellings it lacks (England, Scotland, Wales → GB; Holland → NL; …).
 */
export function normaliseCountryCode(text: string): Normalised<string> {
  if (text.length > maxCountryChars) {
    return reject('country-invalid', `${quoteValue(text)} is not a country name or ISO 3166-1 code`);
  }
  const key = countryKey(text);
  const map = index();
  const candidates = ambiguousNames.get(key);
  if (candidates !== undefined) {
    return reject(
      'country-ambiguous',
      `${quoteValue(text)} could be more than one country; write ${candidates.join(' or ')}`,
    );
  }
  const found = map.get(key) ?? aside(key, map);
  if (found !== undefined && found !== AMBIGUOUS) return accept(found);
  return reject('country-invalid', `${quoteValue(text)} is not a country name or ISO 3166-1 code`);
}

/**
 * `name (aside)` split at its first `(`, when the key ends with `)`: what `/^(.*?)\s*\((.*)\)$/`
 * matches, found with `indexOf` because that pattern backtracks on text such as `" ("` repeated
 * (a 120 KB cell took 21 s, growing with the square of its length).
 */
function splitAside(key: string): { readonly outer: string; readonly inner: string } | null {
  const open = key.indexOf('(');
  if (open === -1 || !key.endsWith(')')) return null;
  return { outer: key.slice(0, open).trimEnd(), inner: key.slice(open + 1, -1) };
}

function aside(key: string, map: ReadonlyMap<string, string>): string | undefined {
  const parts = splitAside(key);
  if (parts === null) return undefined;
  const { outer, inner } = parts;
  return map.get(outer) ?? map.get(inner) ?? map.get(inner.replace(/ state$/, ''));
}
