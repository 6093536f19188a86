# Bytes and os.write: constants, encoding, indexing, writes mixed with
# print keep their order.
import os


def entry_point(argv):
    print("before")
    os.write(1, b"raw bytes line\n")
    data = "héllo".encode("utf-8")
    print("utf-8 length", len(data), data[0], data[1], data[2])
    latin = "abc".encode("latin-1")
    print("latin", len(latin), latin[2])
    text = data.decode("utf-8")
    print("decoded", text, len(text))
    os.write(1, "after\n".encode("ascii"))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
