# User exceptions with fields, handlers, and a function that never returns.


class ParseError(Exception):
    def __init__(self, pos, msg):
        self.pos = pos
        self.msg = msg


def fail(pos):
    raise ParseError(pos, "bad input")


def parse(s):
    if not s.isdigit():
        fail(0)
    return int(s)


def entry_point(argv):
    for s in ["12", "x"]:
        try:
            print(parse(s))
        except ParseError as e:
            print("error at", e.pos, e.msg)
        except ValueError:
            print("value error")
        finally:
            print("done")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
