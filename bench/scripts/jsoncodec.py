# bench/scripts/jsoncodec.py N — JSON encode and decode: builds a document of
# N records (nested objects, arrays, strings with escapes, integers and
# floats from a fixed LCG), then 5 rounds of dumps / loads / re-dumps;
# prints the byte length and a CRC-32 of the final text and a sum over the
# decoded values.  Deterministic: no dict ordering or hash seed involved.
import json
import sys
import zlib

SEED = [12345]


def rnd(m):
    SEED[0] = (SEED[0] * 1103515245 + 12345) % 2147483648
    return (SEED[0] >> 16) % m


WORDS = ["alpha", "beta", "gamma", "delta", "tab\there", "quote\"d", "back\\slash",
         "line\nbreak", "caf\u00e9", "\u65e5\u672c", "z\u00fcrich", "omega"]


def record(i):
    return {
        "id": i,
        "name": WORDS[rnd(len(WORDS))] + str(rnd(1000)),
        "active": rnd(2) == 1,
        "score": rnd(1000000) / 1000.0,
        "tags": [WORDS[rnd(len(WORDS))] for _ in range(rnd(5))],
        "pos": {"x": rnd(2000) - 1000, "y": rnd(2000) - 1000, "z": None},
        "history": [[rnd(100), rnd(100) / 8.0] for _ in range(rnd(4))],
    }


def total(doc):
    s = 0.0
    for r in doc["records"]:
        s += r["id"] + r["score"] + r["pos"]["x"] - r["pos"]["y"] + len(r["tags"])
        for a, b in r["history"]:
            s += a * b
    return s


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    doc = {"version": 1, "records": [record(i) for i in range(n)]}
    for _ in range(5):
        text = json.dumps(doc, sort_keys=True, indent=1)
        doc = json.loads(text)
        text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
        doc = json.loads(text)
    data = text.encode("utf-8")
    print("%d %08x %.3f" % (len(data), zlib.crc32(data), total(doc)))


main()
