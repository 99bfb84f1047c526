#!/bin/sh
# Runs one of pactor's benchmarks by hand: bench/run.sh miss|hit|memory|offload|soak|sick-mirror [--runs N] [--rounds N] [--seconds S] [--minutes N]
# (the soak runs --minutes, 30 by default: never part of a test run)
# Builds bench/Pactor.Benchmarks (and with it pactor.dll) in Release, then runs it from the repo root.
# Needs root (makepkg runs as nobody through runuser) and: rtorrent opentracker makepkg pacman-package-manager
# libarchive-tools fakeroot zstd wrk nginx. Results go to bench/results/ (git-ignored).
set -eu
cd "$(dirname "$0")/.."
artifacts="${PACTOR_ARTIFACTS:-$PWD/artifacts}"
PACTOR_ARTIFACTS="$artifacts" dotnet build -c Release --nologo -v quiet bench/Pactor.Benchmarks >/dev/null
# pactor as scripts/serve.sh and the docker image run it: self-contained, one ReadyToRun composite image with the
# framework (PACTOR_COMPOSITE=0: the framework-dependent ReadyToRun build of scripts/pactor.sh's default).
if [ "${PACTOR_COMPOSITE:-1}" = 1 ]; then
  # Its own build folder (scripts/pactor.sh says why).
  PACTOR_ARTIFACTS="$artifacts/composite" dotnet publish src/Pactor -c Release --use-current-runtime --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$artifacts/publish/pactor-composite" --nologo -v quiet >/dev/null
  export PACTOR_DLL="$artifacts/publish/pactor-composite/pactor.dll"
else
  PACTOR_ARTIFACTS="$artifacts" dotnet publish src/Pactor -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o "$artifacts/publish/pactor" --nologo -v quiet >/dev/null
  export PACTOR_DLL="$artifacts/publish/pactor/pactor.dll"
fi
# Which pactor is measured: the commit, and whether src/ had uncommitted changes.
BENCH_REVISION="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + uncommitted changes in src/')"
export BENCH_REVISION
exec dotnet "$artifacts/bin/Pactor.Benchmarks/release/Pactor.Benchmarks.dll" "$@" --results "$PWD/bench/results"
