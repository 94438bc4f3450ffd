/**
 * Saved mappings in `<dataDir>/mappings/`: each is a saved-mapping file (`<id>.mapping.json`, the
 * same format the CLI's `--mapping` reads, options included) plus one line in `templates.json`
 * with its display name, the headers it was saved from and, for the mapping remembered from the
 * last check of a set of headers, `remembered: true`. Entries are kept oldest first; using one
 * moves it to the end, so the newest fitting entry wins.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';
import { z } from 'zod';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import {
  applySavedMapping,
  readSavedMapping,
  savedMappingFits,
  toSavedMapping,
  type SavedMapping,
  type SavedMappingOptions,
} from '../../shared/mapping/mapping-file';
import {
  applyCloseTemplate,
  closeMatchShare,
  fillUnmapped,
  headerKey,
  headerOverlap,
  respellKeys,
  sameHeaderKey,
} from '../../shared/mapping/template-fit';
import { columnLetter, type ColumnInfo } from '../../shared/source/source-table';
import type { ValueMap } from '../../shared/mapping/value-map';

/** A template as the contract shows it. */
export interface MappingTemplate {
  readonly id: string;
  readonly name: string;
  readonly headers: readonly string[];
  readonly mapping: readonly {
    readonly column: number;
    readonly target: string;
    readonly values?: ValueMap;
  }[];
  /** True for the mapping remembered from the last check of these headers (not named by the user). */
  readonly remembered: boolean;
  /** Options saved with the mapping (phone region, date order, match, …). */
  readonly options: SavedMappingOptions;
}

/** A saved mapping applied to a file, and how it fitted. */
export interface FittedTemplate {
  readonly id: string;
  readonly name: string;
  readonly remembered: boolean;
  readonly mapping: ColumnMapping[];
  readonly options: SavedMappingOptions;
  /** True when the file has the template's headers (an errors.csv: plus its error column). */
  readonly exact: boolean;
  /** What differs: columns missing or new (a close match), or filled now but not mapped then. */
  readonly differences: string[];
}

const entrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  name: z.string(),
  headers: z.array(z.string()),
  remembered: z.boolean().optional(),
  /** Headers of the columns that had no values when the mapping was remembered. */
  emptyHeaders: z.array(z.string()).optional(),
});
const indexSchema = z.object({ version: z.literal(1), templates: z.array(entrySchema) });
type TemplateIndex = z.infer<typeof indexSchema>;
type Entry = z.infer<typeof entrySchema>;

/** Columns as a file with these headers would have them. */
export function columnsOf(headers: readonly string[]): ColumnInfo[] {
  return headers.map((header, index) => ({ index, letter: columnLetter(index), header }));
}

/** Templates in one data folder. */
export class TemplateStore {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = path.join(dataDir, 'mappings');
  }

  /** Every readable template, in the order saved or last used; unreadable files are skipped. */
  async list(): Promise<MappingTemplate[]> {
    const templates: MappingTemplate[] = [];
    for (const entry of (await this.#readIndex()).templates) {
      const saved = await this.#readSaved(entry.id);
      if (saved) templates.push(describe(entry, saved));
    }
    return templates;
  }

  /**
   * The newest template for `columns`: one saved from the same headers (trimmed, any case, same
   * order; an errors.csv counts as its original headers) whose every key names one column; else
   * the newest whose headers share ≥ 75% with the file's, applied with `automatic` for new columns.
   */
  async findFitting(
    columns: readonly ColumnInfo[],
    automatic: readonly ColumnMapping[],
  ): Promise<FittedTemplate | null> {
    const entries = [...(await this.#readIndex()).templates].reverse();
    const headers = columns.map((c) => c.header);
    for (const entry of entries) {
      if (!sameHeaderKey(entry.headers, headers)) continue;
      const stored = await this.#readSaved(entry.id);
      const saved = stored && respellKeys(stored, entry.headers, columns);
      if (!saved || Object.keys(saved.columns).length === 0 || !savedMappingFits(saved, columns)) continue;
      const applied = applySavedMapping(saved, columns);
      if (applied.problems.length > 0) continue;
      const filled = fillUnmapped(applied.mapping, automatic, entry.emptyHeaders ?? []);
      return fitted(entry, saved, filled.mapping, filled.differences, true);
    }
    const close = entries
      .map((entry) => ({ entry, share: headerOverlap(entry.headers, headers) }))
      .filter((c) => c.share >= closeMatchShare)
      .sort((a, b) => b.share - a.share);
    for (const { entry } of close) {
      const saved = await this.#readSaved(entry.id);
      if (!saved) continue;
      const { mapping, differences } = applyCloseTemplate(saved, entry.headers, columns, automatic);
      return fitted(entry, saved, mapping, differences, false);
    }
    return null;
  }

  /** A template chosen by hand, applied to `columns` (differences said), or null when it is gone. */
  async applyChosen(
    id: string,
    columns: readonly ColumnInfo[],
    automatic: readonly ColumnMapping[],
  ): Promise<FittedTemplate | null> {
    const entry = (await this.#readIndex()).templates.find((t) => t.id === id);
    const saved = entry && (await this.#readSaved(entry.id));
    if (!entry || !saved) return null;
    const headers = columns.map((c) => c.header);
    const respelled = respellKeys(saved, entry.headers, columns);
    if (sameHeaderKey(entry.headers, headers) && savedMappingFits(respelled, columns)) {
      const filled = fillUnmapped(
        applySavedMapping(respelled, columns).mapping,
        automatic,
        entry.emptyHeaders ?? [],
      );
      return fitted(entry, saved, filled.mapping, filled.differences, true);
    }
    const { mapping, differences } = applyCloseTemplate(saved, entry.headers, columns, automatic);
    return fitted(entry, saved, mapping, differences, false);
  }

  /** Saves (or, for an existing name, replaces) a template, with the options given. */
  async save(
    name: string,
    headers: readonly string[],
    mapping: readonly ColumnMapping[],
    options: SavedMappingOptions = {},
  ): Promise<MappingTemplate> {
    const index = await this.#readIndex();
    const existing = index.templates.find((t) => t.name === name && !t.remembered);
    return this.#write(
      index,
      { id: existing?.id ?? randomUUID(), name, headers: [...headers] },
      mapping,
      options,
    );
  }

  /**
   * Remembers the mapping and options last used for a set of headers (one entry per set; an
   * errors.csv shares its original file's), so they come back the next time.
   */
  async remember(
    headers: readonly string[],
    mapping: readonly ColumnMapping[],
    options: SavedMappingOptions,
    emptyHeaders: readonly string[] = [],
  ): Promise<MappingTemplate> {
    const index = await this.#readIndex();
    const existing = index.templates.find((t) => t.remembered && sameHeaderKey(t.headers, headers));
    const kept = headerKey(headers).slice(0, 3).join(', ');
    const entry: Entry = {
      id: existing?.id ?? randomUUID(),
      name: existing?.name ?? `Last used for ${kept}${headerKey(headers).length > 3 ? ', …' : ''}`,
      headers: [...headers],
      remembered: true,
      ...(emptyHeaders.length > 0 && { emptyHeaders: [...emptyHeaders] }),
    };
    return this.#write(index, entry, mapping, options);
  }

  /** Renames a template (a remembered one becomes a named template); null when it is gone. */
  async rename(id: string, name: string): Promise<MappingTemplate | null> {
    const index = await this.#readIndex();
    const entry = index.templates.find((t) => t.id === id);
    const saved = entry && (await this.#readSaved(id));
    if (!entry || !saved) return null;
    const renamed: Entry = { id, name, headers: entry.headers };
    await this.#writeIndex(index.templates.map((t) => (t.id === id ? renamed : t)));
    return describe(renamed, saved);
  }

  /** Deletes a template; false when there was none with this id. */
  async remove(id: string): Promise<boolean> {
    const index = await this.#readIndex();
    if (!index.templates.some((t) => t.id === id)) return false;
    await this.#writeIndex(index.templates.filter((t) => t.id !== id));
    await rm(path.join(this.#dir, `${id}.mapping.json`), { force: true });
    return true;
  }

  async #write(
    index: TemplateIndex,
    entry: Entry,
    mapping: readonly ColumnMapping[],
    options: SavedMappingOptions,
  ): Promise<MappingTemplate> {
    const saved = toSavedMapping(mapping, columnsOf(entry.headers), options);
    await writePrivateFile(
      path.join(this.#dir, `${entry.id}.mapping.json`),
      `${JSON.stringify(saved, null, 2)}\n`,
    );
    await this.#writeIndex([...index.templates.filter((t) => t.id !== entry.id), entry]);
    return describe(entry, saved);
  }

  async #writeIndex(templates: readonly Entry[]): Promise<void> {
    const index: TemplateIndex = { version: 1, templates: [...templates] };
    await writePrivateFile(path.join(this.#dir, 'templates.json'), `${JSON.stringify(index, null, 2)}\n`);
  }

  async #readIndex(): Promise<TemplateIndex> {
    try {
      const parsed = indexSchema.safeParse(
        JSON.parse(await readFile(path.join(this.#dir, 'templates.json'), 'utf8')),
      );
      if (parsed.success) return parsed.data;
    } catch {
      // No templates yet, or an unreadable index: start empty rather than stop the app.
    }
    return { version: 1, templates: [] };
  }

  async #readSaved(id: string): Promise<SavedMapping | null> {
    try {
      const read = readSavedMapping(await readFile(path.join(this.#dir, `${id}.mapping.json`), 'utf8'));
      return read.ok ? read.saved : null;
    } catch {
      return null;
    }
  }
}

function optionsOf(saved: SavedMapping): SavedMappingOptions {
  const { version: _version, columns: _columns, values: _values, ...options } = saved;
  return options;
}

function describe(entry: Entry, saved: SavedMapping): MappingTemplate {
  const { mapping } = applySavedMapping(saved, columnsOf(entry.headers));
  return {
    id: entry.id,
    name: entry.name,
    headers: entry.headers,
    mapping: mapping.flatMap((m) =>
      m.target === null
        ? []
        : [{ column: m.column, target: m.target, ...(m.values && { values: m.values }) }],
    ),
    remembered: entry.remembered === true,
    options: optionsOf(saved),
  };
}

function fitted(
  entry: Entry,
  saved: SavedMapping,
  mapping: ColumnMapping[],
  differences: string[],
  exact: boolean,
): FittedTemplate {
  return {
    exact,
    id: entry.id,
    name: entry.name,
    remembered: entry.remembered === true,
    mapping,
    options: optionsOf(saved),
    differences,
  };
}
