#!/usr/bin/env bash
# Installs what the browser tests (tests/browser) need, on a fresh Debian machine or an existing one:
# Debian's Chromium (/usr/bin/chromium) and the pinned npm packages (playwright-core, axe-core) from
# tests/browser/package-lock.json; for the card PDF check (scripts/cardpdf-check.sh), Debian's
# poppler-utils (pdftoppm); for the upload scans, Debian's clamav-daemon (clamd); for the dependency
# checks, cargo-deny (cargo install); for the fuzz targets, nightly Rust and cargo-fuzz (cargo install). Idempotent: does nothing that is already done. Runs as root, or through
# sudo when not root. Exits non-zero with a clear message when anything is still missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser_dir="$repo_root/tests/browser"
chromium_bin="${CHROMIUM_BIN:-/usr/bin/chromium}"

die() {
  echo "install-test-deps: ERROR: $*" >&2
  exit 1
}
say() { echo "install-test-deps: $*"; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run '$*', and sudo is not installed"
  fi
}

# 1. Chromium, from Debian's packages (Playwright's own browser download cannot work here).
if [ -x "$chromium_bin" ]; then
  say "chromium present: $chromium_bin"
else
  command -v apt-get >/dev/null 2>&1 || die "$chromium_bin is missing and apt-get is not available to install it"
  say "installing Debian's chromium (apt-get update, then apt-get install -y chromium)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

# 2. Node.js and npm (the machine's own; install Debian's if absent).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "node/npm are missing and apt-get is not available to install them"
  say "installing Debian's nodejs and npm"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is needed (playwright-core), found $(node --version)"

# 3. The pinned npm packages, exactly as locked. Skipped when node_modules already matches the lock.
[ -f "$browser_dir/package.json" ] || die "$browser_dir/package.json is missing"
[ -f "$browser_dir/package-lock.json" ] || die "$browser_dir/package-lock.json is missing"
installed_ok() {
  # npm writes node_modules/.package-lock.json on install; compare the pinned versions with the lock.
  (cd "$browser_dir" && node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [p, meta] of Object.entries(lock.packages)) {
      if (!p) continue;
      const pj = p + "/package.json";
      if (!fs.existsSync(pj)) process.exit(1);
      if (JSON.parse(fs.readFileSync(pj, "utf8")).version !== meta.version) process.exit(1);
    }
  ') >/dev/null 2>&1
}
if installed_ok; then
  say "npm packages present and match package-lock.json"
else
  say "npm ci in tests/browser"
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core downloads nothing, but be explicit.
  (cd "$browser_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# 3a. ClamAV's daemon (clamd), which every upload is scanned by; the tests start their own clamd with a
# test signature database (no update server is reachable), so freshclam is never needed.
if [ -x /usr/sbin/clamd ]; then
  say "clamd present: /usr/sbin/clamd"
else
  command -v apt-get >/dev/null 2>&1 || die "clamd is missing and apt-get is not available to install clamav-daemon"
  say "installing Debian's clamav-daemon (clamd)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clamav-daemon
fi

# 3b. Poppler's pdftoppm, which renders the card PDF for its QR check (scripts/cardpdf-check.sh).
if command -v pdftoppm >/dev/null 2>&1; then
  say "pdftoppm present: $(command -v pdftoppm)"
else
  command -v apt-get >/dev/null 2>&1 || die "pdftoppm is missing and apt-get is not available to install poppler-utils"
  say "installing Debian's poppler-utils (pdftoppm)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends poppler-utils
fi

# 3b'. PostgreSQL's client tools (psql, pg_dump, pg_restore): the crash and backup drills make a fresh
#      database each, dump it and restore it (scripts/drill-crash.sh, scripts/drill-backup.sh).
if command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; then
  say "PostgreSQL client tools present: $(command -v pg_dump)"
else
  command -v apt-get >/dev/null 2>&1 || die "pg_dump/pg_restore/psql are missing and apt-get is not available to install postgresql-client"
  say "installing Debian's postgresql-client (psql, pg_dump, pg_restore)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-client
fi

# 3c. cargo-deny, which scripts/test.sh runs on the dependency graph (licences, bans, sources: deny.toml),
#     built from its crates.io source at a pinned version (about 3 minutes of CPU, 141 crates; 7 minutes
#     of wall time on 2 busy cores). 0.20 has no git or HTTP client of its own to build, unlike earlier
#     versions (gix, reqwest), which is also why a pinned older one would not be cheaper.
cargo_deny_version="0.20.2"
if [ "$(cargo deny --version 2>/dev/null)" = "cargo-deny $cargo_deny_version" ]; then
  say "cargo-deny present: $(command -v cargo-deny)"
else
  command -v cargo >/dev/null 2>&1 || die "cargo is missing: install the Rust toolchain first"
  say "installing cargo-deny $cargo_deny_version (cargo install --locked, from crates.io)"
  cargo install --locked --version "$cargo_deny_version" cargo-deny
fi

# 3d. For the fuzz targets (fuzz/, scripts/fuzz.sh, a short run in scripts/test.sh): the nightly toolchain
#     (libFuzzer's instrumentation needs it; the machine's image has it, rustup adds it elsewhere) and
#     cargo-fuzz, built from its crates.io source at a pinned version (about 2 minutes).
cargo_fuzz_version="0.13.1"
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  command -v rustup >/dev/null 2>&1 || die "rustup is missing: the fuzz targets need the nightly toolchain"
  say "installing the nightly toolchain (rustup, minimal profile)"
  rustup toolchain install nightly --profile minimal
fi
if [ "$(cargo fuzz --version 2>/dev/null)" = "cargo-fuzz $cargo_fuzz_version" ]; then
  say "cargo-fuzz present: $(command -v cargo-fuzz)"
else
  say "installing cargo-fuzz $cargo_fuzz_version (cargo install --locked, from crates.io)"
  cargo install --locked --version "$cargo_fuzz_version" cargo-fuzz
fi

# 4. Python packages the tests use (a real SMTP server, aiosmtpd; a real S3-compatible server, moto,
#    over TLS with a certificate made by Python's cryptography, which moto brings;
#    independent credential decoders; pypdf, zxing-cpp and Pillow for the card PDF; schemathesis over the
#    API), in a virtual
#    environment under target/ so that nothing is installed into the system.
venv="$repo_root/target/test-venv"
requirements="$repo_root/tests/requirements.txt"
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "python3 venv support is missing and apt-get is not available to install it"
  say "installing Debian's python3-venv"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv
fi
stamp="$venv/.requirements.sha256"
want="$(cat "$requirements" "$repo_root/tests/credential/requirements.txt" "$repo_root/tests/schemathesis/requirements.txt" | sha256sum | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  say "python test packages present ($venv)"
else
  say "creating $venv with tests/requirements.txt"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$want" > "$stamp"
fi

# 5. Verify: everything the tests use must be there now.
[ -x "$chromium_bin" ] || die "$chromium_bin is still missing after install"
"$chromium_bin" --version >/dev/null 2>&1 || die "$chromium_bin does not run ('$chromium_bin --version' failed)"
[ -f "$browser_dir/node_modules/playwright-core/package.json" ] || die "tests/browser/node_modules/playwright-core is missing after npm ci"
[ -f "$browser_dir/node_modules/axe-core/axe.min.js" ] || die "tests/browser/node_modules/axe-core/axe.min.js is missing after npm ci"
installed_ok || die "tests/browser/node_modules does not match package-lock.json after npm ci"
"$venv/bin/python" -c 'import aiosmtpd, moto' || die "aiosmtpd or moto is missing from $venv after pip install"
# The S3 tests run moto over TLS with a self-signed certificate that tests/s3/moto_tls.py makes with
# Python's cryptography (a dependency of moto; a fresh Debian machine need not have the openssl command).
"$venv/bin/python" -c 'import cryptography.x509, boto3' || die "cryptography or boto3 (moto's dependencies) is missing from $venv"
"$venv/bin/python" -c 'import pypdf, zxingcpp, PIL' || die "pypdf, zxing-cpp or Pillow is missing from $venv after pip install"
"$venv/bin/python" -c 'import base45, cbor2, pycose' || die "base45, cbor2 or pycose is missing from $venv after pip install"
st_want="$(sed -n 's/^schemathesis==//p' "$repo_root/tests/schemathesis/requirements.txt")"
[ "$("$venv/bin/st" --version 2>/dev/null | sed -n 's/.*version //p')" = "$st_want" ] || die "schemathesis $st_want is missing from $venv after pip install"
command -v pdftoppm >/dev/null 2>&1 || die "pdftoppm is still missing after installing poppler-utils"
[ -x /usr/sbin/clamd ] || die "/usr/sbin/clamd is still missing after installing clamav-daemon"
[ "$(cargo deny --version 2>/dev/null)" = "cargo-deny $cargo_deny_version" ] || die "cargo-deny $cargo_deny_version is still missing after cargo install (is ~/.cargo/bin on PATH?)"
rustup toolchain list 2>/dev/null | grep -q '^nightly' || die "the nightly toolchain is still missing (the fuzz targets need it)"
[ "$(cargo fuzz --version 2>/dev/null)" = "cargo-fuzz $cargo_fuzz_version" ] || die "cargo-fuzz $cargo_fuzz_version is still missing after cargo install (is ~/.cargo/bin on PATH?)"
say "ok: $("$chromium_bin" --version 2>/dev/null | head -1); playwright-core $(node -p "require('$browser_dir/node_modules/playwright-core/package.json').version"); axe-core $(node -p "require('$browser_dir/node_modules/axe-core/package.json').version")"
