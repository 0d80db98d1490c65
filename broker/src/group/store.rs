//! How groups and committed offsets are stored in `__consumer_offsets`: one record per
//! committed offset and one per group, keyed so that compaction keeps the latest of each.
//! Keys and values are JSON documents with a version field (moldau's own format).

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::state::{CommittedOffset, Group};
use crate::log::batch::KeyValue;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum StoredKey {
    Offset {
        group: String,
        topic: String,
        partition: i32,
    },
    Group {
        group: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredOffset {
    pub version: u8,
    pub offset: i64,
    pub leader_epoch: i32,
    pub metadata: String,
    pub commit_timestamp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMember {
    pub member_id: String,
    pub group_instance_id: Option<String>,
    pub client_id: String,
    pub client_host: String,
    pub session_timeout_ms: u64,
    pub rebalance_timeout_ms: u64,
    pub subscription: Vec<u8>,
    pub assignment: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredGroup {
    pub version: u8,
    pub protocol_type: Option<String>,
    pub generation: i32,
    pub protocol: Option<String>,
    pub leader: Option<String>,
    pub members: Vec<StoredMember>,
}

pub fn key_bytes(key: &StoredKey) -> Bytes {
    // Serialising plain data to JSON cannot fail.
    Bytes::from(serde_json::to_vec(key).unwrap_or_default())
}

pub fn offset_record(
    group: &str,
    topic: &str,
    partition: i32,
    value: &CommittedOffset,
) -> KeyValue {
    let key = StoredKey::Offset {
        group: group.into(),
        topic: topic.into(),
        partition,
    };
    let v = StoredOffset {
        version: 1,
        offset: value.offset,
        leader_epoch: value.leader_epoch,
        metadata: value.metadata.clone(),
        commit_timestamp: value.commit_timestamp,
    };
    (
        Some(key_bytes(&key)),
        Some(Bytes::from(serde_json::to_vec(&v).unwrap_or_default())),
    )
}

pub fn offset_tombstone(group: &str, topic: &str, partition: i32) -> KeyValue {
    (
        Some(key_bytes(&StoredKey::Offset {
            group: group.into(),
            topic: topic.into(),
            partition,
        })),
        None,
    )
}

pub fn group_record(g: &Group) -> KeyValue {
    let protocol = g.protocol_name.clone().unwrap_or_default();
    let v = StoredGroup {
        version: 1,
        protocol_type: g.protocol_type.clone(),
        generation: g.generation,
        protocol: g.protocol_name.clone(),
        leader: g.leader.clone(),
        members: g
            .members
            .values()
            .map(|m| StoredMember {
                member_id: m.member_id.clone(),
                group_instance_id: m.group_instance_id.clone(),
                client_id: m.client_id.clone(),
                client_host: m.client_host.clone(),
                session_timeout_ms: m.session_timeout.as_millis() as u64,
                rebalance_timeout_ms: m.rebalance_timeout.as_millis() as u64,
                subscription: m.metadata_for(&protocol).to_vec(),
                assignment: m.assignment.to_vec(),
            })
            .collect(),
    };
    (
        Some(key_bytes(&StoredKey::Group {
            group: g.id.clone(),
        })),
        Some(Bytes::from(serde_json::to_vec(&v).unwrap_or_default())),
    )
}

pub fn group_tombstone(group: &str) -> KeyValue {
    (
        Some(key_bytes(&StoredKey::Group {
            group: group.into(),
        })),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_for_compaction() {
        let a = key_bytes(&StoredKey::Offset {
            group: "g".into(),
            topic: "t".into(),
            partition: 1,
        });
        let b = key_bytes(&StoredKey::Offset {
            group: "g".into(),
            topic: "t".into(),
            partition: 1,
        });
        assert_eq!(a, b);
        let back: StoredKey = serde_json::from_slice(&a).unwrap();
        assert_eq!(
            back,
            StoredKey::Offset {
                group: "g".into(),
                topic: "t".into(),
                partition: 1
            }
        );
    }
}
