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
import type { BatchProfile, BatchRequest, ProfileUpdate } from './batch-rules';
import { mergeRecord } from './profile-merge';
import { ProfileIndex } from './profile-index';
import { referenceDataOf, type ReferenceData } from './reference-data';

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
  /** Statuses, locations, regions, currencies, countries, identity handles (absent in old files). */
  reference?: ReferenceData;
  nextProfileId: number;
  nextItemId: number;
}

type ItemOutcome = Omit<SimBatchItem, 'id'>;

const tagHandle = (tag: string): string => tag.trim().replace(/\s+/g, '-');

/**
 * The tenant's data and rules, in memory.
 *
 * Not thread-safe and not persistent by itself: the server calls `snapshot()` to save it.
 */
export class TenantStore {
  private profiles = new Map<number, SimProfile>();
  private unique = new ProfileIndex();
  private referenceData: ReferenceData = emptyReference();
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

  /** Profiles in id order, optionally only those with one of these emails (case-insensitive). */
  listProfiles(emails?: string | readonly string[]): SimProfile[] {
    if (emails !== undefined) {
      const ids = new Set(
        (typeof emails === 'string' ? [emails] : emails).map((email) => this.unique.emailHolder(email)),
      );
      return [...this.profiles.values()].filter((profile) => ids.has(profile.id));
    }
    return [...this.profiles.values()];
  }

  /** The profile with this id, or undefined. */
  profile(id: number): SimProfile | undefined {
    return this.profiles.get(id);
  }

  /** The profile holding this identity handle+identifier, or undefined. */
  findByIdentity(handle: string, identifier: string): SimProfile | undefined {
    const id = this.unique.identityHolder(handle, identifier);
    return id === undefined ? undefined : this.profiles.get(id);
  }

  /** Ids of the profiles holding this email and this mobile phone (undefined = free). */
  holders(email?: string, mobilePhone?: string): { email?: number; mobile_phone?: number } {
    return {
      ...(email !== undefined && { email: this.unique.emailHolder(email) }),
      ...(mobilePhone !== undefined && { mobile_phone: this.unique.phoneHolder(mobilePhone) }),
    };
  }

  /**
   * `PUT /profiles/{id}`: the given fields replace the profile's (lists wholesale; tags get
   * hyphens), `null` clears a field; `updated_at` moves. A value another profile holds is
   * refused with Omneo's wording.
   */
  updateProfile(
    id: number,
    update: ProfileUpdate,
  ): { kind: 'updated'; profile: SimProfile } | { kind: 'missing' } | { kind: 'conflict'; message: string } {
    const profile = this.profiles.get(id);
    if (!profile) return { kind: 'missing' };
    const conflict = this.unique.conflict(update as BatchProfile, id);
    if (conflict) return { kind: 'conflict', message: conflict };
    this.unique.remove(profile);
    for (const [key, value] of Object.entries(update)) {
      if (value === undefined || key === 'id') continue;
      if (value === null) {
        if (key === 'identities' || key === 'tags') profile[key] = [];
        else delete profile[key];
      } else if (key === 'tags') profile.tags = (value as string[]).map((tag) => this.registerTag(tag));
      else profile[key] = structuredClone(value);
    }
    profile.updated_at = this.stamp(profile.updated_at);
    this.unique.add(profile);
    return { kind: 'updated', profile };
  }

  /** `DELETE /profiles/{id}`: true when a profile was removed. */
  deleteProfile(id: number): boolean {
    const profile = this.profiles.get(id);
    if (!profile) return false;
    this.unique.remove(profile);
    this.profiles.delete(id);
    return true;
  }

  /**
   * Add seeded profiles as they are (ids given by the store; timestamps too, unless a seed gives its
   * own `created_at`, e.g. a customer of last year).
   */
  seedProfiles(profiles: readonly Record<string, unknown>[]): void {
    for (const seed of profiles) {
      const at = typeof seed.created_at === 'string' ? seed.created_at : this.now().toISOString();
      const profile: SimProfile = {
        first_name: 'Unknown',
        last_name: 'Unknown',
        identities: [],
        tags: [],
        ...structuredClone(seed),
        id: this.nextProfileId++,
        created_at: at,
        updated_at: at,
      };
      profile.tags = profile.tags.map((tag) => this.registerTag(tag));
      this.profiles.set(profile.id, profile);
      this.unique.add(profile);
    }
  }

  /** Register tags the tenant knows before any import. */
  seedTags(tags: readonly string[]): void {
    for (const tag of tags) this.registerTag(tag);
  }

  /**
   * The tenant's statuses, locations, regions, currencies, countries and identity handles; the
   * handles are the seeded ones plus every handle a profile holds (handles "in use").
   */
  reference(): ReferenceData {
    const handles = new Map(this.referenceData.identityHandles.map((h) => [h.handle, h]));
    for (const profile of this.profiles.values()) {
      for (const { handle } of profile.identities)
        if (!handles.has(handle)) handles.set(handle, { handle, name: handle });
    }
    return { ...this.referenceData, identityHandles: [...handles.values()] };
  }

  /** Replace the reference data (seeding). */
  setReference(reference: ReferenceData): void {
    this.referenceData = reference;
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
      reference: this.referenceData,
      nextProfileId: this.nextProfileId,
      nextItemId: this.nextItemId,
    };
    return copy ? structuredClone(data) : data;
  }

  private load(data: TenantData): void {
    for (const profile of data.profiles) {
      this.profiles.set(profile.id, profile);
      this.unique.add(profile);
    }
    // A state file from before reference data existed gets the Sandbox's defaults.
    this.referenceData = data.reference ?? referenceDataOf({}, this.now().toISOString());
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
      const id = this.unique.emailHolder(record.email);
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
    const conflict = this.unique.conflict(record, existing?.id);
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
    this.unique.remove(profile);
    mergeRecord(profile, record, (tag) => this.registerTag(tag));
    profile.updated_at = existing ? this.stamp(existing.updated_at) : stamp;
    this.profiles.set(profile.id, profile);
    this.unique.add(profile);
    return {
      entity_id: profile.id,
      external_id: external,
      status: existing ? 'updated' : 'created',
      error: null,
    };
  }

  private registerTag(tag: string): string {
    const handle = tagHandle(tag);
    if (!this.tagsByHandle.has(handle)) {
      this.tagsByHandle.set(handle, { id: this.tagsByHandle.size + 1, handle, name: tag.trim() });
    }
    return handle;
  }

  /**
   * A new `updated_at`: now, but always after `previous`, so a change is seen as later than the
   * write before it even within one millisecond (undo's "changed since" depends on it).
   */
  private stamp(previous: string): string {
    const now = this.now().getTime();
    const before = Date.parse(previous);
    return new Date(Number.isFinite(before) && now <= before ? before + 1 : now).toISOString();
  }
}

function emptyReference(): ReferenceData {
  return { statuses: [], locations: [], regions: [], currencies: [], countries: [], identityHandles: [] };
}
