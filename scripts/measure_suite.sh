#!/usr/bin/env bash
# Compare the test suite's wall time of two commits on the same machine, in one sitting.
#
#   scripts/measure_suite.sh [BEFORE] [AFTER] [ROUNDS]     (defaults: f82a95d HEAD 2)
#
# Each commit is cloned into a temporary directory (sharing this checkout's .venv and
# node_modules; the .mo catalogues are compiled there). Then, ROUNDS times and alternating
# (before, after, before, after …), the whole suite runs as that commit's own `make test` does
# (`pytest -n 2 --dist loadfile|loadgroup`, read from its Makefile) on PostgreSQL with the
# browser tests, and after that the same alternation for only the tests that exist in both
# commits (node ids of BEFORE that AFTER still collects). Every run records /proc/loadavg
# before and after; the table is written to $OUT (default var/measure-suite-<date>.tsv is
# NOT used: var/ belongs to the app; default /tmp/measure-suite-<date>.tsv).
#
# Environment: PYTEST_EXTRA (more pytest arguments for both sides, e.g. --durations=30), RUNS (default "whole common"; RUNS=common times only the tests both commits
# have, which is the like-for-like comparison and half the time), DATABASE_URL (PostgreSQL; default postgres://postgres@127.0.0.1:5432/teilhabe
# — each side gets <name>_before / <name>_after), NICE (default 10), OUT, KEEP=1 keeps clones.
# Run it on a quiet machine: the figures are wall times.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
before_ref="${1:-f82a95d}"
after_ref="${2:-HEAD}"
rounds="${3:-2}"
url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/teilhabe}"
case "$url" in postgres://* | postgresql://*) ;; *) echo "DATABASE_URL must be PostgreSQL" >&2; exit 2 ;; esac
out="${OUT:-/tmp/measure-suite-$(date -u +%Y%m%dT%H%M%S).tsv}"
work="$(mktemp -d /tmp/measure-suite.XXXXXX)"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

clone() { # side ref
  local dir="$work/$1"
  git clone -q "$here" "$dir"
  git -C "$dir" checkout -q "$(git -C "$here" rev-parse "$2")"
  ln -s "$here/.venv" "$dir/.venv"
  ln -s "$here/node_modules" "$dir/node_modules"
  make -C "$dir" -s -o .venv/.ready messages >/dev/null
}
dist_of() { # side → the --dist mode of that commit's `make test`
  grep -oE -- '-m pytest -n [0-9]+ --dist [a-z]+' "$work/$1/Makefile" | head -n1 | awk '{print $NF}'
}
collect() { # side → node ids, one a line
  (cd "$work/$1" && DATABASE_URL="${url}_$1" .venv/bin/python -m pytest --collect-only -q \
    -p no:cacheprovider 2>/dev/null | grep '::' | sed 's/@.*//' | sort -u)
}
run() { # side label [pytest args…]
  local side="$1" label="$2"; shift 2
  local load_before load_after start end summary
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  start="$(date +%s.%N)"
  (cd "$work/$side" && CI=true DATABASE_URL="${url}_$side" nice -n "${NICE:-10}" \
    .venv/bin/python -m pytest -n 2 --dist "$(dist_of "$side")" -q -p no:cacheprovider ${PYTEST_EXTRA:-} "$@" \
    >"$work/$side-$label-$RANDOM.log" 2>&1) || true
  end="$(date +%s.%N)"
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  summary="$(tail -n1 "$(ls -t "$work"/"$side-$label"-*.log | head -n1)" | tr -d '=' | sed 's/^ *//')"
  printf '%s\t%s\t%s\t%.0f\t%s\t%s\t%s\n' "$(date -u +%H:%M:%S)" "$side" "$label" \
    "$(echo "$end - $start" | bc)" "$load_before" "$load_after" "$summary" | tee -a "$out"
}

echo "cloning $before_ref and $after_ref into $work …"
clone before "$before_ref"
clone after "$after_ref"
collect before >"$work/before.ids"
collect after >"$work/after.ids"
comm -12 "$work/before.ids" "$work/after.ids" >"$work/common.ids"
echo "tests: before $(wc -l <"$work/before.ids"), after $(wc -l <"$work/after.ids"), in both $(wc -l <"$work/common.ids")"
cp "$work/common.ids" "$out.common-ids"

printf 'time\tside\trun\twall_s\tload_before\tload_after\tresult\n' | tee "$out"
runs="${RUNS:-whole common}"
if [[ " $runs " == *" whole "* ]]; then
  for _ in $(seq "$rounds"); do
    run before whole
    run after whole
  done
fi
if [[ " $runs " == *" common "* ]]; then
  for _ in $(seq "$rounds"); do
    run before common "@$work/common.ids"
    run after common "@$work/common.ids"
  done
fi
echo "written: $out (node ids of the common tests: $out.common-ids)"
