#!/usr/bin/env bash
# Runs the pactor mirror on http://127.0.0.1:8001 with its own rtorrent (through scripts/pactor.sh:
# rtorrent installed when missing, pactor published as a self-contained ReadyToRun composite, about
# 3 minutes the first time; PACTOR_COMPOSITE=0 for the quicker framework-dependent build). Upstreams come from
# /etc/pacman.d/mirrorlist when it exists, else the Arch geo mirror; extra arguments go to `pactor serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
if [ ! -f /etc/pacman.d/mirrorlist ] && [[ " $* " != *" --upstream "* ]]; then
  args+=(--upstream 'https://geo.mirror.pkgbuild.com/$repo/os/$arch')
fi

PACTOR_COMPOSITE="${PACTOR_COMPOSITE:-1}" exec scripts/pactor.sh serve "${args[@]}" "$@"
