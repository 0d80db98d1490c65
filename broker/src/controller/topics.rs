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

/// Records that create topic `t`, and what was created.
pub fn plan_create_topic(
    image: &MetadataImage,
    config: &BrokerConfig,
    t: &NewTopic,
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
    Ok((vec![MetadataRecord::RemoveTopic { topic_id: t.id }], t.id))
}

/// CreatePartitions: records that grow a topic to `count` partitions.
pub fn plan_create_partitions(
    image: &MetadataImage,
    name: &str,
    count: i32,
    assignments: Option<Vec<Vec<i32>>>,
) -> Result<Vec<MetadataRecord>, ApiError> {
    let t = image.topic(name).ok_or_else(|| unknown_topic(name))?;
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
