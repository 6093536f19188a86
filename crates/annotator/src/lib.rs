//! Whole-program type inference for RPython.
//!
//! The annotator starts from the entry point's graph with `argv: list[str]`
//! and propagates [`SomeValue`] annotations through the flow graphs to a
//! fixpoint, in the manner of PyPy's `rpython/annotator`: every block is
//! flowed when one of its inputs widens; callees are discovered (and their
//! graphs requested) as calls are met; whatever many places share — the
//! items of a list, an attribute of a class, the return value of a
//! function — lives in one definition whose readers are flowed again when
//! it widens. Everything only ever widens, so the process terminates.
//!
//! What is not RPython is found here: a variable, attribute or list that
//! would need two incompatible types, a call through a family of functions
//! with different signatures, a dynamic `getattr`, ... Each becomes an
//! [`AnnotationError`] naming the conflicting sites, and the annotator
//! goes on with other blocks so that independent errors are all reported.

mod arith;
mod attrs;
mod builtins;
mod calls;
mod classdef;
mod constants;
mod containers;
mod diag;
mod dump;
mod flow;
mod initialized;
mod methods;
mod model;
mod ops;
mod special;
mod union;

pub use builtins::address_signature;
pub use classdef::{AttrDef, ClassDef};
pub use diag::{site_span, AnnotationError, Site};
pub use dump::{dump_annotations, dump_graph, DumpOptions};
pub use model::{
    ClassId, DescId, DictId, External, GraphId, IntKind, IterKind, ListId, SomeInt, SomePbc,
    SomeStr, SomeValue, UnionError,
};
pub use special::CompareVia;

use cranelift_entity::{PrimaryMap, SecondaryMap};
use flowgraph::Block;
use frontend::flowspace::{FlowError, Graph};
use frontend::host::{ObjRef, Vm};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

/// Where the annotator gets flow graphs from: the driver's database, or a
/// direct build in tests.
pub type GraphSource<'a> = Box<dyn FnMut(ObjRef) -> Result<Arc<Graph>, FlowError> + 'a>;

/// A safety net: annotations only widen, so the fixpoint terminates, but a
/// bug must end in a diagnostic rather than a hang.
const MAX_BLOCK_FLOWS: usize = 2_000_000;

/// A block of an annotated graph: the unit of re-flowing.
pub type Position = (GraphId, Block);

/// What a function's annotated graph records.
pub struct GraphInfo {
    /// The function object.
    pub func: ObjRef,
    /// Its description (several graphs share one when specialised).
    pub desc: DescId,
    /// The name printed in dumps and diagnostics: the qualified name, with
    /// a suffix for specialisations.
    pub name: String,
    pub graph: Arc<Graph>,
    /// The annotation of every variable (`Impossible` if never reached).
    pub bindings: SecondaryMap<flowgraph::Var, SomeValue>,
    /// Where each block input first got its value, for diagnostics.
    pub origins: SecondaryMap<flowgraph::Var, Option<Site>>,
    /// Blocks flowed at least once.
    pub reached: HashSet<Block>,
    /// Blocks that stopped at an error: their exits are not followed.
    pub failed: HashSet<Block>,
    /// The error each failed block stopped at, with the annotations it
    /// had then: reported only if the block still fails once annotation
    /// is complete (a block flowed early, before a loop generalised its
    /// inputs, may succeed when flowed again).
    pub block_errors: HashMap<Block, crate::diag::AnnotationError>,
    /// Positions reading the return value (callers).
    pub return_readers: HashSet<Position>,
    /// For a generator: what it yields, and who iterates over it.
    pub generator: bool,
    pub yields: SomeValue,
    pub yield_readers: HashSet<Position>,
    /// Block inputs holding a caught exception's class, each with the input
    /// holding its instance (so `exception_match` can narrow the instance).
    pub exc_pairs: HashMap<flowgraph::Var, flowgraph::Var>,
    /// The first call that reached this graph, for the call chain of
    /// diagnostics.
    pub first_caller: Option<(GraphId, Site)>,
    /// For each call operation (by block and index), the graphs it may
    /// call, in the order first met: what the rtyper turns into direct
    /// calls, or calls through a family's function pointers.
    pub call_targets: HashMap<(Block, usize), Vec<GraphId>>,
}

impl GraphInfo {
    /// The annotation of the return value.
    pub fn return_value(&self) -> &SomeValue {
        let ret = self.graph.blocks[self.graph.returnblock].inputs[0];
        &self.bindings[ret]
    }
}

/// A list definition: the items of every list a [`ListId`] stands for.
#[derive(Clone, Debug, Default)]
pub struct ListDef {
    pub item: SomeValue,
    /// Some code changes the length (append, pop, ...).
    pub resized: bool,
    /// Some code stores items.
    pub mutated: bool,
    /// The first place an item of the current kind came from.
    pub origin: Option<Site>,
    pub readers: HashSet<Position>,
    /// After a merge: the definition this one was merged into.
    pub forward: Option<ListId>,
}

/// A dict (or set) definition.
#[derive(Clone, Debug, Default)]
pub struct DictDef {
    pub key: SomeValue,
    pub value: SomeValue,
    pub key_origin: Option<Site>,
    pub value_origin: Option<Site>,
    pub readers: HashSet<Position>,
    pub forward: Option<DictId>,
}

/// A callable or frozen object.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Desc {
    /// A Python function.
    Function(ObjRef),
    /// A class (user class or built-in exception class).
    Class(ClassId),
    /// A function found in the class `origin`, bound to an instance of
    /// `self_class` (a subclass of `origin`, or `origin` itself).
    Method {
        func: ObjRef,
        origin: ClassId,
        self_class: ClassId,
    },
    /// A function bound to a frozen prebuilt object (`HELLO.greet`).
    FrozenMethod { func: ObjRef, receiver: ObjRef },
    /// A prebuilt object used only as a constant (a module, a frozen
    /// instance): its attributes are read at translation time.
    Frozen(ObjRef),
}

/// The annotator: the state of the fixpoint.
pub struct Annotator<'a> {
    vm: Arc<Mutex<Vm>>,
    source: GraphSource<'a>,
    pub classes: PrimaryMap<ClassId, ClassDef>,
    class_of_obj: HashMap<ObjRef, ClassId>,
    pub lists: PrimaryMap<ListId, ListDef>,
    pub dicts: PrimaryMap<DictId, DictDef>,
    pub descs: PrimaryMap<DescId, Desc>,
    desc_index: HashMap<Desc, DescId>,
    pub graphs: PrimaryMap<GraphId, GraphInfo>,
    graph_index: HashMap<(ObjRef, String), GraphId>,
    /// Functions whose graph could not be built.
    failed_functions: HashMap<ObjRef, ()>,
    pending: VecDeque<Position>,
    /// `RPY_ANNOTATION_ORDER=shuffle:SEED`: the worklist is taken in a
    /// pseudo-random order (a xorshift state), to test that the result
    /// does not depend on the order blocks are flowed in.
    shuffle: Option<u64>,
    queued: HashSet<Position>,
    /// Prebuilt containers and instances already turned into annotations.
    prebuilt: HashMap<ObjRef, SomeValue>,
    /// Qualified names of the host's built-in functions and classes.
    builtin_names: HashMap<ObjRef, Arc<str>>,
    errors: Vec<AnnotationError>,
    error_keys: HashSet<(String, Option<Site>)>,
    /// The block being flowed, the index of the operation at hand in it,
    /// and its site.
    current: Option<Position>,
    current_op: Option<usize>,
    current_site: Option<Site>,
    /// Nested functions made at run time: how many captured values their
    /// graphs take first, and their defaults.
    closures: HashMap<ObjRef, (usize, SomeValue)>,
    entry: Option<GraphId>,
    /// The graphs of the extra roots, by function.
    roots: HashMap<ObjRef, GraphId>,
    /// Classes the program calls to make instances (running `__init__`).
    instantiated: HashSet<ClassId>,
    /// Comparisons calling a special method, checked by `complete`.
    special_compares: Vec<special::SpecialCompare>,
    /// Classes whose instances `instantiate()` makes without `__init__`.
    created_bare: HashSet<ClassId>,
    /// Where the program makes an `OSError` without an errno.
    os_error_without_errno: Vec<Site>,
}

/// The result of annotating a program.
pub struct Annotations<'a> {
    pub annotator: Annotator<'a>,
    pub errors: Vec<AnnotationError>,
}

/// Annotates the program whose entry point is `entry`, with `argv` a list
/// of str. Graphs come from `source`.
pub fn annotate_program<'a>(
    vm: Arc<Mutex<Vm>>,
    entry: ObjRef,
    source: GraphSource<'a>,
) -> Annotations<'a> {
    annotate_program_with_roots(vm, entry, &[], source)
}

/// Annotates the program whose entry point is `entry` together with extra
/// functions called with the given arguments (the collector's functions,
/// which the GC transform calls): see [`Annotator::root_graph`].
pub fn annotate_program_with_roots<'a>(
    vm: Arc<Mutex<Vm>>,
    entry: ObjRef,
    extra: &[(ObjRef, Vec<SomeValue>)],
    source: GraphSource<'a>,
) -> Annotations<'a> {
    let _span = tracing::info_span!("annotate").entered();
    let mut annotator = Annotator::new(vm, source);
    annotator.annotate_entry(entry);
    for (func, args) in extra {
        annotator.annotate_root(*func, args.clone());
    }
    annotator.run_to_fixpoint();
    annotator.complete()
}

/// Annotates functions taking no arguments, each as a root (for testing
/// the annotator on code without an entry point, such as library modules).
pub fn annotate_roots<'a>(
    vm: Arc<Mutex<Vm>>,
    roots: &[ObjRef],
    source: GraphSource<'a>,
) -> Annotations<'a> {
    let _span = tracing::info_span!("annotate").entered();
    let mut annotator = Annotator::new(vm, source);
    for &root in roots {
        let desc = annotator.desc(Desc::Function(root));
        if let Some(g) = annotator.graph_for(desc, root, String::new(), None) {
            if annotator.graphs[g].graph.args.is_empty() {
                annotator.bind_graph_args(g, Vec::new(), None);
            }
        }
    }
    annotator.run_to_fixpoint();
    annotator.complete()
}

impl<'a> Annotator<'a> {
    fn new(vm: Arc<Mutex<Vm>>, source: GraphSource<'a>) -> Annotator<'a> {
        let builtin_names = constants::builtin_names(&vm.lock().expect("vm lock"));
        Annotator {
            vm,
            source,
            classes: PrimaryMap::new(),
            class_of_obj: HashMap::new(),
            lists: PrimaryMap::new(),
            dicts: PrimaryMap::new(),
            descs: PrimaryMap::new(),
            desc_index: HashMap::new(),
            graphs: PrimaryMap::new(),
            graph_index: HashMap::new(),
            failed_functions: HashMap::new(),
            pending: VecDeque::new(),
            shuffle: std::env::var("RPY_ANNOTATION_ORDER")
                .ok()
                .and_then(|v| v.strip_prefix("shuffle:")?.parse::<u64>().ok())
                .map(|seed| seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
            queued: HashSet::new(),
            prebuilt: HashMap::new(),
            instantiated: HashSet::new(),
            special_compares: Vec::new(),
            created_bare: HashSet::new(),
            os_error_without_errno: Vec::new(),
            builtin_names,
            errors: Vec::new(),
            error_keys: HashSet::new(),
            current: None,
            current_op: None,
            current_site: None,
            closures: HashMap::new(),
            entry: None,
            roots: HashMap::new(),
        }
    }

    /// For a nested function made at run time (`newfunction`): how many
    /// values it captures, and the annotation of its defaults (a tuple,
    /// or `None` when it has none).
    pub fn closure_info(&self, template: ObjRef) -> Option<(usize, SomeValue)> {
        self.closures.get(&template).cloned()
    }

    /// The host heap (locked for the guard's lifetime: never hold it across
    /// a call that fetches a graph).
    pub fn vm(&self) -> MutexGuard<'_, Vm> {
        self.vm.lock().expect("the import heap is not poisoned")
    }

    /// The graph of the entry point, once annotated.
    pub fn entry_graph(&self) -> Option<GraphId> {
        self.entry
    }

    /// The description of an object, created on first use.
    pub fn desc(&mut self, desc: Desc) -> DescId {
        if let Some(&id) = self.desc_index.get(&desc) {
            return id;
        }
        let id = self.descs.push(desc.clone());
        self.desc_index.insert(desc, id);
        id
    }

    /// Schedules a block to be flowed.
    fn schedule(&mut self, pos: Position) {
        if self.queued.insert(pos) {
            self.pending.push_back(pos);
        }
    }

    /// Schedules every position of a set.
    fn schedule_all(&mut self, positions: &HashSet<Position>) {
        let mut sorted: Vec<Position> = positions.iter().copied().collect();
        sorted.sort();
        for pos in sorted {
            self.schedule(pos);
        }
    }

    /// The canonical id of a list definition (after merges).
    pub fn list(&self, mut id: ListId) -> ListId {
        while let Some(next) = self.lists[id].forward {
            id = next;
        }
        id
    }

    /// The canonical id of a dict definition (after merges).
    pub fn dict(&self, mut id: DictId) -> DictId {
        while let Some(next) = self.dicts[id].forward {
            id = next;
        }
        id
    }

    /// Records that the current position reads a list's items.
    fn read_list(&mut self, id: ListId) -> SomeValue {
        let id = self.list(id);
        if let Some(pos) = self.current {
            self.lists[id].readers.insert(pos);
        }
        self.lists[id].item.clone()
    }

    /// Records that the current position reads a dict's keys and values.
    fn read_dict(&mut self, id: DictId) -> (SomeValue, SomeValue) {
        let id = self.dict(id);
        if let Some(pos) = self.current {
            self.dicts[id].readers.insert(pos);
        }
        (self.dicts[id].key.clone(), self.dicts[id].value.clone())
    }

    /// The next position of the worklist: the oldest, or a pseudo-random
    /// one under `RPY_ANNOTATION_ORDER=shuffle:SEED`.
    fn next_pending(&mut self) -> Option<Position> {
        let Some(state) = self.shuffle.as_mut() else {
            return self.pending.pop_front();
        };
        if self.pending.is_empty() {
            return None;
        }
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let i = (*state % self.pending.len() as u64) as usize;
        self.pending.swap_remove_back(i)
    }

    /// Runs the worklist until nothing changes.
    fn run_to_fixpoint(&mut self) {
        let mut steps = 0usize;
        while let Some(pos) = self.next_pending() {
            self.queued.remove(&pos);
            steps += 1;
            if steps > MAX_BLOCK_FLOWS {
                let name = self.graphs[pos.0].name.clone();
                self.report(AnnotationError::new(format!(
                    "annotation does not converge (still re-flowing `{name}` after {MAX_BLOCK_FLOWS} blocks)"
                )));
                self.pending.clear();
                self.queued.clear();
                return;
            }
            self.flow_block(pos);
        }
        self.report_block_errors();
    }

    /// The checks that need the whole program annotated: run once, after
    /// the last fixpoint.
    fn complete(mut self) -> Annotations<'a> {
        self.check_attribute_initialization();
        self.check_special_uses();
        let errors = std::mem::take(&mut self.errors);
        Annotations {
            annotator: self,
            errors,
        }
    }

    /// Reports the errors of the blocks that still fail, in graph and
    /// block order.
    fn report_block_errors(&mut self) {
        let mut failing: Vec<(GraphId, Block)> = Vec::new();
        for (g, info) in self.graphs.iter() {
            failing.extend(info.block_errors.keys().map(|&b| (g, b)));
        }
        failing.sort();
        for (g, b) in failing {
            if let Some(e) = self.graphs[g].block_errors.remove(&b) {
                self.report(e);
            }
        }
    }

    /// The graph of an extra root of [`annotate_program_with_roots`].
    pub fn root_graph(&self, func: ObjRef) -> Option<GraphId> {
        self.roots.get(&func).copied()
    }

    fn annotate_root(&mut self, func: ObjRef, args: Vec<SomeValue>) {
        let desc = self.desc(Desc::Function(func));
        let Some(graph) = self.graph_for(desc, func, String::new(), None) else {
            return;
        };
        if self.graphs[graph].graph.args.len() != args.len() {
            let site = self.def_site(func);
            self.report(
                AnnotationError::new(format!(
                    "`{}` must take exactly {} arguments",
                    self.graphs[graph].name,
                    args.len()
                ))
                .at(site, "defined here"),
            );
            return;
        }
        self.roots.insert(func, graph);
        self.bind_graph_args(graph, args, None);
    }

    fn annotate_entry(&mut self, entry: ObjRef) {
        let argv_list = self.new_list(SomeValue::str(), None);
        let desc = self.desc(Desc::Function(entry));
        let Some(graph) = self.graph_for(desc, entry, String::new(), None) else {
            return;
        };
        self.entry = Some(graph);
        let args = self.graphs[graph].graph.args.clone();
        if args.len() != 1 {
            let site = self.def_site(entry);
            self.report(
                AnnotationError::new(format!(
                    "the entry point `{}` must take exactly one argument (argv)",
                    self.graphs[graph].name
                ))
                .at(site, "defined here"),
            );
            return;
        }
        self.bind_graph_args(graph, vec![argv_list], None);
        self.run_to_fixpoint();
        let ret = self.graphs[graph].return_value().clone();
        if !ret.is_impossible() && !ret.is_int_like() {
            let site = self.def_site(entry);
            let kind = self.describe(&ret);
            self.report(
                AnnotationError::new(format!(
                    "the entry point must return an int (the exit status), not {kind}"
                ))
                .at(site, "defined here"),
            );
        }
    }

    /// A fresh list definition with this item type.
    pub fn new_list(&mut self, item: SomeValue, origin: Option<Site>) -> SomeValue {
        let id = self.lists.push(ListDef {
            item,
            origin,
            ..ListDef::default()
        });
        SomeValue::List(id, false)
    }

    /// A fresh dict definition.
    pub fn new_dict(&mut self, key: SomeValue, value: SomeValue) -> DictId {
        let site = self.current_site;
        self.dicts.push(DictDef {
            key,
            value,
            key_origin: site,
            value_origin: site,
            ..DictDef::default()
        })
    }
}
