//! moldau-operator: reconciles `KafkaCluster` and `KafkaTopic` resources into running moldau
//! clusters and topics.

pub mod admin;
pub mod cluster;
pub mod crd;
pub mod leader;
pub mod metrics;
pub mod run;
pub mod status;

/// The broker image a KafkaCluster runs when it names none.
pub const DEFAULT_BROKER_IMAGE: &str =
    concat!("ghcr.io/moldau/moldau-broker:", env!("CARGO_PKG_VERSION"));
