/* global require, exports */
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder 25 loads hooks with require() */
// electron-builder afterPack hook: flips Electron's fuses in the packed executable, so the
// shipped app cannot be turned into a plain Node runtime or debugged through its command line.
// electron-builder 25 has no `electronFuses` option (26 adds one with these same settings).
// Fuse meanings: https://www.electronjs.org/docs/latest/tutorial/fuses
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuses we set; every other fuse keeps Electron's default. */
const fuses = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The packed executable for the platform being built. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return path.join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  return path.join(appOutDir, packager.executableName);
}

exports.fuses = fuses;
exports.default = async function flipAppFuses(context) {
  const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  await flipFuses(executablePath(context), { ...fuses, resetAdHocDarwinSignature: arm64Mac });
};
