/**
 * Where the team's shared material lives: `../shared` beside the checkout (CI lays a copy there too).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const casesDir = path.join(sharedDir, 'cases');
export const fixturesDir = path.join(sharedDir, 'fixtures');

/** Absolute path of a file in `../shared/cases/`. */
export const casePath = (name: string): string => path.join(casesDir, name);
/** Absolute path of a file in `../shared/fixtures/`. */
export const fixturePath = (name: string): string => path.join(fixturesDir, name);
