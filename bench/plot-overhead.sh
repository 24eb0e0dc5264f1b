#!/usr/bin/env bash
# End-to-end cost of the figures: `simulate MODEL` with all figures against the same run with
# `--plots none`, interleaved (plots, none, plots, none, ...) so that both see the same machine
# state. Prints the wall seconds of every run, the medians and their ratio, and the median of each
# phase of summary.json's timings (docs/outputs.md#timings).
#
# usage: bench/plot-overhead.sh [--rounds N] [--model FILE.yaml]   (default: 5 rounds, models/default.yaml)
# needs: target/lesde.jar (mvn -q -B package -DskipTests), python3
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5; model=models/default.yaml
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "bench/plot-overhead.sh: unknown option '$1' (use --rounds N, --model FILE.yaml)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench/plot-overhead.sh: --rounds must be a positive integer, got '$rounds'" >&2; exit 2; }
[ -f target/lesde.jar ] || { echo "bench/plot-overhead.sh: target/lesde.jar missing: run mvn -q -B package -DskipTests" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for kind in plots none; do
    args=(); [ "$kind" = none ] && args=(--plots none)
    s=$(date +%s.%N)
    java -jar target/lesde.jar simulate "$model" --out "$tmp/$kind" --quiet "${args[@]}" > /dev/null
    e=$(date +%s.%N)
    cp "$tmp/$kind/summary.json" "$tmp/$kind-$r.json"
    echo "$kind $r $s $e" >> "$tmp/times"
    echo "round $r/$rounds $kind: $(python3 -c "print(f'{$e - $s:.2f}')") s" >&2
  done
done
python3 - "$tmp" "$rounds" <<'PY'
import json, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
wall = {"plots": [], "none": []}
for line in open(f"{tmp}/times"):
    kind, r, s, e = line.split()
    wall[kind].append(float(e) - float(s))
print("| run | wall seconds (each round) | median |")
print("| --- | --- | --- |")
for k in ("plots", "none"):
    print(f"| {'all figures' if k == 'plots' else '--plots none'} | {', '.join(f'{w:.2f}' for w in wall[k])} | {statistics.median(wall[k]):.2f} |")
print(f"\nratio of medians (all figures / --plots none): {statistics.median(wall['plots']) / statistics.median(wall['none']):.2f}\n")
phases = ["ode_seconds", "dynamics_seconds", "monitor_seconds", "write_seconds", "plot_seconds", "total_seconds"]
print("| run | " + " | ".join(p.replace("_seconds", "") for p in phases) + " |")
print("| --- |" + " --- |" * len(phases))
for k in ("plots", "none"):
    t = [json.load(open(f"{tmp}/{k}-{r}.json"))["timings"] for r in range(1, rounds + 1)]
    print(f"| {k} | " + " | ".join(f"{statistics.median(x[p] for x in t):.2f}" for p in phases) + " |")
PY
