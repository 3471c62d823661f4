#!/usr/bin/env bash
# Checks our card credential with independent Python decoders (base45, zlib, cbor2, pycose):
#   1. installs tests/credential/requirements.txt into a venv under the cargo target directory
#   2. writes the fixture with `cargo run -p credential --example interop-fixture`
#   3. runs tests/credential/verify.py on it; exits non-zero on any disagreement;
#   4. proves the check can fail: one byte of the signed payload changed must be refused.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
venv="$target/credential-interop-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/credential/requirements.txt
fixture="$target/credential-interop.json"
cargo run --quiet -p credential --example interop-fixture -- "$fixture"
"$venv/bin/python" tests/credential/verify.py "$fixture"
tampered="$target/credential-interop-tampered.json"
"$venv/bin/python" tests/credential/verify.py --tamper "$fixture" "$tampered"
if "$venv/bin/python" tests/credential/verify.py "$tampered" >/dev/null 2>&1; then
  echo "ERROR: the Python check accepted a card with one byte of its signed payload changed" >&2
  exit 1
fi
echo "credential interop: a card with one changed byte was refused, as it must be"
