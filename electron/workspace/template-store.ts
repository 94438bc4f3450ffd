/**
 * Saved mapping templates in `<dataDir>/mappings/`: each template is a saved-mapping file
 * (`<id>.mapping.json`, the same format the CLI's `--mapping` reads) plus one line in
 * `templates.json` with its display name and the headers it was saved from.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../files/private-files';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import {
  applySavedMapping,
  readSavedMapping,
  savedMappingFits,
  toSavedMapping,
  type SavedMapping,
} from '../../shared/mapping/mapping-file';
import { columnLetter, type ColumnInfo } from '../../shared/source/source-table';

/** A template as the contract shows it. */
export interface MappingTemplate {
  readonly id: string;
  readonly name: string;
  readonly headers: readonly string[];
  readonly mapping: readonly { readonly column: number; readonly target: string }[];
}

const indexSchema = z.object({
  version: z.literal(1),
  templates: z.array(
    z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/), name: z.string(), headers: z.array(z.string()) }),
  ),
});
type TemplateIndex = z.infer<typeof indexSchema>;

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

  /** Every readable template, in the order saved; unreadable files are skipped. */
  async list(): Promise<MappingTemplate[]> {
    const index = await this.#readIndex();
    const templates: MappingTemplate[] = [];
    for (const entry of index.templates) {
      const saved = await this.#readSaved(entry.id);
      if (!saved) continue;
      const { mapping } = applySavedMapping(saved, columnsOf(entry.headers));
      templates.push({ ...entry, mapping: mapped(mapping) });
    }
    return templates;
  }

  /**
   * The newest template saved from a file with the same headers (trimmed, any case, same order)
   * whose every column key still names one column, with its mapping for `columns`.
   */
  async findFitting(
    columns: readonly ColumnInfo[],
  ): Promise<{ id: string; name: string; mapping: ColumnMapping[] } | null> {
    const index = await this.#readIndex();
    for (const entry of [...index.templates].reverse()) {
      if (!sameHeaders(entry.headers, columns)) continue;
      const saved = await this.#readSaved(entry.id);
      if (!saved || Object.keys(saved.columns).length === 0 || !savedMappingFits(saved, columns)) continue;
      const applied = applySavedMapping(saved, columns);
      if (applied.problems.length > 0) continue;
      return { id: entry.id, name: entry.name, mapping: applied.mapping };
    }
    return null;
  }

  /** Saves (or, for an existing name, replaces) a template. */
  async save(
    name: string,
    headers: readonly string[],
    mapping: readonly ColumnMapping[],
  ): Promise<MappingTemplate> {
    const index = await this.#readIndex();
    const existing = index.templates.find((t) => t.name === name);
    const id = existing?.id ?? randomUUID();
    const columns = columnsOf(headers);
    const saved = toSavedMapping(mapping, columns);
    await writePrivateFile(path.join(this.#dir, `${id}.mapping.json`), `${JSON.stringify(saved, null, 2)}\n`);
    const entry = { id, name, headers: [...headers] };
    const templates = existing
      ? index.templates.map((t) => (t.id === id ? entry : t))
      : [...index.templates, entry];
    await writePrivateFile(
      path.join(this.#dir, 'templates.json'),
      `${JSON.stringify({ version: 1, templates } satisfies TemplateIndex, null, 2)}\n`,
    );
    return { ...entry, mapping: mapped(applySavedMapping(saved, columns).mapping) };
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

function sameHeaders(headers: readonly string[], columns: readonly ColumnInfo[]): boolean {
  const norm = (h: string) => h.trim().toLowerCase();
  return (
    headers.length === columns.length && headers.every((h, i) => norm(h) === norm(columns[i]?.header ?? ''))
  );
}

function mapped(mapping: readonly ColumnMapping[]): { column: number; target: string }[] {
  return mapping.flatMap((m) => (m.target === null ? [] : [{ column: m.column, target: m.target }]));
}
