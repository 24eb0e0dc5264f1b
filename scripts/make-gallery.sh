#!/usr/bin/env bash
# Makes the gallery of docs/figures.md: runs the shipped models (models/*.yaml) and the shipped
# training log (src/test/resources/geomnist/geomnist_k3_p0.csv.gz) into a temporary folder and
# copies one small PNG of every figure kind into docs/img/, under stable names
# <command>-<input>-<figure>.png (e.g. simulate-default-trajectories.png).
#
# It builds nothing: build first (mvn -q -B package -DskipTests), it runs target/lesde.jar.
# Deterministic: every run has a fixed seed (the models' own, or --seed), and lesde's numbers and
# PNGs are the same for any thread count, so a rerun rewrites the same bytes.
#
# The PNGs are drawn at --dpi 48 (2/3 of screen resolution): each figure keeps its own layout
# (panels, legends, fonts in proportion) at 2/3 of its pixel size, so that docs/img stays small
# (about 2 MB in all, every PNG well under 300 KB); a fixed --width/--height would squeeze the
# multi-panel figures instead.
#
# Usage: scripts/make-gallery.sh            (from the checkout; takes a few minutes)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/lesde.jar"
img="$root/docs/img"
if [[ ! -f "$jar" ]]; then
    echo "make-gallery: $jar not found; build first: mvn -q -B package -DskipTests" >&2
    exit 2
fi
java_cmd=java
if [[ -n "${JAVA_HOME:-}" ]]; then
    java_cmd="$JAVA_HOME/bin/java"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/lesde-gallery.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$img"

plots=(--plots png --dpi 48)
lesde() {
    echo "+ lesde $*" >&2
    "$java_cmd" ${JAVA_OPTS:-} -jar "$jar" "$@"
}
# take DIR PREFIX FIGURE...: copies DIR/FIGURE.png to docs/img/PREFIX-FIGURE.png
take() {
    local dir="$1" prefix="$2"
    shift 2
    for f in "$@"; do
        cp "$dir/$f.png" "$img/$prefix-$f.png"
    done
}

cd "$root"
# simulate: the default model shows every figure of K = 3 (etf_plane is drawn for K = 3 only)
lesde simulate models/default.yaml --paths 200 --quiet --out "$work/default" "${plots[@]}"
take "$work/default" simulate-default trajectories ode_vs_sde etf_alignment etf_plane nc_metrics separability cosines class_average
# the identity transform: class average and deviations at their two rates, separability with its oracle
lesde simulate models/identity-k3.yaml --paths 200 --quiet --out "$work/identity-k3" "${plots[@]}"
take "$work/identity-k3" simulate-identity-k3 class_average separability
# no local elasticity: separability stays bounded away from 1
lesde simulate models/non-separating.yaml --paths 200 --quiet --out "$work/non-separating" "${plots[@]}"
take "$work/non-separating" simulate-non-separating separability etf_alignment
# K = 10: the per-class panels, the alignment at K > 3 (no plane), the cosine maps
# (at --dpi 36: its twenty panels would exceed 300 KB at 48)
lesde simulate models/logits-k10.yaml --paths 100 --quiet --out "$work/logits-k10" --plots png --dpi 36
take "$work/logits-k10" simulate-logits-k10 trajectories etf_alignment cosines

# fit: the shipped log with a replay (Figures 1, 3, 5 and the unsmoothed, unscaled versions)
log=src/test/resources/geomnist/geomnist_k3_p0.csv.gz
lesde fit "$log" --replay 50 --out "$work/fit" "${plots[@]}" > /dev/null
take "$work/fit" fit-geomnist fit_AB fit_alpha_beta fit_nc fit_nc1 fig1_separation fig3_AB_I fig3_alpha_beta_I \
    fig3_AB_L fig3_alpha_beta_L replay_vs_genuine_k0 fig5_replay_scaled_k0
# fit of labelled logs: Figure 4 (one shipped log, so one point per series)
lesde fit "$log" --label p=0 --out "$work/fit-summary" "${plots[@]}" > /dev/null
take "$work/fit-summary" fit-summary fig4_tail fig4_val_loss fig4_val_acc

# sweep: the phase transition of models/sweep-phase.yaml
lesde sweep models/sweep-phase.yaml --quiet --out "$work/sweep-phase" "${plots[@]}"
take "$work/sweep-phase" sweep-phase sweep_sep_prob_min sweep_t_sep sweep_etf_distance

# convergence: the built-in problems and the default model (and its self closure), reduced paths
lesde convergence models/default.yaml --paths 2000 --levels 5 --out "$work/convergence" "${plots[@]}" > /dev/null
take "$work/convergence" convergence-default convergence convergence_gbm convergence_default-closure-self

# check writes no figure (its result is the table check.txt)
total=$(du -sk "$img" | cut -f1)
echo "make-gallery: $(ls "$img"/*.png | wc -l) PNGs in $img (${total} KB)"
