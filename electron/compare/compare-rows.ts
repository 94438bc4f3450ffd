/**
 * Compare with Omneo: look every sendable row up in the tenant, read-only, and say what it would
 * do (create / update with the fields old → new / conflict). The rules are in shared/compare; this
 * makes the requests.
 *
 * Requests per chunk of 100 rows (the cost `check --compare` states, measured in bench/):
 * - the match: email rows — one `GET /profiles?filter[email][in]=…` when the tenant accepts the list
 *   filter, else one `filter[email]` per row; identity rows — one `POST /profiles/search-id` per row;
 * - one `POST /profiles/availability` per row whose mobile phone (or, under an identity match,
 *   email) differs from the matched profile's;
 * - one `search-id` per other identity of a row the matched profile does not already hold.
 * Plus the reference lists once (≥ 7 requests). Calls are paced and retried by ./request-pool.ts.
 *
 * Resumable: answers already known (`known`, e.g. from a checkpoint) are not looked up again, and
 * `onAnswer` hears each new one as its chunk completes. Cancellable through the pool's signal.
 */
import {
  compareRow,
  type CompareAnswer,
  type CompareInput,
  type RowFacts,
} from '../../shared/compare/compare-row';
import type { ReferenceSets } from '../../shared/compare/reference-rules';
import type { TenantProfile } from '../../shared/omneo/profile-schemas';
import { failureMessage, type ApiFailure, type ApiOutcome } from '../omneo/api-outcome';
import type { OmneoClient } from '../omneo/api-client';
import type { RequestPool } from './request-pool';

/** Rows looked up together: one `filter[email][in]` request (its limit — ../simulator/profile-routes.ts). */
export const compareChunkSize = 100;

/** What to compare. */
export interface CompareRowsRequest {
  readonly client: OmneoClient;
  readonly pool: RequestPool;
  readonly references: ReferenceSets;
  /** `email` or an identity handle (the job's match criteria). */
  readonly match: string;
  readonly rows: AsyncIterable<CompareInput> | Iterable<CompareInput>;
  /** Answers from an interrupted compare, by line: reused, not looked up again. */
  readonly known?: ReadonlyMap<number, CompareAnswer>;
  readonly onAnswer?: (answer: CompareAnswer) => void | Promise<void>;
  /** Told after each chunk: rows answered so far (known ones included) and requests made. */
  readonly onProgress?: (progress: { readonly rows: number; readonly requests: number }) => void;
}

/** How a compare ended. `answers` are in row order, every row compared before the end. */
export type CompareRowsOutcome =
  | { readonly kind: 'compared'; readonly answers: CompareAnswer[]; readonly emailInFilter: boolean | null }
  | { readonly kind: 'cancelled'; readonly answers: CompareAnswer[] }
  | { readonly kind: 'failed'; readonly answers: CompareAnswer[]; readonly message: string };

/** A look-up that failed for good (after retries); ends the compare with its message. */
class LookUpFailed extends Error {}

/** Compare every row; never throws for an answer of Omneo's. */
export async function compareRows(request: CompareRowsRequest): Promise<CompareRowsOutcome> {
  const answers: CompareAnswer[] = [];
  let emailIn: boolean | null = null;
  let chunk: CompareInput[] = [];
  const flush = async (): Promise<void> => {
    const fresh = chunk.filter((row) => !request.known?.has(row.line));
    const facts = await lookUpChunk(request, fresh, emailIn, (accepted) => (emailIn = accepted));
    for (const row of chunk) {
      const known = request.known?.get(row.line);
      const answer = known ?? compareRow(row, facts.get(row.line) ?? { existing: null }, request.references);
      answers.push(answer);
      if (!known) await request.onAnswer?.(answer);
    }
    chunk = [];
    request.onProgress?.({ rows: answers.length, requests: request.pool.requests });
  };
  try {
    for await (const row of request.rows) {
      chunk.push(row);
      if (chunk.length === compareChunkSize) await flush();
    }
    if (chunk.length > 0) await flush();
  } catch (error) {
    if (error instanceof LookUpFailed) {
      return error.message === 'aborted'
        ? { kind: 'cancelled', answers }
        : { kind: 'failed', answers, message: error.message };
    }
    throw error;
  }
  return { kind: 'compared', answers, emailInFilter: emailIn };
}

async function lookUpChunk(
  request: CompareRowsRequest,
  rows: readonly CompareInput[],
  emailIn: boolean | null,
  setEmailIn: (accepted: boolean) => void,
): Promise<Map<number, RowFacts>> {
  const { client, pool, match } = request;
  const existing = new Map<number, TenantProfile | null>();
  if (match === 'email' && emailIn !== false && rows.length > 0) {
    const found = await pool.call((signal) =>
      client.findProfilesByEmails(
        rows.map((r) => r.matchKey),
        signal,
      ),
    );
    if (found.kind === 'unexpected' && found.status === 400) setEmailIn(false);
    else {
      const byEmail = new Map(valueOf(found).map((p) => [String(p.email ?? '').toLowerCase(), p]));
      for (const row of rows) existing.set(row.line, byEmail.get(row.matchKey.toLowerCase()) ?? null);
      setEmailIn(true);
    }
  }
  const facts = new Map<number, RowFacts>();
  await pool.each(rows, async (row) => {
    let profile = existing.get(row.line);
    if (profile === undefined) {
      profile = valueOf(
        await pool.call((signal) =>
          match === 'email'
            ? client.findProfileByEmail(row.matchKey, signal)
            : client.searchProfileId(match, row.matchKey, signal),
        ),
      );
    }
    facts.set(row.line, await holdersOf(request, row, profile));
  });
  if (facts.size < rows.length) throw new LookUpFailed('aborted');
  return facts;
}

/** Who holds the row's email, phone and other identities, asking only what the match leaves open. */
async function holdersOf(
  { client, pool, match }: CompareRowsRequest,
  row: CompareInput,
  existing: TenantProfile | null,
): Promise<RowFacts> {
  const { email, mobile_phone: phone, identities } = row.profile;
  const ask: { email?: string; mobile_phone?: string } = {};
  if (match !== 'email' && email !== undefined && email.toLowerCase() !== existing?.email?.toLowerCase()) {
    ask.email = email;
  }
  if (phone !== undefined && phone !== existing?.mobile_phone) ask.mobile_phone = phone;
  let emailHolder: string | null | undefined = match === 'email' ? (existing?.id ?? null) : undefined;
  let phoneHolder: string | null | undefined;
  if (ask.email !== undefined || ask.mobile_phone !== undefined) {
    const held = valueOf(await pool.call((signal) => client.checkAvailability(ask, signal)));
    if (ask.email !== undefined) emailHolder = held.email ?? null;
    if (ask.mobile_phone !== undefined) phoneHolder = held.mobile_phone ?? null;
  }
  const identityHolders: Record<string, string | null> = {};
  for (const identity of identities ?? []) {
    if (identity.handle === match) continue;
    const own = existing?.identities?.some(
      (i) => i.handle === identity.handle && i.identifier === identity.identifier,
    );
    if (own) continue;
    const holder = valueOf(
      await pool.call((signal) => client.searchProfileId(identity.handle, identity.identifier, signal)),
    );
    identityHolders[`${identity.handle}:${identity.identifier}`] = holder?.id ?? null;
  }
  return { existing, emailHolder, phoneHolder, identityHolders };
}

/** The value of a successful look-up; anything else ends the compare ({@link LookUpFailed}). */
function valueOf<T>(outcome: ApiOutcome<T>): T {
  if (outcome.kind === 'ok') return outcome.value;
  throw new LookUpFailed(outcome.kind === 'aborted' ? 'aborted' : failureText(outcome));
}

function failureText(failure: Exclude<ApiFailure, { kind: 'aborted' }>): string {
  if (failure.kind === 'unauthorised')
    return `Omneo refused the token (HTTP ${failure.status}: ${failure.message})`;
  return failureMessage(failure);
}
