//! ListOffsets (earliest, latest, max timestamp, by time) and OffsetForLeaderEpoch.

use kafka_protocol::messages::list_offsets_response::{
    ListOffsetsPartitionResponse, ListOffsetsTopicResponse,
};
use kafka_protocol::messages::offset_for_leader_epoch_response::{
    EpochEndOffset, OffsetForLeaderTopicResult,
};
use kafka_protocol::messages::{
    ListOffsetsRequest, ListOffsetsResponse, OffsetForLeaderEpochRequest,
    OffsetForLeaderEpochResponse,
};

use super::RequestContext;
use crate::broker::Broker;
use crate::log::TopicPartition;

pub async fn handle(
    broker: &Broker,
    ctx: &RequestContext,
    req: ListOffsetsRequest,
) -> ListOffsetsResponse {
    let topics = req
        .topics
        .into_iter()
        .map(|t| {
            let name = t.name.0.to_string();
            let partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let tp = TopicPartition::new(name.clone(), p.partition_index);
                    let resp = ListOffsetsPartitionResponse::default()
                        .with_partition_index(p.partition_index);
                    match broker
                        .replicas
                        .list_offset(&tp, p.timestamp, p.current_leader_epoch)
                    {
                        Ok((offset, timestamp, epoch)) => {
                            let resp = resp.with_offset(offset).with_timestamp(timestamp);
                            if ctx.version >= 4 {
                                resp.with_leader_epoch(epoch)
                            } else {
                                resp
                            }
                        }
                        Err(e) => {
                            super::count_error(broker, ctx, e.code());
                            resp.with_error_code(e.code())
                                .with_offset(-1)
                                .with_timestamp(-1)
                        }
                    }
                })
                .collect();
            ListOffsetsTopicResponse::default()
                .with_name(t.name)
                .with_partitions(partitions)
        })
        .collect();
    ListOffsetsResponse::default().with_topics(topics)
}

pub async fn handle_offset_for_leader_epoch(
    broker: &Broker,
    ctx: &RequestContext,
    req: OffsetForLeaderEpochRequest,
) -> OffsetForLeaderEpochResponse {
    let topics = req
        .topics
        .into_iter()
        .map(|t| {
            let name = t.topic.0.to_string();
            let partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let tp = TopicPartition::new(name.clone(), p.partition);
                    let resp = EpochEndOffset::default().with_partition(p.partition);
                    match broker.replicas.end_offset_for_epoch(
                        &tp,
                        p.leader_epoch,
                        p.current_leader_epoch,
                    ) {
                        Ok((epoch, end)) => resp.with_leader_epoch(epoch).with_end_offset(end),
                        Err(e) => {
                            super::count_error(broker, ctx, e.code());
                            resp.with_error_code(e.code())
                                .with_leader_epoch(-1)
                                .with_end_offset(-1)
                        }
                    }
                })
                .collect();
            OffsetForLeaderTopicResult::default()
                .with_topic(t.topic)
                .with_partitions(partitions)
        })
        .collect();
    OffsetForLeaderEpochResponse::default().with_topics(topics)
}
