#!/usr/bin/env bash
# What `serve` does when nobody edits anything (BENCHMARKS.md, "serve at rest"): starts it
# on the shipped site, waits for the first build, then for IDLE_SECONDS counts the builds
# it runs and the CPU it uses (utime + stime from /proc/<pid>/stat). At rest both should
# be zero, or close: a build is only for an edit.
#
#   scripts/serve-idle.sh                         # 30 s, debug binary
#   IDLE_SECONDS=10 SERVE_BIN=target/release/smtpcodes scripts/serve-idle.sh
#
# Settings (environment):
#   IDLE_SECONDS  how long to watch after the first build (default 30)
#   SERVE_BIN     the binary to run (default: `cargo build`, then the debug binary)
#   SERVE_ROOT    the site root (default: this repository, the shipped site)
# Linux only (/proc). Prints the builds after the first, the CPU seconds and the CPU %.
set -euo pipefail
cd "$(dirname "$0")/.."

idle=${IDLE_SECONDS:-30}
root=${SERVE_ROOT:-$(pwd)}
if [ -z "${SERVE_BIN:-}" ]; then
    cargo build --quiet --bin smtpcodes
    SERVE_BIN=${CARGO_TARGET_DIR:-target}/debug/smtpcodes
fi

work=$(mktemp -d)
log=$work/stdout
"$SERVE_BIN" serve --root "$root" --out "$work/out" --port 0 >"$log" 2>"$work/stderr" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 600); do
    grep -q '^serving at' "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
    sleep 0.5
done
grep -q '^serving at' "$log" || { echo "serve did not start" >&2; exit 1; }

# Fields 14 and 15 of /proc/<pid>/stat: user and system CPU time in clock ticks (the
# command name in field 2 has no spaces here).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
builds() { grep -c '^built ' "$log" || true; }
failures() { grep -c '^build failed' "$work/stderr" || true; }

ticks_before=$(cpu_ticks)
builds_before=$(builds)
failures_before=$(failures)
sleep "$idle"
ticks_after=$(cpu_ticks)
builds_after=$(builds)
failures_after=$(failures)

hz=$(getconf CLK_TCK)
awk -v b=$((builds_after - builds_before + failures_after - failures_before)) \
    -v t=$((ticks_after - ticks_before)) -v hz="$hz" -v s="$idle" 'BEGIN {
    printf "idle %d s: %d builds after the first, %.2f s of CPU, %.1f%% CPU\n",
        s, b, t / hz, 100 * t / hz / s
}'
