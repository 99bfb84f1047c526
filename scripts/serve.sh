#!/usr/bin/env bash
# Runs the pactor mirror on http://127.0.0.1:8001 with its own rtorrent.
# Installs rtorrent when it is missing (sudo when not root). Upstreams come from
# /etc/pacman.d/mirrorlist when it exists, else the Arch geo mirror; extra arguments go to `pactor serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rtorrent >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends rtorrent
fi

args=()
if [ ! -f /etc/pacman.d/mirrorlist ] && [[ " $* " != *" --upstream "* ]]; then
  args+=(--upstream 'https://geo.mirror.pkgbuild.com/$repo/os/$arch')
fi

# Published ReadyToRun (precompiled): the first swarm download of a fresh process pays no JIT (bench/README.md).
out="${PACTOR_ARTIFACTS:-$PWD/artifacts}/publish/pactor"
dotnet publish src/Pactor -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v quiet >&2
exec dotnet "$out/pactor.dll" serve "${args[@]}" "$@"
