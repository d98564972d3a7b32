#!/usr/bin/env bash
# Score gazetteer on this project's own passage sets (written for it, not the benchmark's)
# with the benchmark's scorer. The gold keys name places of ../shared/eval/places_gold.tsv,
# which is read from there, not copied here.
#
#   bash eval/run.sh [set_a|...|set_bc ...]      (default: all; gazetteer on PATH)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${SHARED_EVAL:-$here/../../shared/eval}"
[ -f "$shared/score.py" ] || { echo "eval/run.sh: no $shared/score.py (set SHARED_EVAL)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$shared/places_gold.tsv" "$work/"
for split in "${@:-set_a set_b set_c set_d set_e set_f set_g set_h set_i set_j set_k set_l set_m set_n set_o set_p set_q set_r set_s set_t set_u set_v set_w set_x set_y set_z set_aa set_ab set_ac set_ad set_ae set_af set_ag set_ah set_ai set_aj set_ak set_al set_am set_an set_ao set_ap set_aq set_ar set_as set_at set_au set_av set_aw set_ax set_ay set_az set_ba set_bb set_bc}"; do
  for s in $split; do
    ln -s "$here/$s" "$work/$s"
    # a set may name places beyond the benchmark's list, each with its own cited coordinate
    if [ -f "$here/$s/places_extra.tsv" ]; then tail -n +2 "$here/$s/places_extra.tsv" >> "$work/places_gold.tsv"; fi
    python3 "$shared/score.py" texts --split "$s" --eval-dir "$work" --cmd 'gazetteer extract --format jsonl' | tail -n 1
    if [ -f "$here/$s/lookup.tsv" ]; then
      python3 "$shared/score.py" lookup --split "$s" --eval-dir "$work" --cmd 'gazetteer lookup --format jsonl' | tail -n 1
    fi
  done
done
