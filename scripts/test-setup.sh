#!/usr/bin/env bash
# System packages the test suite uses, from Debian's archive: a PostgreSQL server (started by the
# tests themselves on loopback) and Chromium (driven by Playwright for the web UI's browser tests).
# Tests that need one skip with a message when it cannot be had.
set -uo pipefail

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo -n"; else SUDO=none; fi
  if [ "$SUDO" = none ]; then
    echo "test-setup: cannot install ${need[*]} (not root, no sudo): the tests that need them will skip" >&2
    exit 0
  fi
  echo "==> installing ${need[*]} (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || echo "test-setup: apt-get install ${need[*]} failed: the tests that need them will skip" >&2
fi
exit 0
