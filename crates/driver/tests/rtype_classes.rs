//! The rtyper on classes, methods, callables as values and prebuilt
//! constants: small programs that must lower to a verified module, with
//! the low-level shapes they should take (vtable dispatch, function
//! pointers, prebuilt globals).

use std::path::{Path, PathBuf};

fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/rtype_classes")
        .join(name)
}

/// Lowers a program and returns the printed module; fails on any error.
fn lower(name: &str) -> String {
    // The rtyper's own output: inlining would blur what these tests read.
    let options = driver::LowerOptions {
        rtype_only: true,
        ..Default::default()
    };
    let report = driver::lower::lower(&program(name), options)
        .unwrap_or_else(|_| panic!("{name}: the program failed before lowering"));
    assert!(report.errors.is_empty(), "{name}: {:#?}", report.errors);
    lltype::print_module(&report.module.expect("a module"))
}

#[test]
fn overridden_methods_dispatch_through_the_vtable() {
    let text = lower("methods_super_isinstance.py");
    assert!(
        text.contains("struct vtable_A { super: rpy_vtable, m_f: "),
        "{text}"
    );
    assert!(text.contains("indirect_call("), "{text}");
    assert!(text.contains("rpy_class_matches"), "{text}");
}

#[test]
fn keywords_defaults_and_prebuilt_constants() {
    let text = lower("keywords_prebuilt.py");
    assert!(
        text.contains(
            "global @pre_inst: inst_Q = { super: { typeptr: @vt_Q, rpy_hash: zero }, f_n: 1 }"
        ),
        "{text}"
    );
    assert!(
        text.contains("gc array(*tuple2) = [@pre_tuple, @pre_tuple_1]"),
        "{text}"
    );
}

#[test]
fn families_of_functions_are_function_pointers() {
    let text = lower("function_values.py");
    assert!(
        text.contains("gc array(*func(Signed, Signed) -> Signed) = [&op_add, &op_mul, &op_sub]"),
        "{text}"
    );
}

#[test]
fn classes_as_values_are_called_through_their_vtable() {
    let text = lower("class_values.py");
    assert!(
        text.contains("new1: *func(*rpy_str) -> *inst_Token"),
        "{text}"
    );
}

#[test]
fn class_attributes_differing_per_class() {
    let text = lower("class_attributes.py");
    assert!(text.contains("c_symbol: *rpy_str"), "{text}");
    assert!(text.contains(".rpy_message"), "{text}");
}

#[test]
fn closures_and_methods_that_never_return() {
    lower("closures.py");
}

#[test]
fn overrides_called_without_some_arguments_use_their_own_defaults() {
    let text = lower("defaults_through_overrides.py");
    assert!(
        text.contains("m_f_1: *func(*inst_A, Signed) -> Signed"),
        "{text}"
    );
    assert!(text.contains("direct_call(&B_f, v2, v1, 20)"), "{text}");
}

#[test]
fn mixin_methods_functions_and_classes_in_fields_exception_methods() {
    let text = lower("mixins_holders_exceptions.py");
    assert!(text.contains("m_describe"), "{text}");
}

#[test]
fn prebuilt_instances_keep_identity_through_cycles() {
    let text = lower("prebuilt_cycles.py");
    assert!(text.contains("f_next: @pre_inst_2"), "{text}");
    assert!(text.contains("f_next: @pre_inst_1"), "{text}");
    assert!(text.contains("item1: @pre_inst_1"), "{text}");
}

#[test]
fn max_min_and_sum_of_numbers() {
    let text = lower("minmax_sum.py");
    assert!(
        text.contains("max() arg is an empty sequence") || text.contains("rpy_max_list"),
        "{text}"
    );
}

#[test]
fn new_instances_start_with_the_class_level_values() {
    let text = lower("class_defaults.py");
    assert!(text.contains("setfield(v1, .f_count, 0)"), "{text}");
}

#[test]
fn class_valued_class_attributes_differing_per_subclass() {
    let text = lower("class_valued_attributes.py");
    assert!(
        text.contains("setfield(v5, .f_product, @vt_Q:*rpy_vtable)"),
        "{text}"
    );
}

#[test]
fn exception_messages_from_constructors_and_super_init() {
    let text = lower("exception_messages.py");
    assert!(text.contains("rpy_str_or_empty"), "{text}");
}

#[test]
fn nested_functions_with_defaults_computed_at_run_time() {
    let text = lower("nested_defaults.py");
    assert!(
        text.contains("direct_call(&outer__locals__h, 2, v5)"),
        "{text}"
    );
}
