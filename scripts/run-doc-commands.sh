#!/usr/bin/env bash
# Runs every documented command for real: each line starting with `bin/lesde` or `python3 ` (after
# an optional "$ " prompt; a trailing "\" continues it) inside a fenced code block of README.md and
# docs/*.md, in page order (README.md first, then docs/*.md by name) and line order, from a
# fresh temporary copy of the repository. A line ending in "# exits N" must exit with code N,
# every other line with 0. `bin/lesde bench` without --quick (minutes of timing) is skipped, and so
# are the `python3` lines (the NumPy checks of docs/pytorch.md and docs/simulate.md) when python3
# with numpy is not installed; lesde itself never needs Python.
# DocsCommandsTest checks that the same lines parse; this script proves that they work.
#
# Usage: scripts/run-doc-commands.sh [--build] [--keep]
#   --build  build the jar in the copy (mvn -q -B package -DskipTests) even if target/lesde.jar exists
#   --keep   keep the temporary copy (its path is printed) to inspect the outputs
# Exit code: 0 when every command behaved as documented, 1 otherwise, 2 on a usage error.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=0
keep=0
for arg in "$@"; do
    case "$arg" in
        --build) build=1 ;;
        --keep) keep=1 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-doc-commands: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/lesde-doc-commands.XXXXXX")"
cleanup() {
    if [ "$keep" = 1 ]; then echo "kept the copy in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# 1. a fresh copy: the files git tracks and the untracked ones it does not ignore, as they are in
#    the working tree (so no target/ and no output/), or everything but those outside a checkout
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$root" && git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
        | tar --null -T - -cf -) | (cd "$work" && tar -xf -)
else
    (cd "$root" && tar --exclude=./target --exclude=./output -cf - .) | (cd "$work" && tar -xf -)
fi
if [ "$build" = 0 ] && [ -f "$root/target/lesde.jar" ]; then
    mkdir -p "$work/target" && cp "$root/target/lesde.jar" "$work/target/"
else
    echo "building the jar in the copy ..."
    (cd "$work" && mvn -q -B package -DskipTests)
fi

# 2. the documented commands, as "page:line<TAB>command"
extract() {
    awk -v page="$1" '
        /^[ \t]*```/ { fence = !fence; pending = ""; next }
        fence {
            line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
            if (pending != "") { line = pending " " line; pending = "" }
            else { sub(/^\$ /, "", line); if (line !~ /^(bin\/lesde( |$)|python3 )/) next; start = FNR }
            if (line ~ /\\$/) { sub(/\\$/, "", line); pending = line; next }
            print page ":" start "\t" line
        }' "$1"
}
commands="$work/.doc-commands"
(cd "$work" && { extract README.md; for p in docs/*.md; do extract "$p"; done; }) > "$commands"

# 3. run them in order in the copy
now() { date +%s.%N; }
t0="$(now)"
ran=0; skipped=0; failed=0
while IFS=$'\t' read -r where line; do
    expected=0
    if [[ "$line" =~ \#[[:space:]]*exits[[:space:]]+([0-9]+)[[:space:]]*$ ]]; then
        expected="${BASH_REMATCH[1]}"
    fi
    cmd="${line%% #*}"
    cmd="${cmd%"${cmd##*[![:space:]]}"}"
    if [[ "$cmd" =~ ^bin/lesde[[:space:]]+bench([[:space:]]|$) && ! "$cmd" =~ --quick ]]; then
        printf 'skip          %s  %s (bench without --quick)\n' "$where" "$cmd"
        skipped=$((skipped + 1))
        continue
    fi
    if [[ "$cmd" =~ ^python3[[:space:]] ]] && ! python3 -c 'import numpy' >/dev/null 2>&1; then
        printf 'skip          %s  %s (no python3 with numpy)\n' "$where" "$cmd"
        skipped=$((skipped + 1))
        continue
    fi
    log="$work/.doc-command-$ran.log"
    s="$(now)"
    set +e
    (cd "$work" && bash -c "$cmd") >"$log" 2>&1 </dev/null
    rc=$?
    set -e
    seconds="$(echo "$(now) - $s" | bc)"
    ran=$((ran + 1))
    if [ "$rc" = "$expected" ]; then
        printf 'ok   %7.1fs  %s  %s\n' "$seconds" "$where" "$cmd"
    else
        printf 'FAIL %7.1fs  %s  %s  (exit %s, expected %s)\n' "$seconds" "$where" "$cmd" "$rc" "$expected"
        tail -n 5 "$log" | sed 's/^/       | /'
        failed=$((failed + 1))
    fi
done < "$commands"

total="$(echo "$(now) - $t0" | bc)"
printf '%d commands run, %d skipped, %d failed, %.0f s\n' "$ran" "$skipped" "$failed" "$total"
[ "$failed" = 0 ]
