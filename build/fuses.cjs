/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads afterPack hooks as CommonJS. */
// electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary, before signing.
// Off: running as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS, --inspect arguments, file://
// extra privileges (the app is served from its own scheme). On: cookie encryption, the asar
// integrity check, loading the app only from the asar.
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The packaged executable for one platform. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

async function afterPack(context) {
  const target = executablePath(context);
  await flipFuses(target, {
    ...FUSES,
    // Flipping fuses breaks an ad-hoc signature (Apple silicon refuses to run it); re-sign ad hoc.
    // A real signing identity, when configured, signs again after this hook.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.executablePath = executablePath;
