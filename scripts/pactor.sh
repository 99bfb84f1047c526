#!/usr/bin/env bash
# Runs pactor with the given arguments (`scripts/pactor.sh demo`, `scripts/pactor.sh status`, …), built
# the way users run it: published ReadyToRun (precompiled). Installs rtorrent first when it is missing
# (sudo when not root).
#
# Two builds (bench/README.md has the numbers):
# - default: ReadyToRun against the installed .NET runtime (about a minute the first time). The first
#   swarm download of a fresh process still JIT-compiles what crosses into the framework (async state
#   machines, generic collections): about 100 ms once.
# - PACTOR_COMPOSITE=1 (scripts/serve.sh, the docker image, the benchmarks): self-contained, the framework
#   and pactor compiled into one ReadyToRun composite image (about 3 minutes the first time, 140 MB),
#   so that first download pays almost no JIT either.
# Later runs republish only what changed (seconds).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rtorrent >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends rtorrent
fi

artifacts="${PACTOR_ARTIFACTS:-$PWD/artifacts}"
if [ "${PACTOR_COMPOSITE:-0}" = 1 ]; then
  # Its own build folder: both builds target the same runtime, and a shared obj/ would hand the other build
  # the composite's pactor.dll, which cannot run without pactor.r2r.dll.
  out="$artifacts/publish/pactor-composite"
  PACTOR_ARTIFACTS="$artifacts/composite" dotnet publish src/Pactor -c Release --use-current-runtime --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$out" --nologo -v quiet >&2
  exec "$out/pactor" "$@"
fi

out="$artifacts/publish/pactor"
PACTOR_ARTIFACTS="$artifacts" dotnet publish src/Pactor -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v quiet >&2
exec dotnet "$out/pactor.dll" "$@"
