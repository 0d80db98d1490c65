//! The control-plane protocol between brokers, the controller and the operator
//! (`moldau.proto`, package `moldau.v1`): the `Raft` service between voters, the `Controller`
//! service brokers use to reach the active controller, and the `Admin` service for the
//! operator and tools.

pub mod pb {
    tonic::include_proto!("moldau.v1");
}

/// Broker configs that can be changed for the whole cluster without a restart: Kafka's
/// cluster-wide dynamic broker defaults (`kafka-configs --entity-type brokers --entity-default`,
/// i.e. config resource BROKER with the empty name; `Admin.AlterClusterConfigs` here).
///
/// Each one is the broker-level default of a topic config, and these are exactly the keys
/// Kafka documents with update mode "cluster-wide" among those moldau's broker knows. A value
/// set here is replicated through the metadata log and applies to every broker at once: a
/// topic's effective value is its own override, else this dynamic default, else the broker's
/// static `server.properties` / `--override` value, else the built-in default. The unit
/// variants Kafka keeps read-only (`log.retention.hours`, `log.retention.minutes`,
/// `log.roll.hours`, `log.flush.scheduler.interval.ms`) and every other broker key still need
/// a restart.
pub const DYNAMIC_CLUSTER_CONFIGS: &[&str] = &[
    "compression.type",
    "log.cleaner.delete.retention.ms",
    "log.cleaner.max.compaction.lag.ms",
    "log.cleaner.min.cleanable.ratio",
    "log.cleaner.min.compaction.lag.ms",
    "log.cleanup.policy",
    "log.flush.interval.messages",
    "log.flush.interval.ms",
    "log.index.interval.bytes",
    "log.index.size.max.bytes",
    "log.message.timestamp.after.max.ms",
    "log.message.timestamp.before.max.ms",
    "log.message.timestamp.type",
    "log.retention.bytes",
    "log.retention.ms",
    "log.roll.ms",
    "log.segment.bytes",
    "log.segment.delete.delay.ms",
    "message.max.bytes",
    "min.insync.replicas",
    "unclean.leader.election.enable",
];
