#!/usr/bin/env bash
# Reproducible build benchmark (see BENCHMARKS.md): for three sizes of synthetic site
# (examples/synth), and for the shipped site, runs full release builds under
# /usr/bin/time -v and prints pages/s, wall time and peak RSS as a Markdown table.
#
#   scripts/bench.sh                      # 10k, 50k, 200k pages; 4 locales; 3 runs each
#   BENCH_PAGES="10000" BENCH_RUNS=1 scripts/bench.sh
#
# Settings (environment):
#   BENCH_PAGES    target page counts, smallest catalogue with at least this many pages
#                  (default "10000 50000 200000")
#   BENCH_LOCALES  locales per synthetic site (default 4: en, ja, fr, ko)
#   BENCH_RUNS     timed builds per size (default 3; the table shows the median)
#   BENCH_DIR      where sites and outputs go (default target/bench, i.e. on the repo's
#                  disk: a tmpfs would hide the cost of writing files)
#   BENCH_KEEP=1   keep the generated sites and outputs (they take gigabytes)
#
# Every timed full build starts without an output directory (removed and synced before
# the clock starts). After them, each size also times two rebuilds of the last output:
# one with nothing changed, and one after one code's English description was edited
# (the everyday edit of a writer or translator).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

pages_list=${BENCH_PAGES:-"10000 50000 200000"}
locales=${BENCH_LOCALES:-4}
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-$repo/target/bench}

# GNU time reports peak RSS; the shell's `time` keyword does not.
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "installing GNU time" >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >&2
    $sudo_cmd apt-get install -y -qq time >&2
fi

cargo build --release --quiet --bin smtpcodes --example synth
bin=$repo/target/release/smtpcodes
synth=$repo/target/release/examples/synth

mkdir -p "$work"
results=$work/results.md
runlog=$work/runs.tsv
rebuilds=$work/rebuilds.md

fs_of() { df -T "$1" | awk 'NR == 2 { print $2 " (" $1 ")" }'; }

# Converts GNU time's "h:mm:ss" or "m:ss.ss" to seconds.
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Runs one full build of $1 into $2 under /usr/bin/time -v; appends
# "label<TAB>wall_s<TAB>rss_kb<TAB>cpu%<TAB>html_pages" to the run log.
timed_build() {
    rm -rf "$2"
    timed_rebuild "$@"
}

# The same into whatever $2 holds; the build's summary line goes to the rebuild log.
timed_rebuild() {
    local root=$1 out=$2 label=$3 timing
    sync
    timing=$(mktemp)
    /usr/bin/time -v "$bin" build --root "$root" --out "$out" >"$timing.stdout" 2>"$timing"
    local wall rss cpu pages
    wall=$(seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$timing")")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$timing")
    cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$timing")
    pages=$(find "$out" -name '*.html' | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$wall" "$rss" "$cpu" "$pages" >>"$runlog"
    local user sys
    user=$(sed -n 's/.*User time (seconds): //p' "$timing")
    sys=$(sed -n 's/.*System time (seconds): //p' "$timing")
    printf '| %s | %.2f | %s | %s | %d | %s |\n' "$label" "$wall" "$user" "$sys" \
        "$((rss / 1024))" "$(tail -1 "$timing.stdout" | sed 's/.* in [0-9.]* s: //')" >>"$rebuilds"
    echo "  $label: $wall s, peak RSS $((rss / 1024)) MB, CPU $cpu, $pages pages ($(tail -1 "$timing.stdout"))" >&2
    rm -f "$timing" "$timing.stdout"
}

# One table row from the run log lines of label $1: median wall, pages/s at that median,
# median peak RSS, median CPU.
row() {
    local label=$1 shape=$2 lines walls wall rss cpu pages
    lines=$(awk -F'\t' -v l="$label" '$1 == l' "$runlog")
    walls=$(cut -f2 <<<"$lines" | tr '\n' ' ')
    wall=$(cut -f2 <<<"$lines" | median)
    rss=$(cut -f3 <<<"$lines" | median)
    cpu=$(cut -f4 <<<"$lines" | tr -d '%' | median)
    pages=$(cut -f5 <<<"$lines" | head -1)
    awk -v label="$label" -v shape="$shape" -v pages="$pages" -v wall="$wall" \
        -v walls="$walls" -v rss="$rss" -v cpu="$cpu" 'BEGIN {
        printf "| %s | %s | %d | %.2f | %s| %.0f | %.0f | %d%% |\n",
            label, shape, pages, wall, walls, pages / wall, rss / 1024, cpu }'
}

: >"$runlog"
: >"$rebuilds"
{
    echo "### Machine"
    echo
    echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src templates static || echo ' (with uncommitted changes)')"
    echo "- $(rustc --version)"
    echo "- CPUs (nproc): $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "- memory (free -h): $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
    echo "- output disk: $(fs_of "$work"), $(df -h "$work" | awk 'NR == 2 { print $4 " free" }')"
    echo "- /tmp: $(fs_of /tmp)$(df -T /tmp | awk 'NR == 2 && $2 == "tmpfs" { printf " -- tmpfs, so not used for outputs" }')"
    echo "- $runs runs per size, median shown; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
} >"$results"
cat "$results" >&2

rows=()
for target in $pages_list; do
    site=$work/site-$target
    out=$work/out-$target
    rm -rf "$site" "$out"
    echo "== synthetic site, at least $target pages" >&2
    "$synth" --pages "$target" --locales "$locales" --out "$site" >"$work/synth-$target.txt"
    cat "$work/synth-$target.txt" >&2
    codes=$(sed -n 's/^wrote .*: \([0-9]*\) codes.*/\1/p' "$work/synth-$target.txt")
    label="synth ${target}"
    for run in $(seq "$runs"); do
        timed_build "$site" "$out" "$label"
    done
    rows+=("$(row "$label" "$codes codes × $locales locales")")
    timed_rebuild "$site" "$out" "$label, no-op rebuild"
    edited=$(find "$site/content" -name '*.yaml' | sort | head -1)
    sed -i '/^description: |/a\  Edited for the benchmark.' "$edited"
    timed_rebuild "$site" "$out" "$label, one code's description edited"
    if [ "${BENCH_KEEP:-0}" != 1 ]; then
        rm -rf "$site" "$out"
    fi
done

echo "== shipped site" >&2
shipped_codes=$(find "$repo/content" -name '*.yaml' | wc -l)
shipped_locales=$(find "$repo/locales" -mindepth 1 -maxdepth 1 -type d | wc -l)
for run in $(seq "$runs"); do
    timed_build "$repo" "$work/out-shipped" "shipped"
done
rows+=("$(row shipped "$shipped_codes codes × $shipped_locales locales")")
[ "${BENCH_KEEP:-0}" != 1 ] && rm -rf "$work/out-shipped"

{
    echo "| site | shape | pages | wall (median) s | runs s | pages/s | peak RSS MB | CPU |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Every timed build, rebuilds included (user and sys: CPU seconds of our code and of"
    echo "the kernel; on ext4, sys grows with the inode allocation of a full build):"
    echo
    echo "| build | wall s | user s | sys s | peak RSS MB | files |"
    echo "|---|---|---|---|---|---|"
    cat "$rebuilds"
} >>"$results"
cat "$results"
echo >&2
echo "written to $results; every run in $runlog" >&2
