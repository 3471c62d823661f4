#!/usr/bin/env bash
# Checks the printable card PDF (crates/cardpdf) with independent tools:
#   1. writes a sample card with `cargo run -p cardpdf --example sample` (Kazakh names, a QR code of a
#      credential-length Base45 text) and a JSON sidecar of what it must show;
#   2. runs tests/cardpdf/check.py on them: pypdf extracts every Kazakh letter, the names and the number;
#      every font is embedded and subset-tagged; Poppler's pdftoppm renders the page at 300 dpi and zxing-cpp
#      decodes the QR code to the expected text; the file stays under 60 KB;
#   3. proves the check can fail: a sidecar expecting one other QR character must be refused.
# Uses the test venv (target/test-venv, from tests/requirements.txt) and pdftoppm (Debian's poppler-utils);
# scripts/install-test-deps.sh installs both. Anything missing is an error, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
python="${ATAJOLY_TEST_PYTHON:-$PWD/target/test-venv/bin/python}"
die() {
  echo "cardpdf-check: ERROR: $*" >&2
  exit 1
}
[ -x "$python" ] || die "$python is missing: run scripts/install-test-deps.sh"
command -v pdftoppm >/dev/null 2>&1 || die "pdftoppm (Debian's poppler-utils) is missing: run scripts/install-test-deps.sh"
"$python" -c 'import pypdf, zxingcpp, PIL' || die "pypdf, zxing-cpp or Pillow is missing from $python: run scripts/install-test-deps.sh"

pdf="$target/cardpdf-sample.pdf"
cargo run --quiet -p cardpdf --example sample -- "$pdf" "$pdf.json"
"$python" tests/cardpdf/check.py "$pdf" "$pdf.json"
tampered="$target/cardpdf-sample-tampered.json"
"$python" tests/cardpdf/check.py --tamper "$pdf.json" "$tampered"
if "$python" tests/cardpdf/check.py "$pdf" "$tampered" >/dev/null 2>&1; then
  die "the check accepted a QR code that decodes to a text one character different from the expected one"
fi
echo "cardpdf check: a sidecar expecting one other QR character was refused, as it must be"
