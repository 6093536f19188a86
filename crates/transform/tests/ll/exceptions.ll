# A raising function, a caller that catches by class and with a
# catch-all, a caller that lets exceptions propagate through two calls,
# and a call to a function that cannot raise.
struct Object gc { typeptr: *Vtable }
struct Vtable { min: Signed, max: Signed }
struct Exception gc { super: Object, code: Signed }
global @vt_Exception: Vtable immutable = { min: 1, max: 4 }
global @vt_ValueError: Vtable immutable = { min: 2, max: 3 }
global @vt_KeyError: Vtable immutable = { min: 3, max: 4 }
global @value_error: Exception immutable = { super: { typeptr: @vt_ValueError }, code: 7 }
func matches(*Vtable, *Vtable) -> Bool {
block0(raised: *Vtable, handler: *Vtable):
    lo: Signed = getfield(handler, .min)
    hi: Signed = getfield(handler, .max)
    id: Signed = getfield(raised, .min)
    a: Bool = int_ge(id, lo)
    b: Bool = int_lt(id, hi)
    if a then block1(b) else block1(false)
block1(r: Bool):
    return r
}
func pure(Signed) -> Signed {
block0(x: Signed):
    y: Signed = int_mul(x, 2)
    return y
}
func may_raise(Signed) -> Signed {
block0(x: Signed):
    neg: Bool = int_lt(x, 0)
    if neg then block1() else block2(x)
block1:
    raise @vt_ValueError, @value_error:*Object
block2(y: Signed):
    z: Signed = direct_call(&pure, y)
    return z
}
func propagates(Signed) -> Signed {
block0(x: Signed):
    a: Signed = direct_call(&may_raise, x)
    b: Signed = direct_call(&may_raise, a)
    c: Signed = int_add(a, b)
    return c
}
func catches(Signed) -> Signed {
block0(x: Signed):
    keep: Signed = int_add(x, 100)
    r: Signed = direct_call(&propagates, x)
    catch goto block1(r)
      except @vt_ValueError (t: *Vtable, v: *Object) goto block2(v, keep)
      except * (t2: *Vtable, v2: *Object) goto block3(t2)
block1(r1: Signed):
    return r1
block2(e: *Object, k: Signed):
    cast: *Exception = cast_pointer(e)
    code: Signed = getfield(cast, .code)
    s: Signed = int_add(code, k)
    return s
block3(t3: *Vtable):
    return -1
}
entry catches
