//! Requests brokers send to the active controller (`moldau.v1.Controller/Call`, as JSON).
//! Each is carried out by `Controller::execute` on the active controller.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::records::{BrokerRegistration, BrokerState};
use super::{ConfigOp, NewTopic};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ControllerRequest {
    CreateTopics {
        topics: Vec<NewTopic>,
        validate_only: bool,
    },
    DeleteTopic {
        name: String,
    },
    CreatePartitions {
        name: String,
        count: i32,
        assignments: Option<Vec<Vec<i32>>>,
        validate_only: bool,
    },
    AlterTopicConfigs {
        name: String,
        ops: Vec<(String, ConfigOp)>,
        replace: bool,
        validate_only: bool,
    },
    /// The cluster-wide dynamic broker defaults (BROKER resource "").
    AlterClusterConfigs {
        ops: Vec<(String, ConfigOp)>,
        replace: bool,
        validate_only: bool,
    },
    AllocateProducerIds,
    /// The leader's view of the metadata quorum (read-only: nothing is committed).
    DescribeQuorum,
    RegisterBroker(BrokerRegistration),
    Heartbeat {
        node_id: i32,
        incarnation_id: Uuid,
        /// The broker is stopping: move its leaderships away (controlled shutdown).
        shutting_down: bool,
    },
    /// A leader's ISR change, valid only at the epochs it saw.
    AlterPartition {
        node_id: i32,
        topic: String,
        partition: i32,
        leader_epoch: i32,
        partition_epoch: i32,
        isr: Vec<i32>,
    },
    ElectLeaders {
        preferred: bool,
        /// None: every partition.
        partitions: Option<Vec<(String, i32)>>,
    },
    /// Leadership moves to chosen in-sync replicas: (topic, partition, new leader).
    AssignLeaders {
        assignments: Vec<(String, i32, i32)>,
    },
    FenceBroker {
        node_id: i32,
    },
    /// Moves partitions to new replica lists (`None` cancels a reassignment in progress).
    AlterReassignments {
        reassignments: Vec<(String, i32, Option<Vec<i32>>)>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeartbeatReply {
    pub state: BrokerState,
    /// Controlled shutdown: the broker leads nothing any more and may stop.
    pub shutdown_ready: bool,
}
