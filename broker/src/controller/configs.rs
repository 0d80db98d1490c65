//! Config changes planned against the metadata image: a topic's overrides and the cluster-wide
//! dynamic broker defaults. Both take AlterConfigs (replace) or IncrementalAlterConfigs
//! (SET/DELETE/APPEND/SUBTRACT) operations, validate the result as a whole and return the
//! records that carry it out (committed by the active controller).

use std::collections::BTreeMap;

use kafka_protocol::error::ResponseError;

use super::records::{ConfigResource, MetadataRecord};
use super::{ApiError, ConfigOp, MetadataImage, unknown_topic};
use crate::config::def::{ConfigKey, ConfigType, split_list};
use crate::config::{BrokerConfig, dynamic, topic};

fn invalid_config(message: impl Into<String>) -> ApiError {
    ApiError::new(ResponseError::InvalidConfig, message)
}

/// Applies `ops` to `next` (the values set so far). `def` looks a key up (or says why it
/// cannot be set); `effective` is a key's current value when `next` has none, the base of
/// APPEND and SUBTRACT.
fn apply_ops(
    next: &mut BTreeMap<String, String>,
    ops: Vec<(String, ConfigOp)>,
    def: impl Fn(&str) -> Result<&'static ConfigKey, ApiError>,
    effective: impl Fn(&str) -> Option<String>,
) -> Result<(), ApiError> {
    for (key, op) in ops {
        let is_list = def(&key)?.ty == ConfigType::List;
        let current = |next: &BTreeMap<String, String>| {
            next.get(&key)
                .cloned()
                .or_else(|| effective(&key))
                .unwrap_or_default()
        };
        match op {
            ConfigOp::Set(v) => {
                next.insert(key, v.trim().to_string());
            }
            ConfigOp::Delete => {
                next.remove(&key);
            }
            ConfigOp::Append(_) | ConfigOp::Subtract(_) if !is_list => {
                return Err(invalid_config(format!(
                    "APPEND and SUBTRACT apply to list configs only; {key} is not a list"
                )));
            }
            ConfigOp::Append(v) => {
                let mut items = split_list(&current(next));
                for item in split_list(&v) {
                    if !items.contains(&item) {
                        items.push(item);
                    }
                }
                next.insert(key, items.join(","));
            }
            ConfigOp::Subtract(v) => {
                let remove = split_list(&v);
                let items: Vec<String> = split_list(&current(next))
                    .into_iter()
                    .filter(|i| !remove.contains(i))
                    .collect();
                next.insert(key, items.join(","));
            }
        }
    }
    Ok(())
}

/// Records that turn the values `old` of `resource` into `next`.
fn config_records(
    resource: &ConfigResource,
    old: &BTreeMap<String, String>,
    next: &BTreeMap<String, String>,
) -> Vec<MetadataRecord> {
    let mut records = Vec::new();
    for (k, v) in next {
        if old.get(k) != Some(v) {
            records.push(MetadataRecord::Config {
                resource: resource.clone(),
                key: k.clone(),
                value: Some(v.clone()),
            });
        }
    }
    for k in old.keys().filter(|k| !next.contains_key(*k)) {
        records.push(MetadataRecord::Config {
            resource: resource.clone(),
            key: k.clone(),
            value: None,
        });
    }
    records
}

/// Alters a topic's config overrides. `replace` (AlterConfigs) sets exactly the given keys
/// and resets all others; otherwise (IncrementalAlterConfigs) applies each operation.
pub fn plan_alter_topic_configs(
    image: &MetadataImage,
    config: &BrokerConfig,
    name: &str,
    ops: Vec<(String, ConfigOp)>,
    replace: bool,
) -> Result<Vec<MetadataRecord>, ApiError> {
    let t = image.topic(name).ok_or_else(|| unknown_topic(name))?;
    let mut next = if replace {
        BTreeMap::new()
    } else {
        t.configs.clone()
    };
    apply_ops(
        &mut next,
        ops,
        |key| {
            topic::topic_key(key)
                .ok_or_else(|| invalid_config(format!("unknown topic config {key:?}")))
        },
        |key| {
            topic::effective_topic_configs(config, &image.cluster_configs, &BTreeMap::new())
                .into_iter()
                .find(|(k, _, _)| k.name == key)
                .map(|(_, v, _)| v)
        },
    )?;
    topic::validate_topic_configs(next.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(invalid_config)?;
    Ok(config_records(
        &ConfigResource::Topic(name.to_string()),
        &t.configs,
        &next,
    ))
}

/// Alters the cluster-wide dynamic broker defaults (BROKER resource ""). `replace`
/// (AlterConfigs, `Admin.AlterClusterConfigs`) leaves exactly the given keys set; otherwise
/// (IncrementalAlterConfigs) applies each operation. Only `DYNAMIC_CLUSTER_CONFIGS` keys are
/// accepted, each validated as the static config validates it.
pub fn plan_alter_cluster_configs(
    image: &MetadataImage,
    config: &BrokerConfig,
    ops: Vec<(String, ConfigOp)>,
    replace: bool,
) -> Result<Vec<MetadataRecord>, ApiError> {
    let old = &image.cluster_configs;
    let mut next = if replace {
        BTreeMap::new()
    } else {
        old.clone()
    };
    apply_ops(
        &mut next,
        ops,
        |key| dynamic::dynamic_key(key).map_err(invalid_config),
        // APPEND/SUBTRACT start from the static value when no dynamic one is set.
        |key| dynamic::broker_value(config, &BTreeMap::new(), key).map(|(v, _)| v),
    )?;
    dynamic::validate_cluster_configs(next.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(invalid_config)?;
    Ok(config_records(&ConfigResource::ClusterDefault, old, &next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image_with(values: &[(&str, &str)]) -> MetadataImage {
        let mut image = MetadataImage::new();
        for (i, (k, v)) in values.iter().enumerate() {
            image.apply(
                &MetadataRecord::Config {
                    resource: ConfigResource::ClusterDefault,
                    key: k.to_string(),
                    value: Some(v.to_string()),
                },
                i as i64,
            );
        }
        image
    }

    fn set(k: &str, v: &str) -> (String, ConfigOp) {
        (k.to_string(), ConfigOp::Set(v.to_string()))
    }

    fn applied(image: &MetadataImage, records: &[MetadataRecord]) -> BTreeMap<String, String> {
        let mut image = image.clone();
        for r in records {
            image.apply(r, image.offset + 1);
        }
        image.cluster_configs
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn incremental_set_and_delete_keep_the_other_keys() {
        let config = BrokerConfig::default_config();
        let image = image_with(&[("log.retention.ms", "1000"), ("log.segment.bytes", "4096")]);
        let records = plan_alter_cluster_configs(
            &image,
            &config,
            vec![
                set("log.retention.ms", " 2000 "),
                ("log.segment.bytes".into(), ConfigOp::Delete),
                set("min.insync.replicas", "2"),
            ],
            false,
        )
        .unwrap();
        assert_eq!(
            applied(&image, &records),
            map(&[("log.retention.ms", "2000"), ("min.insync.replicas", "2")])
        );
        // Nothing changes: no records.
        let records = plan_alter_cluster_configs(
            &image,
            &config,
            vec![set("log.retention.ms", "1000")],
            false,
        )
        .unwrap();
        assert!(records.is_empty());
    }

    #[test]
    fn replace_leaves_exactly_the_given_keys() {
        let config = BrokerConfig::default_config();
        let image = image_with(&[("log.retention.ms", "1000"), ("log.segment.bytes", "4096")]);
        let records = plan_alter_cluster_configs(
            &image,
            &config,
            vec![set("message.max.bytes", "5000")],
            true,
        )
        .unwrap();
        assert_eq!(
            applied(&image, &records),
            map(&[("message.max.bytes", "5000")])
        );
        let records = plan_alter_cluster_configs(&image, &config, vec![], true).unwrap();
        assert!(applied(&image, &records).is_empty());
    }

    #[test]
    fn read_only_unknown_and_invalid_values_are_refused_whole() {
        let config = BrokerConfig::default_config();
        let image = image_with(&[]);
        let refuse = |ops: Vec<(String, ConfigOp)>| {
            plan_alter_cluster_configs(&image, &config, ops, false).unwrap_err()
        };
        let e = refuse(vec![
            set("log.retention.ms", "1"),
            set("num.partitions", "3"),
        ]);
        assert_eq!(e.error, ResponseError::InvalidConfig);
        assert!(e.message.contains("num.partitions") && e.message.contains("read-only"));
        let e = refuse(vec![set("log.retention.hours", "1")]);
        assert!(e.message.contains("log.retention.hours"), "{}", e.message);
        let e = refuse(vec![set("no.such.key", "1")]);
        assert!(e.message.contains("unknown broker config"), "{}", e.message);
        let e = refuse(vec![set("log.retention.ms", "-5")]);
        assert!(e.message.contains("at least -1"), "{}", e.message);
        let e = refuse(vec![set("min.insync.replicas", "two")]);
        assert!(e.message.contains("min.insync.replicas"), "{}", e.message);
        let e = refuse(vec![(
            "log.retention.ms".into(),
            ConfigOp::Append("5".into()),
        )]);
        assert!(e.message.contains("not a list"), "{}", e.message);
        // A read-only key is refused even for DELETE: it can never have a dynamic value.
        let e = refuse(vec![("num.partitions".into(), ConfigOp::Delete)]);
        assert!(e.message.contains("read-only"), "{}", e.message);
    }

    #[test]
    fn append_and_subtract_start_from_the_static_value() {
        let config = BrokerConfig::default_config();
        let image = image_with(&[]);
        let records = plan_alter_cluster_configs(
            &image,
            &config,
            vec![(
                "log.cleanup.policy".into(),
                ConfigOp::Append("compact".into()),
            )],
            false,
        )
        .unwrap();
        let after = applied(&image, &records);
        assert_eq!(after, map(&[("log.cleanup.policy", "delete,compact")]));
        let image = image_with(&[("log.cleanup.policy", "delete,compact")]);
        let records = plan_alter_cluster_configs(
            &image,
            &config,
            vec![(
                "log.cleanup.policy".into(),
                ConfigOp::Subtract("delete".into()),
            )],
            false,
        )
        .unwrap();
        assert_eq!(
            applied(&image, &records),
            map(&[("log.cleanup.policy", "compact")])
        );
    }

    #[test]
    fn topic_append_starts_from_the_dynamic_default() {
        let config = BrokerConfig::default_config();
        let mut image = image_with(&[("log.cleanup.policy", "compact")]);
        let id = uuid::Uuid::new_v4();
        image.apply(
            &MetadataRecord::Topic {
                name: "t".into(),
                topic_id: id,
            },
            image.offset + 1,
        );
        let records = plan_alter_topic_configs(
            &image,
            &config,
            "t",
            vec![("cleanup.policy".into(), ConfigOp::Append("delete".into()))],
            false,
        )
        .unwrap();
        assert_eq!(
            records,
            vec![MetadataRecord::Config {
                resource: ConfigResource::Topic("t".into()),
                key: "cleanup.policy".into(),
                value: Some("compact,delete".into()),
            }]
        );
    }
}
