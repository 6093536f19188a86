# A small stack machine whose tables are built at import time with the
# standard modules (inspect.getmembers, globals(), operator, functools,
# collections, itertools, types), then run translated: what translated code
# uses are the products — dicts of functions, injected classes and
# functions, constants.
import functools
import inspect
import itertools
import operator
import sys
import types
from collections import OrderedDict, namedtuple

BINARY = OrderedDict()
for _sym, _func in [("+", operator.add), ("-", operator.sub), ("*", operator.mul),
                    ("//", operator.floordiv), ("%", operator.mod)]:
    BINARY[_sym] = _func
BINARY = dict(BINARY)
COMPARE = {"<": operator.lt, "<=": operator.le, "==": operator.eq,
           "!=": operator.ne, ">": operator.gt, ">=": operator.ge}


class Instr(object):
    """Base class of the instructions."""
    arity = 0

    def __init__(self, arg):
        self.arg = arg


# One instruction class per name, injected into the module by name.
Spec = namedtuple("Spec", "name arity")
SPECS = [Spec("Push", 1), Spec("Pop", 0), Spec("Dup", 0), Spec("Binop", 1), Spec("Cmp", 1), Spec("Jmpf", 1),
         Spec("Jmp", 1), Spec("Print", 0), Spec("Halt", 0)]
for _spec in SPECS:
    globals()[_spec.name] = type(_spec.name, (Instr,), {"arity": _spec.arity})
CODE_OF = dict((name, i) for i, name in enumerate(s.name for s in SPECS))


class Machine(object):
    def __init__(self):
        self.stack = []
        self.pc = 0
        self.out = []

    def op_Push(self, instr):
        self.stack.append(instr.arg)

    def op_Pop(self, instr):
        self.stack.pop()

    def op_Dup(self, instr):
        self.stack.append(self.stack[-1])

    def op_Binop(self, instr):
        b = self.stack.pop()
        a = self.stack.pop()
        self.stack.append(BINARY[SYMBOLS[instr.arg]](a, b))

    def op_Cmp(self, instr):
        b = self.stack.pop()
        a = self.stack.pop()
        self.stack.append(1 if COMPARE[SYMBOLS[instr.arg]](a, b) else 0)

    def op_Jmpf(self, instr):
        if self.stack.pop() == 0:
            self.pc = instr.arg - 1

    def op_Jmp(self, instr):
        self.pc = instr.arg - 1

    def op_Print(self, instr):
        self.out.append(str(self.stack[-1]))

    def op_Halt(self, instr):
        self.pc = -2


# The dispatch table: found by inspection, keyed by instruction class.
HANDLERS = {}
for _name, _method in inspect.getmembers(Machine, inspect.isfunction):
    if _name.startswith("op_"):
        HANDLERS[globals()[_name[3:]]] = _method
assert len(HANDLERS) == len(SPECS)
SYMBOLS = sorted(BINARY) + sorted(COMPARE)
SYMBOL_INDEX = dict((s, i) for i, s in enumerate(SYMBOLS))


# Helper functions made in a loop and injected by name.
def _make_scaler(k):
    def scale(x):
        return x * k
    return scale


for _k in range(2, 5):
    globals()["times%d" % _k] = _make_scaler(_k)
CONFIG = types.SimpleNamespace(limit=10, name="stack machine")
FACTORIAL_10 = functools.reduce(operator.mul, range(1, 11))
PAIRS = [a + b for a, b in itertools.combinations("abc", 2)]
SIG = str(inspect.signature(Machine.op_Binop))


def assemble(text):
    """Text to instruction objects: one instruction per line."""
    program = []
    for line in text.split("\n"):
        words = line.split()
        if not words:
            continue
        name = words[0]
        if name == "Push":
            program.append(Push(int(words[1])))
        elif name == "Pop":
            program.append(Pop(0))
        elif name == "Dup":
            program.append(Dup(0))
        elif name == "Binop":
            program.append(Binop(SYMBOL_INDEX[words[1]]))
        elif name == "Cmp":
            program.append(Cmp(SYMBOL_INDEX[words[1]]))
        elif name == "Jmpf":
            program.append(Jmpf(int(words[1])))
        elif name == "Jmp":
            program.append(Jmp(int(words[1])))
        elif name == "Print":
            program.append(Print(0))
        else:
            program.append(Halt(0))
    return program


def run(program):
    m = Machine()
    while 0 <= m.pc < len(program):
        instr = program[m.pc]
        HANDLERS[instr.__class__](m, instr)
        m.pc += 1
    return m.out


COUNTDOWN = """
Push 5
Dup
Print
Pop
Push 1
Binop -
Dup
Push 0
Cmp >
Jmpf 11
Jmp 1
Halt
"""


def entry_point(argv):
    program = assemble(COUNTDOWN)
    print(" ".join(run(program)))
    print(len(program), program[0].arity, program[5].arity, isinstance(program[3], Instr))
    for sym in SYMBOLS:
        if sym in BINARY:
            print(sym, BINARY[sym](17, 5))
        else:
            print(sym, COMPARE[sym](3, 4))
    print(times2(21), times3(7), times4(len(argv)))
    print(CONFIG.name, CONFIG.limit, FACTORIAL_10, PAIRS, SIG)
    print(CODE_OF["Jmp"], len(HANDLERS))
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
