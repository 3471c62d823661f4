#!/usr/bin/env bash
# Crash drill (tests/drill/crash.py): a real server on SQLite and on PostgreSQL (a fresh database each)
# killed with SIGKILL at random moments and restarted, while clients file applications with uploads and
# staff take cases to a grant; afterwards every acknowledged write must be there exactly once and
# `atajoly check` must pass. Reports apps, writes acknowledged, kills, lost, duplicates, seconds.
#   scripts/drill-crash.sh                    1,000 applications on each backend (debug build)
#   scripts/drill-crash.sh --apps 150         the CI size (scripts/test.sh)
#   DRILL_BACKENDS=sqlite scripts/drill-crash.sh
#   DRILL_PROFILE=release scripts/drill-crash.sh   the release binary (built first)
# Any other arguments go to crash.py (--clients, --grant-share, --kill-min, --kill-max, --seed).
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${DRILL_PROFILE:-debug}"
if [ "$profile" = release ]; then
  cargo build --release --locked --bin atajoly
else
  cargo build --locked --bin atajoly
fi
bin="${CARGO_TARGET_DIR:-$PWD/target}/$profile/atajoly"
pg="${ATAJOLY_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}"
python="${ATAJOLY_TEST_PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "ERROR: no Python at $python" >&2; exit 1; }
tmp="$(mktemp -d)"
dbs=()
cleanup() {
  for db in "${dbs[@]}"; do psql -q -d "$pg" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
for backend in ${DRILL_BACKENDS:-sqlite postgres}; do
  work="$tmp/$backend"
  mkdir -p "$work"
  case "$backend" in
    sqlite) url="sqlite://$work/drill.db?mode=rwc" ;;
    postgres)
      command -v psql >/dev/null || { echo "ERROR: psql is missing (postgresql-client); the drill runs on PostgreSQL too" >&2; exit 1; }
      db="atajoly_drill_$$"
      psql -q -d "$pg" -c "CREATE DATABASE $db" >/dev/null
      dbs+=("$db")
      url="${pg%/*}/$db" ;;
    *) echo "ERROR: unknown backend $backend" >&2; exit 1 ;;
  esac
  echo "==> crash drill on $backend"
  "$python" tests/drill/crash.py --bin "$bin" --database-url "$url" --workdir "$work" --label "[$backend] " "$@"
done
