#!/usr/bin/env python3
"""Independent cross-check for the C# bencode code: a minimal bencode span parser.

  infohash.py FILE.torrent           print the upper-case SHA-1 of the raw `info` bytes
  infohash.py --expected FILE...     print the JSON facts the golden tests assert (expected.json)
"""
import hashlib
import json
import os
import sys


def decode(data, i):
    """Return (value, end) for the bencoded value starting at data[i]."""
    c = data[i:i + 1]
    if c == b"i":
        end = data.index(b"e", i)
        return int(data[i + 1:end]), end + 1
    if c == b"l":
        i += 1
        items = []
        while data[i:i + 1] != b"e":
            item, i = decode(data, i)
            items.append(item)
        return items, i + 1
    if c == b"d":
        i += 1
        result = {}
        while data[i:i + 1] != b"e":
            key, i = decode(data, i)
            start = i
            value, i = decode(data, i)
            result[key] = value
            result.setdefault(b"__spans__", {})[key] = (start, i)
        return result, i + 1
    colon = data.index(b":", i)
    length = int(data[i:colon])
    return data[colon + 1:colon + 1 + length], colon + 1 + length


def info_hash(data):
    root, end = decode(data, 0)
    assert end == len(data), "trailing bytes"
    start, stop = root[b"__spans__"][b"info"]
    return hashlib.sha1(data[start:stop]).hexdigest().upper()


def text(value):
    return None if value is None else value.decode("utf-8")


def facts(path):
    data = open(path, "rb").read()
    root, _ = decode(data, 0)
    info = root[b"info"]
    piece_length = info[b"piece length"]
    if b"files" in info:
        files = [{"path": [text(s) for s in f[b"path"]], "length": f[b"length"]} for f in info[b"files"]]
    else:
        files = [{"path": [text(info[b"name"])], "length": info[b"length"]}]
    total = sum(f["length"] for f in files)
    trackers = []
    for url in [root.get(b"announce")] + [u for tier in root.get(b"announce-list", []) for u in tier]:
        if url and text(url) not in trackers:
            trackers.append(text(url))
    seeds = root.get(b"url-list", [])
    seeds = [seeds] if isinstance(seeds, bytes) else seeds
    return {
        "file": os.path.basename(path),
        "infoHash": info_hash(data),
        "name": text(info[b"name"]),
        "isSingleFile": b"files" not in info,
        "files": files,
        "totalLength": total,
        "pieceLength": piece_length,
        "pieceCount": len(info[b"pieces"]) // 20,
        "trackers": trackers,
        "announceTiers": len(root.get(b"announce-list", [])),
        "webSeeds": [text(s) for s in seeds],
        "isPrivate": info.get(b"private", 0) == 1,
        "comment": text(root.get(b"comment")),
        "createdBy": text(root.get(b"created by")),
        "creationDate": root.get(b"creation date"),
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--expected"]:
        print(json.dumps([facts(p) for p in sys.argv[2:]], indent=2))
    else:
        print(info_hash(open(sys.argv[1], "rb").read()))
