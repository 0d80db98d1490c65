//! DescribeQuorum (what `kafka-metadata-quorum describe --status/--replication` and
//! `Admin.describeMetadataQuorum` show): the metadata quorum as its leader sees it, asked of
//! the active controller wherever the request arrives (as Kafka's brokers forward it).

use kafka_protocol::ResponseError;
use kafka_protocol::messages::describe_quorum_response::{
    Listener, Node, PartitionData, ReplicaState, TopicData,
};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;

use super::{RequestContext, str_bytes};
use crate::broker::Broker;
use crate::controller::quorum::METADATA_TOPIC;
use crate::controller::quorum::describe::ReplicaView;

fn replica(r: &ReplicaView) -> ReplicaState {
    ReplicaState::default()
        .with_replica_id(BrokerId(r.replica_id))
        .with_log_end_offset(r.log_end_offset)
        .with_last_fetch_timestamp(r.last_fetch_timestamp)
        .with_last_caught_up_timestamp(r.last_caught_up_timestamp)
}

fn error_response(error: ResponseError, message: String) -> DescribeQuorumResponse {
    DescribeQuorumResponse::default()
        .with_error_code(error.code())
        .with_error_message(Some(str_bytes(message)))
}

pub async fn handle_describe_quorum(
    broker: &Broker,
    _ctx: &RequestContext,
    req: DescribeQuorumRequest,
) -> DescribeQuorumResponse {
    let asks_metadata = req.topics.len() == 1
        && req.topics[0].topic_name.0.as_str() == METADATA_TOPIC
        && req.topics[0].partitions.len() == 1
        && req.topics[0].partitions[0].partition_index == 0;
    if !asks_metadata {
        return error_response(
            ResponseError::InvalidRequest,
            format!("DescribeQuorum describes only {METADATA_TOPIC} partition 0"),
        );
    }
    let view = match broker.controller.describe_quorum().await {
        Ok(v) => v,
        Err(e) => return error_response(e.error, e.message),
    };
    let partition = PartitionData::default()
        .with_partition_index(0)
        .with_leader_id(BrokerId(view.leader_id))
        .with_leader_epoch(view.leader_epoch)
        .with_high_watermark(view.high_watermark)
        .with_current_voters(view.voters.iter().map(replica).collect())
        .with_observers(view.observers.iter().map(replica).collect());
    let listener = broker
        .config
        .controller_listeners
        .first()
        .map_or("CONTROLLER".to_string(), |l| l.name.clone());
    let nodes = broker
        .config
        .quorum_voters()
        .into_iter()
        .filter_map(|(id, addr)| {
            let (host, port) = addr.rsplit_once(':')?;
            Some(
                Node::default()
                    .with_node_id(BrokerId(id))
                    .with_listeners(vec![
                        Listener::default()
                            .with_name(StrBytes::from_string(listener.clone()))
                            .with_host(str_bytes(host.trim_matches(['[', ']']).to_string()))
                            .with_port(port.parse().ok()?),
                    ]),
            )
        })
        .collect();
    DescribeQuorumResponse::default()
        .with_topics(vec![
            TopicData::default()
                .with_topic_name(TopicName(str_bytes(METADATA_TOPIC.to_string())))
                .with_partitions(vec![partition]),
        ])
        .with_nodes(nodes)
}
