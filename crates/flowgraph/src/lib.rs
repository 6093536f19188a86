//! The flow graph IR (being written).
