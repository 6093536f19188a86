//! Every low-level operation as C, in one exhaustive `match`.
//!
//! The rules that keep the generated C free of undefined behaviour:
//! signed arithmetic that may wrap (`int_add`, `int_sub`, `int_mul`,
//! `int_neg`, `int_abs`, `int_lshift`) is done on `uint64_t` and converted
//! back, which GCC and Clang define as wrapping; the overflow checks use
//! `__builtin_*_overflow` (through small inline helpers of the runtime
//! header); raw loads and stores go through `memcpy`, so neither alignment
//! nor strict aliasing can bite; address order and differences are
//! computed on `uintptr_t`, as addresses of unrelated objects may not be
//! compared or subtracted as C pointers. Division, shifts by more than 63
//! and out-of-range float conversions are excluded by the operations'
//! preconditions (the rtyper checks them).
//!
//! Allocation: `malloc` and `malloc_varsize` of a GC container go through
//! the one runtime function `rpy_gc_alloc`, which returns zeroed memory
//! that is never freed. There is no GC transform yet; once there is, it
//! replaces every GC allocation by the collector's own (written in
//! RPython, translated with the program) before the module reaches this
//! backend, and `rpy_gc_alloc` is left to allocate nothing GC-managed.
//! Raw containers come from `rpy_raw_alloc` and go back with `free`.

use lltype::{ConstValue, LlOp, Op, Operand, Type, TypeId};

use crate::database::bytes_literal;
use crate::function::{comment_text, FunctionCx};

/// Appends the C statements of one operation.
pub fn write_op(cx: &mut FunctionCx, op: &Op) {
    use LlOp::*;
    let arg = |i: usize| cx.operand(&op.args[i]);
    let result_ty = cx.g.var_type(op.result);
    let binary = |c_op: &str| format!("{} {c_op} {}", arg(0), arg(1));
    let wrapping = |c_op: &str| {
        format!(
            "(int64_t)((uint64_t){} {c_op} (uint64_t){})",
            arg(0),
            arg(1)
        )
    };
    let expr = match op.op {
        SameAs | JitPromote => {
            if !cx.is_value(&op.args[0]) {
                return;
            }
            arg(0)
        }
        CastPrimitive => format!("({}){}", cx.db.c_type(result_ty), arg(0)),
        CastIntToFloat | CastUintToFloat => format!("(double){}", arg(0)),
        CastFloatToInt => format!("(int64_t){}", arg(0)),
        CastFloatToUint => format!("(uint64_t){}", arg(0)),
        BoolNot => format!("!{}", arg(0)),

        IntAdd => wrapping("+"),
        IntSub => wrapping("-"),
        IntMul => wrapping("*"),
        IntFloorDiv | UintFloorDiv => binary("/"),
        IntMod | UintMod => binary("%"),
        IntLt | UintLt | FloatLt | CharLt | UniCharLt => binary("<"),
        IntLe | UintLe | FloatLe | CharLe => binary("<="),
        IntEq | UintEq | FloatEq | CharEq | UniCharEq | PtrEq => binary("=="),
        IntNe | UintNe | FloatNe | CharNe | UniCharNe | PtrNe => binary("!="),
        IntGt | UintGt | FloatGt | CharGt => binary(">"),
        IntGe | UintGe | FloatGe | CharGe => binary(">="),
        IntAnd | UintAnd => binary("&"),
        IntOr | UintOr => binary("|"),
        IntXor | UintXor => binary("^"),
        IntLshift => format!("(int64_t)((uint64_t){} << {})", arg(0), arg(1)),
        // An arithmetic shift: GCC and Clang define `>>` of a negative
        // value so.
        IntRshift | UintRshift => binary(">>"),
        UintLshift => binary("<<"),
        IntNeg => format!("(int64_t)(0 - (uint64_t){})", arg(0)),
        IntAbs => format!("rpy_int_abs({})", arg(0)),
        IntInvert | UintInvert => format!("~{}", arg(0)),
        IntIsTrue | UintIsTrue => format!("{} != 0", arg(0)),
        IntAddOverflows => format!("rpy_int_add_overflows({}, {})", arg(0), arg(1)),
        IntSubOverflows => format!("rpy_int_sub_overflows({}, {})", arg(0), arg(1)),
        IntMulOverflows => format!("rpy_int_mul_overflows({}, {})", arg(0), arg(1)),
        IntLshiftOverflows => format!("rpy_int_lshift_overflows({}, {})", arg(0), arg(1)),

        UintAdd => binary("+"),
        UintSub => binary("-"),
        UintMul => binary("*"),

        FloatAdd => binary("+"),
        FloatSub => binary("-"),
        FloatMul => binary("*"),
        FloatTrueDiv => binary("/"),
        FloatNeg => format!("-{}", arg(0)),
        FloatAbs => format!("__builtin_fabs({})", arg(0)),
        FloatIsTrue => format!("{} != 0.0", arg(0)),

        Malloc | MallocVarsize => return write_malloc(cx, op),
        Free | RawFree => format!("rpy_raw_free({})", arg(0)),
        GetField | GetArrayItem | GetInterior => {
            let path = &op.args[1..];
            match walk(cx, &op.args[0], path) {
                At::Value(place) => place,
                _ => unreachable!("a verified read of a value"),
            }
        }
        SetField | SetArrayItem | SetInterior => {
            let (path, value) = op.args[1..].split_at(op.args.len() - 2);
            let place = match walk(cx, &op.args[0], path) {
                At::Value(place) => place,
                _ => unreachable!("a verified write of a value"),
            };
            let text = format!("{place} = {};", cx.operand(&value[0]));
            cx.line(1, &text);
            return;
        }
        GetArraySize | GetInteriorSize => match walk(cx, &op.args[0], &op.args[1..]) {
            At::Container { prefix, ty } => match cx.db.m.types.get(ty) {
                Type::FixedArray { len, .. } => format!("{len}"),
                _ => format!("{prefix}length"),
            },
            At::Flat { length, .. } => length,
            At::Value(_) => unreachable!("a verified array"),
        },
        PtrIsZero => format!("{} == NULL", arg(0)),
        PtrNonZero => format!("{} != NULL", arg(0)),
        CastPointer | CastAdrToPtr => format!("({}){}", cx.db.c_type(result_ty), arg(0)),

        RawMalloc => format!("rpy_raw_malloc({})", arg(0)),
        RawMemClear => format!("__builtin_memset({}, 0, (size_t){})", arg(0), arg(1)),
        RawMemCopy => format!(
            "__builtin_memcpy({}, {}, (size_t){})",
            arg(1),
            arg(0),
            arg(2)
        ),
        RawLoad => {
            let text = format!(
                "__builtin_memcpy(&{}, {} + {}, sizeof {});",
                cx.local(op.result),
                arg(0),
                arg(1),
                cx.local(op.result)
            );
            cx.line(1, &text);
            return;
        }
        RawStore => return write_raw_store(cx, op),
        AdrAdd => binary("+"),
        AdrSub => binary("-"),
        AdrDelta => format!("(int64_t)((uintptr_t){} - (uintptr_t){})", arg(0), arg(1)),
        AdrEq => binary("=="),
        AdrNe => binary("!="),
        AdrLt => format!("(uintptr_t){} < (uintptr_t){}", arg(0), arg(1)),
        AdrLe => format!("(uintptr_t){} <= (uintptr_t){}", arg(0), arg(1)),
        AdrGt => format!("(uintptr_t){} > (uintptr_t){}", arg(0), arg(1)),
        AdrGe => format!("(uintptr_t){} >= (uintptr_t){}", arg(0), arg(1)),
        CastPtrToAdr => format!("(char *){}", arg(0)),
        CastAdrToInt => format!("(int64_t)(intptr_t){}", arg(0)),
        CastIntToAdr => format!("(char *)(intptr_t){}", arg(0)),

        DirectCall | IndirectCall => {
            let callee = match op.op {
                DirectCall => arg(0),
                _ => format!("({})", arg(0)),
            };
            let args: Vec<String> = op.args[1..]
                .iter()
                .filter(|a| cx.is_value(a))
                .map(|a| cx.operand(a))
                .collect();
            format!("{callee}({})", args.join(", "))
        }
        KeepAlive => {
            if !cx.is_value(&op.args[0]) {
                return;
            }
            format!("RPY_KEEPALIVE({})", arg(0))
        }
        StackCurrent => "(char *)__builtin_frame_address(0)".into(),
        // The GC transform replaces these before any backend runs.
        GcTypeInfoTable
        | GcStaticRoots
        | GcAdrOfRootStackBase
        | GcAdrOfRootStackTop
        | GcAdrOfRootStackLimit => "(abort(), (char *)0)".into(),
        JitMarker => {
            let text = format!("/* jit_marker({}) */", comment_text(&marker_text(cx, op)));
            cx.line(1, &text);
            return;
        }
        DebugAssert => {
            if cx.options.debug_checks {
                let message = match &op.args[1].as_const().map(|c| &c.value) {
                    Some(ConstValue::Name(n)) => n.clone(),
                    _ => String::new(),
                };
                let text = format!(
                    "if (!({})) rpy_assert_failed({}, {});",
                    arg(0),
                    bytes_literal(message.as_bytes()),
                    bytes_literal(cx.func_name.as_bytes())
                );
                cx.line(1, &text);
            }
            return;
        }
    };
    if cx.db.is_void(result_ty) {
        let text = format!("{expr};");
        cx.line(1, &text);
    } else {
        let text = format!("{} = {expr};", cx.local(op.result));
        cx.line(1, &text);
    }
}

/// `malloc` and `malloc_varsize`: zeroed memory of the result's
/// container type, its length stored when it is varsize.
fn write_malloc(cx: &mut FunctionCx, op: &Op) {
    let result_ty = cx.g.var_type(op.result);
    let container = cx
        .db
        .m
        .types
        .pointee(result_ty)
        .expect("a verified pointer");
    let name = cx.db.type_name(container).to_string();
    let allocator = if cx.db.m.types.is_gc_container(container) {
        "rpy_gc_alloc"
    } else {
        "rpy_raw_alloc"
    };
    let result = cx.local(op.result).to_string();
    match op.op {
        LlOp::MallocVarsize => {
            let parts = cx
                .db
                .varsize_parts(container)
                .expect("a verified varsize type");
            let length = cx.operand(&op.args[0]);
            let text = format!(
                "{result} = ({name} *){allocator}(offsetof({name}, {}), sizeof({}), {length});",
                parts.items,
                cx.db.c_type(parts.item)
            );
            cx.line(1, &text);
            let text = format!("{result}->{} = {length};", parts.length);
            cx.line(1, &text);
        }
        _ => {
            let text = format!("{result} = ({name} *){allocator}(sizeof({name}), 0, 0);");
            cx.line(1, &text);
        }
    }
}

/// `raw_store(address, offset, value)`: through `memcpy`, from the value's
/// local or from a temporary holding the constant.
fn write_raw_store(cx: &mut FunctionCx, op: &Op) {
    let (adr, offset) = (cx.operand(&op.args[0]), cx.operand(&op.args[1]));
    match &op.args[2] {
        Operand::Var(v) => {
            let local = cx.local(*v).to_string();
            let text = format!("__builtin_memcpy({adr} + {offset}, &{local}, sizeof {local});");
            cx.line(1, &text);
        }
        Operand::Const(c) => {
            let tmp = cx.temp();
            let decl = cx.db.declare(c.ty, &tmp);
            let text = format!(
                "{{ {decl} = {}; __builtin_memcpy({adr} + {offset}, &{tmp}, sizeof {tmp}); }}",
                cx.db.constant(c)
            );
            cx.line(1, &text);
        }
    }
}

/// The arguments of a JIT marker, as a comment.
fn marker_text(cx: &FunctionCx, op: &Op) -> String {
    let parts: Vec<String> = op
        .args
        .iter()
        .map(|a| match a.as_const().map(|c| &c.value) {
            Some(ConstValue::Name(n)) => format!(".{n}"),
            _ => cx.operand(a),
        })
        .collect();
    parts.join(", ")
}

/// Where a path of fields and indexes leads.
enum At {
    /// A container held by value: its members are `prefix` + member.
    Container {
        /// `p->`, `p->inner.`, `p->items[i].`.
        prefix: String,
        /// The container's type.
        ty: TypeId,
    },
    /// A struct's trailing inline array, flattened into the struct.
    Flat {
        /// The flexible array member.
        items: String,
        /// Its length member.
        length: String,
        /// The item type.
        item: TypeId,
    },
    /// A primitive or pointer: an lvalue.
    Value(String),
}

/// Follows `path` (field names and indexes) from the container `base`
/// points to.
fn walk(cx: &FunctionCx, base: &Operand, path: &[Operand]) -> At {
    let types = &cx.db.m.types;
    let ty = types
        .pointee(cx.g.operand_type(base))
        .expect("a verified pointer");
    let prefix = match base.as_const().map(|c| &c.value) {
        // A global is reached directly: `g_x.field`, `g_x.super.field`.
        Some(ConstValue::Global(g)) => {
            let address = cx.db.global_address(*g, ty);
            match address.strip_prefix('&') {
                Some(place) => format!("{place}."),
                None => format!("({address})->"),
            }
        }
        Some(_) => format!("({})->", cx.operand(base)),
        None => format!("{}->", cx.operand(base)),
    };
    let mut at = At::Container { prefix, ty };
    for step in path {
        let name = match step.as_const().map(|c| &c.value) {
            Some(ConstValue::Name(n)) => Some(n.as_str()),
            _ => None,
        };
        at = match (at, name) {
            (At::Container { prefix, ty }, Some(field)) => {
                let s = types.as_struct(ty).expect("a verified struct");
                let i = s.field_index(field).expect("a verified field");
                let names = cx.db.struct_names(ty);
                let member = format!("{prefix}{}", names.fields[i]);
                let field_ty = s.fields[i].ty;
                match types.get(field_ty) {
                    Type::Array { item, .. } => At::Flat {
                        items: member,
                        length: format!(
                            "{prefix}{}",
                            names.array_length.as_deref().expect("a trailing array")
                        ),
                        item: *item,
                    },
                    _ => element(cx, member, field_ty),
                }
            }
            (At::Container { prefix, ty }, None) => {
                let item = match types.get(ty) {
                    Type::Array { item, .. } | Type::FixedArray { item, .. } => *item,
                    _ => unreachable!("a verified index into an array"),
                };
                element(cx, format!("{prefix}items[{}]", cx.operand(step)), item)
            }
            (At::Flat { items, item, .. }, None) => {
                element(cx, format!("{items}[{}]", cx.operand(step)), item)
            }
            _ => unreachable!("a verified interior path"),
        };
    }
    at
}

/// The place of a member or item of type `ty` spelt `place`.
fn element(cx: &FunctionCx, place: String, ty: TypeId) -> At {
    match cx.db.m.types.get(ty) {
        Type::Struct(_) | Type::FixedArray { .. } => At::Container {
            prefix: format!("{place}."),
            ty,
        },
        _ => At::Value(place),
    }
}
