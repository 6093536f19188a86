//! Built-in functions of the host (`len`, `math.sqrt`, ...) and the
//! functions of the `rpython` support package the annotator implements
//! itself (`intmask`, `ovfcheck`, `r_uint`, the JIT hints, ...).

use crate::diag::AnnotationError;
use crate::model::{External, IntKind, IterKind, SomeInt, SomeStr, SomeValue};
use crate::{Annotator, Desc};
use std::sync::Arc;

type OpResult = Result<SomeValue, AnnotationError>;

/// Functions and classes of the support package with a built-in rule.
const SPECIALS: &[&str] = &[
    "rpython.rlib.rarithmetic.intmask",
    "rpython.rlib.rfloat.fma",
    "rpython.rlib.rarithmetic.ovfcheck",
    "rpython.rlib.rarithmetic.widen",
    "rpython.rlib.rarithmetic.is_valid_int",
    "rpython.rlib.rarithmetic.r_uint",
    "rpython.rlib.rarithmetic.r_int",
    "rpython.rlib.rarithmetic.r_int64",
    "rpython.rlib.rarithmetic.r_uint64",
    "rpython.rlib.rarithmetic.r_longlong",
    "rpython.rlib.rarithmetic.r_ulonglong",
    "rpython.rlib.objectmodel.we_are_translated",
    "rpython.rlib.objectmodel.compute_hash",
    "rpython.rlib.objectmodel.compute_identity_hash",
    "rpython.rlib.objectmodel.compute_unique_id",
    "rpython.rlib.objectmodel.current_object_addr_as_int",
    "rpython.rlib.objectmodel.likely",
    "rpython.rlib.objectmodel.unlikely",
    "rpython.rlib.objectmodel.instantiate",
    "rpython.rlib.objectmodel.newlist_hint",
    "rpython.rlib.objectmodel.resizelist_hint",
    "rpython.rlib.objectmodel.keepalive_until_here",
    "rpython.rlib.jit.JitDriver.jit_merge_point",
    "rpython.rlib.jit.JitDriver.can_enter_jit",
    "rpython.rlib.jit.JitDriver.loop_header",
    "rpython.rlib.jit.hint",
    "rpython.rlib.jit.promote",
    "rpython.rlib.jit.promote_string",
    "rpython.rlib.jit.promote_unicode",
    "rpython.rlib.jit.we_are_jitted",
    "rpython.rlib.jit.isconstant",
    "rpython.rlib.jit.isvirtual",
    "rpython.rlib.jit.assert_green",
    "rpython.rlib.jit.record_exact_class",
    "rpython.rlib.jit.conditional_call",
    "rpython.rlib.jit.set_param",
    "rpython.rlib.jit.set_user_param",
    "rpython.rlib.debug.ll_assert",
    "rpython.rlib.debug.debug_print",
    "rpython.rlib.debug.debug_start",
    "rpython.rlib.debug.debug_stop",
    "rpython.rlib.debug.make_sure_not_resized",
    "rpython.rlib.debug.fatalerror",
    "rpython.rtyper.lltypesystem.llmemory.raw_malloc",
    "rpython.rtyper.lltypesystem.llmemory.raw_free",
    "rpython.rtyper.lltypesystem.llmemory.raw_memclear",
    "rpython.rtyper.lltypesystem.llmemory.raw_memcopy",
    "rpython.rtyper.lltypesystem.llmemory.load_word",
    "rpython.rtyper.lltypesystem.llmemory.store_word",
    "rpython.rtyper.lltypesystem.llmemory.load_adr",
    "rpython.rtyper.lltypesystem.llmemory.store_adr",
    "rpython.rtyper.lltypesystem.llmemory.cast_adr_to_int",
    "rpython.rtyper.lltypesystem.llmemory.cast_int_to_adr",
    "rpython.memory.gcdata.type_info_table",
    "rpython.memory.gcdata.static_roots",
    "rpython.memory.gcdata.root_stack_base_address",
    "rpython.memory.gcdata.root_stack_top_address",
    "rpython.memory.gcdata.root_stack_limit_address",
    "rpython.memory.gcdata.env_size",
];

/// What each address-level function takes (`a` an address, `i` an int)
/// and returns (`a`, `i` or `-` for nothing).
const ADDRESS_FUNCTIONS: &[(&str, &str, char)] = &[
    ("raw_malloc", "i", 'a'),
    ("raw_free", "a", '-'),
    ("raw_memclear", "ai", '-'),
    ("raw_memcopy", "aai", '-'),
    ("load_word", "ai", 'i'),
    ("store_word", "aii", '-'),
    ("load_adr", "ai", 'a'),
    ("store_adr", "aia", '-'),
    ("cast_adr_to_int", "a", 'i'),
    ("cast_int_to_adr", "i", 'a'),
    ("type_info_table", "", 'a'),
    ("static_roots", "", 'a'),
    ("root_stack_base_address", "", 'a'),
    ("root_stack_top_address", "", 'a'),
    ("root_stack_limit_address", "", 'a'),
];

/// The signature of an address-level function of `llmemory` or `gcdata`,
/// by qualified name.
pub fn address_function(name: &str) -> Option<(&'static str, char)> {
    let (module, short) = name.rsplit_once('.')?;
    if module != crate::constants::ADDRESS_MODULE && module != "rpython.memory.gcdata" {
        return None;
    }
    address_signature(short)
}

/// The signature of an address-level function by its short name: its
/// parameters (`a` an address, `i` an int) and result (`a`, `i` or `-`).
pub fn address_signature(short: &str) -> Option<(&'static str, char)> {
    ADDRESS_FUNCTIONS
        .iter()
        .find(|(n, ..)| *n == short)
        .map(|&(_, params, result)| (params, result))
}

/// Whether a qualified support-package name has a built-in rule.
pub fn is_special(name: &str) -> bool {
    SPECIALS.contains(&name)
}

impl Annotator<'_> {
    /// Calls the built-in `name`.
    pub(crate) fn call_builtin(
        &mut self,
        name: &str,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
    ) -> OpResult {
        use SomeValue as S;
        let n = args.len();
        let arg = |i: usize| args.get(i).cloned().unwrap_or(S::Impossible);
        let r = match name {
            "len" if n == 1 => return self.call_len(&args[0]),
            "abs" if n == 1 => match &args[0] {
                S::Float => S::Float,
                x if x.is_int_like() => S::nonneg(),
                x @ S::Instance(..) => return self.call_special_method(x, "__abs__", Vec::new()),
                x => return Err(self.type_error("bad operand for abs()", &[x])),
            },
            "min" | "max" => {
                let items = if n == 1 {
                    let item = self.item_of_iterable(&args[0])?;
                    vec![item]
                } else {
                    args.clone()
                };
                if let Some((_, key)) = keywords.iter().find(|(k, _)| k == "key") {
                    for item in &items {
                        self.call_value(key, vec![item.clone()], Vec::new(), None)?;
                    }
                }
                let mut r = S::Impossible;
                for i in &items {
                    r = self.union(&r, &i.generalized()).map_err(|e| {
                        self.type_error(
                            &format!("{name}() of both {} and {}", e.left, e.right),
                            &[],
                        )
                    })?;
                }
                r
            }
            "sum" => {
                // Bools add up as ints, as in CPython.
                let as_number = |v: SomeValue| match v {
                    S::Bool(_) => S::int(),
                    v => v,
                };
                let item = as_number(self.item_of_iterable(&arg(0))?.generalized());
                let start = as_number(if n > 1 { arg(1) } else { S::int() }.generalized());
                let float_items = matches!(item, S::Float) && n == 1;
                self.union(&item, &start).map_err(|e| {
                    let err = self.type_error(&format!("sum() of {} and {}", e.left, e.right), &[]);
                    if float_items {
                        err.with_note("CPython's sum() of no floats is the int 0, not 0.0: give the start, as in sum(values, 0.0)")
                    } else {
                        err
                    }
                })?
            }
            "ord" => S::nonneg(),
            "chr" => S::Str(SomeStr::CHAR),
            "int" => match &arg(0) {
                S::Instance(..) => {
                    return self.call_special_method(&args[0], "__int__", Vec::new())
                }
                x if n == 0 || x.is_number() || matches!(x, S::Str(_) | S::Bytes(_)) => S::int(),
                x => return Err(self.type_error("int() of", &[x])),
            },
            "float" => match &arg(0) {
                x if n == 0 || x.is_number() || matches!(x, S::Str(_)) => S::Float,
                x => return Err(self.type_error("float() of", &[x])),
            },
            "str" | "repr" | "ascii" => {
                if n == 1 {
                    let kind = if name == "str" {
                        flowgraph::OpKind::Str
                    } else {
                        flowgraph::OpKind::Repr
                    };
                    return self.stringify_value(&kind, &args[0]);
                }
                S::str()
            }
            "bool" => {
                if n == 1
                    && matches!(args[0], S::Instance(..))
                    && self.has_method(&args[0], "__bool__")
                {
                    self.call_special_method(&args[0], "__bool__", Vec::new())?;
                }
                S::bool()
            }
            "hex" | "oct" | "bin" | "format" => S::str(),
            "hash" | "id" => S::int(),
            "isinstance" if n == 2 => S::Bool(self.isinstance_known(&args[0], &args[1])),
            "isinstance" | "issubclass" | "hasattr" | "callable" => S::bool(),
            "range" => {
                let nonneg = match n {
                    1 => true,
                    2 => int_nonneg(&args[0]),
                    _ => int_nonneg(&args[0]) && args[2].const_int().is_some_and(|s| s > 0),
                };
                for a in &args {
                    if !a.is_int_like() {
                        return Err(self.type_error("range() needs ints, not", &[a]));
                    }
                }
                S::Range { nonneg }
            }
            "enumerate" => {
                let it = self.iter_of(&arg(0))?;
                S::Iterator(IterKind::Enumerate, Arc::from([it]))
            }
            "reversed" => match &arg(0) {
                S::List(..) | S::Str(_) | S::Range { .. } => {
                    S::Iterator(IterKind::Reversed, Arc::from([args[0].without_none()]))
                }
                x => return Err(self.type_error("reversed() of", &[x])),
            },
            "zip" => {
                let mut its = Vec::new();
                for a in &args {
                    its.push(self.iter_of(a)?);
                }
                S::Iterator(IterKind::Zip, its.into())
            }
            "iter" if n == 1 => self.iter_of(&args[0])?,
            "next" => {
                let item = self.next_of(&arg(0))?;
                if n > 1 {
                    self.union(&item, &args[1]).map_err(|e| {
                        self.type_error(
                            &format!(
                                "next() default of another type ({} and {})",
                                e.left, e.right
                            ),
                            &[],
                        )
                    })?
                } else {
                    item
                }
            }
            "sorted" | "list" => {
                let item = if n == 0 {
                    S::Impossible
                } else {
                    self.item_of_iterable(&args[0])?
                };
                if let Some((_, key)) = keywords.iter().find(|(k, _)| k == "key") {
                    self.call_value(key, vec![item.clone()], Vec::new(), None)?;
                }
                let site = self.current_site;
                self.new_list(item.generalized(), site)
            }
            "bytes" => match (n, &arg(0)) {
                (0, _) => S::bytes(),
                (1, x) if x.is_int_like() => S::bytes(),
                (1, S::Bytes(_)) => S::bytes(),
                (1, S::Str(_)) => {
                    return Err(self.type_error("bytes() of a str needs an encoding", &[]))
                }
                (1, x) => {
                    let item = self.item_of_iterable(x)?;
                    if !item.is_int_like() {
                        return Err(
                            self.type_error("bytes() of items that are not ints:", &[&item])
                        );
                    }
                    S::bytes()
                }
                (2 | 3, S::Str(_)) => S::bytes(),
                (_, x) => return Err(self.type_error("bytes() of", &[x])),
            },
            "tuple" => match &arg(0) {
                t @ S::Tuple(_) => t.clone(),
                _ if n == 0 => S::Tuple(Arc::from([])),
                x => {
                    return Err(self
                        .type_error(
                            "tuple() of a value whose length is only known at run time:",
                            &[x],
                        )
                        .with_note("tuples have a fixed length at translation time"))
                }
            },
            "dict" => {
                let (k, v) = match &arg(0) {
                    S::Dict(id, _) => self.read_dict(*id),
                    _ if n == 0 => (S::Impossible, S::Impossible),
                    x => {
                        let item = self.item_of_iterable(x)?;
                        match item {
                            S::Tuple(kv) if kv.len() == 2 => (kv[0].clone(), kv[1].clone()),
                            _ => return Err(self.type_error("dict() of", &[x])),
                        }
                    }
                };
                let id = self.new_dict(k, v);
                S::Dict(id, false)
            }
            "set" | "frozenset" => {
                let k = if n == 0 {
                    S::Impossible
                } else {
                    self.item_of_iterable(&args[0])?
                };
                let id = self.new_dict(k.generalized(), S::None);
                S::Set(id, false)
            }
            "print" => {
                for a in &args {
                    self.stringify_value(&flowgraph::OpKind::Str, a)?;
                }
                S::None
            }
            "divmod" => {
                let q = self.binary(&flowgraph::OpKind::FloorDiv, &arg(0), &arg(1), false)?;
                S::Tuple(Arc::from([q.clone(), q]))
            }
            "round" => {
                // round(float, ndigits) is a float; round(int, ndigits),
                // round(int) and round(float) are ints.
                let ndigits = n >= 2 && !matches!(args[1], S::None);
                if ndigits && matches!(args[0], S::Float) {
                    S::Float
                } else {
                    S::int()
                }
            }
            "pow" => self.binary(&flowgraph::OpKind::Pow, &arg(0), &arg(1), false)?,
            "super" => match (&arg(0), &arg(1)) {
                (S::Pbc(p), S::Instance(s, _)) if p.descs.len() == 1 => {
                    let d = *p.descs.iter().next().expect("one desc");
                    match self.descs[d] {
                        Desc::Class(c) => S::Super(c, *s),
                        _ => return Err(self.type_error("super() of a non-class", &[])),
                    }
                }
                _ => return Err(self.type_error("super() needs a class and an instance", &[])),
            },
            "open" => S::External(External::File { can_be_none: false }),
            "type" if n == 1 => self.type_of(&args[0]),
            "getattr" | "setattr" => {
                return Err(
                    self.type_error(&format!("{name}() needs a constant attribute name"), &[])
                )
            }
            "math.floor" | "math.ceil" | "math.trunc" | "math.gcd" | "math.factorial" => S::int(),
            "math.isnan" | "math.isinf" | "math.isfinite" | "math.isclose" => S::bool(),
            "math.frexp" => S::Tuple(Arc::from([S::Float, S::int()])),
            "math.modf" => S::Tuple(Arc::from([S::Float, S::Float])),
            m if m.starts_with("math.") => S::Float,
            "os.write" | "os.open" | "os.getpid" | "os.lseek" => S::int(),
            "os.read" => S::bytes(),
            "os.close" | "os.unlink" | "os.remove" | "os.mkdir" | "os.rmdir" => S::None,
            "os.getenv" => S::Str(SomeStr {
                can_be_none: true,
                ..SomeStr::ANY
            }),
            "os.path.exists" | "os.path.isdir" | "os.path.isfile" | "posixpath.exists"
            | "posixpath.isfile" | "posixpath.isdir" => S::bool(),
            "os.path.join" | "posixpath.join" | "os.path.basename" | "posixpath.basename"
            | "os.path.dirname" | "posixpath.dirname" => S::str(),
            "time.time" | "time.perf_counter" | "time.monotonic" | "time.process_time" => S::Float,
            "time.sleep" => S::None,
            "sys.exit" => S::Impossible,
            "object_method" => S::None,
            _ => return self.call_rlib(name, args, keywords),
        };
        Ok(r)
    }

    fn call_len(&mut self, v: &SomeValue) -> OpResult {
        match v {
            SomeValue::Instance(..) => self.call_special_method(v, "__len__", Vec::new()),
            SomeValue::Str(_)
            | SomeValue::Bytes(_)
            | SomeValue::List(..)
            | SomeValue::Dict(..)
            | SomeValue::Set(..)
            | SomeValue::Tuple(_)
            | SomeValue::Range { .. } => Ok(SomeValue::nonneg()),
            _ => Err(self.type_error("len() of an object without a length", &[v])),
        }
    }

    /// `str(x)` / `repr(x)`: calls `__str__`/`__repr__` of instances.
    pub(crate) fn stringify_value(&mut self, kind: &flowgraph::OpKind, v: &SomeValue) -> OpResult {
        self.refuse_hash_ordered_sets(v, "printing")?;
        if let SomeValue::Instance(cd, _) = v {
            let obj = self.classes[*cd].obj;
            for name in if *kind == flowgraph::OpKind::Str {
                &["__str__", "__repr__"][..]
            } else {
                &["__repr__"][..]
            } {
                let user = self
                    .lookup_class_attr(obj, name)
                    .is_some_and(|(_, f)| !self.is_builtin_value(&f));
                if user || self.has_method(v, name) {
                    self.call_special_method(v, name, Vec::new())?;
                    return Ok(SomeValue::str());
                }
            }
        }
        Ok(SomeValue::str())
    }

    /// An address-level function: its arguments are checked against its
    /// signature.
    fn call_address_function(
        &mut self,
        short: &str,
        params: &str,
        result: char,
        args: &[SomeValue],
    ) -> OpResult {
        use SomeValue as S;
        if args.len() != params.len() {
            return Err(
                self.type_error(&format!("{short}() takes {} arguments", params.len()), &[])
            );
        }
        for (p, a) in params.chars().zip(args) {
            let fits = match p {
                'a' => matches!(a, S::Address | S::Impossible),
                _ => a.is_int_like() || matches!(a, S::Impossible),
            };
            if !fits {
                let wanted = if p == 'a' { "an address" } else { "an int" };
                return Err(self.type_error(&format!("{short}() expects {wanted}, not"), &[a]));
            }
        }
        Ok(match result {
            'a' => S::Address,
            'i' => S::int(),
            _ => S::None,
        })
    }

    /// Functions of the support package.
    fn call_rlib(
        &mut self,
        name: &str,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
    ) -> OpResult {
        use SomeValue as S;
        let short = name.rsplit('.').next().unwrap_or(name);
        if let Some((params, result)) = address_function(name) {
            return self.call_address_function(short, params, result, &args);
        }
        let arg0 = args.first().cloned().unwrap_or(S::None);
        let r = match short {
            "intmask" | "widen" => S::int(),
            "env_size" => match (&arg0, args.get(1)) {
                (S::Str(s), Some(d)) if s.konst.is_some() && d.is_int_like() => S::int(),
                _ => {
                    return Err(self.type_error(
                        "env_size() takes a constant str and an int, not",
                        &args.iter().collect::<Vec<_>>(),
                    ))
                }
            },
            "fma" if args.len() == 3 && args.iter().all(SomeValue::is_number) => S::Float,
            "fma" => {
                return Err(self.type_error(
                    "fma() takes three numbers, not",
                    &args.iter().collect::<Vec<_>>(),
                ))
            }
            "ovfcheck" => match &arg0 {
                x if x.is_int_like() => S::int(),
                x => return Err(self.type_error("ovfcheck() of a non-int", &[x])),
            },
            "is_valid_int" | "likely" | "unlikely" | "we_are_jitted" | "isconstant"
            | "isvirtual" => S::bool(),
            "we_are_translated" => S::Bool(Some(true)),
            "r_uint" | "r_uint64" | "r_ulonglong" => S::Int(SomeInt::UNSIGNED),
            "r_int" | "r_int64" | "r_longlong" => S::int(),
            "compute_hash"
            | "compute_identity_hash"
            | "compute_unique_id"
            | "current_object_addr_as_int" => S::int(),
            "instantiate" => match &arg0 {
                S::Pbc(p) => {
                    let mut r = S::Impossible;
                    for d in p.descs.clone() {
                        if let Desc::Class(cd) = self.descs[d] {
                            self.created_bare.insert(cd);
                            r = self.union(&r, &S::Instance(cd, false)).map_err(|e| {
                                self.type_error(
                                    &format!("instantiate() of {} and {}", e.left, e.right),
                                    &[],
                                )
                            })?;
                        }
                    }
                    r
                }
                x => return Err(self.type_error("instantiate() of a non-class", &[x])),
            },
            "newlist_hint" => {
                let site = self.current_site;
                self.new_list(S::Impossible, site)
            }
            "make_sure_not_resized" => arg0,
            "hint" | "promote" | "promote_string" | "promote_unicode" => arg0,
            "conditional_call" => {
                if args.len() >= 2 {
                    self.call_value(&args[1], args[2..].to_vec(), keywords, None)?;
                }
                S::None
            }
            "fatalerror" => S::Impossible,
            "jit_merge_point" | "can_enter_jit" => {
                for (k, v) in &keywords {
                    if matches!(v, S::Tuple(_) | S::Iterator(..)) {
                        let what = self.describe(v);
                        return Err(self.type_error(
                            &format!("the JIT live variable `{k}` must be an int, float, str or instance, not {what}"),
                            &[],
                        ));
                    }
                }
                S::None
            }
            _ if name.starts_with("rpython.") => S::None,
            _ => {
                return Err(self.type_error(
                    &format!("the built-in `{name}` is not supported at run time"),
                    &[],
                ))
            }
        };
        let _ = IntKind::Signed;
        Ok(r)
    }
}

fn int_nonneg(v: &SomeValue) -> bool {
    match v {
        SomeValue::Int(i) => i.nonneg,
        SomeValue::Bool(_) => true,
        _ => false,
    }
}

impl Annotator<'_> {
    /// `isinstance(x, cls)` when the annotations decide it: an instance of
    /// a subclass (never None), or of a class unrelated to `cls` (the
    /// intersection is empty: the branch is dead, whichever order the
    /// annotator saw the calls in), or a value of a built-in type.
    fn isinstance_known(&self, x: &SomeValue, cls: &SomeValue) -> Option<bool> {
        use SomeValue as S;
        match cls {
            S::Tuple(items) => {
                let known: Vec<Option<bool>> =
                    items.iter().map(|c| self.isinstance_known(x, c)).collect();
                if known.contains(&Some(true)) {
                    Some(true)
                } else if known.iter().all(|k| *k == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            S::Pbc(p) => {
                let [d] = p.descs.iter().copied().collect::<Vec<_>>()[..] else {
                    return None;
                };
                let Desc::Class(target) = self.descs[d] else {
                    return None;
                };
                match x {
                    S::Instance(cd, nullable) => {
                        if self.is_subclass(*cd, target) {
                            (!nullable).then_some(true)
                        } else if self.is_subclass(target, *cd) {
                            None
                        } else {
                            Some(false)
                        }
                    }
                    S::Impossible => None,
                    _ => Some(false),
                }
            }
            S::Builtin(name) => {
                let (matches, nullable) = match (&**name, x) {
                    (_, S::Impossible) => return None,
                    ("str", S::Str(s)) | ("bytes", S::Bytes(s)) => (true, s.can_be_none),
                    ("int", S::Int(_) | S::Bool(_)) | ("bool", S::Bool(_)) => (true, false),
                    ("float", S::Float) | ("tuple", S::Tuple(_)) => (true, false),
                    ("list", S::List(_, n)) | ("dict", S::Dict(_, n)) | ("set", S::Set(_, n)) => {
                        (true, *n)
                    }
                    (
                        "str" | "bytes" | "int" | "bool" | "float" | "tuple" | "list" | "dict"
                        | "set",
                        _,
                    ) => (false, false),
                    _ => return None,
                };
                if matches && nullable {
                    None
                } else {
                    Some(matches)
                }
            }
            _ => None,
        }
    }
}
