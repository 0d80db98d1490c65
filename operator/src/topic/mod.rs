//! KafkaTopic: the topic diff (`plan`, pure) and the reconcile that carries it out.

pub mod plan;
pub mod reconcile;
