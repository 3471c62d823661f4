#!/usr/bin/env bash
# Benchmark: 20 concurrent uploads of 20 MB each into one server; reports the growth of the server's
# resident memory (peak VmHWM during the uploads minus VmRSS before them). Target: < 32 MB in all.
# The baseline beside it is what a server that buffers each file whole would hold: the bytes in flight.
#
#   scripts/bench-uploads.sh            (release build of the binary, SQLite and files in a temp dir)
#   UPLOADS=20 MB=20 scripts/bench-uploads.sh
set -euo pipefail
cd "$(dirname "$0")/.."
uploads="${UPLOADS:-20}"
mb="${MB:-20}"
cargo build --release --locked --bin atajoly >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/atajoly"
tmp="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
db_url="sqlite://$tmp/bench.db"
if [ "${BACKEND:-sqlite}" = postgres ]; then
  # A database of its own on the local server, dropped afterwards.
  pgdb="atajoly_bench_$$"
  psql -q -d "${PG:-postgres://postgres@127.0.0.1:5432/test}" -c "CREATE DATABASE $pgdb" >/dev/null
  trap 'kill "$pid" 2>/dev/null || true; sleep 0.5; psql -q -d "${PG:-postgres://postgres@127.0.0.1:5432/test}" -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null; rm -rf "$tmp"' EXIT
  db_url="postgres://postgres@127.0.0.1:5432/$pgdb"
fi
export ATAJOLY_DATABASE_URL="$db_url" ATAJOLY_LISTEN="127.0.0.1:$port" ATAJOLY_COOKIE_SECURE=false \
  ATAJOLY_OUTBOX_DIR="$tmp/outbox" ATAJOLY_FILES_DIR="$tmp/files" ATAJOLY_FILES_KEY_FILE="$tmp/files.key" RUST_LOG=warn
env ${BENCH_ENV:-} "$bin" serve >"$tmp/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.1; done

# An applicant with a bearer token (the verification link comes from the outbox).
curl -fs -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"bench-password-2026"}' "$base/api/v1/accounts" >/dev/null
sleep 2.5
token="$(python3 - "$tmp/outbox" <<'PY'
import email, glob, re, sys
for f in glob.glob(sys.argv[1] + "/*.eml"):
    m = email.message_from_bytes(open(f, "rb").read())
    body = m.get_payload(decode=True).decode()
    t = re.search(r"token=([0-9a-f]{64})", body)
    if t: print(t.group(1))
PY
)"
curl -fs -H 'content-type: application/json' -d "{\"token\":\"$token\"}" "$base/api/v1/accounts/verify" >/dev/null
bearer="$(curl -fs -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"bench-password-2026"}' "$base/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
ids=()
for _ in $(seq "$uploads"); do
  ids+=("$(curl -fs -X POST -H "authorization: Bearer $bearer" "$base/api/v1/applications" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')")
done

# A valid PDF of $mb MB (its body zeros), and a small one to warm the server up.
{ printf '%%PDF-1.4\n'; head -c "$((mb * 1024 * 1024 - 16))" /dev/zero; printf '\n%%%%EOF\n'; } >"$tmp/big.pdf"
printf '%%PDF-1.4\n%%%%EOF\n' >"$tmp/small.pdf"
curl -fs -H "authorization: Bearer $bearer" -F item=passport -F "file=@$tmp/small.pdf" "$base/api/v1/applications/${ids[0]}/documents" >/dev/null
rss() { awk -v k="$1:" '$1==k {print $2}' "/proc/$pid/status"; }
before="$(rss VmRSS)"
start="$(date +%s.%N)"
for id in "${ids[@]}"; do
  curl -fs -o /dev/null -w '%{http_code}\n' -H "authorization: Bearer $bearer" -F item=passport -F "file=@$tmp/big.pdf" \
    "$base/api/v1/applications/$id/documents" >>"$tmp/codes" &
done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
end="$(date +%s.%N)"
peak="$(rss VmHWM)"
ok="$(grep -c '^201$' "$tmp/codes" || true)"
growth_kb=$((peak - before))
python3 - "$uploads" "$mb" "$ok" "$before" "$peak" "$growth_kb" "$start" "$end" <<'PY'
import sys
n, mb, ok, before, peak, growth, start, end = sys.argv[1:]
n, mb, ok, before, peak, growth = map(int, (n, mb, ok, before, peak, growth))
secs = float(end) - float(start)
print(f"machine: {__import__('os').cpu_count()} cores; backend {__import__('os').environ.get('BACKEND', 'sqlite')}; {n} concurrent uploads of {mb} MB, {ok} stored (201)")
print(f"server RSS before: {before/1024:.1f} MB; peak during uploads: {peak/1024:.1f} MB")
print(f"growth: {growth/1024:.1f} MB (target < 32 MB)")
print(f"baseline (files held whole in memory): {n*mb} MB; growth / baseline = {growth/1024/(n*mb):.3f}")
print(f"time: {secs:.1f} s, {n*mb/secs:.0f} MB/s in all")
sys.exit(0 if ok == n and growth < 32 * 1024 else 1)
PY
