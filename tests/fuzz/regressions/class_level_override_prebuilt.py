# Found by `cargo xtask fuzz` (seed 311476, reduced, --gc generation --opt 0):
# a subclass overriding a class-level constant, seen only through a
# prebuilt instance after the attribute was read, printed the base's value.
class Base:
    KIND = 'о'

    def __init__(self, a, s):
        pass

class Sub1(Base):

    def __init__(self, a, s, items):
        pass

class Sub2(Base):
    KIND = 'в'

class Sub3(Sub1):
    pass
PREBUILT = Sub2(0, 'Æ')

def f47(a48, a49, a50):
    print('k', Sub3(0, 'a', 0).KIND, 0)
    try:
        print('c', '||'[int('8')])
    except Exception:
        print('k', PREBUILT.KIND, 0)

def f79():
    v80 = 0
    print('#', isinstance(f47(0, 0, 1.0), Base))
    return {v80}

def entry_point(argv):
    print('f', sorted(f79()))
    return 0
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
