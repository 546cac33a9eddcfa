#!/usr/bin/env bash
# Installs what Agent Desk needs on a fresh Debian/Ubuntu machine: the system packages the end-to-end
# tests use (Chromium, a virtual display, a notification daemon), then the npm packages from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
command -v dunst >/dev/null 2>&1 || need+=(dunst)
command -v notify-send >/dev/null 2>&1 || need+=(libnotify-bin)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=""; fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "install: system packages: ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "install: missing ${need[*]} and no root: the end-to-end tests will be skipped" >&2
  fi
fi

echo "install: npm packages"
npm ci --no-audit --no-fund --loglevel=error
