//! moldau-operator: reconciles `KafkaCluster` and `KafkaTopic` resources into running moldau
//! clusters and topics.

pub mod admin;
pub mod broker_init;
pub mod cluster;
pub mod crd;
pub mod exporter;
pub mod finalizers;
pub mod leader;
pub mod metrics;
pub mod run;
pub mod status;
pub mod topic;

/// The broker image a KafkaCluster runs when it names none.
pub const DEFAULT_BROKER_IMAGE: &str =
    concat!("ghcr.io/moldau/moldau-broker:", env!("CARGO_PKG_VERSION"));

/// The operator's own image: the broker pods' init container (`broker-init`) runs it.
pub const DEFAULT_OPERATOR_IMAGE: &str =
    concat!("ghcr.io/moldau/moldau-operator:", env!("CARGO_PKG_VERSION"));

/// The ClusterRole (installed by the chart) that lets broker pods read Nodes, for rack
/// awareness and NodePort addresses.
pub const DEFAULT_BROKER_CLUSTER_ROLE: &str = "moldau-broker";
