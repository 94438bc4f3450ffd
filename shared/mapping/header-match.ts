/**
 * Matching one header against the field catalogue: the words-to-field half of automatic mapping.
 *
 * Headers are compared in a compact form (lower case, accents and everything but letters and
 * digits removed: `E-mail Address` → `emailaddress`), then as a set of words, then with a
 * qualifier word dropped (`email_work` → `email`), then by edit distance. Each way carries less
 * confidence than the one before, and the fuzzy match has a high threshold so that headers such
 * as `notes` or `Index` are never matched to something unrelated.
 */
import { distance } from 'fastest-levenshtein';
import { fileLimits } from '../limits/file-limits';
import { fieldCatalogue, isTemplatePath } from '../fields/field-catalogue';
import { formatFieldTarget, parseFieldPath } from '../fields/field-path';

/** A header's suggested target with a confidence 0..1 and the reason shown to the user. */
export interface HeaderMatch {
  readonly target: string;
  readonly confidence: number;
  readonly reason: string;
}

/** Confidence of each way of matching, highest first. */
export const matchConfidence = {
  fieldPath: 1,
  synonym: 0.95,
  wordOrder: 0.9,
  fuzzyMax: 0.8,
  qualified: 0.7,
  weakSynonym: 0.6,
  content: 0.6,
} as const;

/** Least similarity (1 − distance / longer length) for a fuzzy header match. */
export const fuzzyThreshold = 0.85;
/** Compact names shorter than this are never fuzzy-matched: one edit changes them too much. */
const fuzzyMinLength = 6;

/**
 * Words that qualify a field without changing it (`email_work`, `billing_city`, `Customer Email`).
 * A header that is a synonym plus one of these maps with lower confidence.
 */
const qualifierWords = new Set([
  'work',
  'home',
  'other',
  'personal',
  'primary',
  'main',
  'private',
  'business',
  'office',
  'billing',
  'shipping',
  'delivery',
  'customer',
  'contact',
  'client',
  'default',
]);

/**
 * Header spellings that probably, but not surely, mean a field: matched with low confidence and a
 * reason that says what was assumed. `Subscription Date` (datablist customers) is read as the day
 * the customer joined, which is what Omneo's `joined_at` records.
 */
const weakSynonyms: ReadonlyMap<string, readonly [string, string]> = new Map([
  [
    'subscriptiondate',
    ['joined_at', 'read as the date the customer joined; change it if it means something else'],
  ],
  ['createdat', ['joined_at', 'read as the date the customer joined; change it if it means something else']],
  [
    'datecreated',
    ['joined_at', 'read as the date the customer joined; change it if it means something else'],
  ],
]);

/** Splits a header into lower-case words: `firstName`, `First_Name` and `first name` give `first name`. */
export function headerWords(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The compact form headers are compared in: `E-mail Address` → `emailaddress`. */
export function compactHeader(header: string): string {
  return headerWords(header).join('');
}

interface Name {
  readonly compact: string;
  readonly sorted: string;
  readonly path: string;
  readonly spelling: string;
}

const sortedWords = (s: string): string => headerWords(s).sort().join(' ');

/**
 * Every name of every concrete catalogue field: synonyms and labels first, then paths, so that a
 * spelling shared by a synonym and a path's compact form (`birthday` vs `birth_day`) goes to the
 * synonym's field. A header that is exactly a path is matched as a path before this is used.
 */
const names: readonly Name[] = fieldCatalogue
  .filter((f) => !isTemplatePath(f.path) && f.kind !== 'json')
  .flatMap((f) => [...f.synonyms, f.label].map((spelling) => ({ spelling, path: f.path })))
  .concat(
    fieldCatalogue
      .filter((f) => !isTemplatePath(f.path) && f.kind !== 'json')
      .map((f) => ({ spelling: f.path, path: f.path })),
  )
  .map(({ spelling, path }) => ({
    compact: compactHeader(spelling),
    sorted: sortedWords(spelling),
    path,
    spelling,
  }));

const byCompact = new Map<string, Name>();
for (const n of names) if (!byCompact.has(n.compact)) byCompact.set(n.compact, n);

/**
 * The best catalogue field for a header, or null when nothing is close enough.
 *
 * A header that is itself a field path (`identities.loyalty_id`, `custom_attributes.crm.tier`)
 * maps to that path. Template-only fields (identities, custom and dated attributes) and `:json`
 * fields are never guessed from other words.
 */
export function matchHeader(header: string): HeaderMatch | null {
  const trimmed = header.trim();
  // Fuzzy matching costs the header's length times every name's: no field name is this long.
  if (trimmed.length > fileLimits.maxMatchedHeaderChars) return null;
  const asPath = parseFieldPath(trimmed);
  if (asPath.ok) {
    return {
      target: formatFieldTarget(asPath.target),
      confidence: matchConfidence.fieldPath,
      reason: 'header is the field path',
    };
  }
  const compact = compactHeader(trimmed);
  if (compact === '') return null;

  const exact = byCompact.get(compact);
  if (exact !== undefined) {
    return {
      target: exact.path,
      confidence: matchConfidence.synonym,
      reason: `header '${trimmed}' is a name for ${exact.path}`,
    };
  }
  const weak = weakSynonyms.get(compact);
  if (weak !== undefined) {
    return {
      target: weak[0],
      confidence: matchConfidence.weakSynonym,
      reason: `header '${trimmed}' ${weak[1]}`,
    };
  }
  const words = headerWords(trimmed);
  const sorted = [...words].sort().join(' ');
  const reordered = names.find((n) => n.sorted === sorted);
  if (reordered !== undefined) {
    return {
      target: reordered.path,
      confidence: matchConfidence.wordOrder,
      reason: `header '${trimmed}' is '${reordered.spelling}' in another order`,
    };
  }
  const fuzzy = fuzzyMatch(compact, trimmed);
  if (fuzzy !== null) return fuzzy;
  const kept = words.filter((w) => !qualifierWords.has(w));
  if (kept.length > 0 && kept.length < words.length) {
    const qualified = byCompact.get(kept.join(''));
    if (qualified !== undefined) {
      return {
        target: qualified.path,
        confidence: matchConfidence.qualified,
        reason: `header '${trimmed}' read as ${qualified.path} (qualified by '${words.filter((w) => qualifierWords.has(w)).join(' ')}')`,
      };
    }
  }
  return null;
}

function fuzzyMatch(compact: string, header: string): HeaderMatch | null {
  if (compact.length < fuzzyMinLength) return null;
  let best: Name | null = null;
  let bestSimilarity = 0;
  for (const n of names) {
    if (n.compact.length < fuzzyMinLength) continue;
    const similarity = 1 - distance(compact, n.compact) / Math.max(compact.length, n.compact.length);
    if (similarity > bestSimilarity) {
      best = n;
      bestSimilarity = similarity;
    }
  }
  if (best === null || bestSimilarity < fuzzyThreshold) return null;
  return {
    target: best.path,
    confidence: Math.round(matchConfidence.fuzzyMax * bestSimilarity * 100) / 100,
    reason: `header '${header}' is close to '${best.spelling}' (${best.path})`,
  };
}
