#!/usr/bin/env bash
# Installs everything Teilhabe needs on a fresh Debian 12 machine (idempotent):
# system packages (when run as root or with sudo), the Python virtualenv from a lock file,
# and the front-end libraries from the npm registry.
#   scripts/bootstrap.sh               development: requirements-dev.lock (tests, linters, browser)
#   scripts/bootstrap.sh --browser     the same, plus Chromium for the browser tests
#   scripts/bootstrap.sh --production  a city server: requirements.lock, what production runs
#   scripts/bootstrap.sh --bench       development, plus wrk (HTTP load generator of bench.offers)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_bench=0
lock=requirements-dev.lock
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --bench) want_bench=1 ;;
    --production) lock=requirements.lock ;;
    *) echo "Unbekannte Option: $arg (möglich sind --browser, --bench und --production)" >&2; exit 2 ;;
  esac
done

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "Es fehlen Systempakete: $*. Installieren Sie sie mit: sudo apt-get install $*" >&2
      return 1
    fi
  fi
  echo "Systempakete werden installiert: $*"
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
# DejaVu Sans: Unicode font with Arabic glyphs for the PDF documents of case management.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ "$want_bench" = 1 ] && ! command -v wrk >/dev/null 2>&1; then missing+=(wrk); fi
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}" || { [ "$want_browser" = 1 ] && [ ${#missing[@]} -eq 1 ] && [ "${missing[0]}" = chromium ] || exit 1; }
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.requirements.sha
sum="$lock $(sha256sum "$lock" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
  echo "Python-Pakete werden installiert ($lock) …"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$lock"
  echo "$sum" > "$stamp"
fi

nstamp=node_modules/.lock.sha
nsum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$nstamp" 2>/dev/null)" != "$nsum" ]; then
  echo "Oberflächen-Bibliotheken werden installiert (npm) …"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$nsum" > "$nstamp"
fi
