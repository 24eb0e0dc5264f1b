#!/usr/bin/env bash
# Submits a sharded LE-SDE ensemble as an N-task job array and a merge job that depends on it.
#
#   examples/slurm/submit-ensemble.sh MODEL.yaml N OUT [lesde simulate options]
#
# Shards go to OUT.shards/task-<id>/, the merged result (byte for byte the unsharded run's) to
# OUT. Prints the two job ids. With WAIT=1 it waits for the merge and exits with its status.
# ARRAY_START=1 numbers the tasks 1..N instead of 0..N-1 (the shards are the same).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
MODEL=${1:?usage: submit-ensemble.sh MODEL.yaml N OUT [options]}
N=${2:?usage: submit-ensemble.sh MODEL.yaml N OUT [options]}
OUT=${3:?usage: submit-ensemble.sh MODEL.yaml N OUT [options]}
shift 3
start=${ARRAY_START:-0}
rm -rf "$OUT.shards"
array=$(sbatch --parsable --array="$start-$((start + N - 1))" "$here/ensemble.sbatch" "$MODEL" "$OUT.shards" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes ${WAIT:+--wait} \
    "$here/merge.sbatch" "$OUT.shards" "$OUT")
echo "array job ${array}, merge job ${merge%%;*}"
