/**
 * Rules that need the whole header row: what a column means in the export it comes from.
 *
 * - Salesforce custom fields (`Loyalty_Number__c`, `npe01__HomeEmail__c`) are read without their
 *   namespace and `__c` suffix.
 * - Shopify's customer export (`Accepts Email Marketing`, `Default Address Address1`): `Customer ID`
 *   is Shopify's id, offered as identity `shopify_id` (the handle Omneo's batch docs use).
 * - Mailchimp's audience export (`LEID`, `EUID`, `MEMBER_RATING`): `REGION`, `CC`, `LATITUDE`… say
 *   where the subscriber's IP address was, not where they live.
 * - A `Title` beside a `Salutation` column (Salesforce, Zoho) is the job title.
 */
import type { ColumnInfo } from '../source/source-table';
import { compactHeader, type HeaderMatch } from './header-match';

/** A column's meaning from its export, or why it is not imported. */
export type ContextRule =
  | { readonly kind: 'match'; readonly match: HeaderMatch }
  | { readonly kind: 'leave'; readonly reason: string };

/** The header without a Salesforce namespace and `__c` suffix: `npe01__HomeEmail__c` → `HomeEmail`. */
export function plainHeader(header: string): string {
  const trimmed = header.trim();
  if (!/__c$/i.test(trimmed)) return trimmed;
  return trimmed.replace(/__c$/i, '').replace(/^[A-Za-z0-9]+__(?=.)/, '');
}

const mailchimpGeo = new Set(['region', 'cc', 'latitude', 'longitude', 'gmtoff', 'dstoff', 'timezone']);

/**
 * Rules for columns whose meaning depends on the export, by column index.
 *
 * `filled(index)` says whether a column has values (a `Salutation` column must be filled to make
 * `Title` a job title).
 */
export function exportContext(
  columns: readonly ColumnInfo[],
  filled: (index: number) => boolean,
): Map<number, ContextRule> {
  const compact = columns.map((c) => compactHeader(c.header));
  const has = (...names: string[]) => names.some((n) => compact.includes(n));
  const rules = new Map<number, ContextRule>();
  const shopify = has('defaultaddressaddress1', 'acceptsemailmarketing');
  const mailchimp = has('leid', 'euid', 'memberrating');
  const salutation = columns.some(
    (c, i) => ['salutation', 'nameprefix', 'honorific'].includes(compact[i] ?? '') && filled(c.index),
  );
  columns.forEach((c, i) => {
    const name = compact[i] ?? '';
    const header = c.header.trim();
    if (shopify && name === 'customerid') {
      rules.set(c.index, {
        kind: 'match',
        match: {
          target: 'identities.shopify_id',
          confidence: 0.8,
          reason: `'${header}' is Shopify's customer id, offered as identity shopify_id (the handle in Omneo's docs) — check your tenant's handle`,
        },
      });
    } else if (mailchimp && mailchimpGeo.has(name)) {
      rules.set(c.index, {
        kind: 'leave',
        reason: `Mailchimp's '${header}' says where the subscriber's IP address was, not their address`,
      });
    } else if (salutation && name === 'title') {
      rules.set(c.index, {
        kind: 'match',
        match: {
          target: 'occupation',
          confidence: 0.85,
          reason: `beside a Salutation column, '${header}' is the job title`,
        },
      });
    }
  });
  return rules;
}
