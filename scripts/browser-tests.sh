#!/usr/bin/env bash
# Runs the browser tests: installs/verifies their dependencies (Debian's Chromium, the pinned npm packages),
# then tests/browser/run.mjs, which starts the server from ATAJOLY_BIN (default target/debug/atajoly)
# on a free loopback port with a fresh SQLite database, walks every page in kk/ru/en on a phone and a
# desktop viewport with axe-core, and runs the eligibility check (also with JavaScript off).
# Build the binary first (cargo build). Exit code is the tests' own.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

bash scripts/install-test-deps.sh

export ATAJOLY_BIN="${ATAJOLY_BIN:-$repo_root/target/debug/atajoly}"
if [ ! -x "$ATAJOLY_BIN" ]; then
  echo "browser-tests: ERROR: no executable binary at $ATAJOLY_BIN (run 'cargo build' first, or set ATAJOLY_BIN)" >&2
  exit 1
fi
exec node tests/browser/run.mjs
