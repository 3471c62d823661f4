#!/usr/bin/env bash
# Open-loop load test of the public pages, the eligibility API and online verification (benches/load.rs):
# capacity measured closed loop with wrk, then each request kind at 25/50/75/100 % of it with oha at a
# constant arrival rate (latency corrected for coordinated omission), p50/p99 and errors reported.
#   scripts/load.sh            the steps (about 5 minutes)
#   scripts/load.sh --soak     the steps, then one hour at 50 % with the server's memory sampled every minute
# Settings: LOAD_CAPACITY_SECONDS (10), LOAD_STEP_SECONDS (15), LOAD_SOAK_SECONDS (3600 with --soak),
# LOAD_SAMPLE_SECONDS (60). Not run in CI: its figures are in docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
OHA_VERSION=1.16.0
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y --no-install-recommends wrk || { apt-get update && apt-get install -y --no-install-recommends wrk; }
  else sudo apt-get install -y --no-install-recommends wrk; fi
fi
if ! command -v oha >/dev/null || [ "$(oha --version | awk '{print $2}')" != "$OHA_VERSION" ]; then
  cargo install oha --locked --version "$OHA_VERSION"
fi
if [ "${1:-}" = "--soak" ]; then
  export LOAD_SOAK_SECONDS="${LOAD_SOAK_SECONDS:-3600}"
fi
nproc; uname -m
exec cargo bench --locked -p atajoly --bench load
