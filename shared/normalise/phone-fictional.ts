/**
 * Phone ranges set aside for drama and examples, accepted although libphonenumber calls them invalid.
 *
 * Test data, sample files and our own cases use these on purpose (case 01 `07700 900101`, case 19
 * `07700 900151`): they can never ring a real person, so they are the right thing to import into a
 * sandbox. libphonenumber's `isValid()` refuses most of them (Ofcom's `07700 900xxx` is not an
 * assigned mobile range), so they are allowed by name here, each with its source. Matched on the
 * E.164 text, so the way a number was written does not matter.
 */

/** One reserved range: who publishes it, and the E.164 numbers it covers. */
type FictionalRange = { readonly source: string; readonly e164: RegExp };

const OFCOM = 'Ofcom, "Telephone numbers for drama purposes" (TV, radio and film)';
const ACMA = 'ACMA, "Phone numbers for use in TV shows, films and creative works"';

/** The reserved ranges, E.164 patterns anchored at both ends. */
const FICTIONAL_RANGES: readonly FictionalRange[] = [
  // Ofcom drama numbers.
  { source: `${OFCOM}: mobile 07700 900000–900999`, e164: /^\+447700900\d{3}$/ },
  { source: `${OFCOM}: London 020 7946 0000–0999`, e164: /^\+442079460\d{3}$/ },
  {
    source: `${OFCOM}: 0113–0118, 0121, 0131, 0141, 0151, 0161 496 0000–0999`,
    e164: /^\+441(?:1[3-8]|[2-6]1)4960\d{3}$/,
  },
  { source: `${OFCOM}: Belfast 028 9649 6000–6999`, e164: /^\+442896496\d{3}$/ },
  { source: `${OFCOM}: Cardiff 029 2018 0000–0999`, e164: /^\+442920180\d{3}$/ },
  { source: `${OFCOM}: no area 01632 960000–960999`, e164: /^\+441632960\d{3}$/ },
  { source: `${OFCOM}: freephone 0808 157 0000–0999`, e164: /^\+448081570\d{3}$/ },
  { source: `${OFCOM}: premium rate 0909 879 0000–0999`, e164: /^\+449098790\d{3}$/ },
  { source: `${OFCOM}: UK-wide 0306 999 0000–0999`, e164: /^\+443069990\d{3}$/ },
  // ACMA fictional numbers.
  { source: `${ACMA}: mobile 0491 570 000–0491 579 999`, e164: /^\+6149157\d{4}$/ },
  {
    source: `${ACMA}: landline (02|03|07|08) 5550 xxxx and 7010 xxxx`,
    e164: /^\+61[2378](?:5550|7010)\d{4}$/,
  },
  {
    source: `${ACMA}: 1800 160 401, 1800 975 707, 1900 654 321`,
    e164: /^\+61(?:1800160401|1800975707|1900654321)$/,
  },
  // North American Numbering Plan.
  {
    source: 'NANPA, "555 line numbers": NXX-555-0100 to 0199 reserved for fictional use',
    e164: /^\+1[2-9]\d{2}55501\d{2}$/,
  },
];

/**
 * True when `e164` (`+447700900151`) is in a published drama/fictional range listed above.
 *
 * Why: these numbers are refused by the validity check yet are the ones test data should use.
 */
export function isFictionalPhone(e164: string): boolean {
  return FICTIONAL_RANGES.some((range) => range.e164.test(e164));
}
