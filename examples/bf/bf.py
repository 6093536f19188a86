"""A Brainfuck interpreter written in RPython.

Usage: bf.py PROGRAM.b

The program is parsed once into a list of opcodes with precomputed jump
targets, then run by a loop over that list: the classic shape of an
interpreter that rpy translates (and, later, JIT-compiles).
"""

import os

from rpython.rlib.jit import JitDriver

jitdriver = JitDriver(greens=["pc", "program", "targets"], reds=["pos", "tape"])

TAPE_SIZE = 30000


def parse(source):
    """Keeps the eight commands and pairs the brackets."""
    program = []
    for c in source:
        if c in "+-<>[].,":
            program.append(c)
    targets = [0] * len(program)
    stack = []
    for i in range(len(program)):
        if program[i] == "[":
            stack.append(i)
        elif program[i] == "]":
            if not stack:
                raise ValueError("unmatched ]")
            j = stack.pop()
            targets[i] = j
            targets[j] = i
    if stack:
        raise ValueError("unmatched [")
    return program, targets


def run(program, targets):
    tape = [0] * TAPE_SIZE
    pos = 0
    pc = 0
    out = []
    while pc < len(program):
        jitdriver.jit_merge_point(pc=pc, program=program, targets=targets, tape=tape, pos=pos)
        op = program[pc]
        if op == "+":
            tape[pos] = (tape[pos] + 1) & 255
        elif op == "-":
            tape[pos] = (tape[pos] - 1) & 255
        elif op == ">":
            pos += 1
        elif op == "<":
            pos -= 1
        elif op == ".":
            out.append(chr(tape[pos]))
            if tape[pos] == 10:
                os.write(1, "".join(out).encode("latin-1"))
                out = []
        elif op == ",":
            data = os.read(0, 1)
            tape[pos] = data[0] if len(data) > 0 else 0
        elif op == "[":
            if tape[pos] == 0:
                pc = targets[pc]
        elif op == "]":
            if tape[pos] != 0:
                pc = targets[pc]
        pc += 1
    if out:
        os.write(1, "".join(out).encode("latin-1"))


def entry_point(argv):
    if len(argv) < 2:
        os.write(2, b"usage: bf.py PROGRAM.b\n")
        return 2
    fd = os.open(argv[1], os.O_RDONLY, 0o777)
    chunks = []
    while True:
        data = os.read(fd, 4096)
        if len(data) == 0:
            break
        chunks.append(data.decode("latin-1"))
    os.close(fd)
    try:
        program, targets = parse("".join(chunks))
    except ValueError as e:
        os.write(2, ("error: %s\n" % str(e)).encode("utf-8"))
        return 1
    run(program, targets)
    return 0


def target(*args):
    return entry_point


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
