#!/usr/bin/env python3
"""Runs a generated program under CPython as `python3 PROGRAM.py` would,
with its integer arithmetic checked.

    python3 pyrun.py PROGRAM.py [ARGS...]

RPython ints are machine words that wrap silently; CPython's are unbounded.
The generator keeps every int expression in the signed 64-bit range or
passes it through `intmask` (or `ovfcheck`), where both agree. This runner
checks that promise: the value of every arithmetic operation, augmented
assignment and call outside the arguments of `intmask`/`ovfcheck` must be
an int in range (or not an int). When one is not, it writes
`FUZZ-INT-OVERFLOW` on stderr and exits with status 99: the program is not
a valid test (a generator bug), whatever the translator does with it.
Otherwise the program behaves exactly as under `python3 PROGRAM.py`
(same `sys.argv`, `__name__`, output, exceptions and exit status).
"""

import ast
import os
import sys

LOW, HIGH = -2**63, 2**63 - 1
CHECK = "_fuzz_int_check_"


def check(value):
    if type(value) is int and not LOW <= value <= HIGH:
        sys.stdout.flush()
        sys.stderr.write("FUZZ-INT-OVERFLOW: %d\n" % value)
        sys.stderr.flush()
        os._exit(99)
    return value


def checked(node):
    return ast.copy_location(
        ast.Call(func=ast.Name(id=CHECK, ctx=ast.Load()), args=[node], keywords=[]), node)


class Instrument(ast.NodeTransformer):
    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id in ("intmask", "ovfcheck"):
            # Wraps (or raises OverflowError) as in RPython.
            return node
        self.generic_visit(node)
        return checked(node)

    def visit_BinOp(self, node):
        self.generic_visit(node)
        return checked(node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.operand, ast.Constant):
            return node  # a literal such as -9223372036854775808
        return checked(node)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if not isinstance(node.target, ast.Name):
            return node
        value = ast.BinOp(left=ast.Name(id=node.target.id, ctx=ast.Load()), op=node.op, right=node.value)
        return ast.copy_location(
            ast.Assign(targets=[ast.Name(id=node.target.id, ctx=ast.Store())],
                       value=checked(ast.copy_location(value, node))), node)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        source = f.read()
    tree = Instrument().visit(ast.parse(source, path))
    code = compile(ast.fix_missing_locations(tree), path, "exec")
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    module = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__, CHECK: check}
    exec(code, module)
    return 0


if __name__ == "__main__":
    sys.exit(main())
