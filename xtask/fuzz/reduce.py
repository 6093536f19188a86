#!/usr/bin/env python3
"""Automatic test-case reduction for the differential fuzzer.

    python3 reduce.py PROGRAM.py -o OUT.py [--budget N] -- PREDICATE [ARGS...]

PREDICATE ARGS CANDIDATE.py exits 0 when the candidate still shows the
problem. The reducer works on the syntax tree (`ast`) and keeps every
candidate valid Python (`ast.unparse`); whether it is still RPython and
still fails the same way is the predicate's decision. It repeats, until
nothing changes:

1. deleting runs of statements from every statement list (halves, then
   quarters, ... then single statements), outermost lists first;
2. replacing compound statements by one of their bodies (`if` by its
   branches, loops and `try` and `with` by their bodies), dropping
   `else`/`finally` clauses and extra `except` handlers;
3. replacing expressions by one of their sub-expressions or by a small
   constant, and shortening constants.

The `if __name__ == "__main__":` tail and the entry point's definition are
kept. The smallest program found is written to OUT.py.
"""

import ast
import copy
import hashlib
import os
import subprocess
import sys
import tempfile
import warnings


class Reducer:
    def __init__(self, source, predicate, budget):
        self.tree = ast.parse(source)
        self.best = ast.unparse(self.tree)
        self.predicate = predicate
        self.budget = budget
        self.tests = 0
        self.cache = {}
        self.tmp = tempfile.mkdtemp(prefix="rpy-reduce-")
        self.name = "prog.py"

    # -- testing ---------------------------------------------------------------
    def interesting(self, tree):
        try:
            text = ast.unparse(ast.fix_missing_locations(tree)) + "\n"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compile(text, "<candidate>", "exec")
        except Exception:
            return False
        key = hashlib.sha256(text.encode()).hexdigest()
        if key in self.cache:
            return self.cache[key]
        if self.tests >= self.budget:
            return False
        self.tests += 1
        # A fresh directory per test: the predicate may leave files behind.
        d = os.path.join(self.tmp, "t%d" % self.tests)
        os.makedirs(d)
        path = os.path.join(d, self.name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            rc = subprocess.run(self.predicate + [path], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, timeout=600).returncode
        except subprocess.TimeoutExpired:
            rc = 1
        for entry in os.listdir(d):
            try:
                os.remove(os.path.join(d, entry))
            except OSError:
                pass
        try:
            os.rmdir(d)
        except OSError:
            pass
        ok = rc == 0
        self.cache[key] = ok
        if ok and len(text) < len(self.best):
            self.best = text
        return ok

    def attempt(self, mutate):
        """Applies `mutate` to a copy of the tree; keeps the copy if the
        result is still interesting. `mutate` returns False when it does
        not apply."""
        candidate = copy.deepcopy(self.tree)
        if mutate(candidate) is False:
            return False
        if self.interesting(candidate):
            self.tree = candidate
            return True
        return False

    # -- locating nodes ----------------------------------------------------------
    @staticmethod
    def stmt_lists(tree):
        """Every statement list of the tree, outermost first, as (node,
        field) pairs, in a deterministic order."""
        out = []
        queue = [tree]
        while queue:
            node = queue.pop(0)
            if Reducer.is_main_tail(node):
                continue
            for field in ("body", "orelse", "finalbody", "handlers"):
                value = getattr(node, field, None)
                if isinstance(value, list) and value and field != "handlers":
                    out.append((node, field))
                if isinstance(value, list):
                    queue.extend(v for v in value if isinstance(v, ast.AST))
        return out

    @staticmethod
    def is_main_tail(node):
        return isinstance(node, ast.If) and "__name__" in ast.unparse(node.test)

    @staticmethod
    def protected(stmt):
        if Reducer.is_main_tail(stmt):
            return True
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "entry_point":
            return True
        return False

    def nth_list(self, tree, i):
        lists = self.stmt_lists(tree)
        return lists[i] if i < len(lists) else (None, None)

    # -- passes ----------------------------------------------------------------------
    def delete_statements(self):
        changed = False
        i = 0
        while i < len(self.stmt_lists(self.tree)):
            node, field = self.nth_list(self.tree, i)
            n = len(getattr(node, field))
            chunk = max(n // 2, 1)
            while chunk >= 1:
                start = 0
                while True:
                    node, field = self.nth_list(self.tree, i)
                    if node is None:
                        break
                    body = getattr(node, field)
                    if start >= len(body):
                        break

                    def mutate(t, i=i, start=start, chunk=chunk):
                        node, field = self.nth_list(t, i)
                        body = getattr(node, field)
                        part = body[start:start + chunk]
                        if any(self.protected(s) for s in part):
                            return False
                        rest = body[:start] + body[start + chunk:]
                        if not rest:
                            if field == "orelse":
                                setattr(node, field, [])
                                return True
                            rest = [ast.Pass()]
                            if len(part) == 1 and isinstance(part[0], ast.Pass):
                                return False
                        setattr(node, field, rest)
                        return True

                    if self.attempt(mutate):
                        changed = True
                    else:
                        start += chunk
                if chunk == 1:
                    break
                chunk //= 2
            i += 1
        return changed

    def simplify_compounds(self):
        changed = False
        i = 0
        while True:
            stmts = [s for s in ast.walk(self.tree) if isinstance(s, ast.stmt)]
            if i >= len(stmts):
                break
            target = stmts[i]
            for replacement in self.compound_replacements(target):
                def mutate(t, i=i, replacement=replacement):
                    stmts = [s for s in ast.walk(t) if isinstance(s, ast.stmt)]
                    return self.replace_stmt(t, stmts[i], replacement(stmts[i]))
                if self.attempt(mutate):
                    changed = True
                    break
            i += 1
        return changed

    @staticmethod
    def compound_replacements(s):
        """Functions mapping a (copied) statement to its replacements."""
        out = []
        if isinstance(s, ast.If):
            if "__name__" in ast.unparse(s.test):
                return []
            out.append(lambda s: s.body)
            if s.orelse:
                out.append(lambda s: s.orelse)
                out.append(lambda s: [ast.If(test=s.test, body=s.body, orelse=[])])
        elif isinstance(s, (ast.For, ast.While)):
            if s.orelse:
                out.append(lambda s: [type(s)(**{**{f: getattr(s, f) for f in s._fields}, "orelse": []})])
            out.append(lambda s: s.body)
        elif isinstance(s, ast.Try):
            out.append(lambda s: s.body)
            out.append(lambda s: s.body + s.finalbody)
            if s.finalbody and s.handlers:
                out.append(lambda s: [ast.Try(body=s.body, handlers=s.handlers, orelse=s.orelse,
                                              finalbody=[])])
            if s.orelse:
                out.append(lambda s: [ast.Try(body=s.body, handlers=s.handlers, orelse=[],
                                              finalbody=s.finalbody)])
            for k in range(len(s.handlers)):
                if len(s.handlers) > 1 or s.finalbody:
                    out.append(lambda s, k=k: [ast.Try(body=s.body,
                                                       handlers=s.handlers[:k] + s.handlers[k + 1:],
                                                       orelse=s.orelse if len(s.handlers) > 1 else [],
                                                       finalbody=s.finalbody)])
        elif isinstance(s, ast.With):
            out.append(lambda s: s.body)
        return out

    def replace_stmt(self, tree, old, new):
        for node in ast.walk(tree):
            for field in ("body", "orelse", "finalbody"):
                body = getattr(node, field, None)
                if isinstance(body, list):
                    for k, s in enumerate(body):
                        if s is old:
                            body[k:k + 1] = new or [ast.Pass()]
                            return True
            for h in getattr(node, "handlers", []) or []:
                for k, s in enumerate(h.body):
                    if s is old:
                        h.body[k:k + 1] = new or [ast.Pass()]
                        return True
        return False

    def simplify_expressions(self):
        changed = False
        i = 0
        while True:
            exprs = self.exprs(self.tree)
            if i >= len(exprs):
                break
            for k in range(len(self.expr_replacements(exprs[i][0]))):
                def mutate(t, i=i, k=k):
                    exprs = self.exprs(t)
                    node, parent, field, idx = exprs[i]
                    options = self.expr_replacements(node)
                    if k >= len(options):
                        return False
                    new = options[k]
                    if idx is None:
                        setattr(parent, field, new)
                    else:
                        getattr(parent, field)[idx] = new
                    return True
                if self.attempt(mutate):
                    changed = True
                    break
            i += 1
        return changed

    @staticmethod
    def exprs(tree):
        """Every expression with its place: (node, parent, field, index)."""
        out = []
        tail = set()
        for node in ast.walk(tree):
            if Reducer.is_main_tail(node):
                tail |= {id(n) for n in ast.walk(node)}
        for parent in ast.walk(tree):
            if isinstance(parent, (ast.JoinedStr, ast.FormattedValue)) or id(parent) in tail:
                continue
            for field, value in ast.iter_fields(parent):
                if isinstance(value, ast.expr):
                    if not isinstance(value.ctx if hasattr(value, "ctx") else None, (ast.Store, ast.Del)):
                        out.append((value, parent, field, None))
                elif isinstance(value, list):
                    for idx, v in enumerate(value):
                        if isinstance(v, ast.expr) and not isinstance(getattr(v, "ctx", None),
                                                                      (ast.Store, ast.Del)):
                            out.append((v, parent, field, idx))
        return out

    # Calls whose result has the type of their arguments, more or less:
    # replacing them by an argument keeps a program typed.
    TRANSPARENT_CALLS = {"intmask", "str", "abs", "min", "max", "sorted", "list", "set", "dict",
                         "reversed", "float", "repr"}

    @classmethod
    def expr_replacements(cls, node):
        """Replacements of an expression that usually keep its type: a
        sub-expression of the same kind (operands, branches, the sliced
        value, the arguments of transparent calls), fewer items of a
        display, shorter constants, or a small constant. (Replacing a call
        by its callee or an attribute by its object would make programs
        print functions and instances, which is not what is looked for.)"""
        out = []
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, str) and len(v) > 1:
                out += [ast.Constant(v[:len(v) // 2]), ast.Constant(v[:1])]
            elif isinstance(v, int) and not isinstance(v, bool) and v not in (0, 1):
                out += [ast.Constant(0), ast.Constant(1)]
            elif isinstance(v, float) and v not in (0.0, 1.0):
                out += [ast.Constant(0.0), ast.Constant(1.0)]
            return out
        if isinstance(node, ast.Name):
            return out
        children = []
        if isinstance(node, ast.BinOp):
            children = [node.left, node.right]
        elif isinstance(node, ast.UnaryOp):
            children = [node.operand]
        elif isinstance(node, ast.IfExp):
            children = [node.body, node.orelse]
        elif isinstance(node, ast.BoolOp):
            children = list(node.values)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            children = [node.value]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in cls.TRANSPARENT_CALLS:
            children = list(node.args)
        out += [copy.deepcopy(c) for c in children if not isinstance(c, ast.Starred)]
        if isinstance(node, (ast.List, ast.Set)) and len(node.elts) > 1:
            for k in range(len(node.elts)):
                n = copy.deepcopy(node)
                del n.elts[k]
                out.append(n)
        if isinstance(node, ast.Dict) and len(node.keys) > 1:
            for k in range(len(node.keys)):
                n = copy.deepcopy(node)
                del n.keys[k]
                del n.values[k]
                out.append(n)
        if isinstance(node, ast.Call):
            for k in range(len(node.keywords)):
                n = copy.deepcopy(node)
                del n.keywords[k]
                out.append(n)
        if not isinstance(node, (ast.Lambda, ast.Starred)):
            out += [ast.Constant(0), ast.Constant("")]
        return out

    def run(self):
        if not self.interesting(self.tree):
            print("reduce.py: the original program is not interesting", file=sys.stderr)
            return False
        rounds = 0
        while self.tests < self.budget:
            rounds += 1
            changed = self.delete_statements()
            changed |= self.simplify_compounds()
            if not changed:
                changed |= self.simplify_expressions()
                if changed:
                    continue
                break
        self.best = ast.unparse(self.tree) + "\n"
        print("reduce.py: %d tests, %d rounds, %d lines" % (self.tests, rounds, self.best.count("\n")),
              file=sys.stderr)
        return True


def main(argv):
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    sep = argv.index("--")
    own, predicate = argv[1:sep], argv[sep + 1:]
    out = None
    budget = 2000
    program = None
    k = 0
    while k < len(own):
        if own[k] == "-o":
            out = own[k + 1]
            k += 2
        elif own[k] == "--budget":
            budget = int(own[k + 1])
            k += 2
        else:
            program = own[k]
            k += 1
    if program is None or out is None or not predicate:
        print(__doc__, file=sys.stderr)
        return 2
    with open(program, encoding="utf-8") as f:
        source = f.read()
    r = Reducer(source, predicate, budget)
    if not r.run():
        return 1
    with open(out, "w", encoding="utf-8") as f:
        f.write(r.best)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
