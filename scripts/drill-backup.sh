#!/usr/bin/env bash
# Backup and restore drill (tests/drill/backup.py), on SQLite and PostgreSQL: a populated service (30
# applications with files, 10 granted with cards, one revoked) backed up as docs/operations.md says
# ("Backup and restore"), restored into a fresh database and directory and started there; every card
# must still verify (online and offline), every file decrypt to its SHA-256, the audit log verify and
# `atajoly check` pass. A restore without the keys directory must be refused.
#   scripts/drill-backup.sh                      both backends
#   DRILL_BACKENDS=postgres scripts/drill-backup.sh
# Other arguments go to backup.py (--apps, --grants).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --bin atajoly
bin="${CARGO_TARGET_DIR:-$PWD/target}/debug/atajoly"
pg="${ATAJOLY_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}"
python="${ATAJOLY_TEST_PYTHON:-python3}"
for tool in "$python" pg_dump pg_restore psql; do
  command -v "$tool" >/dev/null || { echo "ERROR: $tool is missing (scripts/install-test-deps.sh installs postgresql-client); the drill does not skip a backend" >&2; exit 1; }
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for backend in ${DRILL_BACKENDS:-sqlite postgres}; do
  echo "==> backup and restore drill on $backend"
  "$python" tests/drill/backup.py --bin "$bin" --backend "$backend" --pg "$pg" --workdir "$tmp/$backend" "$@"
done
