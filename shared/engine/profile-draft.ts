/**
 * A profile being built from one row's cells, then finished into the `profiles[]` item as sent.
 *
 * Only keys that a mapped, non-empty cell wrote appear in the result: a profile never contains a
 * key the user did not map, nor an empty value (issue 2, "profiles omit empty fields").
 */
import { requiredAddressPartNames } from '../fields/field-catalogue';
import type { AddressPart, CommsFlag } from '../fields/field-target';
import { normaliseCountryCode } from '../normalise/enums';
import type { OmneoProfile } from '../omneo/profile-schema';

type Identity = NonNullable<OmneoProfile['identities']>[number];
type DateAttribute = NonNullable<OmneoProfile['dates_attributes']>[number];

/** A custom attribute before its value type is narrowed by the profile schema. */
export interface DraftCustomAttribute {
  readonly namespace: string;
  readonly handle: string;
  readonly type: string;
  readonly value: unknown;
}

/** An address whose parts are incomplete: Omneo needs line 1, city, postcode and country together. */
export interface IncompleteAddress {
  /** 0-based address index (`addresses[2].city` is index 1). */
  readonly index: number;
  readonly missing: readonly AddressPart[];
}

/**
 * Mutable state for one row; make a new one per row. The arrays and objects are created only when
 * a column writes to them, since most rows of most files fill only scalar fields.
 */
export class ProfileDraft {
  /** Top-level scalar fields, lists and whole JSON fields, in the order columns wrote them. */
  readonly fields: Record<string, unknown> = {};
  private identities: Identity[] | null = null;
  private customAttributes: DraftCustomAttribute[] | null = null;
  private datesAttributes: DateAttribute[] | null = null;
  private comms: Partial<Record<CommsFlag, unknown>> | null = null;
  private addresses: Record<string, unknown>[] | null = null;

  /** Appends an `identities[]` item. */
  addIdentity(identity: Identity): void {
    (this.identities ??= []).push(identity);
  }

  /** Appends a `custom_attributes[]` item. */
  addCustomAttribute(attribute: DraftCustomAttribute): void {
    (this.customAttributes ??= []).push(attribute);
  }

  /** Appends a `dates_attributes[]` item. */
  addDateAttribute(attribute: DateAttribute): void {
    (this.datesAttributes ??= []).push(attribute);
  }

  /** Sets one `comms_attributes` flag or consent time. */
  setComms(flag: CommsFlag, value: unknown): void {
    (this.comms ??= {})[flag] = value;
  }

  /** The address at `index`, created on first use. */
  address(index: number): Record<string, unknown> {
    const addresses = (this.addresses ??= []);
    let address = addresses[index];
    if (address === undefined) {
      address = {};
      addresses[index] = address;
    }
    return address;
  }

  /** Addresses that have some parts but not all four required ones. */
  incompleteAddresses(): IncompleteAddress[] {
    const incomplete: IncompleteAddress[] = [];
    this.addresses?.forEach((address, index) => {
      const missing = requiredAddressPartNames.filter((part) => address[part] === undefined);
      if (missing.length > 0) incomplete.push({ index, missing });
    });
    return incomplete;
  }

  /** Leaves out the address at `index` (a dropped incomplete address). */
  dropAddress(index: number): void {
    if (this.addresses !== null) delete this.addresses[index];
  }

  /**
   * The finished profile: scalar fields in column order, then the arrays and objects that have
   * content. A country written as a name or code also fills `iso` (ISO 3166-1 alpha-2) when `iso`
   * was not mapped and the country is recognised. The draft must not be used afterwards.
   */
  finish(): OmneoProfile {
    const profile = this.fields;
    if (this.identities !== null) profile.identities = this.identities;
    if (this.customAttributes !== null) profile.custom_attributes = this.customAttributes;
    if (this.datesAttributes !== null) profile.dates_attributes = this.datesAttributes;
    const addresses = this.addresses?.filter((a) => a !== undefined) ?? [];
    if (addresses.length > 0) {
      for (const address of addresses) {
        if (address.iso === undefined && typeof address.country === 'string') {
          const iso = normaliseCountryCode(address.country);
          if (iso.ok) address.iso = iso.value;
        }
      }
      profile.addresses = addresses;
    }
    if (this.comms !== null) profile.comms_attributes = this.comms;
    return profile as OmneoProfile;
  }
}
