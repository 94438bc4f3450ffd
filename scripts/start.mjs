// `npm start`: builds the app (Node bundles + the renderer), then launches Electron if its runtime
// is installed and a display is available; otherwise starts the browser host and prints its URL.
// `npm run start:web` (`--web`) always starts the browser host. Other flags go to the host
// (`--no-open`, `--port N`, `--data-dir DIR`, `--open FILE`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passOn = args.filter((arg) => arg !== '--web');

function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      process.stderr.write(`${command} could not start: ${error.message}\n`);
      resolve(1);
    });
  });
}

/**
 * The Electron executable when its runtime was downloaded, else null. Read from electron's
 * path.txt rather than `require('electron')`, which would try to download the binary.
 */
function electronBinary() {
  try {
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
    const pathFile = path.join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const built = await run(process.execPath, [path.join('scripts', 'build-node.mjs')]);
if (built !== 0) process.exit(built);
await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'error' });

const electron = webOnly ? null : electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (electron && !noDisplay) {
  process.exit(await run(electron, ['.', ...passOn]));
}
if (!webOnly) {
  process.stdout.write(
    electron
      ? 'No display here for the desktop app — starting the browser host\n'
      : 'Electron runtime not installed here — starting the browser host\n',
  );
}
process.exit(await run(process.execPath, [path.join('dist', 'host.mjs'), ...passOn]));
