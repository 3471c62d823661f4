#!/usr/bin/env bash
# Fuzzes every decoder of outside input (fuzz/: cargo-fuzz targets on libFuzzer, nightly Rust) and
# prints a table: target, executions, seconds, executions per second, crashes.
#
#   scripts/fuzz.sh                 each target for 10,000,000 executions (the long run; not in CI)
#   scripts/fuzz.sh --short         each target for 100,000 executions or 15 s, whichever comes first (CI)
#   scripts/fuzz.sh --runs N        each target for N executions
#   scripts/fuzz.sh --seconds S     each target for at most S seconds (with the runs above)
#   scripts/fuzz.sh --log FILE      also append each target's row to FILE as it finishes
#   scripts/fuzz.sh --seed          write the seed corpora (fuzz/corpus/<target>/) anew from the tests' inputs
#   scripts/fuzz.sh ... TARGET...   only these targets
#
# The committed seeds (fuzz/corpus/<target>/) are read, never written: what a run finds is kept in
# fuzz/target/corpus/<target>/ (so the next run starts from it) and a crashing input in
# fuzz/artifacts/<target>/, named on the failing row; `cargo +nightly fuzz run <target> <that file>`
# replays it. Targets are built without a sanitizer (our crates forbid unsafe code; what the targets
# look for is a panic, an overflow, a failed assertion or a hang), with debug assertions and overflow
# checks on. Exits 1 if any target crashed, or if nightly Rust or cargo-fuzz is missing
# (scripts/install-test-deps.sh installs cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=10000000
seconds=0
log=""
seed=false
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --short) runs=100000; seconds=15 ;;
    --runs) runs="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --log) log="$2"; shift ;;
    --seed) seed=true ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "fuzz: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done

die() { echo "fuzz: ERROR: $*" >&2; exit 1; }
rustup toolchain list 2>/dev/null | grep -q '^nightly' || die "the nightly toolchain is missing (rustup toolchain install nightly); cargo-fuzz needs it"
cargo +nightly fuzz --version >/dev/null 2>&1 || die "cargo-fuzz is missing (scripts/install-test-deps.sh installs it)"

if $seed; then
  cargo run --locked --quiet --manifest-path fuzz/Cargo.toml -p atajoly-fuzz-seed -- fuzz/corpus
  exit 0
fi

build=(-O -a -s none)
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir fuzz)
fi
echo "fuzz: building ${#targets[@]} targets (nightly, -O, debug assertions, no sanitizer)"
cargo +nightly fuzz build --fuzz-dir fuzz "${build[@]}" >&2
# The run uses copies of the binaries, so a build while it runs (hours, for the long run) changes nothing.
bin="fuzz/target/run-$$"
mkdir -p "$bin"
trap 'rm -rf "$bin"' EXIT
for t in "${targets[@]}"; do
  cp "fuzz/target/x86_64-unknown-linux-gnu/release/$t" "$bin/$t"
done

row() { printf '%-14s %12s %9s %10s %8s  %s\n' "$@"; }
header=$(row target executions seconds "exec/s" crashes note)
echo "$header"
if [ -n "$log" ]; then echo "# $(date -u +%FT%TZ) runs=$runs seconds=$seconds" >>"$log"; echo "$header" >>"$log"; fi
failed=0
for t in "${targets[@]}"; do
  work="fuzz/target/corpus/$t"
  mkdir -p "$work" "fuzz/artifacts/$t" "fuzz/corpus/$t"
  out="fuzz/target/fuzz-$t.log"
  args=(-runs="$runs" -timeout=10 -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/")
  [ "$seconds" -gt 0 ] && args+=(-max_total_time="$seconds")
  start=$(date +%s.%N)
  rc=0
  "$bin/$t" "${args[@]}" "$work" "fuzz/corpus/$t" >"$out" 2>&1 || rc=$?
  end=$(date +%s.%N)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -n1)
  # Wall time of the run (libFuzzer's own rate is rounded to whole seconds of its run).
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  rate=$(awk -v n="${execs:-0}" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  crashes=0
  note=""
  if [ "$rc" -ne 0 ]; then
    crashes=1
    failed=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$out" | tail -n1)
    note="rc=$rc ${artifact:-no artifact} (log $out)"
  fi
  line=$(row "$t" "${execs:-?}" "$secs" "${rate:-?}" "$crashes" "$note")
  echo "$line"
  [ -n "$log" ] && echo "$line" >>"$log"
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz: a target crashed; the input is named on its row" >&2
  exit 1
fi
echo "fuzz: no crash"
