/**
 * The tenant's reference data (statuses, locations, regions, currencies, countries, identity
 * handles) and the seed a Sandbox tenant starts from.
 *
 * Shapes follow the Omneo SDK's types (omneo/omneo-sdk `src/types/status.ts`, `location.ts`,
 * `region.ts`, `currencies.ts` — a currency is an exchange rate `{from, to, rate}` —, `country.ts`),
 * trimmed to the fields an importer reads. `GET /identities/handles` is not in the SDK; its item
 * `{handle, name}` is inferred. A seed file lets a user rehearse compare and undo without an account:
 * `omneo-import sim --seed tenant.json` or `startSimulator({ seed: … })`.
 */
import { z } from 'zod';

/** A status of the tenant (`GET /statuses`). */
export interface SimStatus {
  id: number;
  handle: string;
  name: string;
  created_at: string;
  updated_at: string;
}

/** A location (`GET /locations`); profiles point at it by id, `external_id` or `external_code`. */
export interface SimLocation {
  id: number;
  name: string;
  type: string | null;
  external_id: string;
  external_code: string | null;
  is_published: boolean;
  is_permanently_closed: boolean;
}

/** A region (`GET /regions`). */
export interface SimRegion {
  id: number;
  handle: string;
  name: string;
  is_default: boolean;
  countries: { iso_2: string }[];
  created_at: string;
  updated_at: string;
}

/** A currency rate (`GET /currencies`); the tenant's currency codes are its `from` and `to`. */
export interface SimCurrency {
  id: number;
  from: string;
  to: string;
  rate: number;
  is_system: boolean;
  created_at: string;
  updated_at: string;
}

/** A country (`GET /countries`). */
export interface SimCountry {
  id: number;
  name: string;
  iso_2: string;
  iso_3: string;
  iso_numeric: string;
  sort_order: number | null;
  states: unknown[];
}

/** An identity handle in use (`GET /identities/handles`, inferred shape). */
export interface SimIdentityHandle {
  handle: string;
  name: string;
}

/** Everything reference-like a tenant holds besides tags. */
export interface ReferenceData {
  statuses: SimStatus[];
  locations: SimLocation[];
  regions: SimRegion[];
  currencies: SimCurrency[];
  countries: SimCountry[];
  identityHandles: SimIdentityHandle[];
}

const handleName = z.union([
  z.string().min(1),
  z.strictObject({ handle: z.string().min(1), name: z.string().optional() }),
]);

/**
 * A seed file: the tenant's starting profiles and reference data. Every list is optional; a list
 * left out gets the demonstration default ({@link defaultReferenceSeed}), an empty list means none.
 */
export const tenantSeedSchema = z.strictObject({
  profiles: z.array(z.looseObject({ email: z.string().optional() })).optional(),
  tags: z.array(z.string().min(1)).optional(),
  statuses: z.array(handleName).optional(),
  locations: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        external_id: z.string().min(1),
        external_code: z.string().min(1).optional(),
      }),
    )
    .optional(),
  regions: z.array(handleName).optional(),
  currencies: z.array(z.string().regex(/^[A-Z]{3}$/)).optional(),
  countries: z.array(z.strictObject({ iso_2: z.string().length(2), name: z.string().min(1) })).optional(),
  identityHandles: z.array(handleName).optional(),
});

/** A parsed seed. */
export type TenantSeed = z.infer<typeof tenantSeedSchema>;

/** The reference data of a Sandbox started without a seed: a small Australian retailer. */
export const defaultReferenceSeed = {
  statuses: ['vip', 'gold', 'silver'],
  locations: [
    { name: 'Sydney CBD', external_id: 'SYD01', external_code: 'SYD' },
    { name: 'Melbourne Central', external_id: 'MEL01', external_code: 'MEL' },
  ],
  regions: ['au', 'nz'],
  currencies: ['AUD', 'NZD', 'USD'],
  countries: [
    { iso_2: 'AU', name: 'Australia' },
    { iso_2: 'NZ', name: 'New Zealand' },
    { iso_2: 'US', name: 'United States' },
    { iso_2: 'GB', name: 'United Kingdom' },
  ],
  identityHandles: ['loyalty_id', 'shopify_id'],
} as const satisfies TenantSeed;

const iso3: Record<string, [string, string]> = {
  AU: ['AUS', '036'],
  NZ: ['NZL', '554'],
  US: ['USA', '840'],
  GB: ['GBR', '826'],
};

/** Build the reference lists of a seed (defaults for lists it leaves out), stamped `at`. */
export function referenceDataOf(seed: TenantSeed, at: string): ReferenceData {
  const pick = <K extends keyof typeof defaultReferenceSeed>(key: K) =>
    seed[key] ?? defaultReferenceSeed[key];
  const named = (item: z.infer<typeof handleName>): { handle: string; name: string } =>
    typeof item === 'string'
      ? { handle: item, name: item }
      : { handle: item.handle, name: item.name ?? item.handle };
  const stamps = { created_at: at, updated_at: at };
  const codes = pick('currencies');
  const base = codes[0] ?? 'AUD';
  return {
    statuses: pick('statuses').map((item, i) => ({ id: i + 1, ...named(item), ...stamps })),
    locations: pick('locations').map((item, i) => ({
      id: i + 1,
      name: item.name,
      type: 'store',
      external_id: item.external_id,
      external_code: item.external_code ?? null,
      is_published: true,
      is_permanently_closed: false,
    })),
    regions: pick('regions').map((item, i) => ({
      id: i + 1,
      ...named(item),
      is_default: i === 0,
      countries: [],
      ...stamps,
    })),
    currencies: codes.map((code, i) => ({
      id: i + 1,
      from: base,
      to: code,
      rate: 1,
      is_system: i === 0,
      ...stamps,
    })),
    countries: pick('countries').map((item, i) => ({
      id: i + 1,
      name: item.name,
      iso_2: item.iso_2.toUpperCase(),
      iso_3: iso3[item.iso_2.toUpperCase()]?.[0] ?? item.iso_2.toUpperCase(),
      iso_numeric: iso3[item.iso_2.toUpperCase()]?.[1] ?? '',
      sort_order: null,
      states: [],
    })),
    identityHandles: pick('identityHandles').map(named),
  };
}
