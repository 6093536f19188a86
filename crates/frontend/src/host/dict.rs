//! Python dicts (and the storage of sets): insertion ordered, keyed by
//! Python equality and hash.
//!
//! (Placeholder; the object-model work replaces it.)

use super::value::Value;

#[derive(Clone, Debug, Default)]
pub struct Dict {
    pub entries: Vec<(Value, Value)>,
}
