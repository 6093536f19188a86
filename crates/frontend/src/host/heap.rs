//! The host heap: an arena of [`Object`]s addressed by [`ObjRef`].
//!
//! Objects are never freed while the heap lives: import-time heaps are
//! small and become the prebuilt constants of the translated program, and
//! `rpy run` is a testing aid. Allocation is deterministic (ids are handed
//! out in order), which the incremental database relies on.

use super::object::Object;
use super::value::ObjRef;

#[derive(Debug, Default)]
pub struct Heap {
    objects: Vec<Object>,
}

impl Heap {
    pub fn new() -> Heap {
        Heap::default()
    }

    pub fn alloc(&mut self, obj: Object) -> ObjRef {
        let r = ObjRef(u32::try_from(self.objects.len()).expect("host heap exhausted"));
        self.objects.push(obj);
        r
    }

    pub fn get(&self, r: ObjRef) -> &Object {
        &self.objects[r.index()]
    }

    pub fn get_mut(&mut self, r: ObjRef) -> &mut Object {
        &mut self.objects[r.index()]
    }

    /// Replaces an object (used to fill in objects allocated early, such as
    /// the built-in classes during bootstrap).
    pub fn replace(&mut self, r: ObjRef, obj: Object) -> Object {
        std::mem::replace(&mut self.objects[r.index()], obj)
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}
