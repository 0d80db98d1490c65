//! Cluster-wide dynamic broker configs (Kafka's `--entity-type brokers --entity-default`): the
//! broker-level defaults of topic configs, changed at run time through the metadata log rather
//! than in `server.properties`. Which keys qualify is part of the contract with the operator
//! (`moldau_proto::DYNAMIC_CLUSTER_CONFIGS`); their types and validators are the static ones.

use std::collections::BTreeMap;

pub use moldau_proto::DYNAMIC_CLUSTER_CONFIGS;

use super::def::ConfigKey;
use super::topic::TOPIC_CONFIGS;
use super::{BrokerConfig, key_def};

/// Whether a broker key can be changed cluster-wide without a restart.
pub fn is_dynamic(key: &str) -> bool {
    DYNAMIC_CLUSTER_CONFIGS.contains(&key)
}

/// The definition of a dynamic key, or why `key` cannot be set dynamically (naming the key
/// and what to do instead).
pub fn dynamic_key(key: &str) -> Result<&'static ConfigKey, String> {
    match key_def(key) {
        Some(def) if is_dynamic(key) => Ok(def),
        Some(_) => Err(format!(
            "broker config {key} is read-only: it cannot be changed while the cluster runs; \
             set it in server.properties (or --override) and restart the brokers. Cluster-wide \
             dynamic configs are: {}",
            DYNAMIC_CLUSTER_CONFIGS.join(", ")
        )),
        None => {
            let hint = TOPIC_CONFIGS
                .iter()
                .find(|(t, _)| t.name == key)
                .map(|(_, b)| format!(" (the cluster-wide default of topic config {key} is {b})"))
                .unwrap_or_default();
            Err(format!("unknown broker config {key:?}{hint}"))
        }
    }
}

/// Validates a whole set of cluster-wide dynamic values with the static config's parser.
pub fn validate_cluster_configs<'a>(
    values: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), String> {
    for (k, v) in values {
        dynamic_key(k)?.validate(v)?;
    }
    Ok(())
}

/// The broker-wide value of `broker_key` and where it comes from: the cluster's dynamic
/// default, else this broker's static value (explicit or Kafka's unit fallbacks), else the
/// built-in default.
pub fn broker_value(
    broker: &BrokerConfig,
    cluster: &BTreeMap<String, String>,
    broker_key: &str,
) -> Option<(String, super::topic::ConfigSource)> {
    use super::topic::ConfigSource;
    if let Some(v) = cluster.get(broker_key).filter(|_| is_dynamic(broker_key)) {
        return Some((v.clone(), ConfigSource::DynamicDefaultBroker));
    }
    broker.topic_default(broker_key).map(|v| {
        let source = if broker.is_explicit(broker_key) {
            ConfigSource::StaticBroker
        } else {
            ConfigSource::Default
        };
        (v, source)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::topic::ConfigSource;

    #[test]
    fn dynamic_keys_are_the_broker_defaults_of_topic_configs() {
        for key in DYNAMIC_CLUSTER_CONFIGS {
            assert!(key_def(key).is_some(), "{key} is not a broker config");
            assert!(
                TOPIC_CONFIGS.iter().any(|(_, b)| b == key),
                "{key} is not the default of any topic config"
            );
        }
        // Every topic default moldau knows is cluster-wide in Kafka.
        for (t, b) in TOPIC_CONFIGS.iter().filter(|(_, b)| !b.is_empty()) {
            assert!(is_dynamic(b), "{b} (default of {}) is not dynamic", t.name);
        }
        for read_only in [
            "log.retention.hours",
            "log.retention.minutes",
            "log.roll.hours",
            "num.partitions",
            "log.dirs",
        ] {
            assert!(!is_dynamic(read_only), "{read_only}");
        }
    }

    #[test]
    fn refusals_name_the_key_and_the_way_out() {
        let e = dynamic_key("num.partitions").unwrap_err();
        assert!(
            e.contains("num.partitions") && e.contains("read-only"),
            "{e}"
        );
        assert!(
            e.contains("restart") && e.contains("log.retention.ms"),
            "{e}"
        );
        let e = dynamic_key("retention.ms").unwrap_err();
        assert!(
            e.contains("unknown") && e.contains("log.retention.ms"),
            "{e}"
        );
        let e = validate_cluster_configs([("log.retention.ms", "soon")]).unwrap_err();
        assert!(
            e.contains("log.retention.ms") && e.contains("64-bit"),
            "{e}"
        );
        let e = validate_cluster_configs([("log.cleanup.policy", "shred")]).unwrap_err();
        assert!(e.contains("delete, compact"), "{e}");
        assert!(validate_cluster_configs([("log.retention.ms", "1000")]).is_ok());
    }

    #[test]
    fn the_dynamic_default_wins_over_the_static_value() {
        let broker = BrokerConfig::from_map(
            [("log.retention.hours".to_string(), "1".to_string())]
                .into_iter()
                .collect(),
        )
        .unwrap();
        let none = BTreeMap::new();
        assert_eq!(
            broker_value(&broker, &none, "log.retention.ms"),
            Some(("3600000".into(), ConfigSource::StaticBroker))
        );
        assert_eq!(
            broker_value(&broker, &none, "log.segment.bytes"),
            Some(("1073741824".into(), ConfigSource::Default))
        );
        let cluster: BTreeMap<_, _> = [("log.retention.ms".to_string(), "5000".to_string())]
            .into_iter()
            .collect();
        assert_eq!(
            broker_value(&broker, &cluster, "log.retention.ms"),
            Some(("5000".into(), ConfigSource::DynamicDefaultBroker))
        );
    }
}
