/**
 * What a header says about its column beyond a single field name: an address part within a group
 * (`MailingStreet`, `Other City`, `Address 1 - Region`, `Default Address Zip`), a kind of phone
 * (mobile, home, business, fax), an opt-out flag, or a name an export system gives a field.
 *
 * Words are those of {@link headerWords}: `MailingPostalCode`, `Mailing Zip/Postal Code` and
 * `mailing_postal_code` read alike. Address words cover AU/UK/US/CA spellings (suburb, county,
 * zip, province). Export vocabularies: Salesforce (API and label names), HubSpot, Shopify,
 * Mailchimp, Klaviyo, Google Contacts, Outlook, Thunderbird, Zoho, Wave, FreshBooks and Invoice
 * Ninja column names, as their CSV exports write them (see test/fixtures/mapping/README.md).
 */
import type { AddressPart } from '../fields/field-target';
import { headerWords } from './header-match';

/** A kind of phone line, as a header names it. */
export type PhoneRole = 'mobile' | 'generic' | 'home' | 'work' | 'other';

/** What a header says, when it says more than a field name (see module doc). */
export type HeaderRole =
  | { readonly kind: 'address'; readonly group: string; readonly part: AddressPart }
  | { readonly kind: 'phone'; readonly role: PhoneRole; readonly group: string }
  | { readonly kind: 'not-imported'; readonly reason: string }
  | { readonly kind: 'opt-out'; readonly reason: string }
  | { readonly kind: 'field'; readonly target: string; readonly confidence: number; readonly note: string };

/** Address part words, by the compact form of the words after any group prefix. */
const addressParts: ReadonlyMap<string, AddressPart> = new Map<string, AddressPart>([
  ...[
    'street', 'streetaddress', 'address', 'address1', 'addressline1', 'addr1', 'line1', 'street1',
    'streetline1', 'streetaddress1', 'streetaddressline1', 'addressstreet',
  ].map((w) => [w, 'address_line_1'] as const),
  ...['address2', 'addressline2', 'addr2', 'line2', 'street2', 'streetline2', 'extendedaddress', 'streetaddressline2']
    .map((w) => [w, 'address_line_2'] as const),
  ...['address3', 'addressline3', 'addr3', 'line3', 'street3', 'streetline3'].map((w) => [w, 'address_line_3'] as const),
  ...['city', 'town', 'suburb', 'locality', 'towncity', 'citytown', 'suburbtown', 'suburbcity', 'citysuburb']
    .map((w) => [w, 'city'] as const),
  ...[
    'postcode', 'postalcode', 'zip', 'zipcode', 'zippostalcode', 'postalcodezip', 'postcodezip', 'zippostcode',
    'postzipcode', 'pcode', 'postalzipcode', 'postalzip', 'zippostal',
  ].map((w) => [w, 'postcode'] as const),
  ...['country', 'countryregion', 'countrycode', 'countryname'].map((w) => [w, 'country'] as const),
  ...[
    'state', 'province', 'county', 'stateprovince', 'provincestate', 'stateregion', 'statecode', 'provincecode',
    'stateorprovince', 'statecounty', 'countystate', 'provincename', 'statename', 'stateterritory',
  ].map((w) => [w, 'state'] as const),
]); // prettier-ignore

/** `region` names the state only inside an address group (`Address 1 - Region`); alone it is Omneo's region. */
const groupedOnly: ReadonlyMap<string, AddressPart> = new Map([['region', 'state']]);

/** Words that start an address (or phone) group: `Mailing`, `Default Address`, `Address 1 -`. */
const groupPrefixes: readonly (readonly string[])[] = [
  ['default', 'address'],
  ['primary', 'address'],
  ['mailing'], ['other'], ['billing'], ['bill'], ['shipping'], ['ship'], ['home'], ['work'], ['business'],
  ['postal'], ['physical'], ['residential'], ['delivery'], ['primary'], ['secondary'], ['alternate'],
]; // prettier-ignore

/** Splits a leading group off the words: `['mailing','street']` → `['mailing', ['street']]`. */
function splitGroup(words: readonly string[]): [string, string[]] | null {
  const numbered = /^(address|addr)$/.test(words[0] ?? '') && /^\d+$/.test(words[1] ?? '');
  if (numbered && words.length > 2) return [`address ${words[1]}`, words.slice(2)];
  for (const prefix of groupPrefixes) {
    if (words.length > prefix.length && prefix.every((w, i) => words[i] === w)) {
      return [prefix.join(' '), words.slice(prefix.length)];
    }
  }
  return null;
}

const notPhones: ReadonlyMap<string, string> = new Map([
  ['fax', 'a fax number'],
  ['pager', 'a pager number'],
  ['assistant', "an assistant's phone"],
  ['asst', "an assistant's phone"],
  ['callback', 'a callback number'],
  ['radio', 'a radio phone'],
  ['telex', 'a telex number'],
  ['tty', 'a text phone (TTY)'],
  ['tdd', 'a text phone (TDD)'],
  ['isdn', 'an ISDN line'],
  ['car', 'a car phone'],
  ['emergency', 'an emergency contact'],
]);

const phoneWords = new Set(['phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'cellular', 'mob']);

function phoneRole(words: readonly string[]): HeaderRole | null {
  if (!words.some((w) => phoneWords.has(w)) && !words.includes('mobilephone')) return null;
  if (words.includes('type') || words.includes('label') || words.includes('verified')) return null;
  for (const w of words) {
    const what = notPhones.get(w);
    if (what !== undefined)
      return { kind: 'not-imported', reason: `${what}, not the customer's own phone: Omneo has no field for it` };
  }
  if (words.includes('company') && words.includes('main')) {
    return { kind: 'not-imported', reason: "a company's switchboard, not the customer's own phone" };
  }
  const group = splitGroup(words)?.[0] ?? '';
  const has = (...ws: string[]) => ws.some((w) => words.includes(w));
  const number = words.map(Number).find((n) => Number.isInteger(n) && n > 0);
  if (has('mobile', 'cell', 'cellphone', 'cellular', 'mob', 'mobilephone')) return { kind: 'phone', role: 'mobile', group };
  if (has('home', 'private', 'personal')) return { kind: 'phone', role: number && number > 1 ? 'other' : 'home', group };
  if (has('work', 'business', 'office', 'company')) return { kind: 'phone', role: 'work', group };
  if (has('other', 'alternate', 'alt', 'secondary', 'additional')) return { kind: 'phone', role: 'other', group };
  if (number !== undefined && number >= 3)
    return { kind: 'not-imported', reason: 'Omneo keeps two phones (mobile_phone and secondary_phone)' };
  return { kind: 'phone', role: number === 2 ? 'other' : 'generic', group };
} // prettier-ignore

const optOutWords = [
  'optout', 'optedout', 'unsubscribe', 'unsubscribed', 'donotemail', 'donotcall', 'donotcontact', 'donotsms',
  'donotmail', 'donottext', 'emailoptout', 'nomarketing', 'suppressed', 'blacklisted', 'blocklisted',
]; // prettier-ignore

/**
 * Names export systems give to fields, by compact header, that the catalogue's own names do not
 * cover. Confidence as a synonym's (0.95) unless the name only probably means the field.
 */
const vocabulary: ReadonlyMap<string, readonly [string, number, string]> = new Map([
  // Consent (opt-in) flags: Shopify, HubSpot, Klaviyo, generic.
  ['acceptsemailmarketing', ['comms_attributes.email_promo', 0.95, 'Shopify’s email opt-in']],
  ['acceptssmsmarketing', ['comms_attributes.sms_promo', 0.95, 'Shopify’s SMS opt-in']],
  ['marketingoptin', ['comms_attributes.email_promo', 0.85, 'a marketing opt-in, read as email marketing']],
  ['optin', ['comms_attributes.email_promo', 0.8, 'an opt-in, read as email marketing']],
  ['emailmarketingoptin', ['comms_attributes.email_promo', 0.95, 'an email marketing opt-in']],
  ['emailsubscribed', ['comms_attributes.email_promo', 0.9, 'an email subscription flag']],
  ['subscribedtoemail', ['comms_attributes.email_promo', 0.9, 'an email subscription flag']],
  ['emailmarketingconsent', ['comms_attributes.email_promo', 0.9, 'email marketing consent']],
  ['emailconsent', ['comms_attributes.email_promo', 0.85, 'email marketing consent']],
  ['marketingconsent', ['comms_attributes.email_promo', 0.8, 'marketing consent, read as email']],
  ['smsoptin', ['comms_attributes.sms_promo', 0.95, 'an SMS opt-in']],
  ['smsconsent', ['comms_attributes.sms_promo', 0.9, 'SMS consent']],
  ['smsmarketingconsent', ['comms_attributes.sms_promo', 0.9, 'SMS marketing consent']],
  ['textoptin', ['comms_attributes.sms_promo', 0.9, 'a text message opt-in']],
  ['hasnewsletter', ['comms_attributes.email_promo', 0.85, 'a newsletter flag']],
  // Identities.
  ['loyaltynumber', ['identities.loyalty_id', 0.85, 'a loyalty number, offered as identity loyalty_id']],
  ['loyaltyid', ['identities.loyalty_id', 0.9, 'a loyalty id, offered as identity loyalty_id']],
  ['loyaltyno', ['identities.loyalty_id', 0.85, 'a loyalty number, offered as identity loyalty_id']],
  ['loyaltycardnumber', ['identities.loyalty_id', 0.85, 'a loyalty card, offered as identity loyalty_id']],
  ['loyaltycard', ['identities.loyalty_id', 0.8, 'a loyalty card, offered as identity loyalty_id']],
  ['membernumber', ['identities.loyalty_id', 0.8, 'a member number, offered as identity loyalty_id']],
  ['membershipnumber', ['identities.loyalty_id', 0.8, 'a membership number, offered as identity loyalty_id']],
  ['memberid', ['identities.loyalty_id', 0.75, 'a member id, offered as identity loyalty_id']],
  ['rewardsnumber', ['identities.loyalty_id', 0.8, 'a rewards number, offered as identity loyalty_id']],
  // Names and other fields as exports spell them.
  ['middlename', ['', 0, '']],
  ['givenname', ['first_name', 0.95, 'Google Contacts’ first name']],
  ['familyname', ['last_name', 0.95, 'Google Contacts’ last name']],
  ['nameprefix', ['title', 0.95, 'an honorific']],
  ['contactfirstname', ['first_name', 0.9, 'the contact’s first name']],
  ['contactlastname', ['last_name', 0.9, 'the contact’s last name']],
  ['contactemail', ['email', 0.9, 'the contact’s email']],
  ['emailaddress1', ['email', 0.95, 'the first email address']],
  ['email1value', ['email', 0.95, 'Google Contacts’ first email']],
  ['primaryemail', ['email', 0.95, 'the primary email']],
  ['emailprimary', ['email', 0.95, 'the primary email']],
  ['organization1name', ['company', 0.9, 'Google Contacts’ organisation']],
  ['organizationname', ['company', 0.9, 'the organisation name']],
  ['organisationname', ['company', 0.9, 'the organisation name']],
  ['accountname', ['company', 0.8, 'Salesforce/Zoho’s account (company) name']],
  ['organization1title', ['occupation', 0.9, 'Google Contacts’ job title']],
  ['organizationtitle', ['occupation', 0.9, 'Google Contacts’ job title']],
  ['dateofbirth', ['birth_date', 0.95, 'a date of birth']],
  ['defaultaddresscompany', ['company', 0.85, 'the company of Shopify’s default address']],
  [
    'createdate',
    ['joined_at', 0.6, 'read as the date the customer joined; change it if it means something else'],
  ],
  [
    'createddate',
    ['joined_at', 0.6, 'read as the date the customer joined; change it if it means something else'],
  ],
  [
    'createdtime',
    ['joined_at', 0.6, 'read as the date the customer joined; change it if it means something else'],
  ],
  ['customersince', ['joined_at', 0.85, 'when the customer joined']],
  ['photo', ['avatar_url', 0.85, 'a photo address']],
  ['photourl', ['avatar_url', 0.9, 'a photo address']],
  ['profilephoto', ['avatar_url', 0.85, 'a photo address']],
  ['profileimage', ['avatar_url', 0.85, 'a photo address']],
  ['imageurl', ['avatar_url', 0.8, 'a picture address']],
]);

/**
 * What the header says, or null when it says only a field name (left to `matchHeader`).
 *
 * Never throws. A `field` role with an empty target (`Middle Name`) means "not a field": it keeps
 * the header from being fuzzy-matched to a near name.
 */
export function headerRole(header: string): HeaderRole | null {
  const words = headerWords(header);
  const compact = words.join('');
  if (compact === '') return null;
  if (optOutWords.some((w) => compact.includes(w))) {
    return {
      kind: 'opt-out',
      reason:
        "an opt-out flag (yes means do not contact): Omneo's email_promo and sms_promo are opt-ins, so it is not mapped as one — map it by hand only with its values turned round",
    };
  }
  const known = vocabulary.get(compact);
  if (known !== undefined) {
    const [target, confidence, note] = known;
    return target === ''
      ? { kind: 'not-imported', reason: 'Omneo has no field for it' }
      : { kind: 'field', target, confidence, note };
  }
  const phone = phoneRole(words);
  if (phone !== null) return phone;
  const whole = addressParts.get(compact);
  if (whole !== undefined) return { kind: 'address', group: '', part: whole };
  const split = splitGroup(words);
  if (split !== null) {
    const [group, rest] = split;
    const restCompact = rest.join('');
    const part = addressParts.get(restCompact) ?? groupedOnly.get(restCompact);
    if (part !== undefined) return { kind: 'address', group, part };
  }
  return null;
}
