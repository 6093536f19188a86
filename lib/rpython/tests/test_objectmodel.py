"""Tests of rpython.rlib.objectmodel and rpython.rlib.unroll."""

import unittest

from rpython.rlib.objectmodel import (
    always_inline,
    compute_hash,
    compute_identity_hash,
    enforceargs,
    import_from_mixin,
    instantiate,
    newlist_hint,
    not_rpython,
    r_dict,
    specialize,
    we_are_translated,
)
from rpython.rlib.unroll import unrolling_iterable


class SpecializeTest(unittest.TestCase):
    def test_arg(self):
        @specialize.arg(0)
        def f(x):
            return x

        self.assertEqual(f._annspecialcase_, "specialize:arg(0)")
        self.assertEqual(f(3), 3)

    def test_arg_several(self):
        @specialize.arg(0, 2)
        def f(a, b, c):
            return a

        self.assertEqual(f._annspecialcase_, "specialize:arg(0,2)")

    def test_argtype_memo_call_location(self):
        @specialize.argtype(1)
        def f(a, b):
            return b

        @specialize.memo()
        def g(a):
            return a

        @specialize.call_location()
        def h():
            return 7

        self.assertEqual(f._annspecialcase_, "specialize:argtype(1)")
        self.assertEqual(g._annspecialcase_, "specialize:memo")
        self.assertEqual(h._annspecialcase_, "specialize:call_location")
        self.assertEqual(h(), 7)

    def test_enforceargs(self):
        @enforceargs(int, None)
        def f(a, b):
            return a

        @enforceargs(b=str)
        def g(a, b):
            return b

        self.assertEqual(f._annenforceargs_, (int, None))
        self.assertEqual(g._annenforceargs_, (None, str))
        with self.assertRaises(TypeError):
            enforceargs(int, b=str)

    def test_returns_same_function(self):
        def f():
            pass

        self.assertIs(specialize.arg(0)(f), f)

    def test_flags(self):
        @always_inline
        def f():
            pass

        @not_rpython
        def g():
            pass

        self.assertTrue(f._always_inline_)
        self.assertTrue(g._not_rpython_)
        self.assertFalse(we_are_translated())


class HashTest(unittest.TestCase):
    def test_compute_hash_is_deterministic(self):
        # Same values as the original toolchain, before and after
        # translation (not CPython's randomized string hash).
        self.assertEqual(compute_hash(""), -1)
        self.assertEqual(compute_hash("a"), 12416037344)
        self.assertEqual(compute_hash("hello"), 840651671246116861)
        self.assertEqual(compute_hash(b"hello"), compute_hash("hello"))
        self.assertEqual(compute_hash(42), 42)
        self.assertEqual(compute_hash(-7), -7)
        self.assertEqual(compute_hash(2**64 + 3), 3)
        self.assertEqual(compute_hash(None), 0)
        self.assertEqual(compute_hash(()), 0x345678)
        self.assertEqual(compute_hash((1, 2)), 3430028580079870073)

    def test_compute_hash_float(self):
        self.assertEqual(compute_hash(0.0), 0)
        self.assertEqual(compute_hash(1.5), 1610645504)
        self.assertEqual(compute_hash(float("inf")), 314159)
        self.assertEqual(compute_hash(float("-inf")), -271828)
        self.assertEqual(compute_hash(float("nan")), 0)

    def test_compute_hash_of_instance_is_identity_hash(self):
        class C:
            pass

        c = C()
        self.assertEqual(compute_hash(c), compute_identity_hash(c))

    def test_identity_hash_ignores_custom_hash(self):
        class C:
            def __hash__(self):
                return 1

        a = C()
        b = C()
        self.assertEqual(compute_identity_hash(a), compute_identity_hash(a))
        self.assertNotEqual(compute_identity_hash(a), compute_identity_hash(b))


class InstantiateTest(unittest.TestCase):
    def test_skips_init(self):
        class C:
            def __init__(self):
                raise RuntimeError("must not run")

            def value(self):
                return 5

        c = instantiate(C)
        self.assertIsInstance(c, C)
        self.assertEqual(c.value(), 5)

    def test_newlist_hint(self):
        lst = newlist_hint(10)
        self.assertEqual(lst, [])
        lst.append(1)
        self.assertEqual(newlist_hint(3), [])


class Mixin:
    counter = 10

    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x + self.counter

    def __repr__(self):
        return "mixin"

    @staticmethod
    def helper(y):
        return y * 2


class MixinChild(Mixin):
    def twice(self):
        return self.get() * 2


class UsesMixin:
    import_from_mixin(MixinChild)

    def own(self):
        return "own"


class UsesMixinNoInit:
    import_from_mixin(Mixin, special_methods=[])


class ImportFromMixinTest(unittest.TestCase):
    def test_methods_copied(self):
        u = UsesMixin(4)
        self.assertEqual(u.get(), 14)
        self.assertEqual(u.twice(), 28)
        self.assertEqual(u.own(), "own")
        self.assertEqual(UsesMixin.helper(5), 10)
        self.assertNotIsInstance(u, Mixin)

    def test_functions_are_copies(self):
        self.assertIsNot(UsesMixin.__dict__["get"], Mixin.__dict__["get"])
        self.assertIsNot(UsesMixin.__dict__["get"], UsesMixinNoInit.__dict__["get"])

    def test_special_methods(self):
        self.assertIn("__init__", UsesMixin.__dict__)
        self.assertNotIn("__repr__", UsesMixin.__dict__)
        self.assertNotIn("__init__", UsesMixinNoInit.__dict__)

    def test_overwrite_is_an_error(self):
        with self.assertRaises(TypeError):

            class Bad:
                def get(self):
                    return 0

                import_from_mixin(Mixin)

    def test_classmethod_rejected(self):
        class WithCm:
            @classmethod
            def make(cls):
                return cls()

        with self.assertRaises(TypeError):

            class Bad:
                import_from_mixin(WithCm)


def _eq_nocase(a, b):
    return a.lower() == b.lower()


def _hash_nocase(a):
    return hash(a.lower())


class RDictTest(unittest.TestCase):
    def test_unhashable(self):
        with self.assertRaises(TypeError):
            hash(r_dict(_eq_nocase, _hash_nocase))

    def test_iterators(self):
        d = r_dict(_eq_nocase, _hash_nocase)
        d["a"] = 1
        d["B"] = 2
        self.assertEqual(list(d.iterkeys()), ["a", "B"])
        self.assertEqual(list(d.itervalues()), [1, 2])
        self.assertEqual(list(d.iteritems()), [("a", 1), ("B", 2)])

    def test_custom_eq_hash(self):
        d = r_dict(_eq_nocase, _hash_nocase)
        d["Hello"] = 1
        d["HELLO"] = 2
        d["world"] = 3
        self.assertEqual(len(d), 2)
        self.assertEqual(d["hello"], 2)
        self.assertIn("WORLD", d)
        self.assertNotIn("other", d)
        self.assertEqual(d.keys(), ["Hello", "world"])
        self.assertEqual(d.values(), [2, 3])
        self.assertEqual(d.items(), [("Hello", 2), ("world", 3)])

    def test_operations(self):
        d = r_dict(_eq_nocase, _hash_nocase)
        self.assertEqual(d.get("a", 5), 5)
        self.assertEqual(d.setdefault("A", 1), 1)
        self.assertEqual(d.setdefault("a", 9), 1)
        self.assertEqual(d.pop("a"), 1)
        self.assertEqual(d.pop("a", 0), 0)
        with self.assertRaises(KeyError):
            d.pop("a")
        with self.assertRaises(KeyError):
            d["missing"]
        d["x"] = 1
        d["y"] = 2
        del d["X"]
        self.assertEqual(list(d), ["y"])
        e = d.copy()
        e["Z"] = 3
        self.assertEqual(len(d), 1)
        self.assertEqual(e.popitem(), ("Z", 3))
        d.clear()
        self.assertEqual(len(d), 0)

    def test_eq_called_on_collision(self):
        calls = []

        def eq(a, b):
            calls.append((a, b))
            return a == b

        d = r_dict(eq, lambda k: 0)
        d[1] = "a"
        d[2] = "b"
        self.assertEqual(d[2], "b")
        self.assertTrue(calls)


class UnrollTest(unittest.TestCase):
    def test_items(self):
        u = unrolling_iterable([1, 2, 3])
        self.assertEqual(u._items, (1, 2, 3))
        self.assertEqual(list(u), [1, 2, 3])
        self.assertEqual(len(u), 3)


if __name__ == "__main__":
    unittest.main()
