# JIT hints and the string builder.
from rpython.rlib.jit import JitDriver, promote, we_are_jitted, hint
from rpython.rlib.rstring import StringBuilder

driver = JitDriver(greens=["pc", "code"], reds=["acc"])


def run(code):
    pc = 0
    acc = 0
    while pc < len(code):
        driver.jit_merge_point(pc=pc, code=code, acc=acc)
        op = code[pc]
        if op == "+":
            acc += 1
        elif op == "-":
            acc -= 1
        pc += 1
    return promote(acc)


def render(n):
    sb = StringBuilder()
    for i in range(n):
        sb.append(str(i))
    return sb.build()


def entry_point(argv):
    print(run("++-+"), render(4), we_are_jitted(), hint(3, promote=True))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
