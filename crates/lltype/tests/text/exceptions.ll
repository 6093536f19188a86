# Raising, and catching around a call with several handlers: by class,
# then a catch-all. An exception no handler matches propagates.
struct Object gc { typeptr: *Vtable }
struct Vtable { subclassrange_min: Signed, subclassrange_max: Signed }
struct Exception gc { super: Object }
global @vt_ValueError: Vtable immutable = { subclassrange_min: 2, subclassrange_max: 3 }
global @vt_KeyError: Vtable immutable = { subclassrange_min: 4, subclassrange_max: 5 }
global @prebuilt_error: Exception immutable = { super: { typeptr: @vt_ValueError } }
extern func read_int(Signed) -> Signed in "posix" at "rposix.py:12"
extern func abort_now() -> Void
func may_raise(Signed) -> Signed {
block0(x_0: Signed):
    v1: Bool = int_lt(x_0, 0)
    if v1 then block1() else block2(x_0)
block1:
    raise @vt_ValueError, @prebuilt_error:*Object
block2(x_2: Signed):
    v3: Signed = direct_call(&read_int, x_2)
    return v3
}
func caller(Signed) -> Signed {
block0(x_0: Signed):
    v1: Signed = direct_call(&may_raise, x_0)
    catch goto block1(v1)
      except @vt_ValueError (etype_2: *Vtable, evalue_3: *Object) goto block2(evalue_3)
      except @vt_KeyError (v4: *Vtable, v5: *Object) goto block3()
      except * (v6: *Vtable, v7: *Object) goto block4(v6, v7)
block1(r_8: Signed):
    return r_8
block2(e_9: *Object):
    return -1
block3:
    return -2
block4(v10: *Vtable, v11: *Object):
    raise v10, v11
}
func no_handlers(Signed) -> Signed {
block0(x_0: Signed):
    v1: Signed = direct_call(&may_raise, x_0)
    catch goto block1(v1)
block1(v2: Signed):
    return v2
}
func typed_class(Signed) -> Void {
block0(x_0: Signed):
    v1: Signed = direct_call(&may_raise, x_0)
    catch goto block1()
      except null:*Vtable (v2: *Vtable, v3: *Object) goto block1()
block1:
    return void
}
func never() -> Signed {
block0:
    direct_call(&abort_now)
    unreachable
}
