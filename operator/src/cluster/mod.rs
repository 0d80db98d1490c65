//! The KafkaCluster reconciler: desired objects (pure), the next safe step of a roll or a
//! scaling (pure), and the thin layer that applies them.

pub mod desired;
pub mod health;
pub mod leaders;
pub mod rebalance;
pub mod reconcile;
pub mod roll;
pub mod scale;
