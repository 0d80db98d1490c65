//! Metadata records: the changes the controller commits to the metadata log. Every broker's
//! metadata image is the result of applying them in order.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A registered broker and the address clients reach it at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokerRegistration {
    pub node_id: i32,
    pub host: String,
    pub port: i32,
    pub rack: Option<String>,
    /// Changes every time the broker process starts: a new incarnation means the old one's
    /// log may have lost its unflushed tail, so it must rejoin every ISR by catching up.
    #[serde(default)]
    pub incarnation_id: Uuid,
    /// Where the broker's control-plane (gRPC) service listens, if it has one.
    #[serde(default)]
    pub controller_address: Option<String>,
    /// Every advertised client listener by name (`host`/`port` above are the inter-broker
    /// one): a client is told the addresses of the listener it connected through.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub listeners: std::collections::BTreeMap<String, (String, i32)>,
}

impl BrokerRegistration {
    /// The address clients of `listener` use, falling back to the inter-broker one.
    pub fn endpoint(&self, listener: &str) -> (String, i32) {
        self.listeners
            .get(listener)
            .cloned()
            .unwrap_or_else(|| (self.host.clone(), self.port))
    }
}

/// A registered broker's liveness as the controller sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum BrokerState {
    /// Heartbeating: may lead partitions and be in ISRs.
    #[default]
    Active,
    /// Missed its session (or was fenced through the admin service): leads nothing.
    Fenced,
    /// Asked for a controlled shutdown: its leaderships have been moved away.
    ShuttingDown,
}

/// What a config record applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name")]
pub enum ConfigResource {
    Topic(String),
    Broker(i32),
    /// The cluster-wide dynamic broker defaults (Kafka's BROKER resource with the empty name).
    ClusterDefault,
}

/// One partition's replicas, leader and ISR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionRegistration {
    pub replicas: Vec<i32>,
    pub isr: Vec<i32>,
    /// -1: no leader (every in-sync replica is fenced).
    pub leader: i32,
    pub leader_epoch: i32,
    pub partition_epoch: i32,
    /// During a reassignment: replicas being added and removed (`replicas` holds both).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adding_replicas: Vec<i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removing_replicas: Vec<i32>,
}

impl PartitionRegistration {
    /// A new partition: the first replica leads, all are in sync.
    pub fn new(replicas: Vec<i32>) -> PartitionRegistration {
        PartitionRegistration {
            leader: replicas.first().copied().unwrap_or(-1),
            isr: replicas.clone(),
            replicas,
            leader_epoch: 0,
            partition_epoch: 0,
            adding_replicas: Vec::new(),
            removing_replicas: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum MetadataRecord {
    RegisterBroker(BrokerRegistration),
    BrokerState {
        node_id: i32,
        state: BrokerState,
    },
    /// The cluster's id, written once by the first active controller.
    ClusterId {
        id: String,
    },
    Topic {
        name: String,
        topic_id: Uuid,
    },
    Partition {
        topic_id: Uuid,
        partition: i32,
        #[serde(flatten)]
        registration: PartitionRegistration,
    },
    Config {
        resource: ConfigResource,
        key: String,
        /// `None` removes the override.
        value: Option<String>,
    },
    RemoveTopic {
        topic_id: Uuid,
    },
    /// The next producer id the controller will hand out (a block was granted below it).
    ProducerIds {
        next_producer_id: i64,
    },
}
