/**
 * Shapes of the Omneo answers compare and undo read: profiles, paginated lists, availability.
 *
 * Loose objects (Omneo adds fields freely). Sources: ../shared/omneo-api.md "Related endpoints"
 * (list envelope `{data[], links, meta{current_page,last_page,total}}`), the omneo-sdk
 * `profiles.get/list/findByEmail/findByIdentity/checkAvailability` calls and its `src/types`
 * (Status, Location, Region, Currency `{from, to}`, Country `{iso_2}`). The availability answer's
 * shape is inferred (the SDK types it `any`).
 */
import { z } from 'zod';
import { idSchema } from './api-schemas';

/** A profile as `GET /profiles/{id}` (inside `data`) and the list endpoints give it. */
export const tenantProfileSchema = z.looseObject({
  id: idSchema,
  email: z.string().nullish(),
  mobile_phone: z.string().nullish(),
  updated_at: z.string().nullish(),
  created_at: z.string().nullish(),
  identities: z.array(z.looseObject({ handle: z.string(), identifier: z.string() })).nullish(),
});
/** A profile: its id (string), `updated_at` (ISO time) and every other field as Omneo sent it. */
export type TenantProfile = z.infer<typeof tenantProfileSchema>;

/** `{data: profile}`. */
export const profileAnswerSchema = z.looseObject({ data: tenantProfileSchema });

/** One page of a paginated list: `{data[], meta{current_page, last_page, total}}`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    meta: z.looseObject({ current_page: z.number().optional(), last_page: z.number().optional() }).optional(),
  });
}

/** `POST /profiles/availability` → `{data: {email?: {available, profile_id}, mobile_phone?: …}}`. */
const holderSchema = z.looseObject({ available: z.boolean(), profile_id: idSchema.nullish() });
export const availabilityAnswerSchema = z.looseObject({
  data: z.looseObject({ email: holderSchema.optional(), mobile_phone: holderSchema.optional() }),
});
/** Who holds an email and a mobile phone: the holder's profile id, or null when free. */
export interface Availability {
  readonly email?: string | null;
  readonly mobile_phone?: string | null;
}

/** A reference list item: the values a profile field may point at. */
export const referenceItemSchema = z.looseObject({
  id: idSchema.optional(),
  handle: z.string().optional(),
  name: z.string().nullish(),
  external_id: z.string().nullish(),
  external_code: z.string().nullish(),
  from: z.string().optional(),
  to: z.string().optional(),
  iso_2: z.string().optional(),
  iso_3: z.string().optional(),
});
export type ReferenceItem = z.infer<typeof referenceItemSchema>;

/** The reference lists compare reads, by their path under `/api/v3`. */
export const referenceListPaths = {
  tags: '/tags',
  statuses: '/statuses',
  locations: '/locations',
  regions: '/regions',
  currencies: '/currencies',
  countries: '/countries',
  identityHandles: '/identities/handles',
} as const;
export type ReferenceListName = keyof typeof referenceListPaths;
