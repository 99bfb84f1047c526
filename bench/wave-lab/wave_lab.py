#!/usr/bin/env python3
"""Wave lab: do simultaneous rtorrent leechers trade pieces with each other?

Starts a tiny HTTP tracker (in this process), one seeder rtorrent rendered from rtorrent/seedbox.rtorrent.rc and N
leecher rtorrents rendered from rtorrent/client.rtorrent.rc, each on its own 127.0.x.y address, all in a temp dir.
Loads one torrent (default 50 MB, 1 MiB pieces as pactor's PieceLengthPolicy picks) on every leecher at the same
moment, the way pactor loads it (load.raw, d.directory.set, d.priority.set 2, d.start), polls every leecher like
pactor's poller does, and every second prints each leecher's progress and what it believes its peers hold.
At the end: bytes the seeder uploaded, in copies of the file.

  python3 bench/wave-lab/wave_lab.py --leechers 8 [--size-mb 50] [--seeder-up-kb 20480] [--tracker-mode all|hold-empty|seeds]
      [--client-rc EXTRA_LINE]... [--seeder-rc EXTRA_LINE]... [--reannounce S] [--nudge S --nudge-cmd drop-idle|redial-idle]
      [--stagger-ms MS] [--quiet] [--keep]

--client-rc / --seeder-rc append rc lines to the rendered templates (to try settings); --tracker-mode seeds is what
pactor's tracker does (TrackedTorrent.Pick); --nudge tries outside pokes at idle connections (README.md: none helps).
"""
import argparse
import hashlib
import http.server
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import xmlrpc.client

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# --- SCGI XML-RPC -------------------------------------------------------------------------------------------------
def call(port, method, *params, timeout=10):
    body = xmlrpc.client.dumps(params, method, allow_none=False).encode()
    headers = b"CONTENT_LENGTH\0" + str(len(body)).encode() + b"\0SCGI\0" + b"1\0"
    payload = str(len(headers)).encode() + b":" + headers + b"," + body
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(payload)
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    reply = b"".join(chunks)
    xml = reply.split(b"\r\n\r\n", 1)[1]
    return xmlrpc.client.loads(xml.decode())[0][0]


# --- bencode / torrent ----------------------------------------------------------------------------------------------
def bencode(v):
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, str):
        v = v.encode()
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, list):
        return b"l" + b"".join(bencode(x) for x in v) + b"e"
    if isinstance(v, dict):
        return b"d" + b"".join(bencode(k) + bencode(v[k]) for k in sorted(v)) + b"e"
    raise TypeError(v)


def make_torrent(path, announce, piece_len):
    pieces = []
    with open(path, "rb") as f:
        while True:
            block = f.read(piece_len)
            if not block:
                break
            pieces.append(hashlib.sha1(block).digest())
    info = {"name": os.path.basename(path), "length": os.path.getsize(path), "piece length": piece_len,
            "pieces": b"".join(pieces)}
    return bencode({"announce": announce, "info": info}), hashlib.sha1(bencode(info)).hexdigest().upper(), len(pieces)


def piece_length(size):  # pactor's PieceLengthPolicy.Choose
    p = 4 << 20
    while p > 16384 and size // p < 32:
        p //= 2
    return p


# --- tracker --------------------------------------------------------------------------------------------------------
class Tracker:
    def __init__(self, host, port, interval=30, mode="all"):
        self.peers = {}  # info_hash -> {(ip, port): (is_empty, is_seed, time)}
        self.mode = mode
        self.lock = threading.Lock()
        self.interval = interval
        self.log = []
        tracker = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                u = urllib.parse.urlsplit(self.path)
                q = urllib.parse.parse_qs(u.query, keep_blank_values=True, encoding="latin-1")
                ih = q["info_hash"][0].encode("latin-1")
                ip = q.get("ip", [self.client_address[0]])[0]
                port = int(q["port"][0])
                left = int(q.get("left", ["1"])[0])
                downloaded = int(q.get("downloaded", ["0"])[0])
                empty = left > 0 and downloaded == 0
                event = q.get("event", [""])[0]
                numwant = int(q.get("numwant", ["50"])[0])
                with tracker.lock:
                    swarm = tracker.peers.setdefault(ih, {})
                    tracker.log.append((time.time(), ip, event, left))
                    if event == "stopped":
                        swarm.pop((ip, port), None)
                    else:
                        swarm[(ip, port)] = (empty, left == 0, time.time())
                    others = [(p, e, sd) for p, (e, sd, _) in swarm.items() if p != (ip, port)]
                    if left == 0:  # a seeder gets leechers only
                        others = [o for o in others if not o[2]]
                    elif tracker.mode == "hold-empty":
                        # a leecher that has nothing yet is not told about other leechers that have nothing
                        others = [o for o in others if not (empty and o[1])]
                    elif tracker.mode == "seeds" and any(o[2] for o in others):
                        # a leecher gets seeders only (while there are any): see README.md
                        others = [o for o in others if o[2]]
                    others = [o[0] for o in others][:numwant]
                compact = b"".join(socket.inet_aton(a) + struct.pack(">H", p) for a, p in others)
                body = bencode({"interval": tracker.interval, "min interval": 5, "peers": compact})
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer((host, port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


# --- rtorrent -------------------------------------------------------------------------------------------------------
class RTorrent:
    def __init__(self, root, name, template, address, peer_port, scgi_port, extra):
        self.name, self.address, self.scgi = name, address, scgi_port
        self.dir = os.path.join(root, name)
        session, data = os.path.join(self.dir, "session"), os.path.join(self.dir, "data")
        os.makedirs(session)
        os.makedirs(data)
        self.data = data
        with open(os.path.join(REPO, "rtorrent", template)) as f:
            rc = f.read()
        values = {"SESSION_DIR": session, "DOWNLOAD_DIR": data, "LOG_FILE": os.path.join(self.dir, "rtorrent.log"),
                  "SCGI": "network.scgi.open_port = 127.0.0.1:%d" % scgi_port, "BIND_ADDRESS": address,
                  "LOCAL_ADDRESS": address, "PORT": str(peer_port)}
        for k, v in values.items():
            rc = rc.replace("@%s@" % k, v)
        rc += "\n# wave lab extras\n" + "\n".join(extra) + "\n"
        self.rc = os.path.join(self.dir, "rtorrent.rc")
        with open(self.rc, "w") as f:
            f.write(rc)
        self.proc = subprocess.Popen(["rtorrent", "-n", "-o", "import=" + self.rc], stdin=subprocess.DEVNULL,
                                     stdout=open(os.path.join(self.dir, "stdout"), "w"), stderr=subprocess.STDOUT)

    def wait_ready(self):
        for _ in range(200):
            try:
                call(self.scgi, "system.client_version")
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(self.name + " did not open SCGI")

    def load(self, torrent, ih, directory):  # as pactor's RTorrentClient.LoadAsync
        call(self.scgi, "load.raw", "", xmlrpc.client.Binary(torrent))
        for _ in range(200):
            try:
                call(self.scgi, "d.hash", ih)
                break
            except xmlrpc.client.Fault:
                time.sleep(0.005)
        call(self.scgi, "d.directory.set", ih, directory)
        call(self.scgi, "d.custom1.set", ih, "pactor")
        call(self.scgi, "d.priority.set", ih, 2)
        call(self.scgi, "d.start", ih)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--leechers", type=int, default=8)
    ap.add_argument("--size-mb", type=float, default=50)
    ap.add_argument("--seeder-up-kb", type=int, default=None, help="override the seedbox rc's upload cap (KiB/s, 0 = none)")
    ap.add_argument("--client-rc", action="append", default=[])
    ap.add_argument("--seeder-rc", action="append", default=[])
    ap.add_argument("--poll-ms", type=float, default=5, help="pactor-like status poll of each leecher while incomplete")
    ap.add_argument("--nudge", type=float, default=0, help="seconds between nudges (0: none)")
    ap.add_argument("--nudge-cmd", default="choke", help="what a nudge does (see nudge())")
    ap.add_argument("--timeout", type=float, default=90)
    ap.add_argument("--stagger-ms", type=float, default=0, help="delay between leecher loads")
    ap.add_argument("--net", default="127.0.9", help="first three octets of the addresses")
    ap.add_argument("--base-port", type=int, default=47000)
    ap.add_argument("--tracker-mode", default="seeds", choices=["all", "hold-empty", "seeds"], help="which peers the tracker gives a leecher")
    ap.add_argument("--reannounce", type=float, default=0, help="seconds between d.tracker_announce of each incomplete leecher (0: none)")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()

    root = tempfile.mkdtemp(prefix="wave-lab-")
    procs = []
    try:
        tracker_addr = a.net + ".1"
        tracker = Tracker(tracker_addr, a.base_port, mode=a.tracker_mode)
        size = int(a.size_mb * 1e6)
        src = os.path.join(root, "pkg.bin")
        with open(src, "wb") as f:
            f.write(os.urandom(size))
        torrent, ih, npieces = make_torrent(src, "http://%s:%d/announce" % (tracker_addr, a.base_port), piece_length(size))
        print("torrent %s: %d bytes, %d pieces of %d KiB; %d leechers" % (ih[:8], size, npieces, piece_length(size) // 1024, a.leechers))

        seeder_extra = list(a.seeder_rc)
        if a.seeder_up_kb is not None:
            seeder_extra.append("throttle.global_up.max_rate.set_kb = %d" % a.seeder_up_kb)
        seeder = RTorrent(root, "seeder", "seedbox.rtorrent.rc", a.net + ".2", a.base_port + 1, a.base_port + 2, seeder_extra)
        procs.append(seeder)
        leechers = []
        for i in range(a.leechers):
            leechers.append(RTorrent(root, "leech%d" % (i + 1), "client.rtorrent.rc", "%s.%d" % (a.net, 10 + i),
                                     a.base_port + 10 + 2 * i, a.base_port + 11 + 2 * i, a.client_rc))
        procs.extend(leechers)
        for r in procs:
            r.wait_ready()
        shutil.copy(src, os.path.join(seeder.data, "pkg.bin"))
        seeder.load(torrent, ih, seeder.data)
        t0 = time.time()
        while call(seeder.scgi, "d.complete", ih) != 1:
            if time.time() - t0 > 30:
                raise RuntimeError("seeder did not finish checking")
            time.sleep(0.05)
        call(seeder.scgi, "d.tracker_announce", ih)  # the seeder is listed before the leechers announce
        time.sleep(0.3)

        # Load on all leechers at the same moment (one thread each), as pactors do when pacman asks at once.
        start = time.time()
        threads = []
        for i, l in enumerate(leechers):
            def go(l=l, i=i):
                time.sleep(i * a.stagger_ms / 1000)
                l.load(torrent, ih, l.data)
            t = threading.Thread(target=go)
            t.start()
            threads.append(t)
        for t in threads:
            t.join()

        done_at = {}
        stop_poll = threading.Event()

        def poller(l):  # pactor's poller: status of the download every poll-ms until complete
            next_announce = time.time() + a.reannounce
            while not stop_poll.is_set() and l.name not in done_at:
                try:
                    if a.reannounce and time.time() >= next_announce:
                        next_announce = time.time() + a.reannounce
                        call(l.scgi, "d.tracker_announce", ih)
                    if call(l.scgi, "d.complete", ih) == 1:
                        done_at[l.name] = time.time() - start
                        call(l.scgi, "d.tracker_announce", ih)  # pactor's AnnounceSeedingAsync
                except Exception:
                    pass
                time.sleep(a.poll_ms / 1000)
        pollers = [threading.Thread(target=poller, args=(l,), daemon=True) for l in leechers] if a.poll_ms > 0 else []
        for t in pollers:
            t.start()

        addr_name = {l.address: l.name.replace("leech", "L") for l in leechers}
        addr_name[seeder.address] = "S"
        next_nudge = start + a.nudge if a.nudge else None
        last = 0
        while time.time() - start < a.timeout:
            now = time.time()
            if next_nudge and now >= next_nudge:
                for l in leechers:
                    if l.name not in done_at:
                        nudge(l, ih, a.nudge_cmd)
                next_nudge = now + a.nudge
            if now - last >= 1:
                last = now
                if not a.quiet:
                    print("t=%4.1fs seeder up %.2f copies" % (now - start, call(seeder.scgi, "d.up.total", ih) / size))
                    for l in leechers:
                        done = call(l.scgi, "d.completed_bytes", ih)
                        peers = call(l.scgi, "p.multicall", ih, "", "p.address=", "p.completed_percent=", "p.down_total=", "p.up_total=", "p.is_snubbed=", "p.is_encrypted=")
                        desc = " ".join("%s:%d%%/d%.0f/u%.0f%s" % (addr_name.get(p[0], p[0]), p[1], p[2] / 1e6, p[3] / 1e6, "/E" if p[5] else "") for p in sorted(peers, key=lambda p: addr_name.get(p[0], p[0])))
                        print("  %s %5.1f%% %s" % (l.name, 100.0 * done / size, desc))
            if len(done_at) == len(leechers):
                break
            time.sleep(0.05)
        stop_poll.set()
        time.sleep(0.5)
        seeder_up = call(seeder.scgi, "d.up.total", ih)
        peer_up = sum(call(l.scgi, "d.up.total", ih) for l in leechers)
        times = sorted(done_at.values())
        if NUDGE_STATE.get("redials"):
            print("redials", NUDGE_STATE["redials"])
        print("tracker: %d announces" % len(tracker.log))
        print("RESULT leechers=%d seeder_copies=%.2f leechers_to_each_other_copies=%.2f complete=%d/%d first=%.1fs median=%.1fs last=%s"
              % (a.leechers, seeder_up / size, peer_up / size, len(done_at), len(leechers), times[0] if times else -1,
                 times[len(times) // 2] if times else -1, "%.1fs" % times[-1] if len(times) == len(leechers) else "timeout"))
    finally:
        for r in procs:
            r.stop()
        if a.keep:
            print("kept", root)
        else:
            shutil.rmtree(root, ignore_errors=True)


def nudge(l, ih, what):
    """Something from outside that makes an rtorrent write to its idle peer connections (hypothesis tests)."""
    if what == "announce":
        call(l.scgi, "d.tracker_announce", ih)
    elif what == "stopstart":
        call(l.scgi, "d.stop", ih)
        call(l.scgi, "d.start", ih)
    elif what == "snub":
        peers = call(l.scgi, "p.multicall", ih, "", "p.id=")
        for (pid,) in peers:
            call(l.scgi, "p.snubbed.set", "%s:p%s" % (ih, pid), 0)
    elif what == "drop-idle":
        # Disconnect leechers we got nothing from since the last nudge (their HAVEs never reach us on an idle
        # connection), then announce: the tracker names them again and rtorrent reconnects, full bitfields both ways.
        seen = NUDGE_STATE.setdefault(l.name, {})
        peers = call(l.scgi, "p.multicall", ih, "", "p.id=", "p.completed_percent=", "p.down_total=", "p.address=")
        dropped = 0
        for pid, pct, down, addr in peers:
            if pct < 100 and seen.get(pid) == down:
                call(l.scgi, "p.disconnect", "%s:p%s" % (ih, pid))
                dropped += 1
            seen[pid] = down
        if dropped:
            call(l.scgi, "d.tracker_announce", ih)
    elif what == "redial-idle":
        # As drop-idle, but only the side that dialled (p.port is then the remote's listen port) drops the idle
        # connection and dials again at once with add_peer: a fresh handshake carries the full bitfield both ways.
        seen = NUDGE_STATE.setdefault(l.name, {})
        peers = call(l.scgi, "p.multicall", ih, "", "p.id=", "p.completed_percent=", "p.down_total=", "p.address=", "p.port=", "p.is_incoming=", "p.up_total=")
        for pid, pct, down, addr, port, incoming, up in peers:
            key = (addr, port)
            if not incoming and pct < 100 and seen.get(key) == (down, up):
                call(l.scgi, "p.disconnect", "%s:p%s" % (ih, pid))
                call(l.scgi, "add_peer", ih, "%s:%d" % (addr, port))
                NUDGE_STATE["redials"] = NUDGE_STATE.get("redials", 0) + 1
            seen[key] = (down, up)
    else:
        raise SystemExit("unknown nudge " + what)


NUDGE_STATE = {}


if __name__ == "__main__":
    main()
