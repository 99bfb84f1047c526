#!/usr/bin/env bash
# Runs `pactor demo` (through scripts/pactor.sh: rtorrent installed when missing, pactor published
# ReadyToRun): a sample repository, a seedbox and a client mirror on 127.0.0.1:8001, all on loopback.
# Extra arguments go to `pactor demo`; Ctrl-C stops it and removes everything it made.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/pactor.sh demo "$@"
