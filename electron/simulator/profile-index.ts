/**
 * The tenant's uniqueness indexes: which profile holds an email, a mobile phone, an identity.
 *
 * Email (case-insensitive), `mobile_phone` and each identity handle+identifier pair are unique per
 * tenant (../shared/omneo-api.md "The profile record"). The batch processor, `PUT /profiles/{id}`,
 * `GET /profiles?filter[email]` and `POST /profiles/availability` all answer from these maps.
 */
import type { SimProfile } from './tenant-store';

const identityKey = (handle: string, identifier: string): string => `${handle}\u0000${identifier}`;

/** The comparison form of an email: trimmed, lower case. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/** The values of one record that must be unique in the tenant. */
export interface UniqueValues {
  readonly email?: string | null;
  readonly mobile_phone?: string | null;
  readonly identities?: readonly { readonly handle: string; readonly identifier: string }[] | null;
}

/** Profile ids by email, mobile phone and identity. */
export class ProfileIndex {
  private byEmail = new Map<string, number>();
  private byPhone = new Map<string, number>();
  private byIdentity = new Map<string, number>();

  /** The id of the profile with this email, or undefined. */
  emailHolder(email: string): number | undefined {
    return this.byEmail.get(emailKey(email));
  }

  /** The id of the profile with this mobile phone (E.164, exact), or undefined. */
  phoneHolder(phone: string): number | undefined {
    return this.byPhone.get(phone);
  }

  /** The id of the profile with this identity handle+identifier, or undefined. */
  identityHolder(handle: string, identifier: string): number | undefined {
    return this.byIdentity.get(identityKey(handle, identifier));
  }

  /**
   * Omneo's refusal when `values` would take an email, phone or identity that another profile
   * (not `ownId`) holds; null when they are free. Wording as the simulator's batch items.
   */
  conflict(values: UniqueValues, ownId: number | undefined): string | null {
    const takenByOther = (id: number | undefined): boolean => id !== undefined && id !== ownId;
    if (typeof values.email === 'string' && takenByOther(this.emailHolder(values.email))) {
      return 'The email has already been taken.';
    }
    if (typeof values.mobile_phone === 'string' && takenByOther(this.phoneHolder(values.mobile_phone))) {
      return 'The phone number exists';
    }
    for (const identity of values.identities ?? []) {
      if (takenByOther(this.identityHolder(identity.handle, identity.identifier))) {
        return `The identity ${identity.handle} ${identity.identifier} has already been taken.`;
      }
    }
    return null;
  }

  /** Index a profile's unique values. */
  add(profile: SimProfile): void {
    if (typeof profile.email === 'string') this.byEmail.set(emailKey(profile.email), profile.id);
    if (typeof profile.mobile_phone === 'string') this.byPhone.set(profile.mobile_phone, profile.id);
    for (const identity of profile.identities) {
      this.byIdentity.set(identityKey(identity.handle, identity.identifier), profile.id);
    }
  }

  /** Forget a profile's unique values (before it changes or is deleted). */
  remove(profile: SimProfile): void {
    if (typeof profile.email === 'string') this.byEmail.delete(emailKey(profile.email));
    if (typeof profile.mobile_phone === 'string') this.byPhone.delete(profile.mobile_phone);
    for (const identity of profile.identities) {
      this.byIdentity.delete(identityKey(identity.handle, identity.identifier));
    }
  }
}
