#!/usr/bin/env bash
# Runs pactor with the given arguments (`scripts/pactor.sh demo`, `scripts/pactor.sh status`, …), built
# the way users run it: published ReadyToRun (precompiled: the first swarm download of a fresh process
# pays no JIT, bench/README.md). Installs rtorrent first when it is missing (sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rtorrent >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends rtorrent
fi

out="${PACTOR_ARTIFACTS:-$PWD/artifacts}/publish/pactor"
dotnet publish src/Pactor -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v quiet >&2
exec dotnet "$out/pactor.dll" "$@"
