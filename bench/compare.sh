#!/usr/bin/env bash
# Side-by-side: lesde against the hand-written NumPy baseline (bench/numpy_baseline.py) on the
# bench workloads paper-k3 and logits-k100, one thread each, interleaved (lesde, NumPy, lesde,
# NumPy, ...) so that both see the same machine state. Prints a markdown table of medians and
# ratios with the date and the machine; --out FILE.json also writes the raw times.
#
# usage: bench/compare.sh [--rounds N] [--only paper-k3,logits-k100] [--out FILE.json] [--install-numpy]
# needs: target/lesde.jar (mvn -q -B package -DskipTests) and a Python 3 with NumPy: $PYTHON if set,
# else the first of python3, /usr/bin/python3 that imports numpy; --install-numpy first installs
# Debian's python3-numpy (apt-get, as root or through sudo) and then uses /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3; only="paper-k3,logits-k100"; out=""; install=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --install-numpy) install=1; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "bench/compare.sh: unknown option '$1' (use --rounds N, --only W,..., --out FILE.json, --install-numpy)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench/compare.sh: --rounds must be a positive integer, got '$rounds'" >&2; exit 2; }
[ -f target/lesde.jar ] || { echo "bench/compare.sh: target/lesde.jar missing: run mvn -q -B package -DskipTests" >&2; exit 1; }
if [ "$install" = 1 ] && ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  command -v apt-get > /dev/null || { echo "bench/compare.sh: --install-numpy needs apt-get (Debian/Ubuntu); install NumPy for python3 and set PYTHON" >&2; exit 1; }
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y python3-numpy > /dev/null || { $sudo apt-get update > /dev/null && $sudo apt-get install -y python3-numpy > /dev/null; } \
    || { echo "bench/compare.sh: apt-get install python3-numpy failed" >&2; exit 1; }
fi
py=""
if [ -n "${PYTHON:-}" ]; then
  "$PYTHON" -c 'import numpy' 2>/dev/null && py=$PYTHON || { echo "bench/compare.sh: PYTHON=$PYTHON cannot import numpy" >&2; exit 1; }
elif [ "$install" = 1 ]; then
  py=/usr/bin/python3
else
  for c in python3 /usr/bin/python3; do
    if command -v "$c" > /dev/null && "$c" -c 'import numpy' 2>/dev/null; then py=$c; break; fi
  done
fi
[ -n "$py" ] || { echo "bench/compare.sh: a python3 with numpy is needed for the baseline: run bench/compare.sh --install-numpy (apt-get install python3-numpy) or set PYTHON" >&2; exit 1; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
IFS=, read -ra workloads <<< "$only"
for w in "${workloads[@]}"; do
  case "$w" in paper-k3|logits-k100) ;; *) echo "bench/compare.sh: --only accepts paper-k3, logits-k100, got '$w'" >&2; exit 2 ;; esac
done
for ((r = 1; r <= rounds; r++)); do
  for w in "${workloads[@]}"; do
    java -jar target/lesde.jar bench --only "$w" --threads 1 --warmup 1 --reps 1 --quiet --out "$tmp/lesde-$w-$r.json" > /dev/null
    "$py" bench/numpy_baseline.py "$w" --warmup 1 --reps 1 > "$tmp/numpy-$w-$r.json"
    echo "round $r/$rounds $w done" >&2
  done
done
"$py" - "$tmp" "$rounds" "$out" "${workloads[@]}" <<'PY'
import glob, json, platform, statistics, subprocess, sys, datetime
tmp, rounds, out, workloads = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
cpu = "unknown CPU"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
except OSError:
    pass
import os
mem = ""
try:
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal:"):
            mem = f", {int(line.split()[1]) / 2**20:.0f} GiB"; break
except OSError:
    pass
load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
print(f"lesde vs hand-written NumPy, 1 thread each, {rounds} interleaved rounds, "
      f"{datetime.date.today().isoformat()}, {os.cpu_count()} cores{mem}, {cpu}{load}, Python {platform.python_version()}, "
      f"NumPy {__import__('numpy').__version__}")
print()
print("| workload | lesde median s | NumPy median s | NumPy / lesde | lesde min..max s | NumPy min..max s |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
raw = {}
for w in workloads:
    ls, ns = [], []
    for r in range(1, rounds + 1):
        rows = json.load(open(f"{tmp}/lesde-{w}-{r}.json"))
        ls += [x["median_seconds"] for x in rows if x["workload"] == w and x["threads"] == 1]
        ns += [json.loads(l)["seconds"] for l in open(f"{tmp}/numpy-{w}-{r}.json") if l.strip()]
    lm, nm = statistics.median(ls), statistics.median(ns)
    raw[w] = {"lesde_seconds": ls, "numpy_seconds": ns, "lesde_median": lm, "numpy_median": nm, "ratio": nm / lm}
    print(f"| {w} | {lm:.3f} | {nm:.3f} | {nm / lm:.2f}× | {min(ls):.3f}..{max(ls):.3f} | {min(ns):.3f}..{max(ns):.3f} |")
if out:
    json.dump(raw, open(out, "w"), indent=2)
PY
