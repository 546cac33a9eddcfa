#!/usr/bin/env bash
# Installs what Agent Desk needs on a fresh Debian/Ubuntu machine: the system packages the end-to-end
# tests use (Chromium, a virtual display, a notification daemon, a throwaway Kerberos realm: KDC, admin
# tools, kinit), the headers and compiler the npm `kerberos` binding builds against, then the npm
# packages from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
command -v dunst >/dev/null 2>&1 || need+=(dunst)
command -v notify-send >/dev/null 2>&1 || need+=(libnotify-bin)
[ -x /usr/sbin/krb5kdc ] || need+=(krb5-kdc)
[ -x /usr/sbin/kadmin.local ] || need+=(krb5-admin-server)
[ -x /usr/bin/kinit ] || need+=(krb5-user)
[ -x /usr/bin/krb5-config ] || need+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=""; fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "install: system packages: ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "install: missing ${need[*]} and no root: install them, or the tests that need them fail" >&2
  fi
fi

# `kerberos` tries a prebuilt binary first (a download that fails at once offline), then node-gyp
# builds it here. node-gyp must use the installed Node's headers, never download them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$(dirname "$(dirname "$(command -v node)")")/include/node/node_api.h" ]; then
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi

echo "install: npm packages"
npm ci --no-audit --no-fund --loglevel=error
