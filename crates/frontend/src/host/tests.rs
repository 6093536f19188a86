//! Unit tests of the host object model.
