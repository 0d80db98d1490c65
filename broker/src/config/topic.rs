//! Per-topic configuration (Kafka's `LogConfig`): every key a topic accepts, its default taken
//! from the broker's `log.*` setting, and the typed view the log uses.

use std::collections::BTreeMap;

use super::BrokerConfig;
use super::def::{ConfigKey, ConfigType as T, Validator::*, Values};

pub const CLEANUP_POLICY: &str = "cleanup.policy";

/// The "broker key" of a topic config that has no broker-wide default in Kafka.
pub const NO_BROKER_DEFAULT: &str = "";

const NO_THROTTLING: &str = "replication throttling is not implemented in moldau: only the empty \
     list (no throttled replicas) is accepted";

/// Topic keys, each paired with the broker key that supplies its default.
pub const TOPIC_CONFIGS: &[(ConfigKey, &str)] = &[
    (
        ConfigKey::new(
            CLEANUP_POLICY,
            T::List,
            Some("delete"),
            ListOf(&["delete", "compact"]),
            "delete: old segments are removed by retention; compact: the latest record per key is kept.",
        ),
        "log.cleanup.policy",
    ),
    (
        ConfigKey::new(
            "compression.type",
            T::String,
            Some("producer"),
            OneOf(&["producer"]),
            "Batches are stored as the producer compressed them (recompression is not supported).",
        ),
        "compression.type",
    ),
    (
        ConfigKey::new(
            "delete.retention.ms",
            T::Long,
            Some("86400000"),
            AtLeast(0),
            "How long tombstones are kept on compacted topics.",
        ),
        "log.cleaner.delete.retention.ms",
    ),
    (
        ConfigKey::new(
            "file.delete.delay.ms",
            T::Long,
            Some("60000"),
            AtLeast(0),
            "Delay before a deleted segment's files are removed.",
        ),
        "log.segment.delete.delay.ms",
    ),
    (
        ConfigKey::new(
            "flush.messages",
            T::Long,
            Some("9223372036854775807"),
            AtLeast(1),
            "Fsync the log after this many messages.",
        ),
        "log.flush.interval.messages",
    ),
    (
        ConfigKey::new(
            "flush.ms",
            T::Long,
            Some("9223372036854775807"),
            AtLeast(0),
            "Fsync the log when its oldest unflushed message is this old.",
        ),
        "log.flush.interval.ms",
    ),
    (
        ConfigKey::new(
            "follower.replication.throttled.replicas",
            T::List,
            Some(""),
            EmptyOnly(NO_THROTTLING),
            "Replicas (partition:broker) whose follower fetches are throttled; empty in moldau.",
        ),
        NO_BROKER_DEFAULT,
    ),
    (
        ConfigKey::new(
            "index.interval.bytes",
            T::Int,
            Some("4096"),
            AtLeast(0),
            "Bytes appended between two offset-index entries.",
        ),
        "log.index.interval.bytes",
    ),
    (
        ConfigKey::new(
            "leader.replication.throttled.replicas",
            T::List,
            Some(""),
            EmptyOnly(NO_THROTTLING),
            "Replicas (partition:broker) whose leader sends are throttled; empty in moldau.",
        ),
        NO_BROKER_DEFAULT,
    ),
    (
        ConfigKey::new(
            "max.compaction.lag.ms",
            T::Long,
            Some("9223372036854775807"),
            AtLeast(1),
            "The longest a record stays ineligible for compaction.",
        ),
        "log.cleaner.max.compaction.lag.ms",
    ),
    (
        ConfigKey::new(
            "max.message.bytes",
            T::Int,
            Some("1048588"),
            AtLeast(0),
            "Largest record batch the topic accepts.",
        ),
        "message.max.bytes",
    ),
    (
        ConfigKey::new(
            "message.timestamp.after.max.ms",
            T::Long,
            Some("3600000"),
            AtLeast(0),
            "How far in the future a CreateTime timestamp may be.",
        ),
        "log.message.timestamp.after.max.ms",
    ),
    (
        ConfigKey::new(
            "message.timestamp.before.max.ms",
            T::Long,
            Some("9223372036854775807"),
            AtLeast(0),
            "How far in the past a CreateTime timestamp may be.",
        ),
        "log.message.timestamp.before.max.ms",
    ),
    (
        ConfigKey::new(
            "message.timestamp.type",
            T::String,
            Some("CreateTime"),
            OneOf(&["CreateTime", "LogAppendTime"]),
            "Whether record timestamps are the producer's or the broker's append time.",
        ),
        "log.message.timestamp.type",
    ),
    (
        ConfigKey::new(
            "min.cleanable.dirty.ratio",
            T::Double,
            Some("0.5"),
            Between(0.0, 1.0),
            "Share of uncompacted bytes that triggers compaction.",
        ),
        "log.cleaner.min.cleanable.ratio",
    ),
    (
        ConfigKey::new(
            "min.compaction.lag.ms",
            T::Long,
            Some("0"),
            AtLeast(0),
            "The least time a record stays uncompacted.",
        ),
        "log.cleaner.min.compaction.lag.ms",
    ),
    (
        ConfigKey::new(
            "min.insync.replicas",
            T::Int,
            Some("1"),
            AtLeast(1),
            "Replicas that must acknowledge an acks=all write.",
        ),
        "min.insync.replicas",
    ),
    (
        ConfigKey::new(
            "retention.bytes",
            T::Long,
            Some("-1"),
            AtLeast(-1),
            "Largest size of a partition before old segments are deleted (-1: no limit).",
        ),
        "log.retention.bytes",
    ),
    (
        ConfigKey::new(
            "retention.ms",
            T::Long,
            Some("604800000"),
            AtLeast(-1),
            "How long segments are kept (-1: forever).",
        ),
        "log.retention.ms",
    ),
    (
        ConfigKey::new(
            "segment.bytes",
            T::Int,
            Some("1073741824"),
            AtLeast(14),
            "Size at which a segment is rolled.",
        ),
        "log.segment.bytes",
    ),
    (
        ConfigKey::new(
            "segment.index.bytes",
            T::Int,
            Some("10485760"),
            AtLeast(8),
            "Largest offset index of a segment; a full index rolls the segment.",
        ),
        "log.index.size.max.bytes",
    ),
    (
        ConfigKey::new(
            "segment.ms",
            T::Long,
            Some("604800000"),
            AtLeast(1),
            "Age at which a segment is rolled even if not full.",
        ),
        "log.roll.ms",
    ),
    (
        ConfigKey::new(
            "unclean.leader.election.enable",
            T::Boolean,
            Some("false"),
            Any,
            "Whether an out-of-sync replica may become leader.",
        ),
        "unclean.leader.election.enable",
    ),
];

/// Finds a topic config key by name.
pub fn topic_key(name: &str) -> Option<&'static ConfigKey> {
    TOPIC_CONFIGS
        .iter()
        .map(|(k, _)| k)
        .find(|k| k.name == name)
}

/// Validates topic overrides: every key known and every value valid.
pub fn validate_topic_configs<'a>(
    overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), String> {
    for (k, v) in overrides {
        let key = topic_key(k).ok_or_else(|| format!("unknown topic config {k:?}"))?;
        key.validate(v)?;
    }
    Ok(())
}

/// Where a topic config value comes from (DescribeConfigs `config_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigSource {
    TopicOverride,
    /// The cluster-wide dynamic broker default (BROKER resource "", in the metadata log).
    DynamicDefaultBroker,
    StaticBroker,
    Default,
}

impl ConfigSource {
    pub fn code(self) -> i8 {
        match self {
            ConfigSource::TopicOverride => 1,
            ConfigSource::DynamicDefaultBroker => 3,
            ConfigSource::StaticBroker => 4,
            ConfigSource::Default => 5,
        }
    }
}

/// The effective value of each topic key: the topic's override, else the cluster-wide dynamic
/// default (`cluster`), else the broker's static value, else the built-in default.
pub fn effective_topic_configs(
    broker: &BrokerConfig,
    cluster: &BTreeMap<String, String>,
    overrides: &BTreeMap<String, String>,
) -> Vec<(&'static ConfigKey, String, ConfigSource)> {
    TOPIC_CONFIGS
        .iter()
        .map(|(key, broker_key)| {
            if let Some(v) = overrides.get(key.name) {
                (key, v.clone(), ConfigSource::TopicOverride)
            } else if let Some((v, source)) =
                super::dynamic::broker_value(broker, cluster, broker_key)
            {
                (key, v, source)
            } else {
                (
                    key,
                    key.default.unwrap_or("").to_string(),
                    ConfigSource::Default,
                )
            }
        })
        .collect()
}

/// The typed topic configuration the log and the produce path read.
#[derive(Debug, Clone, PartialEq)]
pub struct LogConfig {
    pub compact: bool,
    pub delete: bool,
    pub delete_retention_ms: i64,
    pub file_delete_delay_ms: i64,
    pub flush_messages: i64,
    pub flush_ms: i64,
    pub index_interval_bytes: i32,
    pub max_compaction_lag_ms: i64,
    pub max_message_bytes: i32,
    pub timestamp_after_max_ms: i64,
    pub timestamp_before_max_ms: i64,
    pub log_append_time: bool,
    pub min_cleanable_dirty_ratio: f64,
    pub min_compaction_lag_ms: i64,
    pub min_insync_replicas: i32,
    pub retention_bytes: i64,
    pub retention_ms: i64,
    pub segment_bytes: i32,
    pub segment_index_bytes: i32,
    pub segment_ms: i64,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig::from_map(&BTreeMap::new())
    }
}

impl LogConfig {
    /// Builds the typed config from effective string values (unknown keys are ignored here;
    /// they are refused earlier by `validate_topic_configs`).
    pub fn from_map(map: &BTreeMap<String, String>) -> LogConfig {
        let defs: Vec<ConfigKey> = TOPIC_CONFIGS.iter().map(|(k, _)| *k).collect();
        let v = Values { defs: &defs, map };
        let policy = super::def::split_list(&v.string(CLEANUP_POLICY).unwrap_or_default());
        LogConfig {
            compact: policy.iter().any(|p| p.eq_ignore_ascii_case("compact")),
            delete: policy.iter().any(|p| p.eq_ignore_ascii_case("delete")),
            delete_retention_ms: v.long("delete.retention.ms").unwrap_or(86_400_000),
            file_delete_delay_ms: v.long("file.delete.delay.ms").unwrap_or(60_000),
            flush_messages: v.long("flush.messages").unwrap_or(i64::MAX),
            flush_ms: v.long("flush.ms").unwrap_or(i64::MAX),
            index_interval_bytes: v.int("index.interval.bytes").unwrap_or(4096),
            max_compaction_lag_ms: v.long("max.compaction.lag.ms").unwrap_or(i64::MAX),
            max_message_bytes: v.int("max.message.bytes").unwrap_or(1_048_588),
            timestamp_after_max_ms: v
                .long("message.timestamp.after.max.ms")
                .unwrap_or(3_600_000),
            timestamp_before_max_ms: v
                .long("message.timestamp.before.max.ms")
                .unwrap_or(i64::MAX),
            log_append_time: v
                .string("message.timestamp.type")
                .is_some_and(|t| t.eq_ignore_ascii_case("LogAppendTime")),
            min_cleanable_dirty_ratio: v.double("min.cleanable.dirty.ratio").unwrap_or(0.5),
            min_compaction_lag_ms: v.long("min.compaction.lag.ms").unwrap_or(0),
            min_insync_replicas: v.int("min.insync.replicas").unwrap_or(1),
            retention_bytes: v.long("retention.bytes").unwrap_or(-1),
            retention_ms: v.long("retention.ms").unwrap_or(604_800_000),
            segment_bytes: v.int("segment.bytes").unwrap_or(1 << 30),
            segment_index_bytes: v.int("segment.index.bytes").unwrap_or(10 << 20),
            segment_ms: v.long("segment.ms").unwrap_or(604_800_000),
        }
    }

    /// The effective config of a topic: its overrides over the cluster-wide dynamic defaults
    /// over the broker's static defaults.
    pub fn for_topic(
        broker: &BrokerConfig,
        cluster: &BTreeMap<String, String>,
        overrides: &BTreeMap<String, String>,
    ) -> LogConfig {
        let map = effective_topic_configs(broker, cluster, overrides)
            .into_iter()
            .map(|(k, v, _)| (k.name.to_string(), v))
            .collect();
        LogConfig::from_map(&map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_over_broker_defaults() {
        let broker = BrokerConfig::from_map(
            [("log.retention.hours".to_string(), "1".to_string())]
                .into_iter()
                .collect(),
        )
        .unwrap();
        let none = BTreeMap::new();
        let base = LogConfig::for_topic(&broker, &none, &none);
        assert_eq!(base.retention_ms, 3_600_000);
        let over: BTreeMap<_, _> = [
            ("retention.ms".to_string(), "5".to_string()),
            (CLEANUP_POLICY.to_string(), "compact".to_string()),
        ]
        .into_iter()
        .collect();
        let c = LogConfig::for_topic(&broker, &none, &over);
        assert_eq!(c.retention_ms, 5);
        assert!(c.compact && !c.delete);
        let described = effective_topic_configs(&broker, &none, &over);
        let ret = described
            .iter()
            .find(|(k, _, _)| k.name == "retention.ms")
            .unwrap();
        assert_eq!(ret.2, ConfigSource::TopicOverride);
        let seg = described
            .iter()
            .find(|(k, _, _)| k.name == "segment.ms")
            .unwrap();
        assert_eq!(
            (seg.1.as_str(), seg.2),
            ("604800000", ConfigSource::Default)
        );
    }

    #[test]
    fn precedence_is_override_then_dynamic_then_static_then_default() {
        let broker = BrokerConfig::from_map(
            [
                ("log.retention.hours".to_string(), "1".to_string()),
                ("min.insync.replicas".to_string(), "2".to_string()),
            ]
            .into_iter()
            .collect(),
        )
        .unwrap();
        let cluster: BTreeMap<_, _> = [
            ("log.retention.ms".to_string(), "60000".to_string()),
            ("log.segment.bytes".to_string(), "4096".to_string()),
            ("message.max.bytes".to_string(), "2000".to_string()),
        ]
        .into_iter()
        .collect();
        let over: BTreeMap<_, _> = [("segment.bytes".to_string(), "8192".to_string())]
            .into_iter()
            .collect();
        let c = LogConfig::for_topic(&broker, &cluster, &over);
        assert_eq!(c.retention_ms, 60_000, "dynamic default over static hours");
        assert_eq!(c.segment_bytes, 8192, "topic override over dynamic default");
        assert_eq!(c.max_message_bytes, 2000);
        assert_eq!(
            c.min_insync_replicas, 2,
            "static value where nothing dynamic"
        );
        let described = effective_topic_configs(&broker, &cluster, &over);
        let source = |name: &str| {
            described
                .iter()
                .find(|(k, _, _)| k.name == name)
                .map(|(_, v, s)| (v.clone(), *s))
                .unwrap()
        };
        assert_eq!(
            source("retention.ms"),
            ("60000".into(), ConfigSource::DynamicDefaultBroker)
        );
        assert_eq!(source("segment.bytes").1, ConfigSource::TopicOverride);
        assert_eq!(source("min.insync.replicas").1, ConfigSource::StaticBroker);
        assert_eq!(source("segment.ms").1, ConfigSource::Default);
        // Removing the dynamic value falls back to the static one.
        let c = LogConfig::for_topic(&broker, &BTreeMap::new(), &over);
        assert_eq!(c.retention_ms, 3_600_000);
        assert_eq!(ConfigSource::DynamicDefaultBroker.code(), 3);
    }

    #[test]
    fn invalid_topic_configs_are_refused() {
        assert!(validate_topic_configs([("retention.ms", "10")]).is_ok());
        assert!(
            validate_topic_configs([("retention.ms", "x")])
                .unwrap_err()
                .contains("retention.ms")
        );
        assert!(
            validate_topic_configs([("no.such", "1")])
                .unwrap_err()
                .contains("no.such")
        );
    }
}
