#!/usr/bin/env bash
# Runs the committed benchmarks. Installs wrk (Debian) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y --no-install-recommends wrk || { apt-get update && apt-get install -y --no-install-recommends wrk; }
  else sudo apt-get install -y --no-install-recommends wrk; fi
fi
nproc; uname -m
cargo bench --locked --bench search
cargo bench --locked --bench screener_api
cargo bench --locked --bench submissions
cargo bench --locked --bench queue
cargo bench --locked -p atajoly --bench verify_api
cargo bench --locked -p atajoly --bench audit_verify
scripts/bench-uploads.sh
cargo bench --locked -p credential --bench verify
