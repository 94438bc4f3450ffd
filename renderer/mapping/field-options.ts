/**
 * The field picker's options: the catalogue grouped as Omneo groups a profile's fields, plus the
 * identity handles and custom attributes the user created, filtered by a search text.
 *
 * Pure (no React), so the grouping and search are the same wherever the picker is drawn.
 */
import { fieldCatalogue, isTemplatePath, type FieldGroup } from '../../shared/fields/field-catalogue';

/** Group names as the picker shows them, in Omneo's order. */
export const fieldGroupLabels: Readonly<Record<FieldGroup, string>> = {
  core: 'Core',
  contact: 'Contact',
  birth_date: 'Birth date',
  address: 'Address',
  identities: 'Identities',
  custom_attributes: 'Custom attributes',
  dates_attributes: 'Dates',
  comms: 'Comms',
  tags_statuses: 'Tags and statuses',
  locations: 'Locations',
  regions: 'Regions',
  advanced: 'Advanced (whole fields as JSON)',
};

/** A pickable field: a real path, or a template that asks for a handle first. */
export interface FieldOption {
  readonly path: string;
  readonly label: string;
  readonly description: string;
  readonly group: FieldGroup;
  /** For template entries: what must be created (identity handle, custom attribute, dated attribute). */
  readonly creates: 'identity' | 'custom_attribute' | 'date_attribute' | null;
  /** Names the search matches first: label, path and the header spellings of the field. */
  readonly names: readonly string[];
}

/** A group with its options. */
export interface FieldOptionGroup {
  readonly group: FieldGroup;
  readonly label: string;
  readonly options: readonly FieldOption[];
}

const groupOrder = Object.keys(fieldGroupLabels) as FieldGroup[];

function createsOf(path: string): FieldOption['creates'] {
  if (path.startsWith('identities.')) return 'identity';
  if (path.startsWith('custom_attributes.')) return 'custom_attribute';
  return 'date_attribute';
}

/** The group a created path (`identities.loyalty_id`) belongs in. */
function groupOfPath(path: string): FieldGroup {
  if (path.startsWith('identities.')) return 'identities';
  if (path.startsWith('custom_attributes.')) return 'custom_attributes';
  if (path.startsWith('dates_attributes.')) return 'dates_attributes';
  return fieldCatalogue.find((f) => f.path === path)?.group ?? 'advanced';
}

/**
 * Options grouped and filtered: `extraPaths` are targets in use that the catalogue only has as
 * templates (identity handles, custom attributes), so each can be picked again for another column.
 * `search` matches label, path and description, case-insensitively, word by word.
 */
export function fieldOptionGroups(search: string, extraPaths: readonly string[] = []): FieldOptionGroup[] {
  const known = new Set(fieldCatalogue.map((f) => f.path));
  const options: FieldOption[] = [
    ...fieldCatalogue.map((f) => ({
      path: f.path,
      label: isTemplatePath(f.path) ? `New ${f.label.toLowerCase()}…` : f.label,
      description: f.description,
      group: f.group,
      creates: isTemplatePath(f.path) ? createsOf(f.path) : null,
      names: isTemplatePath(f.path)
        ? [`New ${f.label.toLowerCase()}…`, f.label]
        : [f.label, f.path, ...f.synonyms],
    })),
    ...[...new Set(extraPaths)]
      .filter((path) => !known.has(path))
      .map((path) => ({
        path,
        label: path.replace(/^(identities|custom_attributes|dates_attributes)\./, ''),
        description: path,
        group: groupOfPath(path),
        creates: null,
        names: [path],
      })),
  ];
  const matching = options.filter((option) => matchRank(option, search) !== null);
  return groupOrder
    .map((group) => ({
      group,
      label: fieldGroupLabels[group],
      options: matching.filter((option) => option.group === group),
    }))
    .filter((group) => group.options.length > 0);
}

/** The label to show for a chosen path. */
export function fieldLabel(path: string): string {
  const entry = fieldCatalogue.find((f) => f.path === path);
  return entry ? `${entry.label} (${fieldGroupLabels[entry.group]})` : path;
}

/**
 * How well an option matches a search: 0 a name is the search (`email`, `Last name`, `surname`),
 * 1 a name starts with it, 2 a name holds every word, 3 only the description or group does; null
 * when it does not match.
 */
export function matchRank(option: FieldOption, search: string): number | null {
  const text = search.trim().toLowerCase();
  if (text === '') return 3;
  const words = text.split(/\s+/);
  const names = option.names.map((n) => n.toLowerCase());
  if (names.some((n) => n === text)) return 0;
  if (names.some((n) => n.startsWith(text))) return 1;
  if (names.some((n) => words.every((w) => n.includes(w)))) return 2;
  const all = `${names.join(' ')} ${option.description} ${fieldGroupLabels[option.group]}`.toLowerCase();
  return words.every((w) => all.includes(w)) ? 3 : null;
}

/**
 * The option Enter picks for a search: the best-ranked one whose name matches (exact before
 * prefix before contains), or null when the search only matches descriptions — typing
 * "customer" must not pick `joined_at` because its description says "when the customer joined".
 */
export function bestOption(groups: readonly FieldOptionGroup[], search: string): FieldOption | null {
  let best: FieldOption | null = null;
  let bestRank = 3;
  for (const option of groups.flatMap((g) => g.options)) {
    const rank = matchRank(option, search);
    if (rank !== null && rank < bestRank) {
      best = option;
      bestRank = rank;
    }
  }
  return best;
}
