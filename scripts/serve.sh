#!/usr/bin/env bash
# Runs the pactor mirror on http://127.0.0.1:8001 with its own rtorrent (through scripts/pactor.sh:
# rtorrent installed when missing, pactor published ReadyToRun). Upstreams come from
# /etc/pacman.d/mirrorlist when it exists, else the Arch geo mirror; extra arguments go to `pactor serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
if [ ! -f /etc/pacman.d/mirrorlist ] && [[ " $* " != *" --upstream "* ]]; then
  args+=(--upstream 'https://geo.mirror.pkgbuild.com/$repo/os/$arch')
fi

exec scripts/pactor.sh serve "${args[@]}" "$@"
