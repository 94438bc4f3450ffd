/**
 * Plain-language lines for the review's problem summary: one per issue code, with the count and
 * what to do, e.g. "312 phones have no country — set a default region".
 *
 * Codes come from the engine's normalisers and row checks (shared/normalise, shared/engine); a code
 * without a line here falls back to the example issue's own message.
 */
import type { IssueGroup } from '../../shared/engine/check-result';

type Hint = (count: number, plural: boolean) => string;

const s = (plural: boolean, one: string, many: string): string => (plural ? many : one);

const hints: Readonly<Record<string, Hint>> = {
  'phone-no-region': (n, p) => `${n} ${s(p, 'phone has', 'phones have')} no country — set a default region`,
  'phone-invalid': (n, p) => `${n} ${s(p, 'phone is', 'phones are')} not valid numbers — fix or clear them`,
  'phone-scientific-notation': (n, p) =>
    `${n} ${s(p, 'phone was', 'phones were')} turned into scientific notation by Excel — re-export the column as text`,
  'phone-region-invalid': (n) => `${n} phones could not use the default region — choose another region`,
  'phone-extension-dropped': (n, p) =>
    `${n} ${s(p, 'phone extension is', 'phone extensions are')} left out (Omneo phones have none)`,
  'email-invalid': (n, p) =>
    `${n} ${s(p, 'email is', 'emails are')} not valid addresses — fix them or skip the rows`,
  'match-key-missing': (n, p) =>
    `${n} ${s(p, 'row has', 'rows have')} nothing to match on — add the email (or identity) or skip them`,
  'duplicate-match-key': (n, p) =>
    `${n} ${s(p, 'row repeats', 'rows repeat')} an earlier row's match key — only the first is sent`,
  'mobile-phone-repeated': (n, p) =>
    `${n} mobile ${s(p, 'phone is', 'phones are')} on another row too — Omneo may reject one of them`,
  'date-order-ambiguous': (n, p) =>
    `${n} ${s(p, 'date fits', 'dates fit')} both day-first and month-first — choose a date order`,
  'date-invalid': (n, p) =>
    `${n} ${s(p, 'date is', 'dates are')} not valid dates — fix them or leave out invalid values`,
  'date-no-year': (n, p) =>
    `${n} ${s(p, 'date has', 'dates have')} no year — add it or leave out invalid values`,
  'address-incomplete': (n, p) =>
    `${n} ${s(p, 'address is', 'addresses are')} missing line 1, city, postcode or country — Omneo needs all four`,
  'ragged-row': (n, p) =>
    `${n} ${s(p, 'row has', 'rows have')} more fields than the header — check for an unquoted delimiter`,
  'ragged-row-short': (n, p) =>
    `${n} ${s(p, 'row has', 'rows have')} fewer fields than the header — the missing cells are empty`,
  'formula-like': (n, p) =>
    `${n} ${s(p, 'cell starts', 'cells start')} like a formula — sent as plain text, never evaluated`,
  'whitespace-trimmed': (n, p) =>
    `${n} ${s(p, 'cell had', 'cells had')} extra spaces or invisible characters — trimmed`,
  'value-dropped': (n, p) => `${n} invalid ${s(p, 'value is', 'values are')} left out of the profiles`,
  'country-invalid': (n, p) =>
    `${n} ${s(p, 'country is', 'countries are')} not recognised — use a name or ISO code`,
  'gender-invalid': (n, p) => `${n} ${s(p, 'gender is', 'genders are')} not one Omneo knows`,
  'profile-invalid': (n, p) => `${n} ${s(p, 'profile does', 'profiles do')} not fit Omneo's schema`,
  'header-repeated': (n) => `${n} columns share a header — map them by column letter`,
};

/**
 * The summary line for one issue group: a known code's hint, else "N × <example message>".
 */
export function issueHint(group: IssueGroup): string {
  const hint = hints[group.code];
  if (hint) return hint(group.count, group.count !== 1);
  return `${group.count} × ${group.example.message}`;
}
