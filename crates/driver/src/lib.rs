//! The translation driver (being written).
