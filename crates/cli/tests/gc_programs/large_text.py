# Text through every path that decodes or encodes, at sizes where a
# moving collector runs in the middle of a decode: a file written and read
# back whole, by lines and with os.read; bytes decoded and encoded; text
# on stdin. The size (in characters) is the first argument; the file is
# the second, and stdin carries a copy of its bytes.
import os
import sys

PIECES = ["plain ascii words ", "caf\xe9 ", "\u20ac\u2122 ", "\U0001f600 ", "na\xefve\n"]


def make_text(size):
    parts = []
    total = 0
    i = 0
    while total < size:
        piece = PIECES[i % len(PIECES)]
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)


def checksum(s):
    h = 0
    for ch in s:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h


def entry_point(argv):
    size = int(argv[1])
    path = argv[2]
    text = make_text(size)
    data = text.encode("utf-8")
    print("chars", len(text), "bytes", len(data), "checksum", checksum(text))
    back = data.decode("utf-8")
    print("decode equal", back == text, checksum(back))
    f = open(path, "w")
    f.write(text)
    f.close()
    f = open(path, "r")
    whole = f.read()
    f.close()
    print("read equal", whole == text)
    f = open(path, "r")
    lines = 0
    chars = 0
    while True:
        line = f.readline()
        if not line:
            break
        lines += 1
        chars += len(line)
    f.close()
    print("lines", lines, "chars", chars)
    fd = os.open(path, os.O_RDONLY)
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    raw = b"".join(chunks)
    print("os.read equal", raw == data)
    piped = sys.stdin.read()
    print("stdin equal", piped == text, checksum(piped))
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
