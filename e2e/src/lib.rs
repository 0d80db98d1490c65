//! Shared code of the end-to-end benchmark programs (`bench`, `cluster-bench`).

pub mod support;
