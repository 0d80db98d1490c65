//! The metadata image: brokers, topics, partitions and configs as of the last applied record.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

use serde::{Deserialize, Serialize};

use super::records::{
    BrokerRegistration, BrokerState, ConfigResource, MetadataRecord, PartitionRegistration,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicImage {
    pub name: String,
    pub id: Uuid,
    pub partitions: BTreeMap<i32, PartitionRegistration>,
    pub configs: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataImage {
    pub cluster_id: Option<String>,
    pub brokers: BTreeMap<i32, BrokerRegistration>,
    pub broker_states: BTreeMap<i32, BrokerState>,
    pub topics: BTreeMap<String, TopicImage>,
    pub topic_names: HashMap<Uuid, String>,
    pub broker_configs: BTreeMap<i32, BTreeMap<String, String>>,
    /// Cluster-wide dynamic broker defaults (`moldau_proto::DYNAMIC_CLUSTER_CONFIGS` keys).
    #[serde(default)]
    pub cluster_configs: BTreeMap<String, String>,
    pub next_producer_id: i64,
    /// Offset of the last record applied (-1 when empty).
    pub offset: i64,
}

impl MetadataImage {
    pub fn new() -> Self {
        MetadataImage {
            offset: -1,
            ..Default::default()
        }
    }

    pub fn broker_state(&self, id: i32) -> Option<BrokerState> {
        self.brokers
            .contains_key(&id)
            .then(|| self.broker_states.get(&id).copied().unwrap_or_default())
    }

    /// Registered brokers that are heartbeating and not shutting down.
    pub fn active_brokers(&self) -> Vec<i32> {
        self.brokers
            .keys()
            .copied()
            .filter(|b| self.broker_state(*b) == Some(BrokerState::Active))
            .collect()
    }

    /// Partitions led by each broker.
    pub fn leader_counts(&self) -> BTreeMap<i32, usize> {
        let mut out: BTreeMap<i32, usize> = self.brokers.keys().map(|b| (*b, 0)).collect();
        for t in self.topics.values() {
            for p in t.partitions.values() {
                *out.entry(p.leader).or_default() += 1;
            }
        }
        out.remove(&-1);
        out
    }

    pub fn topic(&self, name: &str) -> Option<&TopicImage> {
        self.topics.get(name)
    }

    pub fn topic_by_id(&self, id: &Uuid) -> Option<&TopicImage> {
        self.topic_names.get(id).and_then(|n| self.topics.get(n))
    }

    pub fn partition(&self, topic: &str, partition: i32) -> Option<&PartitionRegistration> {
        self.topics
            .get(topic)
            .and_then(|t| t.partitions.get(&partition))
    }

    /// Applies one record. Records referring to unknown topics are ignored (they cannot be
    /// produced by the controller, which checks before committing).
    pub fn apply(&mut self, record: &MetadataRecord, offset: i64) {
        match record {
            MetadataRecord::RegisterBroker(b) => {
                self.brokers.insert(b.node_id, b.clone());
                self.broker_states.insert(b.node_id, BrokerState::Active);
            }
            MetadataRecord::BrokerState { node_id, state } => {
                if self.brokers.contains_key(node_id) {
                    self.broker_states.insert(*node_id, *state);
                }
            }
            MetadataRecord::ClusterId { id } => {
                self.cluster_id = Some(id.clone());
            }
            MetadataRecord::Topic { name, topic_id } => {
                self.topic_names.insert(*topic_id, name.clone());
                self.topics.insert(
                    name.clone(),
                    TopicImage {
                        name: name.clone(),
                        id: *topic_id,
                        partitions: BTreeMap::new(),
                        configs: BTreeMap::new(),
                    },
                );
            }
            MetadataRecord::Partition {
                topic_id,
                partition,
                registration,
            } => {
                if let Some(name) = self.topic_names.get(topic_id)
                    && let Some(t) = self.topics.get_mut(name)
                {
                    t.partitions.insert(*partition, registration.clone());
                }
            }
            MetadataRecord::Config {
                resource,
                key,
                value,
            } => {
                let map = match resource {
                    ConfigResource::Topic(name) => match self.topics.get_mut(name) {
                        Some(t) => &mut t.configs,
                        None => return,
                    },
                    ConfigResource::Broker(id) => self.broker_configs.entry(*id).or_default(),
                    ConfigResource::ClusterDefault => &mut self.cluster_configs,
                };
                match value {
                    Some(v) => {
                        map.insert(key.clone(), v.clone());
                    }
                    None => {
                        map.remove(key);
                    }
                }
            }
            MetadataRecord::RemoveTopic { topic_id } => {
                if let Some(name) = self.topic_names.remove(topic_id) {
                    self.topics.remove(&name);
                }
            }
            MetadataRecord::ProducerIds { next_producer_id } => {
                self.next_producer_id = self.next_producer_id.max(*next_producer_id);
            }
        }
        self.offset = offset;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_build_the_image() {
        let mut img = MetadataImage::new();
        let id = Uuid::new_v4();
        img.apply(
            &MetadataRecord::Topic {
                name: "t".into(),
                topic_id: id,
            },
            0,
        );
        img.apply(
            &MetadataRecord::Partition {
                topic_id: id,
                partition: 0,
                registration: PartitionRegistration::new(vec![1]),
            },
            1,
        );
        img.apply(
            &MetadataRecord::Config {
                resource: ConfigResource::Topic("t".into()),
                key: "retention.ms".into(),
                value: Some("5".into()),
            },
            2,
        );
        assert_eq!(img.topic("t").unwrap().partitions.len(), 1);
        assert_eq!(
            img.topic_by_id(&id)
                .unwrap()
                .configs
                .get("retention.ms")
                .map(String::as_str),
            Some("5")
        );
        img.apply(&MetadataRecord::RemoveTopic { topic_id: id }, 3);
        assert!(img.topic("t").is_none());
        assert_eq!(img.offset, 3);
    }

    #[test]
    fn cluster_default_records_set_and_remove_and_survive_a_snapshot() {
        let mut img = MetadataImage::new();
        let set = |value: Option<&str>| MetadataRecord::Config {
            resource: ConfigResource::ClusterDefault,
            key: "log.retention.ms".into(),
            value: value.map(str::to_string),
        };
        img.apply(&set(Some("1000")), 0);
        assert_eq!(
            img.cluster_configs
                .get("log.retention.ms")
                .map(String::as_str),
            Some("1000")
        );
        // Records and snapshots are JSON: both round-trip, and an image written before
        // dynamic configs existed still loads.
        let json = serde_json::to_string(&set(Some("1000"))).unwrap();
        assert_eq!(
            serde_json::from_str::<MetadataRecord>(&json).unwrap(),
            set(Some("1000"))
        );
        let snap = serde_json::to_value(&img).unwrap();
        assert_eq!(
            serde_json::from_value::<MetadataImage>(snap.clone()).unwrap(),
            img
        );
        let mut old = snap;
        old.as_object_mut().unwrap().remove("cluster_configs");
        let old: MetadataImage = serde_json::from_value(old).unwrap();
        assert!(old.cluster_configs.is_empty());
        img.apply(&set(None), 1);
        assert!(img.cluster_configs.is_empty());
    }
}
