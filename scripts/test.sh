#!/usr/bin/env bash
# Runs pactor's whole test suite. Installs the real programs the integration tests drive
# (rtorrent, opentracker, mktorrent, pacman, makepkg, bsdtar, python3, chromium for the status page,
# docker-compose to validate docker/compose.yaml, nginx in front of pactor) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package
declare -A needs=(
  [rtorrent]=rtorrent
  [opentracker]=opentracker
  [mktorrent]=mktorrent
  [pacman]=pacman-package-manager
  [repo-add]=pacman-package-manager
  [makepkg]=makepkg
  [bsdtar]=libarchive-tools
  [python3]=python3
  [zstd]=zstd
  [xz]=xz-utils
  [fakeroot]=fakeroot
  [runuser]=util-linux
  [kill]=procps
  [chromium]=chromium
  [docker-compose]=docker-compose
  [nginx]=nginx
)
missing=()
for cmd in "${!needs[@]}"; do
  type -P "$cmd" >/dev/null 2>&1 || missing+=("${needs[$cmd]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "installing ${pkgs[*]}" >&2
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${pkgs[@]}"
fi

exec dotnet test Pactor.sln "$@"
