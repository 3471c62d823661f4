#!/usr/bin/env bash
# Schemathesis (PyPI, pinned in tests/schemathesis/requirements.txt, installed into target/test-venv by
# scripts/install-test-deps.sh) over the whole OpenAPI document the service serves
# (/api/v1/openapi.json, crates/web/openapi.json), once for every role: anonymous, the applicant, every
# staff role (signed in with their password and second factor) and the registry's API key
# (tests/schemathesis/roles.py makes them as people do). Checks: no 5xx (not_a_server_error), every
# status code documented for its operation (status_code_conformance), the documented content type
# (content_type_conformance) and body (response_schema_conformance). Positive and negative input,
# examples, coverage and fuzzing phases, ATAJOLY_SCHEMATHESIS_EXAMPLES cases per operation (default 30).
#
# The service: the debug binary (ATAJOLY_BIN, default target/debug/atajoly; build it first), SQLite and
# the file store in a temporary directory, a free loopback port. Every operation is run, and the two that
# end the session they are sent with each in a run of their own, on a session of their own, so that they
# do not end the one the rest of the API is tested with: the sign-out (DELETE /auth/token), then the
# sessions' list and ending one (GET and DELETE /me/sessions..., whose id may be any of the person's). Exits non-zero on any failure (with or without CI); the reports
# (JUnit, the logs, the server's log) are in target/schemathesis/.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

die() {
  echo "schemathesis: ERROR: $*" >&2
  exit 1
}

bin="${ATAJOLY_BIN:-${CARGO_TARGET_DIR:-$repo_root/target}/debug/atajoly}"
[ -x "$bin" ] || die "no executable binary at $bin (run 'cargo build --locked --bin atajoly' first, or set ATAJOLY_BIN)"
venv="$repo_root/target/test-venv"
st="$venv/bin/st"
[ -x "$st" ] || die "schemathesis is missing from $venv (run scripts/install-test-deps.sh)"
want="$(sed -n 's/^schemathesis==//p' tests/schemathesis/requirements.txt)"
have="$("$st" --version | sed -n 's/.*version //p')"
[ "$have" = "$want" ] || die "schemathesis $have in $venv, $want pinned (run scripts/install-test-deps.sh)"
examples="${ATAJOLY_SCHEMATHESIS_EXAMPLES:-30}"

out="$repo_root/target/schemathesis"
rm -rf "$out"
mkdir -p "$out"
tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
export ATAJOLY_DATABASE_URL="sqlite://$tmp/t.db"
export ATAJOLY_LISTEN="127.0.0.1:$port"
export ATAJOLY_COOKIE_SECURE=false
export ATAJOLY_OUTBOX_DIR="$tmp/outbox"
export ATAJOLY_FILES_DIR="$tmp/files"
export ATAJOLY_FILES_KEY_FILE="$tmp/files.key"
export ATAJOLY_SECRETS_KEY_FILE="$tmp/secrets.key"
export ATAJOLY_KEYS_DIR="$tmp/keys"
export RUST_LOG="${RUST_LOG:-warn}"

"$bin" migrate >"$out/migrate.log" 2>&1 || die "'$bin migrate' failed: $(tail -20 "$out/migrate.log")"
"$bin" serve >"$out/server.log" 2>&1 &
server_pid=$!
# The answer of GET /readyz (000 while nothing listens).
ready() {
  "$venv/bin/python" -c 'import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except Exception as e:
    print(getattr(e, "code", "000"))' "$base/readyz"
}
for _ in $(seq 1 240); do
  kill -0 "$server_pid" 2>/dev/null || die "the service exited at start: $(tail -20 "$out/server.log")"
  if [ "$(ready)" = 200 ]; then break; fi
  sleep 0.25
done
[ "$(ready)" = 200 ] || die "GET /readyz did not answer 200 within 60 s: $(tail -20 "$out/server.log")"

"$venv/bin/python" tests/schemathesis/roles.py "$base" "$bin" "$ATAJOLY_OUTBOX_DIR" >"$tmp/tokens.json"
roles="anonymous $("$venv/bin/python" -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))))' "$tmp/tokens.json")"

checks="not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
sign_out="DELETE /auth/token"
end_session="DELETE /me/sessions/{id}"
failed=()
# One run of schemathesis for `role` with its session number `n` (none for anonymous), then the
# filter's arguments.
run() {
  local role="$1" n="$2" name="$3"
  shift 3
  local auth=()
  if [ "$role" != anonymous ]; then
    auth=(-H "Authorization: Bearer $("$venv/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][int(sys.argv[3])])' "$tmp/tokens.json" "$role" "$n")")
  fi
  echo "==> schemathesis as $role ($name)"
  # From the reports' folder: schemathesis keeps a cache of crashes (.schemathesis/) where it runs.
  if ! (cd "$out" && "$st" run "$base/api/v1/openapi.json" "${auth[@]}" "$@" \
      --checks "$checks" --max-examples "$examples" --seed 2026 --generation-database none --workers 1 \
      --request-timeout 30 \
      --no-color --report junit --report-junit-path "$out/$role-$name.xml" >"$out/$role-$name.log" 2>&1); then
    failed+=("$role/$name")
    tail -60 "$out/$role-$name.log"
  fi
  grep -E '^  [0-9]+ generated' "$out/$role-$name.log" || true
}
start=$(date +%s)
for role in $roles; do
  run "$role" 0 all --exclude-name "$sign_out" --exclude-name "$end_session"
  # One operation: no link to follow, so no stateful phase.
  run "$role" 1 sign-out --include-name "$sign_out" --phases examples,coverage,fuzzing
  # Last: ending a session may end any of the person's (the list's first), not only its own.
  run "$role" 2 sessions --include-path-regex '^/me/sessions'
done
kill -0 "$server_pid" 2>/dev/null || die "the service died during the run: $(tail -40 "$out/server.log")"
cases="$(cat "$out"/*.log | sed -n 's/^  \([0-9][0-9]*\) generated.*/\1/p' | awk '{ s += $1 } END { print s + 0 }')"
echo "schemathesis: $(echo "$roles" | wc -w) roles, ${examples} examples per operation, $cases test cases, $(( $(date +%s) - start )) s"
if [ "${#failed[@]}" -gt 0 ]; then
  die "failures in ${failed[*]} (logs and JUnit reports in $out)"
fi
echo "schemathesis: no failures"
