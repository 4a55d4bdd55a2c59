#!/bin/sh
# Installs the pinned guest toolchain (jco, componentize-js; see package-lock.json) unless it is
# installed already. Decided when it runs, not when Maven reads the poms, so the modules that
# build fixtures in one reactor install it once.
set -e
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
