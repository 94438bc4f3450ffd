/**
 * Plain-language lines for the review's problem summary: one per issue code, with the count and
 * what to do, e.g. "312 phones have no country — set a default region".
 *
 * Codes come from the engine's normalisers and row checks (shared/normalise, shared/engine); a code
 * without a line here falls back to the example issue's own message.
 */
import type { AmbiguousDateColumn } from '../../shared/engine/check-report';
import type { IssueGroup } from '../../shared/engine/check-result';
import { describeSendBlocker, sendBlocker } from '../../shared/engine/send-blocker';
import type { ReviewSummary } from './review-state';

/** What a hint may need beyond the count: the options the check ran with. */
export interface HintContext {
  /** The default phone region the check used (ISO code), if any. */
  readonly phoneRegion?: string | null;
  /** Whether rows repeating an earlier row's mobile phone are sent without it. */
  readonly repeatedPhones?: 'keep' | 'leave-out';
}

/** `n` is the count already written with thousands separators ("1,214"). */
type Hint = (n: string, plural: boolean, context: HintContext) => string;

const number = new Intl.NumberFormat('en');

const s = (plural: boolean, one: string, many: string): string => (plural ? many : one);

const hints: Readonly<Record<string, Hint>> = {
  'encoding-invalid-bytes': (n, p) =>
    `${n} ${s(p, 'cell holds', 'cells hold')} bytes that are not valid in the file's encoding (shown as \ufffd) and ${s(p, 'is', 'are')} not sent — correct those lines in the file, or choose another encoding on the File step`,
  'encoding-invalid-bytes-not-imported': (n, p) =>
    `${n} ${s(p, 'cell', 'cells')} of columns not imported ${s(p, 'holds', 'hold')} bytes that are not valid in the file's encoding — nothing of ${s(p, 'it', 'them')} is sent`,
  'phone-no-region': (n, p, c) =>
    c.phoneRegion
      ? `${n} ${s(p, 'phone is not a valid', 'phones are not valid')} ${c.phoneRegion} ${s(p, 'number', 'numbers')} and ${s(p, 'has', 'have')} no country code — fix ${s(p, 'it', 'them')} or add + and the country code`
      : `${n} ${s(p, 'phone has', 'phones have')} no country — set a default phone region in Options`,
  'phone-invalid': (n, p, c) =>
    `${n} ${s(p, 'phone is not a valid number', 'phones are not valid numbers')}${c.phoneRegion ? ` (read with default region ${c.phoneRegion})` : ''} — fix or clear ${s(p, 'it', 'them')}`,
  'phone-scientific-notation': (n, p) =>
    `${n} ${s(p, 'phone was', 'phones were')} turned into a number (scientific notation) by Excel, losing digits — export the phone column as text and import again`,
  'phone-excel-formula': (n, p) =>
    `${n} ${s(p, 'phone was', 'phones were')} turned into a formula by Excel — export the phone column as text and import again`,
  'phone-excel-error': (n, p) =>
    `${n} ${s(p, 'phone is', 'phones are')} an Excel error such as #NAME? (the number is lost) — export the phone column as text from the source`,
  'birth-date-implausible': (n, p) =>
    `${n} ${s(p, 'birth date is', 'birth dates are')} in the future or before 1900 — correct or clear ${s(p, 'it', 'them')}, or leave invalid values out in Options`,
  'phone-region-invalid': (n, p, c) =>
    `${n} ${s(p, 'phone does', 'phones do')} not fit the default region${c.phoneRegion ? ` ${c.phoneRegion}` : ''} — choose another region or add + and the country code`,
  'phone-extension-dropped': (n, p) =>
    `${n} ${s(p, 'phone extension is', 'phone extensions are')} left out (Omneo phones have none)`,
  'email-invalid': (n, p) =>
    `${n} ${s(p, 'email is', 'emails are')} not valid addresses — fix them or skip the rows`,
  'match-key-missing': (n, p) =>
    `${n} ${s(p, 'row has', 'rows have')} nothing to match on — add the email (or identity) or skip them`,
  'duplicate-match-key': (n, p) =>
    `${n} ${s(p, 'row repeats', 'rows repeat')} an earlier row's match key — only the first is sent`,
  'mobile-phone-repeated': (n, p, c) =>
    c.repeatedPhones === 'leave-out'
      ? `${n} ${s(p, 'row repeats', 'rows repeat')} an earlier row's mobile phone — sent without it`
      : `${n} ${s(p, 'row repeats', 'rows repeat')} an earlier row's mobile phone — Omneo keeps mobile_phone unique and will refuse ${s(p, 'it', 'them')} (or choose "Leave out repeated mobile phones" in Options)`,
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
  'header-repeated': (n, p) =>
    `${n} ${s(p, 'column shares', 'columns share')} a header — map ${s(p, 'it', 'them')} by column letter`,
};

/**
 * The summary line for one issue group: a known code's hint, else "N × <example message>", with
 * the count written with thousands separators and singular or plural words to match it.
 */
export function issueHint(group: IssueGroup, context: HintContext = {}): string {
  const hint = hints[group.code];
  const n = number.format(group.count);
  if (hint) return hint(n, group.count !== 1, context);
  return `${n} × ${group.example.message.replace(/\.\.$/, '.')}`;
}

/**
 * Why nothing of a checked file can be imported yet, in the app's words, or null: the engine's one
 * rule (`sendBlocker`, the same `check` and `run` apply), with the user's skips counted.
 */
export function checkBlocker(
  summary: ReviewSummary,
  ambiguousDateColumns: readonly AmbiguousDateColumn[],
  fileName: string | null = null,
): string | null {
  const blocker = sendBlocker({ fileError: null, mappingProblems: [], ambiguousDateColumns, summary });
  return (
    blocker &&
    describeSendBlocker(blocker, {
      fileName,
      chooseDateOrder: 'Nothing is sent until you choose a date order and check again.',
    })
  );
}
