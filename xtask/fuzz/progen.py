#!/usr/bin/env python3
"""Random, well-typed RPython programs for differential testing.

    python3 progen.py SEED [--avoid FEATURE,...]

prints one program on stdout; the same seed always gives the same program.
The program is ordinary Python 3 and RPython (see RPYTHON.md): every
variable, list item, dict key and value and attribute keeps one type, the
entry point is `entry_point(argv)`, and CPython's output is the reference.

The generator is type-directed: it keeps the variables in scope with their
types and, for numbers, a bound on their magnitude, so that no integer
expression leaves the signed 64-bit range under CPython (wider results go
through `intmask`, which wraps exactly as the translated code does) and no
float becomes inf or nan. It bounds the lengths of strings and containers
and the number of statements a run executes, so every program is fast.

`--avoid` drops features behind known translator bugs, so that a long
campaign can look for new ones (see FEATURES).
"""

import random
import sys

INT, FLOAT, BOOL, STR, BYTES = "int", "float", "bool", "str", "bytes"
OBJ = ("obj", "Base")


def L(t):
    return ("list", t)


def D(k, v):
    return ("dict", k, v)


def S(t):
    return ("set", t)


def T(a, b):
    return ("tuple", a, b)


MAXI = 2**63 - 1
WIDE = 2**63  # bound of an int that may be anything in range
SMALL = 2**42  # read bound of a "small" int variable
SMALL_ASSIGN = 2**32  # what may be assigned to a small variable
SMALL_STEP = 2**16  # what may be added to a small variable in a loop
FMAX = 1e13  # read bound of a float variable
FASSIGN = 1e12
FLIMIT = 1e200  # no float expression may exceed this
STR_CAP = 60  # length bound of str variables
CAP = 40  # count bound of container variables
FUNC_BUDGET = 2500  # statements one call of a function may execute
ENTRY_BUDGET = 40000

# Features that can be avoided with --avoid (each known to expose a
# translator bug at some point; a campaign can skip them to find others).
FEATURES = {
    "special-case": "str.upper/lower on text with special case mappings (ß, ﬁ, final sigma, İ)",
    "unicode-digits": "int() and isdigit on non-ASCII digits",
    "minint-div": "// and % of the most negative int by -1",
    "int-truediv": "int / int with an operand beyond 2**53",
    "extreme-slice": "slices with a step whose bounds are near the ends of the 64-bit range",
    "exc-str": "str() of built-in exceptions",
    "uncaught": "exceptions escaping the entry point",
    # constructs the translator refuses (not supported yet)
    "tuple-except": "`except (A, B):`",
    "const-overflow": "int expressions of constants only whose value leaves 64 bits (folded by the compiler)",
    "dict-str": "str() and print() of dicts",
    "empty-literal": "empty list, dict and set literals",
    "char-iter": "comprehensions over a one-character string",
    "bytes-truth": "the truth value of bytes",
    "list-eq": "`in` and index() on lists of lists",
    "assert": "assert statements inside try blocks (an internal error when an inner handler does not catch AssertionError)",
    "char-ops": "slicing, indexing and methods of one-character strings",
    "list-bytes": "list() of bytes",
    "slice-assign": "assignment to a list slice",
    "repr-nonprintable": "repr() of str holding non-printable characters (U+00A0, U+2003)",
}

NONPRINTABLE_STRS = ["\u00a0nbsp", "em\u2003space"]
PLAIN_STRS = [
    "", "a", "ab", "abc", "Hello, World", "héllo wörld", "naïve café", "日本語テキスト",
    "Ωμέγα", "🐍 snake", "a,b,,c", "  padded  ", "tab\there", "line1\nline2",
    "quote'\"s", "x-y_z", "123", "-45", "ÀÉÎÕÜ",
    "e\u0301", "mixed Ünïcödé 42", "ok", "||", "the quick brown fox", "ÆØÅ æøå",
    "кириллица", "عربى", "0", "   ", "A1 b2 C3",
]
SPECIAL_CASE_STRS = ["zß", "straße", "ﬁne", "ΣΑΣ ΟΔΟΣ", "İstanbul", "ǅemal", "ŉ"]
DIGIT_STRS = ["١٢٣", "²", "½", "٣"]
INT_TEXTS = ["42", "-7", " 12 ", "+3", "0", "1_000", "007", "-0"]
BAD_INT_TEXTS = ["x", "", "1.5", "0x10", "1__0", "--1", "12a"]
UNI_INT_TEXTS = ["٣", "١٢"]
FLOAT_TEXTS = ["1.5", "-0.0", "1e3", " 2.5 ", "3", "-1.25e-3", "1_0.5", ".5"]
SEPS = [",", " ", "-", "ab", "é", "||", ", "]
CHARS = [" ", "a", "é", "-", "x", ",", "日", "ab"]

INTERESTING_INTS = [
    0, 1, -1, 2, -2, 3, 7, -13, 10, 100, 255, -256, 1000, 65535, 2**31 - 1, -2**31,
    2**31, 2**32, 2**32 - 1, 2**53, 2**53 + 1, 2**62, -2**62, MAXI, -MAXI, 10**18,
    -10**18, 123456789, -987654321, 0x5555555555555555, 2**63 - 2,
]
SMALL_INTS = [0, 1, -1, 2, -2, 3, 5, 7, -9, 10, 42, 100, -128, 1000]
FLOATS = [
    "0.0", "1.0", "-1.0", "0.5", "1.5", "-2.25", "0.1", "0.2", "3.14159", "1e-07", "300000.0",
    "123456.789", "-0.0", "2.5e-05", "1e+16", "9007199254740993.0", "0.3333333333333333",
    "1e-300", "-7.0", "1234567.0", "100.0", "0.125", "2.5", "1e+22", "1e-05", "5e-324",
    "123456789012345678.0", "0.30000000000000004", "1.7976931348623157e+308", "2.2250738585072014e-308",
]


def flit_value(s):
    return abs(float(s))


class Var:
    def __init__(self, name, t, bound, mutable=True, count=0):
        self.name = name
        self.t = t
        self.bound = bound  # int/float magnitude, str length, container count cap
        self.mutable = mutable  # may be assigned / grown
        self.count = count  # growth so far (containers, str)
        self.growable = mutable


class E:
    """A generated expression: code, type and bound (magnitude for numbers,
    length for str/bytes, count for containers)."""

    def __init__(self, code, t, bound=0, const=False):
        self.code = code
        self.t = t
        self.bound = bound
        self.const = const  # made of literals only (the compiler may fold it)


class Func:
    def __init__(self, name, params, ret, kind="func"):
        self.name = name
        self.params = params  # list of (name, type, bound)
        self.ret = ret
        self.kind = kind
        self.cost = 1
        self.raises = set()
        self.defaults = {}  # parameter name -> default value (code)


def is_container(t):
    return isinstance(t, tuple) and t[0] in ("list", "dict", "set")


def tname(t):
    if isinstance(t, str):
        return t
    return t[0] + "_" + "_".join(tname(x) for x in t[1:])


class Gen:
    def __init__(self, seed, avoid=()):
        self.r = random.Random(seed)
        self.avoid = set(avoid)
        self.lines = []
        self.ind = 0
        self.counter = 0
        self.funcs = []  # callable module functions, in definition order
        self.gens = []  # generator functions
        self.hofs = []  # higher-order helpers taking an int -> int function
        self.int_funcs = []  # module functions int -> int (for function values)
        self.need_math = False
        self.need_sys = False
        self.need_ctx = False
        self.strs = PLAIN_STRS + ([] if "special-case" in self.avoid else SPECIAL_CASE_STRS)
        if "unicode-digits" not in self.avoid:
            self.strs = self.strs + DIGIT_STRS
        if "repr-nonprintable" not in self.avoid:
            self.strs = self.strs + NONPRINTABLE_STRS
        # per-function state
        self.scopes = []
        self.fn = None
        self.mult = 1
        self.budget = FUNC_BUDGET
        self.catching = set()
        self.loop_depth = 0
        self.in_gen = False
        self.in_method = None
        self.classes_ready = False
        self.method_cost = {}

    # ---- helpers -------------------------------------------------------
    def chance(self, p):
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    def fresh(self, prefix="v"):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def emit(self, line):
        self.lines.append("    " * self.ind + line)

    def visible(self, pred=lambda v: True):
        out = []
        for scope in self.scopes:
            for v in scope:
                if pred(v):
                    out.append(v)
        return out

    def declare(self, v):
        self.scopes[-1].append(v)
        return v

    def charge(self, n=1):
        """Counts `n` statements at the current loop multiplier; false when
        the function's budget would be exceeded."""
        c = n * self.mult
        if self.fn.cost + c > self.budget:
            return False
        self.fn.cost += c
        return True

    def can_afford(self, n):
        return self.fn.cost + n * self.mult <= self.budget

    def push(self):
        self.scopes.append([])

    def pop(self):
        self.scopes.pop()

    # ---- literals ------------------------------------------------------
    def int_lit(self, small=False):
        if small or self.chance(0.4):
            v = self.pick(SMALL_INTS)
        else:
            v = self.pick(INTERESTING_INTS)
            if self.chance(0.2):
                v = self.r.randint(-10**6, 10**6)
        if abs(v) > 1000 and "const-overflow" in self.avoid:
            return E("int('%d')" % v, INT, abs(v))
        if v == -2**63:
            return E("(-9223372036854775807 - 1)", INT, WIDE, const=True)
        code = str(v) if v >= 0 else "(%d)" % v
        return E(code, INT, abs(v), const=True)

    def min_int(self):
        if "const-overflow" in self.avoid:
            return E("int('-9223372036854775808')", INT, WIDE)
        if self.chance(0.5):
            return E("(-9223372036854775807 - 1)", INT, WIDE, const=True)
        return E("(-9223372036854775808)", INT, WIDE, const=True)

    def str_lit(self):
        s = self.pick(self.strs)
        if len(s) == 1:
            return E(self.nochar(repr(s)), STR, 1)
        return E(repr(s), STR, len(s))

    def nochar(self, code):
        """With char-ops avoided, a value that may be a one-character
        string goes through str(), which the translator types as str."""
        if "char-ops" in self.avoid:
            return "str(%s)" % code
        return code

    def float_lit(self):
        s = self.pick(FLOATS)
        return E(s if not s.startswith("-") else "(%s)" % s, FLOAT, flit_value(s))

    # ---- int expressions -----------------------------------------------
    def wrap(self, code, bound):
        """An int expression that may leave the 64-bit range goes through
        intmask (exact wrap-around under CPython, a no-op when translated)."""
        if bound > MAXI:
            return E("intmask(%s)" % code, INT, WIDE)
        return E(code, INT, bound)

    def small_int(self, d, limit=10):
        """An int expression in [0, limit)."""
        c = self.r.random()
        if c < 0.35 or d <= 0:
            return E(str(self.r.randint(0, limit - 1)), INT, limit)
        e = self.int_expr(d - 1)
        return E("(%s %% %d)" % (e.code, limit), INT, limit)

    def nonzero_divisor(self, d):
        c = self.r.random()
        if c < 0.4:
            v = self.pick([1, -1, 2, -2, 3, 7, -10, 255, 1000, 2**32, MAXI])
            code = str(v) if v > 0 else "(%d)" % v
            return E(code, INT, abs(v)), v != -1
        e = self.int_expr(d - 1)
        return E("(%s | 1)" % e.code, INT, max(e.bound, 1)), False

    def unfold(self, a, b):
        """With const-overflow avoided, an operation on two constants gets
        its second operand through int() of its text, which the compiler
        cannot fold."""
        if a.const and b.const and "const-overflow" in self.avoid:
            v = eval(b.code)
            return E("int(%r)" % str(v), INT, b.bound)
        return b

    def int_expr(self, d=3):
        e = self._int_expr(d)
        return e

    def _int_expr(self, d):
        r = self.r.random()
        if d <= 0 or r < 0.18:
            return self.int_leaf()
        if r < 0.40:
            a, b = self.int_expr(d - 1), self.int_expr(d - 1)
            b = self.unfold(a, b)
            op = self.pick(["+", "-", "*"])
            bound = a.bound * b.bound if op == "*" else a.bound + b.bound
            return self.wrap("(%s %s %s)" % (a.code, op, b.code), bound)
        if r < 0.50:
            a = self.int_expr(d - 1)
            b, safe = self.nonzero_divisor(d)
            op = self.pick(["//", "%"])
            if op == "//":
                if a.bound >= WIDE and not safe:
                    if "minint-div" in self.avoid:
                        return E("(%s // %s)" % (a.code, "2"), INT, a.bound)
                    return self.wrap("(%s // %s)" % (a.code, b.code), WIDE + 1)
                return E("(%s // %s)" % (a.code, b.code), INT, a.bound)
            if a.bound >= WIDE and not safe and "minint-div" in self.avoid:
                return E("(%s %% %s)" % (a.code, "3"), INT, 3)
            return E("(%s %% %s)" % (a.code, b.code), INT, b.bound)
        if r < 0.60:
            a, b = self.int_expr(d - 1), self.int_expr(d - 1)
            op = self.pick(["&", "|", "^"])
            bound = 1
            while bound <= max(a.bound, b.bound):
                bound *= 2
            return E("(%s %s %s)" % (a.code, op, b.code), INT, min(bound, WIDE))
        if r < 0.68:
            a = self.int_expr(d - 1)
            if a.const and "const-overflow" in self.avoid:
                a = E("int(%r)" % str(eval(a.code)), INT, a.bound)
            if self.chance(0.5):
                if self.chance(0.5):
                    n = self.r.randint(0, 63)
                    return E("(%s >> %d)" % (a.code, n), INT, a.bound)
                n = self.small_int(d - 1, 64)
                return E("(%s >> %s)" % (a.code, n.code), INT, a.bound)
            if self.chance(0.6):
                n = self.r.randint(0, 63)
                return self.wrap("(%s << %d)" % (a.code, n), a.bound * 2**n)
            n = self.small_int(d - 1, 64)
            return self.wrap("(%s << %s)" % (a.code, n.code), a.bound * 2**63)
        if r < 0.74:
            a = self.int_expr(d - 1)
            if a.const and "const-overflow" in self.avoid:
                a = E("int(%r)" % str(eval(a.code)), INT, a.bound)
            op = self.pick(["-", "~", "abs"])
            if op == "abs":
                return self.wrap("abs(%s)" % a.code, a.bound)
            if op == "~":
                return self.wrap("(~%s)" % a.code, a.bound + 1)
            return self.wrap("(-%s)" % a.code, a.bound)
        if r < 0.78:
            a, b = self.int_expr(d - 1), self.int_expr(d - 1)
            return E("%s(%s, %s)" % (self.pick(["min", "max"]), a.code, b.code), INT,
                     max(a.bound, b.bound))
        if r < 0.83:
            c = self.bool_expr(d - 1)
            a, b = self.int_expr(d - 1), self.int_expr(d - 1)
            return E("(%s if %s else %s)" % (a.code, c.code, b.code), INT, max(a.bound, b.bound))
        if r < 0.88:
            return self.int_from_other(d)
        if r < 0.95:
            call = self.call_returning(INT, d)
            if call is not None:
                return call
        return self.int_leaf()

    def int_leaf(self):
        vs = self.visible(lambda v: v.t == INT)
        if vs and self.chance(0.7):
            v = self.pick(vs)
            return E(v.name, INT, v.bound)
        if self.fn is not None and self.chance(0.1):
            if self.chance(0.5):
                return E("TABLE[%s %% len(TABLE)]" % self.int_lit().code, INT, WIDE)
            return E("COUNTS.get(%s, %s)" % (self.str_lit().code, self.int_lit().code), INT, WIDE)
        if self.chance(0.05):
            return self.min_int()
        return self.int_lit()

    def int_from_other(self, d):
        c = self.r.randint(0, 11)
        if c == 0:
            s = self.str_expr(d - 1)
            return E("len(%s)" % s.code, INT, s.bound)
        if c == 1:
            t = self.pick([L(INT), L(STR), D(STR, INT), S(INT)])
            e = self.expr(t, d - 1)
            return E("len(%s)" % e.code, INT, e.bound)
        if c == 2:
            s = self.str_expr(d - 1)
            return E("ord((%s + %r)[0])" % (s.code, self.pick(["?", "é", "日"])), INT, 0x10FFFF)
        if c == 3:
            f = self.float_expr(d - 1)
            if f.bound >= 9e18:
                # int() of a float beyond 64 bits is a big int under
                # CPython and an OverflowError in RPython
                return E("int(min(max(%s, -1e18), 1e18))" % f.code, INT, 10**18)
            return E("int(%s)" % f.code, INT, int(f.bound) + 1)
        if c == 4:
            s, sub = self.str_expr(d - 1), self.str_expr(d - 1)
            m = self.pick(["find", "rfind", "count"])
            return E("%s.%s(%s)" % (s.code, m, sub.code), INT, s.bound + 1)
        if c == 5:
            lst = self.expr(L(INT), d - 1)
            return self.wrap("sum(%s)" % lst.code, lst.bound * WIDE)
        if c == 6:
            lst = self.expr(L(INT), d - 1)
            i = self.int_expr(d - 1)
            return E("(%s[%s %% len(%s)] if %s else %s)" % (lst.code, i.code, lst.code, lst.code,
                                                       self.int_lit().code), INT, WIDE)
        if c == 7:
            dd = self.expr(D(STR, INT), d - 1)
            k = self.str_expr(d - 1)
            dflt = self.int_lit()
            return E("%s.get(%s, %s)" % (dd.code, k.code, dflt.code), INT, WIDE)
        if c == 8:
            t = self.expr(T(INT, STR), d - 1)
            return E("%s[0]" % t.code, INT, WIDE)
        if c == 9:
            txt = self.pick(INT_TEXTS)
            return E("int(%r)" % txt, INT, 1000)
        if c == 10 and self.classes_ready:
            o = self.obj_expr(d - 1)
            if self.chance(0.5):
                return E("%s.a" % o.code, INT, WIDE)
            k = self.int_expr(d - 1)
            cost = self.method_cost.get("get", 50)
            if self.can_afford(cost):
                self.fn.cost += cost * self.mult
                return E("%s.get(%s)" % (o.code, k.code), INT, WIDE)
            return E("%s.a" % o.code, INT, WIDE)
        if c == 11:
            b = self.expr(BYTES, d - 1)
            i = self.int_expr(d - 1)
            guard = "len(%s) > 0" % b.code if "bytes-truth" in self.avoid else b.code
            return E("(%s[%s %% len(%s)] if %s else 0)" % (b.code, i.code, b.code, guard), INT, 255)
        return self.int_leaf()

    # ---- floats ----------------------------------------------------------
    def float_expr(self, d=3):
        r = self.r.random()
        if d <= 0 or r < 0.2:
            return self.float_leaf()
        if r < 0.45:
            a, b = self.float_expr(d - 1), self.float_expr(d - 1)
            op = self.pick(["+", "-", "*"])
            bound = a.bound * b.bound if op == "*" else a.bound + b.bound
            if bound > FLIMIT:
                return a
            return E("(%s %s %s)" % (a.code, op, b.code), FLOAT, bound)
        if r < 0.55:
            a, b = self.float_expr(d - 1), self.float_expr(d - 1)
            op = self.pick(["/", "//", "%"])
            if a.bound * 4 + 1 > FLIMIT or b.bound + 1 > FLIMIT:
                return a
            if op == "/":
                # |b| + 0.5 >= 0.5
                return E("(%s / (abs(%s) + 0.5))" % (a.code, b.code), FLOAT, a.bound * 2)
            if op == "//":
                return E("(%s // (abs(%s) + 0.25))" % (a.code, b.code), FLOAT, a.bound * 4 + 1)
            return E("(%s %% (abs(%s) + 0.75))" % (a.code, b.code), FLOAT, b.bound + 1)
        if r < 0.62:
            i = self.int_expr(d - 1)
            if self.chance(0.5):
                return E("float(%s)" % i.code, FLOAT, float(i.bound) + 1)
            j, _ = self.nonzero_divisor(d)
            if max(i.bound, j.bound) > 2**53 and "int-truediv" in self.avoid:
                # CPython rounds the exact quotient once
                return E("(float(%s) / float(%s))" % (i.code, j.code), FLOAT, float(i.bound) + 1)
            return E("(%s / %s)" % (i.code, j.code), FLOAT, float(i.bound) + 1)
        if r < 0.70:
            a = self.float_expr(d - 1)
            op = self.r.randint(0, 7)
            self.need_math = True
            if op == 0:
                return E("math.sqrt(abs(%s))" % a.code, FLOAT, max(a.bound, 1.0))
            if op == 1:
                return E("abs(%s)" % a.code, FLOAT, a.bound)
            if op == 2:
                return E("(-%s)" % a.code, FLOAT, a.bound)
            if op == 3:
                return E("math.sin(%s)" % a.code, FLOAT, 1.0)
            if op == 4:
                return E("math.cos(%s)" % a.code, FLOAT, 1.0)
            if op == 5:
                return E("math.log(abs(%s) + 1.0)" % a.code, FLOAT, 700.0)
            if op == 6:
                return E("math.exp(min(%s, 50.0))" % a.code, FLOAT, 6e21)
            return E("math.fabs(%s)" % a.code, FLOAT, a.bound)
        if r < 0.76:
            a, b = self.float_expr(d - 1), self.float_expr(d - 1)
            return E("%s(%s, %s)" % (self.pick(["min", "max"]), a.code, b.code), FLOAT,
                     max(a.bound, b.bound))
        if r < 0.80:
            c = self.bool_expr(d - 1)
            a, b = self.float_expr(d - 1), self.float_expr(d - 1)
            return E("(%s if %s else %s)" % (a.code, c.code, b.code), FLOAT, max(a.bound, b.bound))
        if r < 0.84:
            txt = self.pick(FLOAT_TEXTS)
            return E("float(%r)" % txt, FLOAT, 1e3)
        if r < 0.88:
            lst = self.expr(L(FLOAT), d - 1)
            i = self.int_expr(d - 1)
            return E("(%s[%s %% len(%s)] if %s else 0.0)" % (lst.code, i.code, lst.code, lst.code),
                     FLOAT, FMAX)
        if r < 0.93:
            call = self.call_returning(FLOAT, d)
            if call is not None:
                return call
        if r < 0.96:
            self.need_math = True
            return E(self.pick(["math.pi", "math.e"]), FLOAT, 4.0)
        return self.float_leaf()

    def float_leaf(self):
        vs = self.visible(lambda v: v.t == FLOAT)
        if vs and self.chance(0.7):
            v = self.pick(vs)
            return E(v.name, FLOAT, v.bound)
        return self.float_lit()

    # ---- bools -------------------------------------------------------------
    def bool_expr(self, d=2):
        r = self.r.random()
        if d <= 0 or r < 0.1:
            vs = self.visible(lambda v: v.t == BOOL)
            if vs and self.chance(0.6):
                return E(self.pick(vs).name, BOOL)
            return E(self.pick(["True", "False"]), BOOL)
        if r < 0.35:
            a, b = self.int_expr(d - 1), self.int_expr(d - 1)
            op = self.pick(["<", "<=", "==", "!=", ">", ">="])
            if self.chance(0.15):
                c = self.int_expr(d - 1)
                return E("(%s < %s <= %s)" % (a.code, b.code, c.code), BOOL)
            return E("(%s %s %s)" % (a.code, op, b.code), BOOL)
        if r < 0.45:
            a, b = self.float_expr(d - 1), self.float_expr(d - 1)
            return E("(%s %s %s)" % (a.code, self.pick(["<", "<=", "==", "!=", ">"]), b.code), BOOL)
        if r < 0.55:
            a, b = self.str_expr(d - 1), self.str_expr(d - 1)
            op = self.pick(["<", "<=", "==", "!=", ">", "in", "not in"])
            return E("(%s %s %s)" % (a.code, op, b.code), BOOL)
        if r < 0.65:
            a, b = self.bool_expr(d - 1), self.bool_expr(d - 1)
            op = self.pick(["and", "or"])
            if self.chance(0.3):
                return E("(not %s)" % a.code, BOOL)
            return E("(%s %s %s)" % (a.code, op, b.code), BOOL)
        if r < 0.72:
            s = self.str_expr(d - 1)
            m = self.pick(["isdigit", "isalpha", "isalnum", "isspace", "startswith", "endswith"])
            if m in ("startswith", "endswith"):
                return E("%s.%s(%s)" % (s.code, m, self.str_expr(d - 1).code), BOOL)
            if m == "isdigit" and "unicode-digits" in self.avoid:
                m = "isalpha"
            return E("%s.%s()" % (s.code, m), BOOL)
        if r < 0.80:
            t = self.pick([L(INT), L(STR), S(INT), S(STR), D(STR, INT), D(INT, STR)])
            e = self.expr(t, d - 1)
            item = t[1]
            x = self.expr(item, d - 1)
            return E("(%s %s %s)" % (x.code, self.pick(["in", "not in"]), e.code), BOOL)
        if r < 0.86:
            t = self.pick([INT, STR, L(INT), FLOAT])
            e = self.expr(t, d - 1)
            return E("bool(%s)" % e.code, BOOL)
        if r < 0.92 and self.classes_ready:
            o = self.obj_expr(d - 1)
            return E("isinstance(%s, %s)" % (o.code, self.pick(self.class_names)), BOOL)
        call = self.call_returning(BOOL, d)
        if call is not None:
            return call
        return E(self.pick(["True", "False"]), BOOL)

    # ---- strings -----------------------------------------------------------
    def clamp_str(self, e, cap=STR_CAP):
        if e.bound > cap:
            return E("%s[:%d]" % (e.code, cap), STR, cap)
        return e

    def str_leaf(self):
        vs = self.visible(lambda v: v.t == STR)
        if vs and self.chance(0.65):
            v = self.pick(vs)
            if v.bound == 1:  # a character of an iterated string
                return E(self.nochar(v.name), STR, 1)
            return E(v.name, STR, v.bound)
        return self.str_lit()

    def str_expr(self, d=3):
        e = self._str_expr(d)
        if "char-ops" in self.avoid and not e.code.isidentifier() and not e.code.startswith("str(") \
                and not e.code.startswith(("'", '"')):
            # a constant expression with a one-character value is typed
            # as a character; str() of it is a string
            e = E("str(%s)" % e.code, STR, e.bound)
        return self.clamp_str(e, 200)

    def _str_expr(self, d):
        r = self.r.random()
        if d <= 0 or r < 0.18:
            return self.str_leaf()
        if r < 0.28:
            a, b = self.str_expr(d - 1), self.str_expr(d - 1)
            return E("(%s + %s)" % (a.code, b.code), STR, a.bound + b.bound)
        if r < 0.31:
            a = self.str_expr(d - 1)
            k = self.small_int(d - 1, 4) if self.chance(0.5) else E(str(self.r.randint(-1, 3)), INT, 3)
            return E("(%s * %s)" % (a.code, k.code), STR, a.bound * 3)
        if r < 0.43:
            a = self.str_expr(d - 1)
            return E(self.slice_of(a.code, d), STR, a.bound)
        if r < 0.47:
            a = self.str_expr(d - 1)
            i = self.int_expr(d - 1)
            return E(self.nochar("(%s[%s %% len(%s)] if %s else %r)" % (a.code, i.code, a.code, a.code, "-")),
                     STR, 1)
        if r < 0.60:
            a = self.str_expr(d - 1)
            m = self.r.randint(0, 7)
            if m == 0:
                return E("%s.%s()" % (a.code, self.pick(["upper", "lower"])), STR, a.bound * 3)
            if m == 1:
                return E("%s.%s()" % (a.code, self.pick(["strip", "lstrip", "rstrip"])), STR, a.bound)
            if m == 2:
                chars = self.pick([" ", "a", "-x", "é ", "日"])
                return E("%s.%s(%r)" % (a.code, self.pick(["strip", "lstrip", "rstrip"]), chars), STR,
                         a.bound)
            if m == 3:
                old = self.pick(CHARS + [""]) if self.chance(0.8) else self.str_leaf().code
                if old.startswith("'") or old.startswith('"') or not old or old in CHARS:
                    old_code = old if (old.startswith("'") or old.startswith('"')) else repr(old)
                else:
                    old_code = old
                new = self.pick(["", "_", "éé", "XYZ"])
                return E("%s.replace(%s, %r)" % (a.code, old_code, new), STR, a.bound * 4 + 3)
            if m == 4:
                lst = self.expr(L(STR), d - 1)
                sep = self.pick(SEPS + [""])
                return E("%r.join(%s)" % (sep, lst.code), STR, lst.bound * (STR_CAP + 2))
            if m == 5:
                return E("%s.join(%s)" % (a.code, self.expr(L(STR), d - 1).code), STR,
                         CAP * (STR_CAP + a.bound))
            if m == 6:
                return E(self.pick(["repr(%s)", "str(%s)"]) % a.code, STR, a.bound * 10 + 2)
            return E("(%s or %r)" % (a.code, self.pick(["empty", "∅"])), STR, max(a.bound, 5))
        if r < 0.70:
            return self.str_of_other(d)
        if r < 0.80:
            return self.fstring(d)
        if r < 0.86:
            return self.percent_format(d)
        if r < 0.90:
            c = self.bool_expr(d - 1)
            a, b = self.str_expr(d - 1), self.str_expr(d - 1)
            return E("(%s if %s else %s)" % (a.code, c.code, b.code), STR, max(a.bound, b.bound))
        if r < 0.95:
            call = self.call_returning(STR, d)
            if call is not None:
                return call
        return self.str_leaf()

    def slice_of(self, code, d):
        def idx():
            if self.chance(0.5):
                return str(self.r.randint(-6, 8))
            e = self.int_expr(d - 1)
            if step_given and e.bound > 2**40 and "extreme-slice" in self.avoid:
                return "(%s %% 1000 - 500)" % e.code
            return e.code
        c = self.r.randint(0, 4)
        step_given = c >= 3
        if c == 0:
            return "%s[%s:]" % (code, idx())
        if c == 1:
            return "%s[:%s]" % (code, idx())
        if c == 2:
            return "%s[%s:%s]" % (code, idx(), idx())
        step = self.pick(["-1", "2", "-2", "3", "-3", "1"])
        if c == 3:
            return "%s[::%s]" % (code, step)
        return "%s[%s:%s:%s]" % (code, idx(), idx(), step)

    def str_of_other(self, d):
        c = self.r.randint(0, 9)
        if c == 0:
            i = self.int_expr(d - 1)
            return E("%s(%s)" % (self.pick(["str", "repr", "hex", "oct", "bin"]), i.code), STR, 70)
        if c == 1:
            f = self.float_expr(d - 1)
            return E("%s(%s)" % (self.pick(["str", "repr"]), f.code), STR, 30)
        if c == 2:
            b = self.bool_expr(d - 1)
            return E("str(%s)" % b.code, STR, 5)
        if c == 3:
            i = self.int_expr(d - 1)
            base = self.pick([65, 97, 0x3b1, 0x4e00, 0xe0, 0x1f600, 48])
            return E(self.nochar("chr(%d + %s %% 26)" % (base, i.code)), STR, 1)
        if c == 4:
            lst = self.expr(L(STR), d - 1)
            i = self.int_expr(d - 1)
            return E("(%s[%s %% len(%s)] if %s else %r)" % (lst.code, i.code, lst.code, lst.code, "none"),
                     STR, STR_CAP)
        if c == 5:
            dd = self.expr(D(INT, STR), d - 1)
            k = self.int_expr(d - 1)
            return E("%s.get(%s, %r)" % (dd.code, k.code, "?"), STR, STR_CAP)
        if c == 6 and self.classes_ready:
            o = self.obj_expr(d - 1)
            if self.chance(0.5):
                return E("%s.s" % o.code, STR, STR_CAP)
            cost = self.method_cost.get("describe", 50)
            if self.can_afford(cost):
                self.fn.cost += cost * self.mult
                return E("%s.describe()" % o.code, STR, 200)
            return E("%s.s" % o.code, STR, STR_CAP)
        if c == 7:
            t = self.expr(T(INT, STR), d - 1)
            return E("%s[1]" % t.code, STR, STR_CAP)
        if c == 8:
            s = self.str_expr(d - 1)
            return E("%s.encode('utf-8').decode('utf-8')" % s.code, STR, s.bound)
        t = self.pick([L(INT), L(STR), L(FLOAT), T(INT, STR)] +
                      ([] if "dict-str" in self.avoid else [D(STR, INT)]))
        e = self.expr(t, d - 1)
        return E("str(%s)" % e.code, STR, 2000)

    def fspec_int(self):
        return self.pick(["", "", "d", "5d", "<6d", ">8d", "05d", "x", "8x", "3"])

    def fspec_float(self):
        return self.pick(["", ".2f", "8.3f", "e", ".3e", "g", ".4g", "<10.2f", ".0f", "12.5g"])

    def fspec_str(self):
        return self.pick(["", "s", "8s", ">8", "<10", ">3"])

    def fstring(self, d):
        parts = []
        bound = 0
        for _ in range(self.r.randint(1, 3)):
            lit = self.pick(["", "x=", " | ", "é:", "[", "] ", "{{", "}}", "日 "])
            parts.append(lit)
            bound += len(lit)
            t = self.pick([INT, FLOAT, STR, BOOL])
            if t == INT:
                e = self.int_expr(d - 1)
                spec = self.fspec_int()
            elif t == FLOAT:
                e = self.float_expr(d - 1)
                spec = self.fspec_float()
            elif t == STR:
                e = self.str_expr(d - 1)
                spec = self.fspec_str()
            else:
                e = self.bool_expr(d - 1)
                spec = ""
            code = e.code
            conv = self.pick(["", "", "!r"]) if t in (STR, INT) and not spec else ""
            inner = code
            if "'" in inner or "\\" in inner or "\n" in inner:
                # quotes inside f-string replacement fields need a
                # different quote character before Python 3.12
                inner = inner.replace("'", '"')
                if "\\" in inner or not self.quotes_swappable(code):
                    inner = None
            if inner is None:
                parts.append("{%s}" % "0")
                bound += 1
                continue
            if inner.startswith("{") or "f'" in code or 'f"' in code:
                inner = "(%s)" % inner if "f'" not in code and 'f"' not in code else None
            if inner is None:
                parts.append("{%s}" % "0")
                bound += 1
                continue
            parts.append("{%s%s%s}" % (inner, conv, (":" + spec) if spec else ""))
            bound += 40 + e.bound * 10
        return E("f'" + "".join(parts) + "'", STR, bound)

    def quotes_swappable(self, code):
        # a code string whose single-quoted literals contain no double quote
        return '"' not in code

    def percent_format(self, d):
        fmts = []
        args = []
        bound = 0
        for _ in range(self.r.randint(1, 3)):
            t = self.pick([INT, FLOAT, STR])
            if t == INT:
                e = self.int_expr(d - 1)
                f = self.pick(["%d", "%5d", "%-5d", "%05d", "%x", "%s", "%r"])
            elif t == FLOAT:
                e = self.float_expr(d - 1)
                f = self.pick(["%f", "%.2f", "%8.3f", "%e", "%g", "%.3g", "%s", "%r", "%.1e"])
            else:
                e = self.str_expr(d - 1)
                f = self.pick(["%s", "%r", "%8s", "%-6s"])
            fmts.append(f + self.pick(["", " ", "|", "%% ", ", "]))
            args.append(e.code)
            bound += 40 + e.bound * 6
        fmt = "".join(fmts)
        if len(args) == 1 and self.chance(0.5) and not args[0].startswith("("):
            return E("(%r %% %s)" % (fmt, args[0]), STR, bound)
        return E("(%r %% (%s,))" % (fmt, ", ".join(args)), STR, bound)

    # ---- bytes -------------------------------------------------------------
    def bytes_expr(self, d):
        r = self.r.random()
        vs = self.visible(lambda v: v.t == BYTES)
        if vs and r < 0.3:
            v = self.pick(vs)
            return E(v.name, BYTES, v.bound)
        if r < 0.5 or d <= 0:
            s = self.pick([b"", b"abc", b"\x00\xff", b"hello world", b"\xe2\x82\xac"])
            return E(repr(s), BYTES, len(s))
        if r < 0.75:
            s = self.str_expr(d - 1)
            return E("%s.encode('utf-8')" % s.code, BYTES, s.bound * 4)
        if r < 0.85:
            a, b = self.bytes_expr(d - 1), self.bytes_expr(d - 1)
            e = E("(%s + %s)" % (a.code, b.code), BYTES, a.bound + b.bound)
        else:
            a = self.bytes_expr(d - 1)
            e = E(self.slice_of(a.code, d), BYTES, a.bound)
        if e.bound > 200:
            e = E("%s[:200]" % e.code, BYTES, 200)
        return e

    # ---- containers ----------------------------------------------------------
    def var_of(self, t):
        vs = self.visible(lambda v: v.t == t)
        if vs:
            v = self.pick(vs)
            return E(v.name, t, v.bound)
        return None

    def item_expr(self, t, d):
        if t == INT:
            return self.int_expr(d)
        if t == FLOAT:
            e = self.float_expr(d)
            if e.bound > FASSIGN:
                e = E("min(max(%s, -1e12), 1e12)" % e.code, FLOAT, 1e12)
            return e
        if t == STR:
            return self.clamp_str(self.str_expr(d))
        return self.expr(t, d)

    def list_expr(self, t, d):
        el = t[1]
        r = self.r.random()
        if r < 0.3 or d <= 0:
            v = self.var_of(t)
            if v is not None and (r < 0.25 or d <= 0):
                return v
            n = self.r.randint(0 if d > 0 and el != OBJ else 1, 4)
            if n == 0 and (self.chance(0.5) or "empty-literal" in self.avoid):
                n = 1
            items = [self.item_expr(el, max(d - 1, 0)).code for _ in range(n)]
            return E("[%s]" % ", ".join(items), t, n)
        if r < 0.4:
            a, b = self.list_expr(t, d - 1), self.list_expr(t, d - 1)
            return self.clamp_list(E("(%s + %s)" % (a.code, b.code), t, a.bound + b.bound))
        if r < 0.45:
            a = self.list_expr(t, d - 1)
            k = self.r.randint(0, 3)
            return self.clamp_list(E("(%s * %d)" % (a.code, k), t, a.bound * k))
        if r < 0.55:
            a = self.list_expr(t, d - 1)
            return E(self.slice_of(a.code, d), t, a.bound)
        if r < 0.7:
            return self.comprehension(t, d)
        if r < 0.78 and el in (INT, STR, FLOAT):
            a = self.list_expr(t, d - 1)
            return E("%s(%s)" % (self.pick(["sorted", "list"]), a.code), t, a.bound)
        if r < 0.82:
            a = self.list_expr(t, d - 1)
            return E("list(reversed(%s))" % a.code, t, a.bound)
        if el == STR and r < 0.9:
            s = self.str_expr(d - 1)
            if self.chance(0.3):
                return self.clamp_list(E("%s.split()" % s.code, t, s.bound + 1))
            sep = self.pick(SEPS)
            m = self.pick(["split", "rsplit"])
            if self.chance(0.3):
                return self.clamp_list(E("%s.%s(%r, %d)" % (s.code, m, sep, self.r.randint(0, 2)), t, 3))
            return self.clamp_list(E("%s.%s(%r)" % (s.code, m, sep), t, s.bound + 1))
        if el == INT and r < 0.9:
            a, b = self.r.randint(-5, 5), self.r.randint(-5, 12)
            step = self.pick([1, 2, 3, -1, -2])
            n = len(range(a, b, step))
            return E("list(range(%d, %d, %d))" % (a, b, step), t, n)
        if el in (INT, STR) and r < 0.93:
            dd = self.expr(D(STR, INT) if el == STR else D(INT, STR), d - 1)
            if self.chance(0.5):
                return E("list(%s)" % dd.code, t, dd.bound)
            return E("list(%s.keys())" % dd.code, t, dd.bound)
        if el in (INT, STR) and r < 0.96:
            s = self.expr(S(el), d - 1)
            return E("sorted(%s)" % s.code, t, s.bound)
        call = self.call_returning(t, d)
        if call is not None:
            return call
        v = self.var_of(t)
        if v is not None:
            return v
        return E("[%s]" % self.item_expr(el, 0).code, t, 1)

    def clamp_list(self, e):
        if e.bound > CAP:
            return E("%s[:%d]" % (e.code, CAP), e.t, CAP)
        return e

    def iterable(self, d, want=None):
        """An iterable for a comprehension or a for loop: (code, item type,
        count bound, item bound)."""
        c = self.r.randint(0, 6)
        if want is not None and want not in (INT, STR, FLOAT):
            c = 1
        if c == 0 and want in (None, INT):
            a = self.r.randint(-3, 3)
            b = self.r.randint(a, a + 8)
            if self.chance(0.5):
                return "range(%d)" % (b - a + 1), INT, b - a + 1, b - a + 1
            return "range(%d, %d)" % (a, b), INT, b - a, max(abs(a), abs(b))
        if c in (1, 2):
            t = want or self.pick([INT, STR, FLOAT])
            lst = self.list_expr(L(t), d)
            return lst.code, t, lst.bound, (WIDE if t == INT else FMAX if t == FLOAT else STR_CAP)
        if c == 3 and want in (None, STR):
            s = self.str_expr(d)
            if "char-iter" in self.avoid:
                return "(%s + 'ab')" % s.code, STR, s.bound + 2, 1
            return s.code, STR, s.bound, 1
        if c == 4 and want in (None, INT):
            s = self.expr(S(INT), d)
            return "sorted(%s)" % s.code, INT, s.bound, WIDE
        if c == 5 and want in (None, STR, INT):
            k = want or self.pick([INT, STR])
            dd = self.expr(D(STR, INT) if k == STR else D(INT, STR), d)
            return dd.code, k, dd.bound, (WIDE if k == INT else STR_CAP)
        t = want or INT
        lst = self.list_expr(L(t), d)
        return lst.code, t, lst.bound, (WIDE if t == INT else FMAX if t == FLOAT else STR_CAP)

    def with_var(self, name, t, bound, f):
        self.push()
        self.declare(Var(name, t, bound, mutable=False))
        try:
            return f()
        finally:
            self.pop()

    def comprehension(self, t, d):
        el = t[1] if t[0] in ("list", "set") else None
        code, it, n, ib = self.iterable(d - 1)
        x = self.fresh("c")
        def body():
            cond = ""
            if self.chance(0.4):
                cond = self.bool_expr(1).code
                if "empty-literal" in self.avoid:
                    # a filter that may be constant makes items of an
                    # impossible type
                    cond = "(bool(%s) or %s)" % (x, cond)
                cond = " if " + cond
            if t[0] == "dict":
                k = self.item_expr(t[1], 1)
                v = self.item_expr(t[2], 1)
                return "{%s: %s for %s in %s%s}" % (k.code, v.code, x, code, cond)
            e = self.item_expr(el, 1)
            if t[0] == "set":
                return "{%s for %s in %s%s}" % (e.code, x, code, cond)
            return "[%s for %s in %s%s]" % (e.code, x, code, cond)
        self.mult *= max(n, 1)
        try:
            c = self.with_var(x, it, ib, body)
        finally:
            self.mult //= max(n, 1)
        return E(c, t, n)

    def dict_expr(self, t, d):
        r = self.r.random()
        v = self.var_of(t)
        if v is not None and (r < 0.4 or d <= 0):
            return v
        if r < 0.65 or d <= 0:
            n = self.r.randint(1 if "empty-literal" in self.avoid else 0, 4)
            items = []
            for _ in range(n):
                k = self.item_expr(t[1], 0)
                val = self.item_expr(t[2], 0)
                items.append("%s: %s" % (k.code, val.code))
            return E("{%s}" % ", ".join(items), t, n)
        if r < 0.8:
            return self.comprehension(t, d)
        if r < 0.9:
            a = self.dict_expr(t, d - 1)
            return E("dict(%s)" % a.code, t, a.bound)
        call = self.call_returning(t, d)
        if call is not None:
            return call
        v = self.var_of(t)
        if v is not None:
            return v
        return E("dict(%s)" % self.dict_expr(t, 0).code, t, CAP)

    def set_expr(self, t, d):
        r = self.r.random()
        v = self.var_of(t)
        if v is not None and (r < 0.35 or d <= 0):
            return v
        if r < 0.55 or d <= 0:
            n = self.r.randint(1 if "empty-literal" in self.avoid else 0, 4)
            if n == 0:
                return E("set()", t, 0)
            return E("{%s}" % ", ".join(self.item_expr(t[1], 0).code for _ in range(n)), t, n)
        if r < 0.7:
            lst = self.list_expr(L(t[1]), d - 1)
            return E("set(%s)" % lst.code, t, lst.bound)
        if r < 0.85:
            a, b = self.set_expr(t, d - 1), self.set_expr(t, d - 1)
            op = self.pick(["|", "&", "-"])
            return E("(%s %s %s)" % (a.code, op, b.code), t, a.bound + b.bound if op == "|" else a.bound)
        return self.comprehension(t, d)

    def tuple_expr(self, t, d):
        v = self.var_of(t)
        if v is not None and self.chance(0.4):
            return v
        if self.chance(0.15):
            call = self.call_returning(t, d)
            if call is not None:
                return call
        a = self.item_expr(t[1], max(d - 1, 0))
        b = self.item_expr(t[2], max(d - 1, 0))
        return E("(%s, %s)" % (a.code, b.code), t, 0)

    # ---- instances -------------------------------------------------------------
    def obj_expr(self, d):
        v = self.var_of(OBJ)
        r = self.r.random()
        if v is not None and r < 0.5:
            return v
        if r < 0.6:
            call = self.call_returning(OBJ, d)
            if call is not None:
                return call
        if r < 0.7:
            lst = self.var_of(L(OBJ))
            if lst is not None:
                i = self.int_expr(max(d - 1, 0))
                return E("(%s[%s %% len(%s)] if %s else PREBUILT)" % (lst.code, i.code, lst.code, lst.code),
                         OBJ)
        if r < 0.75:
            return E(self.pick(["PREBUILT", "PREBUILT_LIST[0]", "PREBUILT_LIST[-1]"]), OBJ)
        return self.new_obj(d)

    def new_obj(self, d):
        cls = self.pick(self.class_names)
        d = max(d - 1, 0)
        a = self.int_expr(d)
        s = self.clamp_str(self.str_expr(d))
        if cls in ("Sub1", "Sub3"):
            items = self.clamp_list(self.list_expr(L(INT), d))
            return E("%s(%s, %s, %s)" % (cls, a.code, s.code, items.code), OBJ)
        return E("%s(%s, %s)" % (cls, a.code, s.code), OBJ)

    def expr(self, t, d=2):
        if t == INT:
            return self.int_expr(d)
        if t == FLOAT:
            return self.float_expr(d)
        if t == BOOL:
            return self.bool_expr(d)
        if t == STR:
            return self.str_expr(d)
        if t == BYTES:
            return self.bytes_expr(d)
        if t == OBJ:
            return self.obj_expr(d)
        if t[0] == "list":
            return self.list_expr(t, d)
        if t[0] == "dict":
            return self.dict_expr(t, d)
        if t[0] == "set":
            return self.set_expr(t, d)
        if t[0] == "tuple":
            return self.tuple_expr(t, d)
        raise AssertionError(t)

    # ---- calls -----------------------------------------------------------------
    def call_returning(self, t, d):
        """A call of an earlier module function returning `t`, when one
        exists, its exceptions are handled here and the budget allows."""
        if self.fn is None or d <= 0:
            return None
        cands = [f for f in self.funcs if f.ret == t and f is not self.fn
                 and f.raises <= self.catching_all() and self.can_afford(f.cost + 1)]
        if not cands:
            return None
        f = self.pick(cands)
        return self.call(f, d)

    def catching_all(self):
        s = set(self.catching)
        if "Exception" in s:
            s |= {"FuzzError", "FuzzSubError", "IndexError", "KeyError", "ValueError",
                  "ZeroDivisionError", "OverflowError", "AssertionError"}
        if "FuzzError" in s:
            s.add("FuzzSubError")
        return s

    def call(self, f, d):
        self.fn.cost += (f.cost + 1) * self.mult
        self.fn.raises |= f.raises
        return E("%s(%s)" % (f.name, self.call_args(f, d)), f.ret, self.ret_bound(f.ret))

    def call_args(self, f, d):
        """Arguments for the parameters of `f`: a parameter with a default
        value (the last one) may be left out or passed by keyword."""
        args = []
        for k, p in enumerate(f.params):
            default = f.defaults.get(p[0])
            if default is not None and self.chance(0.4):
                continue
            a = self.arg_for(p, max(d - 1, 0))
            if (default is not None or k == len(f.params) - 1) and self.chance(0.3):
                a = "%s=%s" % (p[0], a)
            args.append(a)
        return ", ".join(args)

    def ret_bound(self, t):
        if t == INT:
            return WIDE
        if t == FLOAT:
            return FMAX
        if t == STR:
            return STR_CAP
        if is_container(t):
            return CAP
        return 0

    def arg_for(self, p, d):
        name, t, bound = p
        if t == INT:
            if bound <= 16:
                return self.small_int(d, bound).code
            e = self.int_expr(d)
            if e.bound > bound:
                return "(%s %% %d)" % (e.code, 1000)
            return e.code
        if t == FLOAT:
            e = self.float_expr(d)
            if e.bound > FASSIGN:
                return "min(max(%s, -1e12), 1e12)" % e.code
            return e.code
        if t == STR:
            return self.clamp_str(self.str_expr(d)).code
        if is_container(t):
            e = self.expr(t, d)
            if e.bound > CAP:
                if t[0] == "list":
                    return "%s[:%d]" % (e.code, CAP)
            return e.code
        return self.expr(t, d).code

    # ---- statements --------------------------------------------------------------
    def assign_value(self, v, e):
        """The code assigned to variable `v` from expression `e`, clamped to
        the variable's bound."""
        if v.t == INT:
            if e.bound > v.bound or (v.bound == SMALL and e.bound > SMALL_ASSIGN):
                if v.bound == SMALL:
                    return "(%s %% %d)" % (e.code, self.pick([7, 1000, 65536, 1000003]))
                return "intmask(%s)" % e.code if e.bound > MAXI else e.code
            return e.code
        if v.t == FLOAT:
            if e.bound > FASSIGN:
                return "min(max(%s, -1e12), 1e12)" % e.code
            return e.code
        if v.t == STR:
            return self.clamp_str(e).code
        if v.t[0] == "list" if isinstance(v.t, tuple) else False:
            return self.clamp_list(e).code
        return e.code

    def new_var_stmt(self, d=3, t=None):
        if t is None:
            t = self.random_type()
        name = self.fresh()
        e = self.expr(t, d)
        if t == INT:
            small = e.bound <= SMALL_ASSIGN or self.chance(0.3)
            v = Var(name, t, SMALL if small else WIDE)
        elif t == FLOAT:
            v = Var(name, t, FMAX)
        elif t == STR:
            v = Var(name, t, STR_CAP)
            e = self.clamp_str(e, 30)
            v.count = e.bound
        elif t == BYTES:
            v = Var(name, t, 200)
        elif is_container(t):
            if t[0] == "list":
                e = self.clamp_list(e)
            v = Var(name, t, CAP)
            v.count = min(e.bound, CAP)
            if t[0] == "dict" and e.bound > CAP:
                return
        else:
            v = Var(name, t, 0)
        code = self.assign_value(v, e)
        self.emit("%s = %s" % (name, code))
        self.declare(v)
        if self.chance(0.5):
            self.emit(self.print_of(v.name, t))

    def random_type(self):
        ts = [INT] * 6 + [FLOAT] * 3 + [STR] * 5 + [BOOL] * 2 + [L(INT)] * 2 + [L(STR)] * 2 + \
             [L(FLOAT), D(STR, INT), D(STR, INT), D(INT, STR), S(INT), S(STR), T(INT, STR), BYTES,
              L(L(INT)), D(STR, L(INT)), D(T(INT, STR), INT)]
        if self.classes_ready:
            ts += [OBJ, OBJ, L(OBJ)]
        return self.pick(ts)

    def print_of(self, code, t, label=None):
        if label is None:
            label = repr(self.fresh("p").replace("p", "#"))
        if isinstance(t, tuple) and t[0] == "set":
            return "print(%s, sorted(%s))" % (label, code)
        if t == OBJ:
            return "print(%s, %s.describe())" % (label, code)
        if t == L(OBJ):
            return "print(%s, [o.describe() for o in %s])" % (label, code)
        if isinstance(t, tuple) and t[0] == "dict" and "dict-str" in self.avoid:
            return "print(%s, list(%s.items()))" % (label, code)
        c = self.r.random()
        if c < 0.1:
            return "print(%s, %s, sep=%r)" % (label, code, self.pick(["|", "", " :: ", "é"]))
        if c < 0.15:
            return "print(%s, %s, end=%r)" % (label, code, self.pick(["\n\n", " ;\n", "|\n"]))
        if c < 0.2 and t == STR:
            self.need_sys = True
            return "sys.stdout.write(%s + %s + '\\n')" % (label, code)
        return "print(%s, %s)" % (label, code)

    def print_stmt(self, d=2):
        t = self.random_type()
        if t == BOOL or self.chance(0.3):
            e = self.expr(t, d)
        else:
            e = self.expr(t, d)
        if not self.charge():
            return
        self.emit(self.print_of(e.code, t))

    def assign_stmt(self, d=2):
        vs = self.visible(lambda v: v.mutable and not is_container(v.t))
        if not vs:
            return self.new_var_stmt(d)
        v = self.pick(vs)
        if not self.charge():
            return
        if v.t == INT and self.chance(0.5):
            return self.aug_int(v, d)
        if v.t == STR and self.chance(0.4):
            e = self.clamp_str(self.str_expr(d - 1), 10)
            if v.count + e.bound * self.mult <= STR_CAP:
                v.count += e.bound * self.mult
                self.emit("%s += %s" % (v.name, e.code))
                return
            self.emit("%s = (%s + %s)[:%d]" % (v.name, v.name, e.code, STR_CAP))
            return
        if v.t == FLOAT and self.chance(0.3):
            self.emit("%s = min(max(%s * %s, -1e12), 1e12)" % (v.name, v.name, self.float_expr(d).code))
            return
        e = self.expr(v.t, d)
        if v.t == STR:
            e = self.clamp_str(e, 30)
            if self.mult > 1 or v.count + e.bound > STR_CAP:
                v.count = STR_CAP
            v.count = max(v.count, e.bound)
        self.emit("%s = %s" % (v.name, self.assign_value(v, e)))

    def aug_int(self, v, d):
        if v.bound == SMALL:
            e = self.int_expr(d - 1)
            if e.bound > SMALL_STEP:
                e = E("(%s %% %d)" % (e.code, self.pick([3, 10, 100, 65536])), INT, 65536)
            self.emit("%s %s= %s" % (v.name, self.pick(["+", "-"]), e.code))
            return
        op = self.r.randint(0, 5)
        e = self.int_expr(d - 1)
        if op == 0:
            self.emit("%s ^= %s" % (v.name, e.code))
        elif op == 1:
            self.emit("%s &= %s" % (v.name, e.code))
        elif op == 2:
            self.emit("%s |= %s" % (v.name, e.code))
        elif op == 3:
            self.emit("%s >>= %d" % (v.name, self.r.randint(0, 63)))
        elif op == 4:
            self.emit("%s = intmask(%s * %s)" % (v.name, v.name, e.code))
        else:
            op = self.pick(["+", "-", "<<"])
            rhs = str(self.r.randint(0, 63)) if op == "<<" else e.code
            self.emit("%s = intmask(%s %s %s)" % (v.name, v.name, op, rhs))

    def container_stmt(self, d=2):
        vs = self.visible(lambda v: is_container(v.t))
        if not vs:
            return self.new_var_stmt(d, self.pick([L(INT), L(STR), D(STR, INT), S(INT)]))
        v = self.pick(vs)
        if not self.charge():
            return
        t = v.t
        grow_ok = v.mutable and v.growable and v.count + self.mult <= CAP
        if t[0] == "list":
            el = t[1]
            c = self.r.randint(0, 11)
            if c == 0 and grow_ok:
                v.count += self.mult
                self.emit("%s.append(%s)" % (v.name, self.item_expr(el, d - 1).code))
            elif c == 1 and grow_ok:
                v.count += self.mult
                self.emit("%s.insert(%s, %s)" % (v.name, self.int_expr(d - 1).code,
                                                  self.item_expr(el, d - 1).code))
            elif c == 2 and v.mutable and v.count + 2 * self.mult <= CAP:
                v.count += 2 * self.mult
                self.emit("%s.extend(%s)" % (v.name, "[%s, %s]" % (self.item_expr(el, 0).code,
                                                                   self.item_expr(el, 0).code)))
            elif c == 3 and v.mutable:
                self.emit("if %s:" % v.name)
                self.ind += 1
                if self.chance(0.5):
                    popped = "%s.pop()" % v.name
                else:
                    popped = "%s.pop(%s %% len(%s))" % (v.name, self.int_expr(d - 1).code, v.name)
                self.emit(self.print_of(popped, el, repr(v.name + ".pop")))
                self.ind -= 1
            elif c == 4 and v.mutable and el in (INT, STR, FLOAT):
                self.emit("%s.sort()" % v.name)
            elif c == 5 and v.mutable:
                self.emit("%s.reverse()" % v.name)
            elif c == 6 and v.mutable:
                self.emit("if %s:" % v.name)
                self.ind += 1
                self.emit("%s[%s %% len(%s)] = %s" % (v.name, self.int_expr(d - 1).code, v.name,
                                                      self.item_expr(el, d - 1).code))
                self.ind -= 1
            elif c == 7 and v.mutable:
                self.emit("if %s:" % v.name)
                self.ind += 1
                self.emit("del %s[%s %% len(%s)]" % (v.name, self.int_expr(d - 1).code, v.name))
                self.ind -= 1
            elif c == 8 and el != OBJ and not (isinstance(el, tuple) and "list-eq" in self.avoid):
                x = self.item_expr(el, d - 1)
                self.emit("if %s in %s:" % (x.code, v.name))
                self.ind += 1
                self.emit("print(%r, %s.index(%s))" % (v.name + ".index", v.name, x.code))
                self.ind -= 1
            elif c == 9 and el in (INT, STR, FLOAT):
                self.emit("if %s:" % v.name)
                self.ind += 1
                self.emit("print(%r, min(%s), max(%s))" % (v.name, v.name, v.name))
                self.ind -= 1
            elif c == 10 and v.mutable and el != OBJ and "slice-assign" not in self.avoid:
                self.emit("%s[%s:%s] = []" % (v.name, self.r.randint(-3, 3), self.r.randint(-3, 5)))
            else:
                self.emit(self.print_of(v.name, t))
        elif t[0] == "dict":
            c = self.r.randint(0, 6)
            k = self.item_expr(t[1], d - 1)
            if c <= 1 and grow_ok:
                v.count += self.mult
                self.emit("%s[%s] = %s" % (v.name, k.code, self.item_expr(t[2], d - 1).code))
            elif c == 2 and v.mutable:
                self.emit("if %s in %s:" % (k.code, v.name))
                self.ind += 1
                self.emit("del %s[%s]" % (v.name, k.code))
                self.ind -= 1
            elif c == 3:
                self.emit("if %s in %s:" % (k.code, v.name))
                self.ind += 1
                self.emit("print(%r, %s[%s])" % (v.name, v.name, k.code))
                self.ind -= 1
            elif c == 4 and v.mutable:
                self.emit("print(%r, %s.pop(%s, %s))" % (v.name + ".pop", v.name, k.code,
                                                          self.item_expr(t[2], 0).code))
            elif c == 5:
                a, b = self.fresh("k"), self.fresh("x")
                self.emit("for %s, %s in %s.items():" % (a, b, v.name))
                self.ind += 1
                self.emit("print(%s, %s)" % (a, b))
                self.ind -= 1
                self.fn.cost += CAP * self.mult
            else:
                self.emit(self.print_of(v.name, t))
        elif t[0] == "set":
            c = self.r.randint(0, 4)
            x = self.item_expr(t[1], d - 1)
            if c <= 1 and grow_ok:
                v.count += self.mult
                self.emit("%s.add(%s)" % (v.name, x.code))
            elif c == 2 and v.mutable:
                self.emit("%s.discard(%s)" % (v.name, x.code))
            elif c == 3 and v.mutable:
                self.emit("if %s in %s:" % (x.code, v.name))
                self.ind += 1
                self.emit("%s.remove(%s)" % (v.name, x.code))
                self.ind -= 1
            else:
                self.emit(self.print_of(v.name, t))

    def if_stmt(self, d, depth):
        if not self.charge():
            return
        self.emit("if %s:" % self.bool_expr(2).code)
        self.block(depth + 1, self.r.randint(1, 3))
        while self.chance(0.3):
            self.emit("elif %s:" % self.bool_expr(2).code)
            self.block(depth + 1, self.r.randint(1, 2))
        if self.chance(0.5):
            self.emit("else:")
            self.block(depth + 1, self.r.randint(1, 2))

    def for_stmt(self, d, depth):
        if not self.charge():
            return
        c = self.r.random()
        x = self.fresh("i")
        if c < 0.15 and self.gens:
            g = self.pick(self.gens)
            if self.can_afford(g.cost * 2):
                self.fn.cost += g.cost * self.mult
                self.fn.raises |= g.raises
                args = [self.arg_for(p, 1) for p in g.params]
                head = "for %s in %s(%s):" % (x, g.name, ", ".join(args))
                self.loop_body(head, [Var(x, g.ret, self.ret_bound(g.ret) if g.ret != INT else WIDE,
                                          mutable=False)], 1, depth)
                return
        if c < 0.25:
            code, it, n, ib = self.iterable(1)
            y = self.fresh("n")
            self.loop_body("for %s, %s in enumerate(%s):" % (y, x, code),
                           [Var(y, INT, n, False), Var(x, it, ib, False)], n, depth)
            return
        if c < 0.32:
            a = self.list_expr(L(INT), 1)
            b = self.list_expr(L(STR), 1)
            y = self.fresh("z")
            self.loop_body("for %s, %s in zip(%s, %s):" % (x, y, a.code, b.code),
                           [Var(x, INT, WIDE, False), Var(y, STR, STR_CAP, False)], min(a.bound, b.bound), depth)
            return
        if c < 0.38:
            dd = self.expr(D(STR, INT), 1)
            y = self.fresh("z")
            self.loop_body("for %s, %s in %s.items():" % (x, y, dd.code),
                           [Var(x, STR, STR_CAP, False), Var(y, INT, WIDE, False)], dd.bound, depth)
            return
        if c < 0.42:
            lst = self.list_expr(L(self.pick([INT, STR])), 1)
            el = lst.t[1]
            self.loop_body("for %s in reversed(%s):" % (x, lst.code),
                           [Var(x, el, WIDE if el == INT else STR_CAP, False)], lst.bound, depth)
            return
        if c < 0.47 and self.classes_ready:
            lst = self.list_expr(L(OBJ), 1)
            self.loop_body("for %s in %s:" % (x, lst.code), [Var(x, OBJ, 0, False)], lst.bound, depth)
            return
        if c < 0.5:
            dd = self.expr(D(INT, STR), 1)
            self.loop_body("for %s in %s.values():" % (x, dd.code), [Var(x, STR, STR_CAP, False)],
                           dd.bound, depth)
            return
        code, it, n, ib = self.iterable(1)
        self.loop_body("for %s in %s:" % (x, code), [Var(x, it, ib, False)], n, depth)

    def loop_body(self, head, loopvars, trips, depth, has_else=None):
        trips = max(trips, 1)
        self.emit(head)
        self.mult *= trips
        self.loop_depth += 1
        self.push()
        for v in loopvars:
            self.declare(v)
        # the iterated container must not change while the loop runs
        frozen = []
        for v in self.visible(lambda v: v.growable and v.name in head):
            v.growable = False
            frozen.append(v)
        self.ind += 1
        start = len(self.lines)
        n = self.r.randint(1, 4)
        for _ in range(n):
            self.stmt(depth + 1)
        self.ensure_body(start)
        if self.chance(0.3):
            self.loop_exit()
        self.ind -= 1
        for v in frozen:
            v.growable = True
        self.pop()
        self.loop_depth -= 1
        self.mult //= trips
        if has_else or (has_else is None and self.chance(0.15)):
            self.emit("else:")
            self.block(depth + 1, 1)

    def loop_exit(self):
        self.emit("if %s:" % self.bool_expr(2).code)
        self.ind += 1
        if self.chance(0.3):
            self.emit("print(%r)" % self.pick(["break", "leaving", "стоп"]))
        if self.chance(0.2):
            # leaving the loop through a finally clause
            self.emit("try:")
            self.emit("    %s" % self.pick(["break", "continue"]))
            self.emit("finally:")
            self.emit("    print(%r)" % "finally in loop")
        else:
            self.emit(self.pick(["break", "continue"]))
        self.ind -= 1

    def while_stmt(self, d, depth):
        if not self.charge(2):
            return
        w = self.fresh("w")
        k = self.r.randint(0, 7)
        self.emit("%s = 0" % w)
        self.declare(Var(w, INT, 10, mutable=False))
        self.emit("while %s < %d:" % (w, k))
        self.mult *= max(k, 1)
        self.loop_depth += 1
        self.push()
        self.ind += 1
        self.emit("%s += 1" % w)
        for _ in range(self.r.randint(1, 3)):
            self.stmt(depth + 1)
        if self.chance(0.5):
            self.loop_exit()
        self.ind -= 1
        self.pop()
        self.loop_depth -= 1
        self.mult //= max(k, 1)
        if self.chance(0.15):
            self.emit("else:")
            self.block(depth + 1, 1)

    def try_stmt(self, d, depth):
        if not self.charge(2):
            return
        kinds = ["IndexError", "KeyError", "ZeroDivisionError", "ValueError", "FuzzError",
                 "FuzzSubError", "OverflowError", "AssertionError"]
        handlers = []
        for _ in range(self.r.randint(1, 2)):
            if self.chance(0.15):
                handlers.append("Exception")
            elif self.chance(0.1) and "tuple-except" not in self.avoid:
                a, b = self.pick(kinds), self.pick(kinds)
                handlers.append("(%s, %s)" % (a, b) if a != b else a)
            else:
                handlers.append(self.pick(kinds))
        caught = set()
        for h in handlers:
            for name in h.strip("()").split(", "):
                caught.add(name)
        saved = self.catching
        self.catching = saved | caught
        self.emit("try:")
        self.ind += 1
        self.push()
        start = len(self.lines)
        for _ in range(self.r.randint(1, 3)):
            if self.chance(0.6):
                self.risky_stmt(d)
            else:
                self.stmt(depth + 1)
        self.ensure_body(start)
        self.pop()
        self.ind -= 1
        self.catching = saved
        with_finally = self.chance(0.25)
        for h in handlers:
            if self.chance(0.6) and h not in ("Exception",) and "(" not in h and h.startswith("Fuzz"):
                e = self.fresh("e")
                self.emit("except %s as %s:" % (h, e))
                self.ind += 1
                self.emit("print(%r, %s.code)" % ("caught " + h, e))
                self.ind -= 1
            elif h in ("ValueError",) and self.chance(0.3) and "exc-str" not in self.avoid:
                e = self.fresh("e")
                self.emit("except %s as %s:" % (h, e))
                self.ind += 1
                self.emit("print(%r, str(%s))" % ("caught " + h, e))
                self.ind -= 1
            else:
                self.emit("except %s:" % h)
                self.block(depth + 1, 1, label="caught " + h)
        if self.chance(0.2):
            self.emit("else:")
            self.block(depth + 1, 1)
        if with_finally:
            self.emit("finally:")
            self.block(depth + 1, 1, label="finally")

    def try_finally_stmt(self, d, depth):
        if not self.charge(2):
            return
        self.emit("try:")
        self.block(depth + 1, self.r.randint(1, 3))
        self.emit("finally:")
        self.block(depth + 1, 1, label="finally")

    def risky_stmt(self, d):
        """A statement that may raise one of the exceptions being caught."""
        c = set(self.catching_all())
        options = []
        if "IndexError" in c:
            options += ["index", "pop", "strindex"]
        if "KeyError" in c:
            options += ["key", "remove"]
        if "ZeroDivisionError" in c:
            options += ["zdiv", "zmod", "fdiv"]
        if "ValueError" in c:
            options += ["int", "float", "lindex", "sindex", "raisev"]
        if "OverflowError" in c:
            options += ["ovf"]
        if "AssertionError" in c and "assert" not in self.avoid:
            options += ["assert"]
        if c & {"FuzzError", "FuzzSubError"}:
            options += ["raise", "call"]
        if not options:
            return self.stmt(3)
        if not self.charge():
            return
        o = self.pick(options)
        if o == "index":
            t = self.pick([L(INT), L(STR)])
            self.emit("print(%r, %s[%s])" % ("item", self.list_expr(t, 1).code, self.int_expr(1).code))
        elif o == "pop":
            self.emit("print(%r, %s.pop())" % ("popped", self.list_expr(L(INT), 1).code))
        elif o == "strindex":
            self.emit("print(%r, %s[%s])" % ("char", self.str_expr(1).code, self.int_expr(1).code))
        elif o == "key":
            t = self.pick([D(STR, INT), D(INT, STR)])
            dd = self.dict_expr(t, 1)
            self.emit("print(%r, %s[%s])" % ("value", dd.code, self.item_expr(t[1], 1).code))
        elif o == "remove":
            self.emit("%s.remove(%s)" % (self.set_expr(S(INT), 1).code, self.int_expr(1).code))
        elif o == "zdiv":
            self.emit("print(%r, %s // %s)" % ("quotient", self.int_expr(1).code, self.small_int(1, 3).code))
        elif o == "zmod":
            self.emit("print(%r, %s %% %s)" % ("rest", self.int_expr(1).code, self.small_int(1, 3).code))
        elif o == "fdiv":
            self.emit("print(%r, %s / float(%s))" % ("fquot", self.float_expr(1).code,
                                                     self.small_int(1, 2).code))
        elif o == "int":
            txt = self.pick(INT_TEXTS + BAD_INT_TEXTS +
                            ([] if "unicode-digits" in self.avoid else UNI_INT_TEXTS))
            if self.chance(0.3):
                self.emit("print(%r, int(%s))" % ("parsed", self.str_expr(1).code))
            else:
                self.emit("print(%r, int(%r))" % ("parsed", txt))
        elif o == "float":
            txt = self.pick(FLOAT_TEXTS + BAD_INT_TEXTS[:3])
            self.emit("print(%r, float(%r))" % ("parsedf", txt))
        elif o == "lindex":
            self.emit("print(%r, %s.index(%s))" % ("at", self.list_expr(L(INT), 1).code,
                                                   self.int_expr(1).code))
        elif o == "sindex":
            self.emit("print(%r, %s.index(%s))" % ("at", self.str_expr(1).code, self.str_expr(1).code))
        elif o == "raisev":
            self.emit("if %s:" % self.bool_expr(1).code)
            self.ind += 1
            self.emit("raise ValueError(%s)" % self.clamp_str(self.str_expr(1)).code)
            self.ind -= 1
        elif o == "ovf":
            a, b = self.int_expr(1), self.int_expr(1)
            self.emit("print(%r, ovfcheck(%s %s %s))" % ("ovf", a.code, self.pick(["+", "-", "*"]), b.code))
        elif o == "assert":
            self.emit("assert %s" % self.bool_expr(1).code)
        elif o == "raise":
            self.emit("if %s:" % self.bool_expr(1).code)
            self.ind += 1
            self.raise_fuzz()
            self.ind -= 1
        elif o == "call":
            cands = [f for f in self.funcs if f.raises and f is not self.fn and
                     f.raises <= self.catching_all() and self.can_afford(f.cost + 1)]
            if cands:
                f = self.pick(cands)
                self.emit(self.print_of(self.call(f, 1).code, f.ret, repr(f.name)))
            else:
                self.raise_fuzz()

    def raise_fuzz(self):
        if "FuzzSubError" in self.catching_all() and self.chance(0.5):
            self.emit("raise FuzzSubError(%s, %s)" % (self.int_expr(1).code,
                                                      self.clamp_str(self.str_expr(1), 20).code))
            self.fn.raises.add("FuzzSubError")
        else:
            self.emit("raise FuzzError(%s)" % self.int_expr(1).code)
            self.fn.raises.add("FuzzError")

    def closure_stmt(self, d, depth):
        """A nested function reading variables of the enclosing one (which
        are not rebound afterwards), called a few times."""
        if not self.charge(4):
            return
        cands = self.visible(lambda v: v.t in (INT, STR, FLOAT) and not v.name.startswith("self"))
        name = self.fresh("inner")
        ptype = self.pick([INT, STR])
        p = self.fresh("y")
        captured = [self.pick(cands) for _ in range(min(len(cands), 2))] if cands else []
        for v in captured:
            v.mutable = False
        ret = self.pick([INT, STR])
        self.emit("def %s(%s):" % (name, p))
        self.ind += 1
        saved_scopes = self.scopes
        self.scopes = [captured + [Var(p, ptype, SMALL if ptype == INT else STR_CAP, False)]]
        saved_catch = self.catching
        self.catching = set()
        cost0 = self.fn.cost
        if ret == INT:
            e = self.int_expr(2)
            code = "intmask(%s)" % e.code if e.bound > MAXI else e.code
        else:
            code = self.clamp_str(self.str_expr(2)).code
        self.emit("return %s" % code)
        inner_cost = self.fn.cost - cost0 + 1
        self.scopes = saved_scopes
        self.catching = saved_catch
        self.ind -= 1
        for _ in range(self.r.randint(1, 3)):
            self.fn.cost += inner_cost * self.mult
            if ptype == INT:
                arg = self.small_int(1, 1000).code if self.chance(0.5) else self.int_expr(1).code
                if not arg.isdigit() and "%" not in arg:
                    arg = "(%s %% 1000)" % arg
            else:
                arg = self.clamp_str(self.str_expr(1)).code
            self.emit("print(%r, %s(%s))" % (name, name, arg))
        if ret == INT and ptype == INT and self.hofs and self.chance(0.6):
            h = self.pick(self.hofs)
            self.fn.cost += inner_cost * 3 * self.mult
            self.emit("print(%r, %s(%s, %s))" % (h, h, name, self.small_int(1, 100).code))
            if self.int_funcs and self.chance(0.5):
                f = self.pick(self.int_funcs)
                if self.can_afford(f.cost * 3):
                    self.fn.cost += f.cost * 3 * self.mult
                    self.emit("print(%r, %s(%s, %s))" % (h, h, f.name, self.small_int(1, 100).code))

    def obj_stmt(self, d):
        if not self.classes_ready:
            return self.print_stmt(d)
        if not self.charge():
            return
        c = self.r.randint(0, 8)
        o = self.obj_expr(d - 1)
        if c == 6:
            o2 = self.obj_expr(d - 1)
            self.emit("print(%r, %s is %s, %s is not %s)" % ("is", o.code, o2.code, o.code, o2.code))
            return
        if c == 7:
            # instances as dict keys (hashed by identity)
            x = self.fresh("ids")
            self.emit("%s = {%s: 1}" % (x, o.code))
            o2 = self.obj_expr(d - 1)
            self.emit("%s[%s] = %s.get(%s, 0) + 1" % (x, o2.code, x, o2.code))
            self.emit("print(%r, [(k.describe(), n) for k, n in %s.items()])" % ("ids", x))
            return
        if c == 8:
            self.emit("print(%r, %s.KIND, Base.KIND)" % ("kind", o.code))
            return
        if c == 0:
            e = self.int_expr(d - 1)
            self.emit("%s.a = %s" % (o.code, self.wrap(e.code, e.bound).code))
        elif c == 1:
            cost = self.method_cost.get("bump", 10)
            if self.can_afford(cost):
                self.fn.cost += cost * self.mult
                self.emit("%s.bump(%s)" % (o.code, self.int_expr(d - 1).code))
        elif c == 2:
            x = self.fresh("o")
            self.emit("%s = %s" % (x, o.code))
            self.emit("if isinstance(%s, Sub1):" % x)
            self.ind += 1
            self.emit("print(%r, %s.items)" % ("items", x))
            if self.chance(0.5):
                self.emit("%s.items.sort()" % x)
            self.ind -= 1
            if self.chance(0.5):
                self.emit("elif isinstance(%s, Sub2):" % x)
                self.ind += 1
                self.emit("print(%r, %s.tag())" % ("tag", x))
                self.ind -= 1
            if self.chance(0.5):
                self.emit("else:")
                self.ind += 1
                self.emit("print(%r, %s.s)" % ("s", x))
                self.ind -= 1
        elif c == 3:
            self.emit("%s.s = %s" % (o.code, self.clamp_str(self.str_expr(d - 1)).code))
        else:
            self.emit("print(%r, %s.describe(), %s.a)" % ("obj", o.code, o.code))

    def global_stmt(self, d):
        """Prebuilt globals change in place (their bindings do not)."""
        if not self.charge():
            return
        if self.chance(0.5):
            self.emit("TABLE[%s %% len(TABLE)] = %s" % (self.int_expr(1).code, self.int_expr(1).code))
            self.emit("print(%r, TABLE)" % "TABLE")
        else:
            k = self.str_lit().code
            self.emit("if %s in COUNTS:" % k)
            self.emit("    COUNTS[%s] = %s" % (k, self.int_expr(1).code))
            self.emit("print(%r, %s)" % ("COUNTS", "list(COUNTS.items())" if "dict-str" in self.avoid
                                         else "COUNTS"))

    def bytes_stmt(self, d):
        if not self.charge():
            return
        b = self.bytes_expr(d)
        c = self.r.randint(0, 3)
        if c == 0:
            self.emit("print(%r, %s)" % ("bytes", b.code))
        elif c == 1:
            self.emit("print(%r, len(%s))" % ("blen", b.code))
        elif c == 2:
            s = self.str_expr(1)
            self.emit("print(%r, %s.encode('utf-8').decode('utf-8') == %s)" % ("roundtrip", s.code, s.code))
        else:
            s = self.str_expr(1)
            if "list-bytes" in self.avoid:
                self.emit("print(%r, [b for b in %s.encode('utf-8')])" % ("utf8", s.code))
            else:
                self.emit("print(%r, list(%s.encode('utf-8')))" % ("utf8", s.code))

    def tuple_stmt(self, d):
        if not self.charge():
            return
        t = self.tuple_expr(T(INT, STR), d)
        a, b = self.fresh(), self.fresh()
        self.emit("%s, %s = %s" % (a, b, t.code))
        self.declare(Var(a, INT, WIDE))
        self.declare(Var(b, STR, STR_CAP))
        self.emit("print(%s, %s)" % (a, b))
        same = [v for v in self.visible(lambda v: v.t == INT and v.mutable and v.bound == WIDE)]
        if len(same) >= 2 and self.chance(0.5):
            x, y = self.r.sample(same, 2)
            self.emit("%s, %s = %s, %s" % (x.name, y.name, y.name, x.name))

    def alias_stmt(self, d):
        vs = self.visible(lambda v: is_container(v.t) and v.t[0] == "list" and v.mutable and
                          v.growable and v.count + self.mult <= CAP and v.t[1] in (INT, STR))
        if not vs or not self.charge(3):
            return self.print_stmt(d)
        v = self.pick(vs)
        v.count += self.mult
        a = self.fresh("alias")
        self.emit("%s = %s" % (a, v.name))
        self.emit("%s.append(%s)" % (a, self.item_expr(v.t[1], 1).code))
        self.emit("print(%r, %s, len(%s), %s is %s)" % ("alias", v.name, a, a, v.name))

    def stmt(self, depth):
        if self.fn.cost >= self.budget:
            return self.emit("pass")
        r = self.r.random()
        nested = depth < 3
        if r < 0.18:
            return self.new_var_stmt()
        if r < 0.30:
            return self.assign_stmt()
        if r < 0.42:
            return self.print_stmt()
        if r < 0.52:
            return self.container_stmt()
        if r < 0.59 and nested:
            return self.if_stmt(2, depth)
        if r < 0.66 and nested and self.loop_depth < 2:
            return self.for_stmt(2, depth)
        if r < 0.69 and nested and self.loop_depth < 2:
            return self.while_stmt(2, depth)
        if r < 0.76 and nested:
            return self.try_stmt(2, depth)
        if r < 0.78 and nested:
            return self.try_finally_stmt(2, depth)
        if r < 0.83:
            return self.obj_stmt(2)
        if r < 0.86:
            return self.bytes_stmt(2)
        if r < 0.89:
            return self.tuple_stmt(2)
        if r < 0.91:
            return self.alias_stmt(2)
        if r < 0.925 and nested:
            return self.with_stmt(depth)
        if r < 0.93:
            return self.global_stmt(depth)
        if r < 0.935:
            return self.nullable_stmt(depth)
        if r < 0.94 and self.in_gen:
            return self.yield_stmt()
        if r < 0.97 and self.catching_all() & {"FuzzError", "FuzzSubError"}:
            return self.risky_stmt(2)
        return self.print_stmt()

    def with_stmt(self, depth):
        """A `with` block on the Ctx class, whose __exit__ reports whether
        an exception passes through."""
        if not self.charge(3):
            return
        name = self.fresh("ctx")
        self.emit("with Ctx(%r) as %s:" % (self.pick(["a", "b", "é"]) + name[3:], name))
        self.ind += 1
        start = len(self.lines)
        self.push()
        self.emit("%s.note(%s)" % (name, self.clamp_str(self.str_expr(1), 20).code))
        for _ in range(self.r.randint(1, 2)):
            if self.catching and self.chance(0.5):
                self.risky_stmt(2)
            else:
                self.stmt(depth + 1)
        self.ensure_body(start)
        self.pop()
        self.ind -= 1
        self.need_ctx = True

    def nullable_stmt(self, depth):
        """An instance variable that may be None."""
        if not self.classes_ready or not self.charge(3):
            return self.print_stmt()
        name = self.fresh("maybe")
        self.emit("%s = None" % name)
        self.emit("if %s:" % self.bool_expr(1).code)
        self.ind += 1
        self.emit("%s = %s" % (name, self.obj_expr(1).code))
        self.ind -= 1
        self.emit("if %s is not None:" % name)
        self.ind += 1
        self.emit("print(%r, %s.describe())" % ("maybe", name))
        self.ind -= 1
        self.emit("else:")
        self.ind += 1
        self.emit("print(%r, %s is None)" % ("none", name))
        self.ind -= 1

    def yield_stmt(self):
        if not self.charge():
            return
        e = self.item_expr(self.fn.ret, 2)
        self.emit("yield %s" % self.assign_value(Var("_", self.fn.ret, WIDE if self.fn.ret == INT else
                                                        STR_CAP), e))

    def block(self, depth, n, label=None):
        self.ind += 1
        self.push()
        start = len(self.lines)
        if label is not None:
            self.emit("print(%r)" % label)
        for _ in range(n):
            self.stmt(depth)
        self.ensure_body(start)
        self.pop()
        self.ind -= 1

    def ensure_body(self, start):
        """A block where nothing was generated (the budget ran out) gets a
        `pass`."""
        if len(self.lines) == start:
            self.emit("pass")

    # ---- functions -----------------------------------------------------------------
    def func_params(self, n):
        params = []
        for _ in range(n):
            t = self.pick([INT, INT, INT, STR, STR, FLOAT, BOOL, L(INT), L(STR), D(STR, INT), S(INT),
                           T(INT, STR)] + ([OBJ] if self.classes_ready else []))
            name = self.fresh("a")
            if t == INT:
                bound = self.pick([SMALL, WIDE, 8])
            elif t == FLOAT:
                bound = FMAX
            elif t == STR:
                bound = STR_CAP
            elif is_container(t):
                bound = CAP
            else:
                bound = 0
            params.append((name, t, bound))
        return params

    def start_function(self, f):
        self.fn = f
        self.scopes = [[]]
        for name, t, bound in f.params:
            v = Var(name, t, bound, mutable=not is_container(t) and t != OBJ and bound != 8)
            v.growable = False
            v.count = STR_CAP if t == STR else bound
            self.declare(v)
        self.mult = 1
        self.catching = set()
        self.loop_depth = 0

    def gen_function(self, allow_raise=True):
        name = self.fresh("f")
        params = self.func_params(self.r.randint(0, 3))
        ret = self.pick([INT, INT, STR, STR, FLOAT, BOOL, L(INT), L(STR), D(STR, INT), T(INT, STR), S(INT),
                         L(L(INT))] + ([OBJ] if self.classes_ready else []))
        f = Func(name, params, ret)
        heads = [p[0] for p in params]
        if params and params[-1][1] in (INT, STR) and self.chance(0.3):
            pname, pt, pb = params[-1]
            default = self.int_lit(small=pb <= 16).code if pt == INT else self.str_lit().code
            if pt == INT and pb <= 16:
                default = str(self.r.randint(0, pb - 1))
            f.defaults[pname] = default
            heads[-1] = "%s=%s" % (pname, default)
        self.start_function(f)
        self.budget = FUNC_BUDGET
        self.emit("def %s(%s):" % (name, ", ".join(heads)))
        self.ind += 1
        if allow_raise and self.chance(0.3):
            self.emit("if %s:" % self.bool_expr(1).code)
            self.ind += 1
            self.catching = {"FuzzSubError"} if self.chance(0.3) else {"FuzzError"}
            self.raise_fuzz()
            self.catching = set()
            self.ind -= 1
        for _ in range(self.r.randint(2, 6)):
            self.stmt(0)
        if self.chance(0.2):
            self.closure_stmt(2, 0)
        protected = self.chance(0.15)
        if protected:
            self.emit("try:")
            self.ind += 1
            self.push()
            self.stmt(1)
        e = self.expr(ret, 2)
        self.emit("return %s" % self.assign_value(Var("_", ret, WIDE if ret == INT else STR_CAP if ret == STR
                                                      else FMAX if ret == FLOAT else CAP), e))
        if protected:
            self.pop()
            self.ind -= 1
            self.emit("finally:")
            self.emit("    print(%r)" % ("finally " + name))
        self.ind -= 1
        self.emit("")
        self.emit("")
        self.funcs.append(f)
        if ret == INT and len(params) == 1 and params[0][1] == INT and not f.raises:
            self.int_funcs.append(f)
        self.fn = None

    def gen_generator(self):
        name = self.fresh("gen")
        params = [(self.fresh("a"), INT, 8)] + self.func_params(self.r.randint(0, 1))
        ret = self.pick([INT, STR, FLOAT])
        f = Func(name, params, ret, kind="gen")
        self.start_function(f)
        self.budget = FUNC_BUDGET // 4
        self.in_gen = True
        self.emit("def %s(%s):" % (name, ", ".join(p[0] for p in params)))
        self.ind += 1
        n = params[0][0]
        c = self.r.randint(0, 2)
        if c == 0:
            i = self.fresh("i")
            self.emit("%s = 0" % i)
            self.emit("while %s < %s:" % (i, n))
            self.ind += 1
            self.mult = 8
            self.push()
            self.declare(Var(i, INT, 8, False))
            self.emit("yield %s" % self.item_expr(ret, 2).code)
            for _ in range(self.r.randint(0, 3)):
                self.stmt(1)
            self.emit("%s += 1" % i)
            self.pop()
            self.ind -= 1
        elif c == 1:
            i = self.fresh("i")
            self.mult = 8
            self.emit("for %s in range(%s):" % (i, n))
            self.ind += 1
            self.push()
            self.declare(Var(i, INT, 8, False))
            for _ in range(self.r.randint(1, 3)):
                self.stmt(1)
            self.emit("if %s:" % self.bool_expr(1).code)
            self.ind += 1
            self.emit("yield %s" % self.item_expr(ret, 2).code)
            self.ind -= 1
            self.emit("yield %s" % self.item_expr(ret, 1).code)
            self.pop()
            self.ind -= 1
        else:
            self.emit("yield %s" % self.item_expr(ret, 2).code)
            for _ in range(self.r.randint(1, 3)):
                self.stmt(1)
            self.emit("if %s > 3:" % n)
            self.ind += 1
            self.emit("return")
            self.ind -= 1
            self.emit("yield %s" % self.item_expr(ret, 2).code)
        self.in_gen = False
        self.ind -= 1
        self.emit("")
        self.emit("")
        f.raises = set(self.fn.raises)
        self.gens.append(f)
        self.fn = None

    def gen_recursive(self):
        name = self.fresh("rec")
        ret = self.pick([INT, STR])
        n = self.fresh("a")
        acc = self.fresh("a")
        params = [(n, INT, 8), (acc, ret, WIDE if ret == INT else STR_CAP)]
        f = Func(name, params, ret)
        self.start_function(f)
        self.budget = FUNC_BUDGET // 10
        self.emit("def %s(%s, %s):" % (name, n, acc))
        self.ind += 1
        self.emit("if %s <= 0:" % n)
        self.ind += 1
        self.emit("return %s" % acc)
        self.ind -= 1
        self.stmt(2)
        e = self.item_expr(ret, 2)
        self.emit("return %s(%s - 1, %s)" % (name, n, self.assign_value(
            Var("_", ret, WIDE if ret == INT else STR_CAP), e)))
        self.ind -= 1
        self.emit("")
        self.emit("")
        f.cost = f.cost * 9
        self.funcs.append(f)
        self.fn = None

    def gen_hof(self):
        name = self.fresh("apply")
        self.emit("def %s(fn, x):" % name)
        self.ind += 1
        self.emit(self.pick(["return fn(fn(x) % 1000)", "return intmask(fn(x) + fn(x + 1))",
                             "return fn(x) - 1"]))
        self.ind -= 1
        self.emit("")
        self.emit("")
        self.hofs.append(name)

    def gen_classes(self):
        self.class_names = ["Base", "Sub1", "Sub2", "Sub3"]
        use_super = self.chance(0.5)
        # Base
        self.emit("class Base:")
        self.ind += 1
        self.emit("KIND = %r" % self.pick(["base", "основа", "B"]))
        self.emit("")
        self.emit("def __init__(self, a, s):")
        self.emit("    self.a = a")
        self.emit("    self.s = s")
        self.emit("")
        costs = {}
        costs["get"] = self.gen_method("Base", "get")
        costs["describe"] = self.gen_method("Base", "describe")
        self.emit("def bump(self, k):")
        self.emit("    self.a = intmask(self.a + k)")
        self.emit("    return self.a")
        self.ind -= 1
        self.emit("")
        self.emit("")
        # Sub1: extra list attribute
        self.emit("class Sub1(Base):")
        self.ind += 1
        self.emit("def __init__(self, a, s, items):")
        if use_super:
            self.emit("    super().__init__(a, s)")
        else:
            self.emit("    Base.__init__(self, a, s)")
        self.emit("    self.items = items")
        self.emit("")
        costs["get"] = max(costs["get"], self.gen_method("Sub1", "get"))
        if self.chance(0.5):
            costs["describe"] = max(costs["describe"], self.gen_method("Sub1", "describe"))
        self.ind -= 1
        self.emit("")
        self.emit("")
        self.emit("class Sub2(Base):")
        self.ind += 1
        if self.chance(0.6):
            self.emit("KIND = %r" % self.pick(["sub2", "второй", "S2"]))
            self.emit("")
        costs["describe"] = max(costs["describe"], self.gen_method("Sub2", "describe"))
        self.emit("def tag(self):")
        self.emit("    return %r + self.s[:3]" % self.pick(["T:", "тег:", "#"]))
        if self.chance(0.5):
            self.emit("")
            self.emit("def bump(self, k):")
            self.emit("    self.a = intmask(self.a - k * 2)")
            self.emit("    return self.a")
        self.ind -= 1
        self.emit("")
        self.emit("")
        self.emit("class Sub3(Sub1):")
        self.ind += 1
        costs["get"] = max(costs["get"], self.gen_method("Sub3", "get"))
        self.ind -= 1
        self.emit("")
        self.emit("")
        self.method_cost = costs
        self.method_cost["bump"] = 3
        self.classes_ready = True
        self.emit("PREBUILT = Sub2(%s, %r)" % (self.pick(INTERESTING_INTS), self.pick(self.strs)[:20]))
        self.emit("PREBUILT_LIST = [Base(1, 'one'), Sub1(2, 'two', [1, 2]), PREBUILT]")
        self.emit("")
        self.emit("")

    def gen_method(self, cls, meth):
        ret = INT if meth == "get" else STR
        params = [("k", INT, WIDE)] if meth == "get" else []
        f = Func(meth, params, ret, kind="method")
        self.start_function(f)
        self.budget = FUNC_BUDGET // 5
        self.scopes[0].append(Var("self.a", INT, WIDE, mutable=(meth == "get")))
        self.scopes[0].append(Var("self.s", STR, STR_CAP, mutable=False))
        if cls in ("Sub1", "Sub3"):
            v = Var("self.items", L(INT), CAP, mutable=False)
            v.growable = False
            self.scopes[0].append(v)
        self.emit("def %s(self%s):" % (meth, "".join(", " + p[0] for p in params)))
        self.ind += 1
        for _ in range(self.r.randint(0, 3)):
            self.stmt(2)
        if meth == "get":
            e = self.int_expr(3)
            if cls != "Base" and self.chance(0.4):
                sup = "super().get(k)" if self.chance(0.5) else "Base.get(self, k)"
                if cls == "Sub3":
                    sup = sup.replace("Base", "Sub1")
                self.fn.cost += self.method_cost.get("get", 0)
                e = self.wrap("(%s + %s)" % (sup, e.code), WIDE * 2)
            self.emit("return %s" % self.wrap(e.code, e.bound).code)
        else:
            if cls == "Base":
                self.emit("return f'%s({self.a}, {self.s!r})'" % cls)
            else:
                e = self.clamp_str(self.str_expr(2), 30)
                self.emit("return %r + %s + %s" % (cls + ":", e.code,
                                                   "Base.describe(self)" if self.chance(0.5) else "str(self.a)"))
        self.ind -= 1
        self.emit("")
        self.fn = None
        return f.cost + 2

    def gen_globals(self):
        self.emit("TABLE = [%s]" % ", ".join(str(self.pick(INTERESTING_INTS)) for _ in range(self.r.randint(1, 5))))
        keys = []
        for _ in range(self.r.randint(1, 4)):
            k = self.pick(self.strs)
            if k not in keys and len(k) != 1:
                keys.append(k)
        if not keys:
            keys = ["key"]
        self.emit("COUNTS = {%s}" % ", ".join("%r: %d" % (k, self.pick(SMALL_INTS)) for k in keys))
        self.emit("")
        self.emit("")

    def gen_exceptions(self):
        self.emit("class FuzzError(Exception):")
        self.emit("    def __init__(self, code):")
        self.emit("        self.code = code")
        self.emit("")
        self.emit("")
        self.emit("class FuzzSubError(FuzzError):")
        self.emit("    def __init__(self, code, tag):")
        self.emit("        FuzzError.__init__(self, code)")
        self.emit("        self.tag = tag")
        self.emit("")
        self.emit("")

    def ctx_class(self):
        return [
            "class Ctx:",
            "    def __init__(self, name):",
            "        self.name = name",
            "",
            "    def __enter__(self):",
            "        print('enter', self.name)",
            "        return self",
            "",
            "    def note(self, text):",
            "        print('note', self.name, text)",
            "",
            "    def __exit__(self, exc_type, exc_value, tb):",
            "        print('exit', self.name, exc_type is None)",
            "        return False",
            "",
            "",
        ]

    def gen_entry(self):
        f = Func("entry_point", [("argv", L(STR), CAP)], INT)
        self.start_function(f)
        self.budget = ENTRY_BUDGET
        self.emit("def entry_point(argv):")
        self.ind += 1
        calls = list(self.funcs)
        self.r.shuffle(calls)
        for g in calls[: self.r.randint(2, 6)]:
            self.call_test(g)
        for _ in range(self.r.randint(2, 7)):
            self.stmt(0)
        for g in calls[:2]:
            self.call_test(g)
        if self.chance(0.05) and "uncaught" not in self.avoid:
            self.emit("raise FuzzError(%s)" % self.int_expr(1).code)
        elif self.chance(0.1):
            self.emit("return %d" % self.r.randint(1, 5))
        else:
            self.emit("return 0")
        self.ind -= 1

    def call_test(self, g):
        if not self.can_afford(g.cost + 1):
            return
        if g.raises:
            self.emit("try:")
            self.ind += 1
            self.catching = {"FuzzError"}
        self.fn.cost += g.cost
        e = E("%s(%s)" % (g.name, self.call_args(g, 2)), g.ret)
        self.emit(self.print_of(e.code, g.ret, repr(g.name)))
        if g.raises:
            self.catching = set()
            self.ind -= 1
            self.emit("except FuzzError as e:")
            self.emit("    print(%r, e.code)" % ("error from " + g.name))

    def program(self):
        body_start = len(self.lines)
        self.gen_exceptions()
        self.gen_globals()
        for _ in range(self.r.randint(1, 2)):
            self.gen_function()
        if self.chance(0.5):
            self.gen_hof()
        if self.chance(0.4):
            self.gen_recursive()
        if self.chance(0.5):
            self.gen_generator()
        if self.chance(0.75):
            self.gen_classes()
        for _ in range(self.r.randint(1, 3)):
            self.gen_function()
        if self.chance(0.3):
            self.gen_generator()
        self.gen_entry()
        header = ["# generated by xtask/fuzz/progen.py", "import math",
                  "from rpython.rlib.rarithmetic import intmask, ovfcheck", "", ""]
        if not self.need_math:
            header.remove("import math")
        if self.need_sys:
            header.insert(1, "import sys")
        body = self.lines[body_start:]
        if self.need_ctx:
            body = self.ctx_class() + body
        tail = ["", "", 'if __name__ == "__main__":', "    import sys", "",
                "    sys.exit(entry_point(sys.argv))"]
        return "\n".join(header + body + tail) + "\n"


def main(argv):
    if len(argv) < 2:
        print("usage: progen.py SEED [--avoid FEATURE,... | --avoid all]", file=sys.stderr)
        return 2
    seed = int(argv[1])
    avoid = []
    if len(argv) > 3 and argv[2] == "--avoid":
        avoid = [a for a in argv[3].split(",") if a]
        if avoid == ["all"]:
            avoid = list(FEATURES)
        for a in avoid:
            if a not in FEATURES:
                print("unknown feature %r; known: %s" % (a, ", ".join(FEATURES)), file=sys.stderr)
                return 2
    sys.stdout.write(Gen(seed, avoid).program())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
