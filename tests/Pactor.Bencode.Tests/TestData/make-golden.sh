#!/bin/sh
# Regenerates the golden torrents and expected.json from the committed data/ files.
# The data itself was made once by: python3 -c "$(sed -n 's/^# DATA: //p' make-golden.sh)"
# DATA: import hashlib, os
# DATA: def blob(seed, n): return b"".join(hashlib.sha256(f"{seed}:{i}".encode()).digest() for i in range(n // 32 + 1))[:n]
# DATA: files = {"single.bin": blob("single", 100003), "multi/alpha.txt": b"pactor golden data\n" * 158, "multi/a-b.txt": blob("a-b", 500),
# DATA:          "multi/a/x.bin": blob("x", 1234), "multi/sub/beta.bin": blob("beta", 70001), "multi/sub/empty": b"",
# DATA:          "multi/zeta.dat": blob("zeta", 40000), "multi/.hidden": b"hidden\n"}
# DATA: for name, data in files.items(): os.makedirs(os.path.dirname("data/" + name), exist_ok=True); open("data/" + name, "wb").write(data)
set -eu
cd "$(dirname "$0")"
tracker=http://127.0.0.1:6969/announce
cd data
mktorrent -d -l 15 -a $tracker -o ../single-l15.torrent single.bin
mktorrent -l 16 -p -a $tracker -w http://127.0.0.1:8080/single.bin -c "golden comment" -o ../single-l16-private-webseed.torrent single.bin
mktorrent -d -l 18 -a $tracker -a http://tracker.example/a,http://tracker.example/b -o ../multi-l18.torrent multi
mktorrent -d -l 20 -p -a $tracker -w http://seed1.example/ -w http://seed2.example/ -n renamed -o ../multi-l20-private-webseeds.torrent multi
cd ..
python3 infohash.py --expected *.torrent > expected.json
