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
    })),
    ...[...new Set(extraPaths)]
      .filter((path) => !known.has(path))
      .map((path) => ({
        path,
        label: path.replace(/^(identities|custom_attributes|dates_attributes)\./, ''),
        description: path,
        group: groupOfPath(path),
        creates: null,
      })),
  ];
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = options.filter((option) => {
    const text =
      `${option.label} ${option.path} ${option.description} ${fieldGroupLabels[option.group]}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
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
