/**
 * How a batch record changes a matched profile (../shared/omneo-api.md): `identities` merge by
 * handle, `custom_attributes` by namespace+handle; tags (turned into handles, spaces → hyphens)
 * and every other field replace the profile's.
 */
import type { BatchProfile } from './batch-rules';
import type { SimProfile } from './tenant-store';

/** Merge a record into a profile; `registerTag` gives a tag's handle and records it in the tenant. */
export function mergeRecord(
  profile: SimProfile,
  record: BatchProfile,
  registerTag: (tag: string) => string,
): void {
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (key === 'identities') {
      for (const identity of record.identities ?? []) {
        const same = profile.identities.findIndex((i) => i.handle === identity.handle);
        if (same >= 0) profile.identities[same] = { ...identity };
        else profile.identities.push({ ...identity });
      }
    } else if (key === 'tags') {
      profile.tags = (record.tags ?? []).map((tag) => registerTag(tag));
    } else if (key === 'custom_attributes') {
      const current = Array.isArray(profile.custom_attributes)
        ? (profile.custom_attributes as NonNullable<BatchProfile['custom_attributes']>)
        : [];
      for (const attribute of record.custom_attributes ?? []) {
        const same = current.findIndex(
          (a) => a.namespace === attribute.namespace && a.handle === attribute.handle,
        );
        if (same >= 0) current[same] = attribute;
        else current.push(attribute);
      }
      profile.custom_attributes = current;
    } else {
      profile[key] = structuredClone(value);
    }
  }
}
