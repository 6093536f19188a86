//! The type-table layout is written twice: in the GC transform, which
//! builds the table, and in `rpython/memory/gcdata.py`, which the
//! collectors read it with. They must agree word for word.

use transform::gc;

#[test]
fn gcdata_py_and_the_gc_transform_agree_on_the_type_table() {
    let path = driver::default_lib_dirs()[0].join("rpython/memory/gcdata.py");
    let text = std::fs::read_to_string(&path).unwrap();
    let constant = |name: &str| -> usize {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("{name} is not defined in gcdata.py"))
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let expected = [
        ("TYPE_INFO_WORDS", gc::TYPE_INFO_WORDS),
        ("TI_FIXED_SIZE", gc::TI_FIXED_SIZE),
        ("TI_ITEM_SIZE", gc::TI_ITEM_SIZE),
        ("TI_ITEMS_OFFSET", gc::TI_ITEMS_OFFSET),
        ("TI_LENGTH_OFFSET", gc::TI_LENGTH_OFFSET),
        ("TI_PTRS_START", gc::TI_PTRS_START),
        ("TI_PTRS_COUNT", gc::TI_PTRS_COUNT),
        ("TI_ITEM_PTRS_START", gc::TI_ITEM_PTRS_START),
        ("TI_ITEM_PTRS_COUNT", gc::TI_ITEM_PTRS_COUNT),
        ("STATIC_ROOT_WORDS", gc::STATIC_ROOT_WORDS),
    ];
    for (name, value) in expected {
        assert_eq!(constant(name), value, "{name}");
    }
}
