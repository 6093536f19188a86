# A tiny bytecode interpreter with a JIT driver: the shape rpy is for.
from rpython.rlib.jit import JitDriver

driver = JitDriver(greens=["pc", "code"], reds=["acc", "regs"])

PUSH, ADD, DEC, JNZ, HALT = 0, 1, 2, 3, 4


def interpret(code, start):
    pc = 0
    acc = start
    regs = [0, 0]
    while True:
        driver.jit_merge_point(pc=pc, code=code, acc=acc, regs=regs)
        op = code[pc]
        if op == PUSH:
            regs[0] = code[pc + 1]
            pc += 2
        elif op == ADD:
            regs[1] += regs[0]
            pc += 1
        elif op == DEC:
            acc -= 1
            pc += 1
        elif op == JNZ:
            if acc != 0:
                pc = code[pc + 1]
            else:
                pc += 2
        else:
            return regs[1]


def entry_point(argv):
    code = [PUSH, 3, ADD, DEC, JNZ, 2, HALT]
    print("result", interpret(code, 1000))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
