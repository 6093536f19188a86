# OSError as CPython raises it from open(), os.open/read/write/close: the
# subclass the errno picks (FileNotFoundError, IsADirectoryError, ...),
# the attributes errno, strerror and filename, the message, and the old
# name IOError; OSError made by the program with an errno.
import os


def describe(e):
    return "%s errno=%d strerror=%s filename=%s | %s" % (
        kind(e),
        e.errno,
        e.strerror,
        e.filename,
        str(e),
    )


def kind(e):
    if isinstance(e, FileNotFoundError):
        return "FileNotFoundError"
    if isinstance(e, IsADirectoryError):
        return "IsADirectoryError"
    if isinstance(e, PermissionError):
        return "PermissionError"
    return "OSError"


def try_open(path):
    try:
        f = open(path)
        text = f.read()
        f.close()
        return "read %d chars" % len(text)
    except OSError as e:
        return describe(e)


def entry_point(argv):
    missing = "/nonexistent-dir-%d/file.txt" % len(argv)
    print(try_open(missing))
    print(try_open("/"))
    try:
        os.open(missing, os.O_RDONLY)
    except FileNotFoundError as e:
        print("os.open", describe(e))
    bad = 1000 + len(argv)
    try:
        os.read(bad, 10)
    except OSError as e:
        print("os.read", describe(e))
    try:
        os.write(bad, b"data")
    except IOError as e:
        print("os.write", describe(e))
    try:
        os.close(bad)
    except EnvironmentError as e:
        print("os.close", describe(e))
    try:
        os.read(0, -1)
    except OSError as e:
        print("negative count", describe(e))
    try:
        raise OSError(5, "custom failure")
    except OSError as e:
        print("made", describe(e))
    try:
        raise FileNotFoundError(2, "gone", "some/path")
    except OSError as e:
        print("made", describe(e))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
