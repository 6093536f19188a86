# The math module with CPython's results and errors: ValueError "math
# domain error" for a NaN from numbers, OverflowError "math range error"
# where a finite argument overflows, math.pow and math.fmod's special
# cases, float ** (ZeroDivisionError for 0.0 to a negative power,
# OverflowError) and int ** int; the arguments are made at run time.
import math


def u_exp(x):
    try:
        return repr(math.exp(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_exp2(x):
    try:
        return repr(math.exp2(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_expm1(x):
    try:
        return repr(math.expm1(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_sinh(x):
    try:
        return repr(math.sinh(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_cosh(x):
    try:
        return repr(math.cosh(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_sqrt(x):
    try:
        return repr(math.sqrt(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_sin(x):
    try:
        return repr(math.sin(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_cos(x):
    try:
        return repr(math.cos(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_tan(x):
    try:
        return repr(math.tan(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_asin(x):
    try:
        return repr(math.asin(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_acos(x):
    try:
        return repr(math.acos(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_atan(x):
    try:
        return repr(math.atan(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_tanh(x):
    try:
        return repr(math.tanh(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)




def u_atanh(x):
    try:
        return repr(math.atanh(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_log1p(x):
    try:
        return repr(math.log1p(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)





def u_log(x):
    try:
        return repr(math.log(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_log10(x):
    try:
        return repr(math.log10(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def u_log2(x):
    try:
        return repr(math.log2(x))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)


def b_pow(x, y):
    try:
        return repr(math.pow(x, y))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)
    except ZeroDivisionError as e:
        return "ZeroDivisionError " + str(e)


def b_fmod(x, y):
    try:
        return repr(math.fmod(x, y))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)
    except ZeroDivisionError as e:
        return "ZeroDivisionError " + str(e)


def b_atan2(x, y):
    try:
        return repr(math.atan2(x, y))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)
    except ZeroDivisionError as e:
        return "ZeroDivisionError " + str(e)


def b_copysign(x, y):
    try:
        return repr(math.copysign(x, y))
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)
    except ZeroDivisionError as e:
        return "ZeroDivisionError " + str(e)


def b_op(x, y):
    try:
        return repr(x ** y)
    except ValueError as e:
        return "ValueError " + str(e)
    except OverflowError as e:
        return "OverflowError " + str(e)
    except ZeroDivisionError as e:
        return "ZeroDivisionError " + str(e)


def entry_point(argv):
    k = float(len(argv))
    inf = float("inf") * k
    nan = inf - inf
    xs = [0.0, -0.0, 0.5 * k, -0.5, 1.0, -1.0, 2.0, 3.7, -3.7, 10.0, 100.0, 710.0, -710.0, 1e-300, 1e300, -1e300, inf, -inf, nan]
    for x in xs:
        print("exp", repr(x), u_exp(x))
        print("exp2", repr(x), u_exp2(x))
        print("expm1", repr(x), u_expm1(x))
        print("sinh", repr(x), u_sinh(x))
        print("cosh", repr(x), u_cosh(x))
        print("sqrt", repr(x), u_sqrt(x))
        print("sin", repr(x), u_sin(x))
        print("cos", repr(x), u_cos(x))
        print("tan", repr(x), u_tan(x))
        print("asin", repr(x), u_asin(x))
        print("acos", repr(x), u_acos(x))
        print("atan", repr(x), u_atan(x))
        print("tanh", repr(x), u_tanh(x))
        print("atanh", repr(x), u_atanh(x))
        print("log1p", repr(x), u_log1p(x))
        print("log", repr(x), u_log(x))
        print("log10", repr(x), u_log10(x))
        print("log2", repr(x), u_log2(x))
    ys = [0.0, -0.0, 0.5, -0.5, 1.0, 2.0, -2.0, 3.0, 400.0, -400.0, inf, -inf, nan]
    for x in [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 10.0, -8.0, inf, -inf, nan]:
        for y in ys:
            fractional_power = x < 0.0 and y == y and y - y == 0.0 and y != float(int(y)) and x - x == 0.0
            print("pow", repr(x), repr(y), b_pow(x, y))
            print("fmod", repr(x), repr(y), b_fmod(x, y))
            print("atan2", repr(x), repr(y), b_atan2(x, y))
            print("copysign", repr(x), repr(y), b_copysign(x, y))
            if not fractional_power:
                print("op", repr(x), repr(y), b_op(x, y))
    for a in [0, 1, 2, 3, 10, -3, 7]:
        for b in [0, 1, 2, 3, 5, 11]:
            print("int**", a, b, a ** b)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
