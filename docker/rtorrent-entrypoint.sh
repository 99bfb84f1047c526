#!/bin/sh
# Runs rtorrent in a container from one of pactor's rc templates (rtorrent/*.rtorrent.rc, copied to
# /usr/share/pactor/rtorrent/ in the image):
#
#   pactor-rtorrent /usr/share/pactor/rtorrent/seedbox.rtorrent.rc
#
# The templates hold placeholders (an upper-case name between two at-signs) that pactor's own
# renderer, RTorrentConfigTemplate.Render, fills for the rtorrent pactor starts itself. In a
# container rtorrent runs on its own, so this fills them with sed, with the same rule: values are
# checked, not escaped (rtorrent's rc language gives meaning to spaces, quotes, ',' ';' '$' '{' '#').
# The SCGI listener is always a unix socket: SCGI has no authentication, and the socket's directory
# is a volume shared only with the pactor container that drives this rtorrent.
#
# Settings, from the environment:
#   RTORRENT_SOCKET         the SCGI socket                       (/run/rtorrent/rpc.sock)
#   RTORRENT_HOME           session/, the rendered rc, the log    (/var/lib/rtorrent)
#   RTORRENT_DOWNLOADS      default data directory                (RTORRENT_HOME/downloads)
#   RTORRENT_LOG            rtorrent's log; load errors show only here (RTORRENT_HOME/rtorrent.log)
#   RTORRENT_PORT           the one peer port                     (6881)
#   RTORRENT_BIND           the address peers connect to          (0.0.0.0)
#   RTORRENT_LOCAL_ADDRESS  the address announced to the tracker  (this container's IPv4 address)
#
# rtorrent replaces this shell (exec), so `docker stop` signals it directly; compose.yaml sets
# stop_signal SIGINT, on which rtorrent saves its session and exits within a second.
set -eu

fail() {
  echo "pactor-rtorrent: $*" >&2
  exit 1
}

# Absolute paths of letters, digits and / . _ - + only, as RTorrentConfigTemplate accepts.
check_path() {
  case "$2" in
    /*) ;;
    *) fail "$1 '$2' must be an absolute path" ;;
  esac
  case "$2" in
    *[!A-Za-z0-9/._+-]*) fail "$1 '$2' may hold letters, digits and / . _ - + only" ;;
  esac
}

check_address() {
  case "$2" in
    '' | *[!0-9A-Fa-f.:]*) fail "$1 '$2' is not an IP address" ;;
  esac
}

[ $# -eq 1 ] || fail "usage: pactor-rtorrent TEMPLATE.rc"
template=$1
[ -r "$template" ] || fail "cannot read the template '$template'"
grep -qx '@SCGI@' "$template" || fail "the template '$template' has no line that is just @SCGI@"

socket=${RTORRENT_SOCKET:-/run/rtorrent/rpc.sock}
home=${RTORRENT_HOME:-/var/lib/rtorrent}
downloads=${RTORRENT_DOWNLOADS:-$home/downloads}
log=${RTORRENT_LOG:-$home/rtorrent.log}
port=${RTORRENT_PORT:-6881}
bind=${RTORRENT_BIND:-0.0.0.0}
if [ -z "${RTORRENT_LOCAL_ADDRESS:-}" ]; then
  # The address other containers reach this one at; a wildcard would announce nothing useful.
  RTORRENT_LOCAL_ADDRESS=$(getent ahostsv4 "$(hostname)" | awk 'NR == 1 { print $1 }')
fi
local_address=$RTORRENT_LOCAL_ADDRESS

check_path RTORRENT_SOCKET "$socket"
check_path RTORRENT_HOME "$home"
check_path RTORRENT_DOWNLOADS "$downloads"
check_path RTORRENT_LOG "$log"
check_address RTORRENT_BIND "$bind"
check_address RTORRENT_LOCAL_ADDRESS "$local_address"
case "$local_address" in
  0.0.0.0 | ::) fail "RTORRENT_LOCAL_ADDRESS '$local_address' is a wildcard: give the address peers can reach" ;;
esac
case "$port" in
  '' | *[!0-9]*) fail "RTORRENT_PORT '$port' is not a number" ;;
esac
[ "$port" -ge 1 ] && [ "$port" -le 65535 ] || fail "RTORRENT_PORT $port is not from 1 to 65535"

# rtorrent does not create its session or data directory, and refuses to listen on a stale socket.
mkdir -p "$home/session" "$downloads" "$(dirname "$socket")"
chmod 0700 "$(dirname "$socket")"
rm -f "$socket"

rc=$home/rtorrent.rc
sed \
  -e "s|^@SCGI@\$|network.scgi.open_local = $socket|" \
  -e "s|@SESSION_DIR@|$home/session|g" \
  -e "s|@DOWNLOAD_DIR@|$downloads|g" \
  -e "s|@LOG_FILE@|$log|g" \
  -e "s|@BIND_ADDRESS@|$bind|g" \
  -e "s|@LOCAL_ADDRESS@|$local_address|g" \
  -e "s|@PORT@|$port|g" \
  "$template" >"$rc.tmp"
if unknown=$(grep -o '@[A-Z_]*@' "$rc.tmp"); then
  rm -f "$rc.tmp"
  fail "the template '$template' has unknown placeholders: $(echo "$unknown" | sort -u | tr '\n' ' ')"
fi
mv "$rc.tmp" "$rc"

echo "pactor-rtorrent: $template on $socket, peers on $bind:$port (announced as $local_address), log $log" >&2
exec rtorrent -n -o "import=$rc"
