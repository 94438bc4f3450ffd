/**
 * The choices that decide how rows are checked: match criteria, date order, phone region, what to do
 * with a bad optional value, batch size and time zone.
 *
 * One zod schema is the contract for the CLI flags, saved mappings and the app's settings panel, so
 * every entry point rejects the same bad values with the same message.
 */
import { z } from 'zod';
import type { DateOrder } from '../normalise/dates';
import { maxBatchSize } from '../omneo/profile-schema';
import { isValidRegion } from '../normalise/phone';

export type { DateOrder } from '../normalise/dates';

/** The orders of day, month and year a text date can be read in (`03/04/1991`). */
export const dateOrders = ['dmy', 'mdy', 'ymd'] as const satisfies readonly DateOrder[];

/** What happens to an optional mapped value that fails to normalise. */
export const invalidValuePolicies = ['reject', 'drop'] as const;
export type InvalidValuePolicy = (typeof invalidValuePolicies)[number];

/**
 * What happens to rows sharing a match key (Omneo would upsert them onto one profile, so at most
 * one can be sent): keep the first row (default), keep the last, or send none of them. Every row
 * not sent is reported as a duplicate.
 */
export const duplicatePolicies = ['keep-first', 'keep-last', 'none'] as const;
export type DuplicatePolicy = (typeof duplicatePolicies)[number];

/**
 * What happens to a sent row whose `mobile_phone` an earlier sent row already has (Omneo keeps
 * `mobile_phone` unique per tenant, so it would refuse the later profile): `keep` sends it as it is
 * (with a warning), `leave-out` sends the row without `mobile_phone` (with a warning saying so).
 */
export const repeatedPhonesPolicies = ['keep', 'leave-out'] as const;
export type RepeatedPhonesPolicy = (typeof repeatedPhonesPolicies)[number];

/** `email` or an identity handle: lower-case letters, digits, `_` and `-` (as `parseFieldPath` accepts). */
const matchPattern = /^[a-z0-9_-]+$/;

/** True when the zone is an IANA zone the runtime knows (`Australia/Sydney`, `UTC`). */
function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Said for any batch size outside 1–500. */
const batchSizeMessage = `batch size must be 1–${maxBatchSize} (Omneo's batch limit)`;

/**
 * Schema for {@link CheckOptions}; every field has a default, so `{}` parses to the defaults.
 *
 * `phoneRegion` is an ISO 3166-1 alpha-2 code (upper-cased here); `timeZone` an IANA zone used for
 * date-only values sent as date-times (null → midnight UTC, never the machine's zone).
 */
export const checkOptionsSchema = z.object({
  match: z
    .string()
    .trim()
    .regex(matchPattern, 'match must be "email" or an identity handle such as "loyalty_id"')
    .default('email'),
  dateOrder: z.enum(dateOrders).nullable().default(null),
  phoneRegion: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'phone region must be a two-letter country code such as AU or GB')
    .transform((region) => region.toUpperCase())
    .refine(
      isValidRegion,
      'phone region is not a country phone numbers are known for; use one such as AU or GB',
    )
    .nullable()
    .default(null),
  onInvalidValue: z.enum(invalidValuePolicies).default('reject'),
  duplicates: z.enum(duplicatePolicies).default('keep-first'),
  repeatedPhones: z.enum(repeatedPhonesPolicies).default('keep'),
  /** Profiles per batch request: at most 500 — Omneo batch docs (`maxBatchSize`). */
  batchSize: z
    .number()
    .int(batchSizeMessage)
    .min(1, batchSizeMessage)
    .max(maxBatchSize, batchSizeMessage)
    .default(maxBatchSize),
  timeZone: z
    .string()
    .refine(isKnownTimeZone, 'time zone must be an IANA zone such as Australia/Sydney')
    .nullable()
    .default(null),
});

/** How rows are checked; see {@link checkOptionsSchema} for the rules of each field. */
export type CheckOptions = z.infer<typeof checkOptionsSchema>;

/** What callers may pass: any subset of {@link CheckOptions}, defaults fill the rest. */
export type CheckOptionsInput = z.input<typeof checkOptionsSchema>;

/** The defaults: match on email, infer date order, no phone region, reject bad values, keep the first duplicate, keep repeated phones, 500 per batch. */
export const defaultCheckOptions: CheckOptions = checkOptionsSchema.parse({});
