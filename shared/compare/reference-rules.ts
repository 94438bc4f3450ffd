/**
 * Reference values a row points at that the tenant does not know, and how serious each is.
 *
 * ONE place decides whether an unknown value is a warning (Omneo takes the row; e.g. it creates a
 * new tag) or an error (Omneo would refuse the row, so it is a conflict and not sent):
 * {@link unknownReferenceSeverity}. Omneo documents neither; these are our reading of
 * ../shared/omneo-api.md (tags are free text the server turns into handles; statuses, locations,
 * regions and currencies are configured in the tenant and referenced by handle, id or code).
 */
import type { OmneoProfile } from '../omneo/profile-schema';

/** The kinds of reference data a profile field can point at. */
export type ReferenceKind =
  'tag' | 'status' | 'location' | 'region' | 'currency' | 'country' | 'identity-handle';

/** What the importer does with a value the tenant does not know. */
export type ReferenceSeverity = 'warning' | 'error';

/**
 * Warning or error per kind — change a kind here and compare, the review and `check --compare`
 * follow. Errors make the row a conflict (not sent).
 */
export const unknownReferenceSeverity: Readonly<Record<ReferenceKind, ReferenceSeverity>> = {
  tag: 'warning',
  status: 'error',
  location: 'error',
  region: 'error',
  currency: 'error',
  country: 'warning',
  'identity-handle': 'warning',
};

/**
 * The tenant's reference data as sets of the values a profile may carry: tag and status handles,
 * location ids / external ids / external codes, region ids and handles, currency codes, country
 * ISO codes (alpha-2 and alpha-3, upper case) and identity handles.
 */
export interface ReferenceSets {
  readonly tags: ReadonlySet<string>;
  readonly statuses: ReadonlySet<string>;
  readonly locationIds: ReadonlySet<string>;
  readonly locationExternalIds: ReadonlySet<string>;
  readonly locationExternalCodes: ReadonlySet<string>;
  readonly regionIds: ReadonlySet<string>;
  readonly regionHandles: ReadonlySet<string>;
  readonly currencies: ReadonlySet<string>;
  readonly countries: ReadonlySet<string>;
  readonly identityHandles: ReadonlySet<string>;
}

/** One value of a row the tenant does not know. */
export interface UnknownReference {
  readonly kind: ReferenceKind;
  /** The profile field, e.g. `statuses`, `joined_location_external_id`, `addresses.0.country`. */
  readonly field: string;
  readonly value: string;
  readonly severity: ReferenceSeverity;
  readonly message: string;
}

/** A tag as Omneo stores it: trimmed, spaces turned into hyphens (../shared/omneo-api.md). */
export const tagHandle = (tag: string): string => tag.trim().replace(/\s+/g, '-');

const wording: Record<ReferenceKind, (value: string) => string> = {
  tag: (v) => `tag "${v}" is new to the tenant; Omneo will create it`,
  status: (v) => `status "${v}" is not a status of the tenant`,
  location: (v) => `location "${v}" is not a location of the tenant`,
  region: (v) => `region "${v}" is not a region of the tenant`,
  currency: (v) => `currency ${v} is not configured in the tenant`,
  country: (v) => `country "${v}" is not a country of the tenant`,
  'identity-handle': (v) => `identity handle "${v}" is not in use in the tenant yet`,
};

/** Every value of `profile` that points at reference data the tenant lacks, in field order. */
export function unknownReferences(profile: OmneoProfile, sets: ReferenceSets): UnknownReference[] {
  const found: UnknownReference[] = [];
  const check = (kind: ReferenceKind, field: string, value: unknown, known: ReadonlySet<string>): void => {
    if (value === undefined || value === null || value === '') return;
    const text = String(value);
    if (known.has(text)) return;
    const severity = unknownReferenceSeverity[kind];
    found.push({ kind, field, value: text, severity, message: `${field}: ${wording[kind](text)}` });
  };
  for (const tag of profile.tags ?? []) check('tag', 'tags', tagHandle(tag), sets.tags);
  for (const status of profile.statuses ?? []) check('status', 'statuses', status, sets.statuses);
  for (const prefix of ['joined', 'preferred'] as const) {
    check('location', `${prefix}_location_id`, profile[`${prefix}_location_id`], sets.locationIds);
    const externalId = `${prefix}_location_external_id` as const;
    check('location', externalId, profile[externalId], sets.locationExternalIds);
    const externalCode = `${prefix}_location_external_code` as const;
    check('location', externalCode, profile[externalCode], sets.locationExternalCodes);
  }
  check('region', 'region_id', profile.region_id, sets.regionIds);
  check('region', 'region', profile.region, sets.regionHandles);
  (profile.regions ?? []).forEach((region, i) => {
    check('region', `regions.${i}.handle`, region.handle, sets.regionHandles);
  });
  check('currency', 'currency', profile.currency?.toUpperCase(), sets.currencies);
  check('country', 'region_country', profile.region_country?.toUpperCase(), sets.countries);
  (profile.addresses ?? []).forEach((address, i) => {
    check('country', `addresses.${i}.country`, address.country.toUpperCase(), sets.countries);
  });
  for (const identity of profile.identities ?? []) {
    check('identity-handle', 'identities', identity.handle, sets.identityHandles);
  }
  return found;
}
