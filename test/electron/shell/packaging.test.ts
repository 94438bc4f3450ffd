// Packaging: electron-builder.yml validates, and `electron-builder --dir` (Linux) packs exactly
// the built app into an asar with the fuses flipped — using a stand-in Electron folder, since
// the real binary cannot be downloaded here (../shared/TOOLCHAIN.md).
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import type * as ElectronBuilder from 'electron-builder';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/shared-paths';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debug: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { build, Platform } = require('electron-builder') as typeof ElectronBuilder;
const asar = require('@electron/asar') as { listPackage(file: string, options: object): string[] };
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire(file: string): Promise<Record<number, number>>;
  FuseV1Options: Record<string, number>;
};

const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
let work = '';

async function standInElectron(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  // Electron's default fuse wire: version 1, 8 fuses, RunAsNode/NodeOptions/Inspect/FileProtocol on.
  const wire = Buffer.concat([
    Buffer.from(`#!/bin/sh\necho stand-in electron\n# ${sentinel}`),
    Buffer.from([1, 8]),
    Buffer.from('10110001\n'),
  ]);
  await writeFile(path.join(dir, 'electron'), wire, { mode: 0o755 });
  await writeFile(path.join(dir, 'version'), '45.5.0');
  await writeFile(path.join(dir, 'LICENSE'), 'stand-in');
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'omneo-pack-'));
  const project = path.join(work, 'project');
  await mkdir(project);
  for (const file of ['package.json', 'electron-builder.yml'])
    await cp(path.join(repoRoot, file), path.join(project, file));
  await cp(path.join(repoRoot, 'build'), path.join(project, 'build'), { recursive: true });
  await symlink(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  // Sources and tests sit beside the build in a real checkout; they must not be packed.
  await mkdir(path.join(project, 'electron', 'shell'), { recursive: true });
  await writeFile(path.join(project, 'electron', 'shell', 'main.ts'), '// source');
  await mkdir(path.join(project, 'test'));
  await writeFile(path.join(project, 'test', 'x.test.ts'), '// test');
  for (const entry of ['main', 'preload']) {
    await esbuild({
      entryPoints: [path.join(repoRoot, 'electron', 'shell', `${entry}.ts`)],
      outfile: path.join(project, 'dist', 'electron', `${entry}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20.19',
      external: ['electron'],
      sourcemap: true,
      logLevel: 'silent',
    });
  }
  await viteBuild({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: path.join(repoRoot, 'renderer'),
    logLevel: 'silent',
    build: { outDir: path.join(project, 'dist', 'renderer'), emptyOutDir: true },
  });
  await standInElectron(path.join(work, 'electron-dist'));
}, 120_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe('electron-builder.yml', () => {
  const load = async () => yaml.load(await readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8'));

  it('validates, and a wrong key would not', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, asarr: true }, new DebugLogger(false))).rejects.toThrow(
      /asarr/,
    );
  });

  it('targets nsis, dmg, AppImage and deb with app id, product name and icons', async () => {
    const config = (await load()) as Record<string, Record<string, unknown>>;
    expect(config).toMatchObject({
      appId: 'io.omneo.profile-importer',
      productName: 'Omneo Profile Importer',
      asar: true,
    });
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    const icon = await readFile(path.join(repoRoot, 'build', 'icon.png'));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });
});

describe('electron-builder --dir with a stand-in Electron', () => {
  it('packs only the built app, in an asar, with the fuses flipped', async () => {
    const project = path.join(work, 'project');
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        electronDist: path.join(work, 'electron-dist'),
        electronVersion: '45.5.0',
        directories: { output: path.join(work, 'release') },
      },
    });
    const unpacked = path.join(work, 'release', 'linux-unpacked');
    const packed = asar.listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false });
    expect(packed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^[\\/]package\.json$/),
        expect.stringMatching(/dist[\\/]electron[\\/]main\.cjs$/),
        expect.stringMatching(/dist[\\/]electron[\\/]preload\.cjs$/),
        expect.stringMatching(/dist[\\/]renderer[\\/]index\.html$/),
      ]),
    );
    expect(
      packed.filter((file) => /\.ts$|\.map$|node_modules|[\\/]test[\\/]|[\\/]electron[\\/]shell/.test(file)),
    ).toEqual([]);

    const executable = path.join(unpacked, 'omneo-profile-importer');
    expect((await stat(executable)).mode & 0o111).not.toBe(0);
    const wire = await fuses.getCurrentFuseWire(executable);
    const o = fuses.FuseV1Options;
    const on = 49;
    const off = 48;
    expect({
      runAsNode: wire[o.RunAsNode ?? -1],
      cookieEncryption: wire[o.EnableCookieEncryption ?? -1],
      nodeOptions: wire[o.EnableNodeOptionsEnvironmentVariable ?? -1],
      inspect: wire[o.EnableNodeCliInspectArguments ?? -1],
      asarIntegrity: wire[o.EnableEmbeddedAsarIntegrityValidation ?? -1],
      onlyAsar: wire[o.OnlyLoadAppFromAsar ?? -1],
    }).toEqual({
      runAsNode: off,
      cookieEncryption: on,
      nodeOptions: off,
      inspect: off,
      asarIntegrity: on,
      onlyAsar: on,
    });
  }, 90_000);
});
