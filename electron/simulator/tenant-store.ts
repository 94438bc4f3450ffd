/**
 * One simulated Omneo tenant: its profiles, the batch queue and the uniqueness rules.
 *
 * Behaviour follows ../shared/omneo-api.md: `match_criteria` "email" matches on email, any other
 * value is an identity handle looked up in the record's `identities[]`; no match creates a
 * profile; email, `mobile_phone` and identity handle+identifier are unique per tenant, and a
 * record that would break that fails on its own while the rest of its batch goes on.
 *
 * Item status vocabulary (our choice, documented for clients of `GET /batches/{id}`):
 * `pending` (the batch is still queued), `created`, `updated`, `failed` (with `error`).
 * A batch is `pending` until processed, then `success` — even when some items failed; the
 * simulator never marks a whole batch `failed`, clients must read the items.
 */
import { randomUUID } from 'node:crypto';
import type { BatchProfile, BatchRequest } from './batch-rules';

/** One `identities[]` entry of a stored profile. */
export interface SimIdentity {
  handle: string;
  identifier: string;
  is_active?: boolean;
}

/** A stored profile: Omneo's field names, plus `id` and timestamps the server adds. */
export interface SimProfile {
  id: number;
  email?: string;
  mobile_phone?: string;
  identities: SimIdentity[];
  tags: string[];
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/** What happened to one record of a batch (see the vocabulary above). */
export type BatchItemStatus = 'pending' | 'created' | 'updated' | 'failed';

/** One record's outcome, in the batch's request order. */
export interface SimBatchItem {
  id: number;
  /** The profile created or updated; null when failed or pending. */
  entity_id: number | null;
  /** The record's match key value (its email, or its identifier for the matched handle). */
  external_id: string | null;
  status: BatchItemStatus;
  error: string | null;
}

/** A batch as `GET /batches/{id}` reports it. */
export interface SimBatch {
  id: string;
  import_job_id: string | null;
  entity_type: 'profile';
  match_criteria: string;
  total_count: number;
  status: 'pending' | 'success' | 'failed';
  success_count: number;
  failed_count: number;
  processed_count: number;
  items: SimBatchItem[];
  created_at: string;
  processed_at: string | null;
}

/** A tag of the tenant, as `GET /tags` lists it. */
export interface SimTag {
  id: number;
  handle: string;
  name: string;
}

/** Everything needed to rebuild a tenant: what the state file holds. */
export interface TenantData {
  profiles: SimProfile[];
  batches: SimBatch[];
  /** Records of batches not processed yet, by batch id. */
  pending: Record<string, BatchProfile[]>;
  tags: SimTag[];
  nextProfileId: number;
  nextItemId: number;
}

type ItemOutcome = Omit<SimBatchItem, 'id'>;

const identityKey = (handle: string, identifier: string): string => `${handle}\u0000${identifier}`;
const emailKey = (email: string): string => email.trim().toLowerCase();
const tagHandle = (tag: string): string => tag.trim().replace(/\s+/g, '-');

/**
 * The tenant's data and rules, in memory.
 *
 * Not thread-safe and not persistent by itself: the server calls `snapshot()` to save it.
 */
export class TenantStore {
  private profiles = new Map<number, SimProfile>();
  private byEmail = new Map<string, number>();
  private byPhone = new Map<string, number>();
  private byIdentity = new Map<string, number>();
  private batches = new Map<string, SimBatch>();
  private pending = new Map<string, BatchProfile[]>();
  private tagsByHandle = new Map<string, SimTag>();
  private nextProfileId = 1;
  private nextItemId = 1;

  constructor(
    data: TenantData | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (data) this.load(data);
  }

  /** Queue a checked batch; its records are applied later by `processBatch`. */
  queueBatch(request: BatchRequest): SimBatch {
    const batch: SimBatch = {
      id: randomUUID(),
      import_job_id: request.import_job_id ?? null,
      entity_type: 'profile',
      match_criteria: request.match_criteria,
      total_count: request.profiles.length,
      status: 'pending',
      success_count: 0,
      failed_count: 0,
      processed_count: 0,
      items: request.profiles.map(() => ({
        id: this.nextItemId++,
        entity_id: null,
        external_id: null,
        status: 'pending',
        error: null,
      })),
      created_at: this.now().toISOString(),
      processed_at: null,
    };
    this.batches.set(batch.id, batch);
    this.pending.set(batch.id, request.profiles);
    return batch;
  }

  /** Apply a queued batch's records in request order. Does nothing for an unknown or settled batch. */
  processBatch(batchId: string): void {
    const batch = this.batches.get(batchId);
    const records = this.pending.get(batchId);
    if (!batch || !records) return;
    records.forEach((record, index) => {
      const item = batch.items[index];
      if (!item) return;
      Object.assign(item, this.applyRecord(batch.match_criteria, record));
      if (item.status === 'failed') batch.failed_count++;
      else batch.success_count++;
      batch.processed_count++;
    });
    batch.status = 'success';
    batch.processed_at = this.now().toISOString();
    this.pending.delete(batchId);
  }

  /** Ids of batches still queued, oldest first. */
  pendingBatchIds(): string[] {
    return [...this.pending.keys()];
  }

  /** A batch by id, or undefined. */
  batch(batchId: string): SimBatch | undefined {
    return this.batches.get(batchId);
  }

  /** Profiles in id order, optionally only the one with this email (case-insensitive). */
  listProfiles(email?: string): SimProfile[] {
    if (email !== undefined) {
      const id = this.byEmail.get(emailKey(email));
      const found = id === undefined ? undefined : this.profiles.get(id);
      return found ? [found] : [];
    }
    return [...this.profiles.values()];
  }

  /** The profile holding this identity handle+identifier, or undefined. */
  findByIdentity(handle: string, identifier: string): SimProfile | undefined {
    const id = this.byIdentity.get(identityKey(handle, identifier));
    return id === undefined ? undefined : this.profiles.get(id);
  }

  /** The tenant's tags in the order first seen. */
  tags(): SimTag[] {
    return [...this.tagsByHandle.values()];
  }

  /**
   * Everything, for the state file and `GET /__sim/state`.
   *
   * A deep copy unless `copy` is false; an uncopied snapshot shares live objects and must be
   * serialised at once (the state file writer does), never kept.
   */
  snapshot(copy = true): TenantData {
    const data: TenantData = {
      profiles: [...this.profiles.values()],
      batches: [...this.batches.values()],
      pending: Object.fromEntries(this.pending),
      tags: this.tags(),
      nextProfileId: this.nextProfileId,
      nextItemId: this.nextItemId,
    };
    return copy ? structuredClone(data) : data;
  }

  private load(data: TenantData): void {
    for (const profile of data.profiles) {
      this.profiles.set(profile.id, profile);
      this.index(profile);
    }
    for (const batch of data.batches) this.batches.set(batch.id, batch);
    for (const [id, records] of Object.entries(data.pending)) this.pending.set(id, records);
    for (const tag of data.tags) this.tagsByHandle.set(tag.handle, tag);
    this.nextProfileId = data.nextProfileId;
    this.nextItemId = data.nextItemId;
  }

  private applyRecord(matchCriteria: string, record: BatchProfile): ItemOutcome {
    const failed = (external: string | null, error: string): ItemOutcome => ({
      entity_id: null,
      external_id: external,
      status: 'failed',
      error,
    });
    let external: string;
    let existing: SimProfile | undefined;
    if (matchCriteria === 'email') {
      if (record.email === undefined) return failed(null, 'Missing email');
      external = record.email;
      const id = this.byEmail.get(emailKey(record.email));
      existing = id === undefined ? undefined : this.profiles.get(id);
    } else {
      const identity = record.identities?.find((i) => i.handle === matchCriteria);
      if (!identity) return failed(record.email ?? null, `Missing identity ${matchCriteria}`);
      external = identity.identifier;
      existing = this.findByIdentity(matchCriteria, identity.identifier);
    }
    if (!existing && record.email === undefined) {
      return failed(external, 'The email field is required to create a profile.');
    }
    const conflict = this.uniquenessConflict(record, existing?.id);
    if (conflict) return failed(external, conflict);

    const stamp = this.now().toISOString();
    const profile: SimProfile = existing ?? {
      id: this.nextProfileId++,
      first_name: 'Unknown',
      last_name: 'Unknown',
      identities: [],
      tags: [],
      created_at: stamp,
      updated_at: stamp,
    };
    this.unindex(profile);
    this.merge(profile, record);
    profile.updated_at = stamp;
    this.profiles.set(profile.id, profile);
    this.index(profile);
    return {
      entity_id: profile.id,
      external_id: external,
      status: existing ? 'updated' : 'created',
      error: null,
    };
  }

  private uniquenessConflict(record: BatchProfile, ownId: number | undefined): string | null {
    const takenByOther = (id: number | undefined): boolean => id !== undefined && id !== ownId;
    if (record.email !== undefined && takenByOther(this.byEmail.get(emailKey(record.email)))) {
      return 'The email has already been taken.';
    }
    if (record.mobile_phone !== undefined && takenByOther(this.byPhone.get(record.mobile_phone))) {
      return 'The phone number exists';
    }
    for (const identity of record.identities ?? []) {
      if (takenByOther(this.byIdentity.get(identityKey(identity.handle, identity.identifier)))) {
        return `The identity ${identity.handle} ${identity.identifier} has already been taken.`;
      }
    }
    return null;
  }

  /** Merge a record into a profile: identities and custom attributes merge, everything else replaces. */
  private merge(profile: SimProfile, record: BatchProfile): void {
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined) continue;
      if (key === 'identities') {
        for (const identity of record.identities ?? []) {
          const same = profile.identities.findIndex((i) => i.handle === identity.handle);
          if (same >= 0) profile.identities[same] = { ...identity };
          else profile.identities.push({ ...identity });
        }
      } else if (key === 'tags') {
        profile.tags = (record.tags ?? []).map((tag) => this.registerTag(tag));
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

  private registerTag(tag: string): string {
    const handle = tagHandle(tag);
    if (!this.tagsByHandle.has(handle)) {
      this.tagsByHandle.set(handle, { id: this.tagsByHandle.size + 1, handle, name: tag.trim() });
    }
    return handle;
  }

  private index(profile: SimProfile): void {
    if (profile.email !== undefined) this.byEmail.set(emailKey(profile.email), profile.id);
    if (profile.mobile_phone !== undefined) this.byPhone.set(profile.mobile_phone, profile.id);
    for (const identity of profile.identities) {
      this.byIdentity.set(identityKey(identity.handle, identity.identifier), profile.id);
    }
  }

  private unindex(profile: SimProfile): void {
    if (profile.email !== undefined) this.byEmail.delete(emailKey(profile.email));
    if (profile.mobile_phone !== undefined) this.byPhone.delete(profile.mobile_phone);
    for (const identity of profile.identities) {
      this.byIdentity.delete(identityKey(identity.handle, identity.identifier));
    }
  }
}
