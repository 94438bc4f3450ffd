/**
 * Reads the tenant's reference lists (tags, statuses, locations, regions, currencies, countries,
 * identity handles) page by page into the sets compare checks rows against.
 *
 * Costs one request per 100 items of each list (`page[size]=100`), at least seven in all.
 */
import type { ReferenceSets } from '../../shared/compare/reference-rules';
import {
  referenceListPaths,
  type ReferenceItem,
  type ReferenceListName,
} from '../../shared/omneo/profile-schemas';
import type { OmneoClient } from '../omneo/api-client';
import { failureMessage } from '../omneo/api-outcome';
import type { RequestPool } from './request-pool';

/** Every item of each reference list, or the first failure's message. */
export async function loadReferenceSets(
  client: OmneoClient,
  pool: RequestPool,
): Promise<{ kind: 'ok'; sets: ReferenceSets } | { kind: 'failed'; message: string }> {
  const lists = {} as Record<ReferenceListName, ReferenceItem[]>;
  for (const name of Object.keys(referenceListPaths) as ReferenceListName[]) {
    const items: ReferenceItem[] = [];
    for (let page = 1; ; page++) {
      const answer = await pool.call((signal) => client.listPage(referenceListPaths[name], page, signal));
      if (answer.kind !== 'ok') {
        const why = failureMessage(answer);
        return { kind: 'failed', message: `could not read ${referenceListPaths[name]}: ${why}` };
      }
      items.push(...answer.value.items);
      if (page >= answer.value.lastPage || answer.value.items.length === 0) break;
    }
    lists[name] = items;
  }
  const values = (items: ReferenceItem[], pick: (item: ReferenceItem) => unknown): Set<string> =>
    new Set(
      items
        .map(pick)
        .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
        .map(String),
    );
  const upper = (set: Set<string>): Set<string> => new Set([...set].map((v) => v.toUpperCase()));
  return {
    kind: 'ok',
    sets: {
      tags: values(lists.tags, (t) => t.handle),
      statuses: values(lists.statuses, (s) => s.handle),
      locationIds: values(lists.locations, (l) => l.id),
      locationExternalIds: values(lists.locations, (l) => l.external_id),
      locationExternalCodes: values(lists.locations, (l) => l.external_code),
      regionIds: values(lists.regions, (r) => r.id),
      regionHandles: values(lists.regions, (r) => r.handle),
      currencies: upper(
        new Set([...values(lists.currencies, (c) => c.from), ...values(lists.currencies, (c) => c.to)]),
      ),
      countries: upper(
        new Set([...values(lists.countries, (c) => c.iso_2), ...values(lists.countries, (c) => c.iso_3)]),
      ),
      identityHandles: values(lists.identityHandles, (h) => h.handle),
    },
  };
}
