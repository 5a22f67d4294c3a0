#!/usr/bin/env bash
# Failure drills against the real binary (issue 22), on a synthetic site in the real
# schema (examples/synth, DRILL_PAGES=3000 pages by default, with the project's templates and messages): the
# shipped site writes 200 MB per build, too slow to build twenty times. Exits non-zero on
# the first drill that fails.
#
#   1. kill: SIGKILL a build at several points, then build again: no staging or old tree
#      is left beside the output, and the output is complete (same files as a clean build).
#   2. concurrent: two builds at once into one output: the loser says which pid holds the
#      lock, the winner's output is complete.
#   3. symlink: locales/en/passwd.ftl -> /etc/passwd is refused by build and check, and no
#      line of the target is printed.
#   4. check agrees with build: inputs that make build fail make check fail too.
#
#   scripts/drills.sh                          # target/release/smtpcodes and examples/synth
#   SMTPCODES=target/debug/smtpcodes SYNTH=target/debug/examples/synth scripts/drills.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${SMTPCODES:-${CARGO_TARGET_DIR:-target}/release/smtpcodes}
[[ -x "$bin" ]] || { echo "drills: no binary at $bin (build it, or set SMTPCODES)" >&2; exit 2; }
bin=$(realpath "$bin")
synth=${SYNTH:-${CARGO_TARGET_DIR:-target}/release/examples/synth}
# Always through cargo (a no-op when it is fresh): a synth binary left by an older
# checkout writes the old content format, and the drill site would not build.
if [[ -z "${SYNTH:-}" ]]; then
    cargo build --quiet --release --example synth
fi
[[ -x "$synth" ]] || { echo "drills: no synth at $synth" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
started=$SECONDS

fail() {
    echo "drill FAILED: $*" >&2
    # Builds still running in the background would race the removal of $tmp.
    kill $(jobs -p) 2>/dev/null || true
    wait 2>/dev/null || true
    exit 1
}
say() { echo "== drill: $*"; }

# A fresh copy of the drill site, so drills can break it.
fresh_site() {
    rm -rf "$1"
    cp -r "$tmp/source" "$1"
}

# One line per output file: its path and checksum, to compare two outputs.
listing() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# Whatever a build leaves beside the output "$1" in its parent (the lock file may stay).
litter() {
    local name
    name=$(basename "$1")
    find "$(dirname "$1")" -maxdepth 1 \( -name ".$name.staging-*" -o -name ".$name.old-*" \) -print
}

"$synth" --pages "${DRILL_PAGES:-3000}" --locales 2 --out "$tmp/source" >/dev/null
cp -r templates static "$tmp/source"/
site="$tmp/site"
fresh_site "$site"
ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(ms)
"$bin" build --root "$site" --out "$tmp/reference" >/dev/null 2>&1 || fail "the drill site does not build"
build_ms=$(($(ms) - t0))
reference=$(listing "$tmp/reference")
# Kill points as a share of one full build's time, so the drill hits the same stages
# whether the binary is a release or a debug build, on a fast machine or a slow one.
at() { awk -v ms="$build_ms" -v share="$1" 'BEGIN { printf "%.3f", ms * share / 1000 }'; }

say "kill a build mid-way, then build again"
kills=0
killed_with_litter=0
# Killed and rebuilt: a build with nothing to compare with, then (the drill's second
# half) one replacing a previous output with changed pages.
kill_then_rebuild() {
    local out=$1 delay=$2 want=$3 pid
    "$bin" build --root "$site" --out "$out" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    kills=$((kills + 1))
    [[ -n "$(litter "$out")" ]] && killed_with_litter=$((killed_with_litter + 1))
    "$bin" build --root "$site" --out "$out" >/dev/null 2>&1 || fail "build after a kill at ${delay}s"
    [[ -z "$(litter "$out")" ]] || fail "left after a kill at ${delay}s and a rebuild: $(litter "$out")"
    [[ "$(listing "$out")" == "$want" ]] || fail "output after a kill at ${delay}s differs from a clean build"
}
out="$tmp/killed"
for delay in $(at 0.15) $(at 0.5) $(at 0.85); do
    rm -rf "$out"
    kill_then_rebuild "$out" "$delay" "$reference"
done
# $out is now a complete build; change a word on every page and kill its replacement.
sed -i 's/^site-name = .*/site-name = SMTP codes (drill)/' "$site/locales/en/site.ftl"
"$bin" build --root "$site" --out "$tmp/reference-edited" >/dev/null 2>&1
edited=$(listing "$tmp/reference-edited")
kill_then_rebuild "$out" "$(at 0.6)" "$edited"
echo "   a full build takes ${build_ms} ms; $killed_with_litter of $kills kills left a staging directory; every one was cleared"
# A dead build's litter is removed; a live process's is not (pid 1 always runs).
mkdir -p "$tmp/.killed.staging-4194305/x" "$tmp/.killed.staging-1/x"
"$bin" build --root "$site" --out "$out" >/dev/null 2>&1
[[ ! -e "$tmp/.killed.staging-4194305" ]] || fail "a dead pid's staging directory stayed"
[[ -e "$tmp/.killed.staging-1" ]] || fail "a live pid's staging directory was removed"
rm -rf "$tmp/.killed.staging-1" "$out" "$tmp/reference-edited"
fresh_site "$site"

say "two builds at once into one output"
for round in 1 2; do
    out="$tmp/shared"
    rm -rf "$out"
    "$bin" build --root "$site" --out "$out" >"$tmp/a.out" 2>"$tmp/a.err" &
    a=$!
    "$bin" build --root "$site" --out "$out" >"$tmp/b.out" 2>"$tmp/b.err" &
    b=$!
    ok=0
    wait "$a" && ok=$((ok + 1)) || grep -q "another build is writing .* (pid [0-9]*;" "$tmp/a.err" \
        || fail "round $round: first build failed without the lock message: $(cat "$tmp/a.err")"
    wait "$b" && ok=$((ok + 1)) || grep -q "another build is writing .* (pid [0-9]*;" "$tmp/b.err" \
        || fail "round $round: second build failed without the lock message: $(cat "$tmp/b.err")"
    [[ $ok -ge 1 ]] || fail "round $round: neither build succeeded"
    [[ "$(listing "$out")" == "$reference" ]] || fail "round $round: the output is not a complete build"
    [[ -z "$(litter "$out")" ]] || fail "round $round: left $(litter "$out")"
    if [[ $ok == 2 ]]; then
        echo "   round $round: both succeeded, one after the other"
    else
        echo "   round $round: one succeeded; the other named the lock holder"
    fi
done
# Deterministic: a build stopped while it holds the lock; another must fail naming it.
# A cold build, so that it holds the lock long enough to be stopped: a rebuild with
# nothing changed is done in a few milliseconds (the no-op fast path).
rm -rf "$out"
"$bin" build --root "$site" --out "$out" >/dev/null 2>&1 &
a=$!
for _ in $(seq 500); do
    [[ "$(cat "$tmp/.shared.lock" 2>/dev/null)" == "$a" ]] && break
    sleep 0.01
done
[[ "$(cat "$tmp/.shared.lock" 2>/dev/null)" == "$a" ]] || fail "the build did not record its pid in the lock file"
kill -STOP "$a"
if "$bin" build --root "$site" --out "$out" >/dev/null 2>"$tmp/b.err"; then
    kill -CONT "$a"
    fail "a second build ran while the first held the lock"
fi
kill -CONT "$a"
grep -q "another build is writing .* (pid $a;" "$tmp/b.err" || fail "no lock message naming pid $a: $(cat "$tmp/b.err")"
wait "$a" || fail "the first build failed after being resumed"
[[ "$(listing "$out")" == "$reference" ]] || fail "the lock holder's output is not a complete build"
echo "   a build holding the lock (pid $a, stopped) made the second one fail: $(head -1 "$tmp/b.err")"
rm -rf "$out"

say "a locale file linked to /etc/passwd"
ln -s /etc/passwd "$site/locales/en/passwd.ftl"
if "$bin" build --root "$site" --out "$tmp/linked" >"$tmp/l.out" 2>"$tmp/l.err"; then
    fail "build followed the link"
fi
grep -q "passwd.ftl:1:1: is a symbolic link" "$tmp/l.err" || fail "no clear error: $(cat "$tmp/l.err")"
! grep -q "root:" "$tmp/l.err" || fail "the linked file's content was printed"
"$bin" check --root "$site" >"$tmp/c.out" 2>&1 && fail "check passed a linked locale file"
! grep -q "root:" "$tmp/c.out" || fail "check printed the linked file's content"
fresh_site "$site"

say "check fails wherever build fails"
breakages=(
    "templates/pair.html|s/{{ *page.title *}}/{{ no_such_value }}/"
    "templates/pair.html|0,/{% block main %}/s//{% block main %}{% include \"nope.html\" %}/"
    "locales/en/site.ftl|/^site-name = /d"
    "locales/en/site.ftl|s/^site-name = .*/site-name = SMTP { \$brand }/"
    "locales/ja/site.ftl|s/^nav-home = .*/nav-home = { \$/"
    "$(cd "$tmp/source" && find content -name '*.yaml' | sort | head -1)|s/^samples:/sampels:/"
)
for entry in "${breakages[@]}"; do
    file=${entry%%|*}
    script=${entry#*|}
    fresh_site "$site"
    sed -i "$script" "$site/$file"
    ! cmp -s "$site/$file" "$tmp/source/$file" || fail "the drill did not change $file ($script)"
    if "$bin" build --root "$site" --out "$tmp/bad" >/dev/null 2>"$tmp/bad.err"; then
        echo "   build accepts $file after '$script'; skipped"
        continue
    fi
    "$bin" check --root "$site" >"$tmp/check.out" 2>&1 \
        && fail "check passes where build fails ($file: $script): $(head -3 "$tmp/bad.err")"
    echo "   $file ($script): build and check both fail"
done
if [[ $(id -u) != 0 ]]; then
    fresh_site "$site"
    chmod 000 "$(find "$site/content" -name '*.yaml' | sort | head -1)"
    "$bin" build --root "$site" --out "$tmp/bad" >/dev/null 2>&1 && fail "build read an unreadable file"
    "$bin" check --root "$site" >/dev/null 2>&1 && fail "check skipped an unreadable file"
    echo "   an unreadable content file: build and check both fail"
fi

echo "drills passed in $((SECONDS - started))s"
