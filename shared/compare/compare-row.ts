/**
 * What one row would do in the tenant: create a profile, update one (which fields, old → new), or
 * be refused (a conflict), decided from what the look-ups found. Pure: no I/O.
 *
 * Omneo's rules (../shared/omneo-api.md): a row matches on its email or on its identity with the
 * match handle; no match creates a profile, which needs an email; email, `mobile_phone` and each
 * identity handle+identifier are unique per tenant; `tags` and `statuses` replace the profile's
 * whole list, `identities` merge by handle, `custom_attributes` by namespace+handle, every other
 * field replaces the profile's value.
 */
import type { OmneoProfile } from '../omneo/profile-schema';
import type { TenantProfile } from '../omneo/profile-schemas';
import { tagHandle, unknownReferences, type ReferenceSets, type UnknownReference } from './reference-rules';

/** What the look-ups found for one row. Holder ids are profile ids (strings); null = free. */
export interface RowFacts {
  /** The profile the row's match key finds, or null. */
  readonly existing: TenantProfile | null;
  /** Who holds the row's email (asked only when it matters), by availability or the match. */
  readonly emailHolder?: string | null;
  /** Who holds the row's mobile phone (asked only when the row has one). */
  readonly phoneHolder?: string | null;
  /** Who holds each of the row's other identities, by `handle:identifier`. */
  readonly identityHolders?: Readonly<Record<string, string | null>>;
}

/** One field an update changes: its value in the tenant now and the value the row sends. */
export interface FieldChange {
  /** Profile field path, e.g. `first_name`, `identities.loyalty_id`, `custom_attributes.crm.tier`. */
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
  /** True for `tags` and `statuses`: Omneo replaces the profile's whole list with the row's. */
  readonly replacesList: boolean;
}

/** Why Omneo would refuse the row. */
export interface RowConflict {
  readonly field: string;
  readonly message: string;
  /** The profile that holds the value, when the refusal is a uniqueness one. */
  readonly heldBy: string | null;
}

/** The answer for one row. */
export interface CompareAnswer {
  readonly line: number;
  readonly matchKey: string;
  /** `conflict`: Omneo would refuse the row; it is not sent. */
  readonly action: 'create' | 'update' | 'conflict';
  /** The matched profile's id (update, or a conflict on an existing profile); null for a create. */
  readonly profileId: string | null;
  /** Fields an update changes (empty for a create or an update that changes nothing). */
  readonly changes: readonly FieldChange[];
  readonly conflicts: readonly RowConflict[];
  /** Unknown reference values that are only warnings (errors are in `conflicts`). */
  readonly warnings: readonly UnknownReference[];
  /**
   * For an update: the matched profile's values of every field the row sends (null where it had
   * none) and its `updated_at` — what undo restores. Null otherwise.
   */
  readonly before: ProfileBefore | null;
}

/** A profile's values of the fields an import touches, as they were before it. */
export interface ProfileBefore {
  readonly updatedAt: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A row to compare: its line, match key and the profile exactly as it would be sent. */
export interface CompareInput {
  readonly line: number;
  readonly matchKey: string;
  readonly profile: OmneoProfile;
}

/** Decide what `row` would do, given the facts the look-ups found and the tenant's reference data. */
export function compareRow(row: CompareInput, facts: RowFacts, references: ReferenceSets): CompareAnswer {
  const { existing } = facts;
  const ownId = existing?.id ?? null;
  const conflicts: RowConflict[] = [];
  const heldByOther = (holder: string | null | undefined): holder is string =>
    typeof holder === 'string' && holder !== ownId;
  if (!existing && row.profile.email === undefined) {
    conflicts.push({
      field: 'email',
      message: 'no profile matches and Omneo needs an email to create one',
      heldBy: null,
    });
  }
  if (row.profile.email !== undefined && heldByOther(facts.emailHolder)) {
    conflicts.push({
      field: 'email',
      message: `email ${row.profile.email} is already held by profile ${facts.emailHolder}`,
      heldBy: facts.emailHolder,
    });
  }
  if (row.profile.mobile_phone !== undefined && heldByOther(facts.phoneHolder)) {
    conflicts.push({
      field: 'mobile_phone',
      message: `mobile phone ${row.profile.mobile_phone} is already held by profile ${facts.phoneHolder}`,
      heldBy: facts.phoneHolder,
    });
  }
  for (const identity of row.profile.identities ?? []) {
    const holder = facts.identityHolders?.[`${identity.handle}:${identity.identifier}`];
    if (heldByOther(holder)) {
      conflicts.push({
        field: `identities.${identity.handle}`,
        message: `identity ${identity.handle} ${identity.identifier} is already held by profile ${holder}`,
        heldBy: holder,
      });
    }
  }
  const unknown = unknownReferences(row.profile, references);
  for (const refused of unknown.filter((r) => r.severity === 'error')) {
    conflicts.push({ field: refused.field, message: refused.message, heldBy: null });
  }
  const action = conflicts.length > 0 ? 'conflict' : existing ? 'update' : 'create';
  return {
    line: row.line,
    matchKey: row.matchKey,
    action,
    profileId: ownId,
    changes: existing ? fieldChanges(row.profile, existing) : [],
    conflicts,
    warnings: unknown.filter((r) => r.severity === 'warning'),
    before: action === 'update' && existing ? beforeOf(row.profile, existing) : null,
  };
}

/** The fields `profile` would change on `existing`, in the row's field order. */
export function fieldChanges(profile: OmneoProfile, existing: TenantProfile): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: string, old: unknown, next: unknown, replacesList = false): void => {
    if (!sameValue(old, next)) changes.push({ field, old: old ?? null, new: next, replacesList });
  };
  for (const [field, value] of Object.entries(profile)) {
    if (value === undefined) continue;
    const current = (existing as Record<string, unknown>)[field];
    switch (field) {
      case 'email':
        if (String(current ?? '').toLowerCase() !== String(value).toLowerCase()) add(field, current, value);
        break;
      case 'tags':
        add(field, current ?? [], (value as string[]).map(tagHandle), true);
        break;
      case 'statuses':
        add(field, current ?? [], value, true);
        break;
      case 'identities':
        for (const identity of value as { handle: string; identifier: string }[]) {
          const had = (existing.identities ?? []).find((i) => i.handle === identity.handle);
          add(`identities.${identity.handle}`, had?.identifier, identity.identifier);
        }
        break;
      case 'custom_attributes':
        for (const attribute of value as { namespace: string; handle: string; value: unknown }[]) {
          const list = Array.isArray(current) ? (current as (typeof attribute)[]) : [];
          const had = list.find((a) => a.namespace === attribute.namespace && a.handle === attribute.handle);
          add(`custom_attributes.${attribute.namespace}.${attribute.handle}`, had?.value, attribute.value);
        }
        break;
      default:
        add(field, current, value);
    }
  }
  return changes;
}

/** `existing`'s values of the fields `profile` sends; null where it has none. */
export function beforeOf(profile: OmneoProfile, existing: TenantProfile): ProfileBefore {
  const fields: Record<string, unknown> = {};
  for (const field of Object.keys(profile)) {
    fields[field] = (existing as Record<string, unknown>)[field] ?? null;
  }
  return { updatedAt: existing.updated_at ?? null, fields };
}

/** Equal as JSON values; lists of tags and statuses compare as sets. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b) && a.every((x) => typeof x === 'string')) {
    return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
