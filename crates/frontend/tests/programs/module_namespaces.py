"""Module namespaces at import time: globals() is the module's own dict
(names injected through it are ordinary globals afterwards), sys.modules
holds every imported module, setattr on a module, vars(), locals() and
dir() at module and class level. Run under CPython and `rpy run`: the
outputs must be identical, and equal to module_namespaces.out."""
import sys
import math
import types

ME = sys.modules[__name__]
G = globals()
print(G is globals(), type(G).__name__, G is vars(ME), G is ME.__dict__)
print(sys.modules.get(__name__) is ME, sys.modules.get("no such module"))
print("math" in sys.modules, sys.modules["math"] is math, "sys" in sys.modules)
print(isinstance(sys.modules, dict), all(isinstance(k, str) for k in sys.modules))
print(ME.__doc__.split(":")[0])


class Node:
    kind = "node"


# Classes and functions made in a loop and injected by name.
for _name in ["Add", "Sub", "Mul"]:
    globals()[_name] = type(_name, (Node,), {"kind": _name.lower()})


def _make_getter(n):
    def get():
        return n * 10
    get.__name__ = "get%d" % n
    return get


for _n in range(3):
    G[_make_getter(_n).__name__] = _make_getter(_n)
setattr(ME, "ANSWER", 42)
G.update(EXTRA=1, OTHER=2)
del G["OTHER"]
G.setdefault("DEFAULTED", "yes")

print(Add.kind, Sub.__name__, issubclass(Mul, Node), Mul.__bases__[0] is Node)
print(get0(), get2(), ANSWER, EXTRA, DEFAULTED, "OTHER" in G)
print(ME.Add is Add, getattr(ME, "get1")(), hasattr(ME, "OTHER"))
print(sorted(k for k in G if not k.startswith("_") and k[0].isupper()))
print(len([k for k in list(G) if k.startswith("get")]))
delattr(ME, "EXTRA")
print("EXTRA" in globals())


def reads_injected():
    return ANSWER + get1()


print(reads_injected(), reads_injected.__globals__ is G)
print("reads_injected" in dir(), dir() == sorted(G))


class Body:
    x = 1
    here = locals()
    here["y"] = 2
    names = sorted(k for k in locals() if not k.startswith("__"))


print(Body.y, Body.names, sorted(k for k in vars(Body) if not k.startswith("_")))

# A module made at import time, registered by hand, then imported.
plugins = types.ModuleType("plugins", "Plugins made at import time.")
plugins.VALUE = 7
sys.modules["plugins"] = plugins
import plugins as p2
from plugins import VALUE
print(p2 is plugins, VALUE, plugins.__name__, plugins.__doc__, repr(plugins))

# A function made from code and a globals dict.
ns = {"__name__": "made", "K": 5}
f = types.FunctionType((lambda: K * 2).__code__, ns)
print(f())
ns["K"] = 6
print(f())

# import * with a list __all__.
star = types.ModuleType("star")
star.__all__ = ["a"]
star.a = 1
star.b = 2
sys.modules["star"] = star
from star import *
print(a, "b" in globals())


def entry_point(argv):
    print(reads_injected(), Add().kind, len(globals()) > 10)
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
