#!/usr/bin/env bash
# The test command (README, CI): installs what the tests need, then runs every check and test.
#   1. formatting and lints (clippy -D warnings); licences, bans and sources of the dependencies (cargo deny)
#   2. unit tests and the integration suite on SQLite and PostgreSQL (CI=true: PostgreSQL is required)
#   3. a short fuzz run of every decoder of outside input (scripts/fuzz.sh --short);
#      the card credential checked by independent Python decoders (scripts/credential-interop.sh), and
#      the printable card PDF read back by pypdf, pdftoppm and zxing-cpp (scripts/cardpdf-check.sh)
#   4. the crash drill (150 applications, the server killed at random and restarted: 0 acknowledged
#      writes lost, 0 duplicates, `atajoly check` passing) and the backup and restore drill, both backends
#   5. browser tests: Playwright with Debian's Chromium walks the guide and the screener in kk, ru, en on a
#      phone and a desktop viewport, axe-core on every page (zero violations)
#   5. schemathesis over the whole API document as every role (scripts/schemathesis.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "installing test dependencies (Chromium, npm packages)"
scripts/install-test-deps.sh

step "checking PostgreSQL at ${ATAJOLY_TEST_PG:=postgres://postgres@127.0.0.1:5432/test}"
export ATAJOLY_TEST_PG
if ! (command -v pg_isready >/dev/null && pg_isready -q -d "$ATAJOLY_TEST_PG") ; then
  if [ -n "$(ls /etc/postgresql 2>/dev/null)" ] && command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is not answering; starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    sleep 2
  fi
fi
if ! pg_isready -q -d "$ATAJOLY_TEST_PG" 2>/dev/null; then
  echo "ERROR: PostgreSQL is not reachable at $ATAJOLY_TEST_PG; the tests run on SQLite and PostgreSQL and cannot skip it" >&2
  exit 1
fi

export ATAJOLY_TEST_PYTHON="$PWD/target/test-venv/bin/python"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo deny check licenses bans sources (deny.toml)"
# Not `advisories`: the RustSec database is fetched from GitHub, which this machine and CI cannot reach
# (docs/operations.md, "Supply chain").
if cargo deny --version >/dev/null 2>&1; then
  cargo deny --locked check licenses bans sources
elif [ "${CI:-}" = "true" ]; then
  echo "ERROR: cargo-deny is missing (scripts/install-test-deps.sh installs it); CI does not skip the dependency checks" >&2
  exit 1
else
  echo "WARNING: cargo-deny is missing, the dependency checks are SKIPPED; run scripts/install-test-deps.sh" >&2
fi

step "unit and integration tests (SQLite and PostgreSQL)"
unset ATAJOLY_TEST_BACKENDS
cargo test --workspace --locked

step "fuzz targets, a short run of each (scripts/fuzz.sh --short; the long runs are in docs/reliability.md)"
# install-test-deps.sh above fails when nightly or cargo-fuzz is missing, so this step is never skipped;
# fuzz.sh exits non-zero on any crash.
scripts/fuzz.sh --short

step "card credential interop (independent Python decoders: base45, zlib, cbor2, pycose)"
scripts/credential-interop.sh

step "card PDF (pypdf text, embedded subset fonts, QR decoded by zxing-cpp from a 300 dpi rendering)"
scripts/cardpdf-check.sh

step "crash drill: 150 applications, SIGKILL at random, on SQLite and PostgreSQL (scripts/drill-crash.sh)"
scripts/drill-crash.sh --apps 150

step "backup and restore drill on SQLite and PostgreSQL (scripts/drill-backup.sh)"
scripts/drill-backup.sh

step "browser tests (Playwright + axe-core, kk/ru/en, phone and desktop)"
cargo build --locked --bin atajoly
ATAJOLY_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/atajoly" scripts/browser-tests.sh

step "schemathesis over the whole OpenAPI document, as every role (no 5xx, documented status, type and body)"
ATAJOLY_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/atajoly" scripts/schemathesis.sh

step "all checks passed"
