//! Topic changes planned against the metadata image: each function checks a request and
//! returns the records that carry it out (committed by the active controller).

use kafka_protocol::error::ResponseError;
use uuid::Uuid;

use super::records::{ConfigResource, MetadataRecord, PartitionRegistration};
use super::{
    ApiError, CreatedTopic, MetadataImage, NewTopic, collision_key, placement, unknown_topic,
    validate_topic_name,
};
use crate::config::{BrokerConfig, topic};

/// Brokers new replicas may be placed on (registered, not fenced) with their racks.
fn placement_brokers(image: &MetadataImage) -> Vec<(i32, Option<String>)> {
    image
        .active_brokers()
        .iter()
        .map(|b| (*b, image.brokers.get(b).and_then(|r| r.rack.clone())))
        .collect()
}

fn broker_ids(brokers: &[(i32, Option<String>)]) -> Vec<i32> {
    brokers.iter().map(|b| b.0).collect()
}

/// What one request may still create: partitions and replicas (partitions × replication
/// factor), from `max.partitions.per.request` and `max.replicas.per.request`. Checked before
/// any assignment is computed, so a request for 2^31 partitions allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestBudget {
    pub partitions: i64,
    pub replicas: i64,
}

impl RequestBudget {
    pub fn from_config(config: &BrokerConfig) -> RequestBudget {
        RequestBudget {
            partitions: config.max_partitions_per_request,
            replicas: config.max_replicas_per_request,
        }
    }

    /// Takes `partitions` partitions of `rf` replicas each, or refuses with POLICY_VIOLATION.
    pub fn charge(&mut self, partitions: i64, rf: i64) -> Result<(), ApiError> {
        let replicas = partitions.saturating_mul(rf);
        if partitions > self.partitions || replicas > self.replicas {
            return Err(ApiError::new(
                ResponseError::PolicyViolation,
                format!(
                    "{partitions} partitions with {rf} replicas each exceed what one request may create ({} partitions, {} replicas left; max.partitions.per.request, max.replicas.per.request)",
                    self.partitions, self.replicas
                ),
            ));
        }
        self.partitions -= partitions;
        self.replicas -= replicas;
        Ok(())
    }
}

/// Records that create topic `t`, and what was created.
pub fn plan_create_topic(
    image: &MetadataImage,
    config: &BrokerConfig,
    t: &NewTopic,
    budget: &mut RequestBudget,
) -> Result<(Vec<MetadataRecord>, CreatedTopic), ApiError> {
    validate_topic_name(&t.name)?;
    if image.topics.contains_key(&t.name) {
        return Err(ApiError::new(
            ResponseError::TopicAlreadyExists,
            format!("topic {:?} already exists", t.name),
        ));
    }
    if let Some(other) = image
        .topics
        .keys()
        .find(|n| collision_key(n) == collision_key(&t.name))
    {
        return Err(ApiError::new(
            ResponseError::InvalidTopicException,
            format!(
                "topic {:?} collides with existing topic {other:?} ('.' and '_' are interchangeable in metric names)",
                t.name
            ),
        ));
    }
    topic::validate_topic_configs(t.configs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|m| ApiError::new(ResponseError::InvalidConfig, m))?;
    let brokers = placement_brokers(image);
    let assignments: Vec<Vec<i32>> = if !t.assignments.is_empty() {
        if t.num_partitions != -1 || t.replication_factor != -1 {
            return Err(ApiError::new(
                ResponseError::InvalidRequest,
                "give either assignments or partitions and replication factor, not both",
            ));
        }
        let parts: Vec<i32> = t.assignments.keys().copied().collect();
        if parts != (0..parts.len() as i32).collect::<Vec<_>>() {
            return Err(ApiError::new(
                ResponseError::InvalidReplicaAssignment,
                "assignments must cover partitions 0..n-1",
            ));
        }
        let lists: Vec<Vec<i32>> = t.assignments.values().cloned().collect();
        placement::check_assignment(&lists, &broker_ids(&brokers))?;
        budget.charge(lists.len() as i64, lists[0].len() as i64)?;
        lists
    } else {
        let partitions = if t.num_partitions == -1 {
            config.num_partitions
        } else {
            t.num_partitions
        };
        if partitions <= 0 {
            return Err(ApiError::new(
                ResponseError::InvalidPartitions,
                format!("number of partitions must be at least 1, got {partitions}"),
            ));
        }
        let rf = if t.replication_factor == -1 {
            config.default_replication_factor
        } else {
            t.replication_factor as i32
        };
        if rf <= 0 {
            return Err(ApiError::new(
                ResponseError::InvalidReplicationFactor,
                format!("replication factor must be at least 1, got {rf}"),
            ));
        }
        if rf as usize > brokers.len() {
            return Err(ApiError::new(
                ResponseError::InvalidReplicationFactor,
                format!(
                    "replication factor {rf} is larger than the {} available broker(s)",
                    brokers.len()
                ),
            ));
        }
        budget.charge(partitions as i64, rf as i64)?;
        placement::assign_replicas_rack_aware(&brokers, partitions, rf, 0)
    };
    let topic_id = Uuid::new_v4();
    let mut records = vec![MetadataRecord::Topic {
        name: t.name.clone(),
        topic_id,
    }];
    for (p, replicas) in assignments.iter().enumerate() {
        records.push(MetadataRecord::Partition {
            topic_id,
            partition: p as i32,
            registration: PartitionRegistration::new(replicas.clone()),
        });
    }
    for (k, v) in &t.configs {
        records.push(MetadataRecord::Config {
            resource: ConfigResource::Topic(t.name.clone()),
            key: k.clone(),
            value: Some(v.clone()),
        });
    }
    let created = CreatedTopic {
        topic_id,
        num_partitions: assignments.len() as i32,
        replication_factor: assignments.first().map_or(0, |r| r.len() as i16),
        configs: t.configs.clone(),
    };
    Ok((records, created))
}

/// Records that delete a topic by name.
pub fn plan_delete_topic(
    image: &MetadataImage,
    config: &BrokerConfig,
    name: &str,
) -> Result<(Vec<MetadataRecord>, Uuid), ApiError> {
    if !config.delete_topic_enable {
        return Err(ApiError::new(
            ResponseError::TopicDeletionDisabled,
            "delete.topic.enable is false on this broker",
        ));
    }
    let t = image.topic(name).ok_or_else(|| unknown_topic(name))?;
    if super::is_internal(name) {
        return Err(ApiError::new(
            ResponseError::InvalidTopicException,
            format!("cannot delete internal topic {name}"),
        ));
    }
    Ok((vec![MetadataRecord::RemoveTopic { topic_id: t.id }], t.id))
}

/// CreatePartitions: records that grow a topic to `count` partitions.
pub fn plan_create_partitions(
    image: &MetadataImage,
    name: &str,
    count: i32,
    assignments: Option<Vec<Vec<i32>>>,
    budget: &mut RequestBudget,
) -> Result<Vec<MetadataRecord>, ApiError> {
    let t = image.topic(name).ok_or_else(|| unknown_topic(name))?;
    if super::is_internal(name) {
        return Err(ApiError::new(
            ResponseError::InvalidTopicException,
            format!(
                "cannot add partitions to internal topic {name}: its partition count places every group and producer"
            ),
        ));
    }
    let current = t.partitions.len() as i32;
    if count < current {
        return Err(ApiError::new(
            ResponseError::InvalidPartitions,
            format!("topic {name:?} has {current} partitions; the count can only be increased"),
        ));
    }
    if count == current {
        return Err(ApiError::new(
            ResponseError::InvalidPartitions,
            format!("topic {name:?} already has {current} partitions"),
        ));
    }
    let rf = t
        .partitions
        .values()
        .next()
        .map_or(1, |p| p.replicas.len() as i32);
    budget.charge(count as i64 - current as i64, rf as i64)?;
    let brokers = placement_brokers(image);
    let new_assignments = match assignments {
        Some(a) => {
            if a.len() as i32 != count - current {
                return Err(ApiError::new(
                    ResponseError::InvalidReplicaAssignment,
                    format!(
                        "{} assignments given for {} new partitions",
                        a.len(),
                        count - current
                    ),
                ));
            }
            placement::check_assignment(&a, &broker_ids(&brokers))?;
            a
        }
        None => {
            if rf as usize > brokers.len() {
                return Err(ApiError::new(
                    ResponseError::InvalidReplicationFactor,
                    "not enough brokers for the topic's replication factor",
                ));
            }
            placement::assign_replicas_rack_aware(&brokers, count - current, rf, current)
        }
    };
    let records = new_assignments
        .into_iter()
        .enumerate()
        .map(|(i, replicas)| MetadataRecord::Partition {
            topic_id: t.id,
            partition: current + i as i32,
            registration: PartitionRegistration::new(replicas),
        })
        .collect();
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::records::BrokerRegistration;
    use std::collections::BTreeMap;

    fn three_brokers() -> MetadataImage {
        let mut img = MetadataImage::new();
        for b in 1..=3 {
            img.apply(
                &MetadataRecord::RegisterBroker(BrokerRegistration {
                    node_id: b,
                    host: "h".into(),
                    port: 1,
                    rack: None,
                    incarnation_id: Uuid::nil(),
                    controller_address: None,
                    listeners: Default::default(),
                }),
                0,
            );
        }
        img
    }

    fn new_topic(name: &str, partitions: i32, rf: i16) -> NewTopic {
        NewTopic {
            name: name.into(),
            num_partitions: partitions,
            replication_factor: rf,
            assignments: BTreeMap::new(),
            configs: BTreeMap::new(),
        }
    }

    fn config() -> BrokerConfig {
        BrokerConfig::from_map(BTreeMap::new()).unwrap()
    }

    #[test]
    fn hostile_partition_counts_and_factors_are_refused_before_placement() {
        let (img, cfg) = (three_brokers(), config());
        let code = |t: NewTopic| {
            let mut budget = RequestBudget::from_config(&cfg);
            plan_create_topic(&img, &cfg, &t, &mut budget)
                .map(|_| ())
                .unwrap_err()
                .code()
        };
        assert_eq!(
            code(new_topic("a", i32::MAX, 1)),
            ResponseError::PolicyViolation.code()
        );
        assert_eq!(
            code(new_topic("a", 100_001, 1)),
            ResponseError::PolicyViolation.code()
        );
        assert_eq!(
            code(new_topic("a", 5, i16::MAX)),
            ResponseError::InvalidReplicationFactor.code()
        );
        assert_eq!(
            code(new_topic("a", 5, 4)),
            ResponseError::InvalidReplicationFactor.code()
        );
        assert_eq!(
            code(new_topic("a", -5, 1)),
            ResponseError::InvalidPartitions.code()
        );
        assert_eq!(
            code(new_topic("a", 0, 1)),
            ResponseError::InvalidPartitions.code()
        );
        assert_eq!(
            code(new_topic("a", 1, -5)),
            ResponseError::InvalidReplicationFactor.code()
        );
    }

    #[test]
    fn the_budget_spans_the_whole_request() {
        let (img, cfg) = (three_brokers(), config());
        let mut budget = RequestBudget {
            partitions: 10,
            replicas: 20,
        };
        assert!(plan_create_topic(&img, &cfg, &new_topic("a", 6, 3), &mut budget).is_ok());
        assert_eq!(
            budget,
            RequestBudget {
                partitions: 4,
                replicas: 2
            }
        );
        let e = plan_create_topic(&img, &cfg, &new_topic("b", 1, 3), &mut budget).unwrap_err();
        assert_eq!(e.code(), ResponseError::PolicyViolation.code());
        assert!(plan_create_topic(&img, &cfg, &new_topic("b", 2, 1), &mut budget).is_ok());
    }

    #[test]
    fn internal_topics_cannot_be_deleted_or_grown() {
        let (mut img, cfg) = (three_brokers(), config());
        let mut budget = RequestBudget::from_config(&cfg);
        let (records, _) =
            plan_create_topic(&img, &cfg, &new_topic(OFFSETS, 3, 1), &mut budget).unwrap();
        for r in &records {
            img.apply(r, 1);
        }
        let e = plan_delete_topic(&img, &cfg, OFFSETS).unwrap_err();
        assert_eq!(e.code(), ResponseError::InvalidTopicException.code());
        let e = plan_create_partitions(&img, OFFSETS, 10, None, &mut budget).unwrap_err();
        assert_eq!(e.code(), ResponseError::InvalidTopicException.code());
        // A client's grow request is capped as well.
        let (records, _) =
            plan_create_topic(&img, &cfg, &new_topic("t", 1, 1), &mut budget).unwrap();
        for r in &records {
            img.apply(r, 2);
        }
        let e = plan_create_partitions(&img, "t", i32::MAX, None, &mut budget).unwrap_err();
        assert_eq!(e.code(), ResponseError::PolicyViolation.code());
    }

    const OFFSETS: &str = crate::controller::OFFSETS_TOPIC;
}
