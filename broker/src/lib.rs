//! moldau-broker: a Kafka-compatible broker.
//!
//! Layout (see DESIGN.md): `server` accepts connections and frames requests, `api` holds one
//! handler module per API family, `log` is the partition log, `replica` owns partitions and
//! their high watermarks, `controller` keeps the cluster metadata, `group` is the consumer
//! group coordinator, `metrics` the Prometheus registry, `broker` assembles them.

pub mod api;
pub mod broker;
pub mod config;
pub mod controller;
pub mod fuzzing;
pub mod group;
pub mod log;
pub mod metrics;
pub mod protocol;
pub mod replica;
pub mod server;
pub mod util;
