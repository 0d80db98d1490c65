//! moldau-operator: reconciles `KafkaCluster` and `KafkaTopic` resources into running moldau
//! clusters and topics.

pub mod crd;
