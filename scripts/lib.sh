# Shared by the set-up scripts: installs what is missing, idempotently and
# offline-safe (only crates.io, npm and Debian's apt are reached).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/slaboard-target}"
# tools/node_modules/.bin first: its wasm-opt is the one cargo-leptos must find.
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
CARGO_LEPTOS_VERSION=0.3.10

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust_tools() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    log "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads; 10-20 min once)"
    # --locked keeps the versions that build on Rust 1.95; no_downloads makes
    # it use wasm-bindgen and wasm-opt from PATH instead of fetching them.
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  local wbv
  wbv="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbv\$"; then
    log "cargo install wasm-bindgen-cli $wbv"
    # Not --locked: its lock file names a webpki-roots release crates.io lacks.
    cargo install wasm-bindgen-cli --version "$wbv" --force
  fi
  ensure_node
  if [ ! -x "$ROOT/tools/node_modules/.bin/wasm-opt" ]; then
    log "npm ci (tools: wasm-opt from npm binaryen)"
    (cd "$ROOT/tools" && npm ci --no-audit --no-fund)
  fi
}

ensure_node() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

ensure_browser() {
  ensure_node
  apt_install chromium chromium-driver
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ]; then
    log "npm ci (end2end, no browser download)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 and prints an
# admin URL for it.
ensure_postgres() {
  apt_install postgresql-client
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    apt_install postgresql
    local ver
    ver="$(ls /etc/postgresql | sort -n | tail -1)"
    # A cluster we installed ourselves: trust local TCP logins for tests.
    local hba="/etc/postgresql/$ver/main/pg_hba.conf"
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    fi
    log "starting PostgreSQL $ver"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start || as_root pg_ctlcluster "$ver" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    pg_isready -h 127.0.0.1 -p 5432
  fi
}

# The mail tests' real servers: an SMTP sink (aiosmtpd, from PyPI or
# Debian) for mail out, Debian's dovecot for mail in.
ensure_mail_servers() {
  command -v python3 >/dev/null || apt_install python3
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    log "pip install aiosmtpd"
    python3 -m pip install -q aiosmtpd 2>/dev/null || apt_install python3-aiosmtpd
  fi
  python3 -c 'import aiosmtpd'
  apt_install dovecot-imapd
}

# A local S3-compatible server for the attachment storage tests: moto from
# PyPI, in a virtual environment of its own (Debian's Python refuses
# system-wide pip installs). Exports SLABOARD_MOTO_SERVER, which the tests
# start on a free port.
ensure_moto() {
  local venv="${SLABOARD_MOTO_VENV:-$HOME/.cache/slaboard-moto}"
  if [ ! -x "$venv/bin/moto_server" ]; then
    command -v python3 >/dev/null 2>&1 || apt_install python3
    python3 -m venv "$venv" >/dev/null 2>&1 || { rm -rf "$venv"; apt_install python3-venv; python3 -m venv "$venv"; }
    log "pip install moto[server] (a local S3 for the attachment tests)"
    "$venv/bin/pip" install -q --disable-pip-version-check 'moto[server]>=5,<6'
  fi
  export SLABOARD_MOTO_SERVER="$venv/bin/moto_server"
}
