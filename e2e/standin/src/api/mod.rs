//! The API server emulation: the resource registry, the object store, the verbs and the
//! object semantics behind them. `http` serves it; controllers and the kubelet call it directly.

pub mod builtin;
pub mod errors;
pub mod meta;
pub mod patch;
pub mod registry;
pub mod schema;
pub mod selectors;
pub mod server;
pub mod ssa;
pub mod store;
pub mod table;

pub use server::ApiServer;
