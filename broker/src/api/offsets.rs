//! Committed offsets: OffsetCommit, OffsetFetch (single and batched groups), OffsetDelete.

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::offset_commit_response::{
    OffsetCommitResponsePartition, OffsetCommitResponseTopic,
};
use kafka_protocol::messages::offset_delete_response::{
    OffsetDeleteResponsePartition, OffsetDeleteResponseTopic,
};
use kafka_protocol::messages::offset_fetch_response::{
    OffsetFetchResponseGroup, OffsetFetchResponsePartition, OffsetFetchResponsePartitions,
    OffsetFetchResponseTopic, OffsetFetchResponseTopics,
};
use kafka_protocol::messages::*;

use super::{RequestContext, str_bytes};
use crate::broker::Broker;
use crate::group::OffsetToCommit;
use crate::group::state::CommittedOffset;
use crate::log::TopicPartition;

pub async fn handle_commit(
    broker: &Broker,
    ctx: &RequestContext,
    req: OffsetCommitRequest,
) -> OffsetCommitResponse {
    let mut shape: Vec<(TopicName, Vec<i32>)> = Vec::new();
    let mut offsets = Vec::new();
    for t in req.topics {
        let name = t.name.0.to_string();
        let mut parts = Vec::new();
        for p in t.partitions {
            parts.push(p.partition_index);
            offsets.push(OffsetToCommit {
                tp: TopicPartition::new(name.clone(), p.partition_index),
                offset: p.committed_offset,
                leader_epoch: p.committed_leader_epoch,
                metadata: p.committed_metadata.map(|m| m.to_string()),
            });
        }
        shape.push((t.name, parts));
    }
    let mut codes = broker.groups.commit_offsets(
        &req.group_id.0,
        req.generation_id_or_member_epoch,
        &req.member_id,
        req.group_instance_id.as_deref(),
        offsets,
    );
    // Like a producer with acks=all: a commit is acknowledged once the in-sync replicas of
    // the group's offsets partition have it, so it survives the coordinator's death.
    if codes.contains(&0) {
        let tp = broker.groups.offsets_partition(&req.group_id.0);
        let written = broker
            .replicas
            .partition(&tp)
            .map(|p| p.log().lock().log_end_offset() - 1);
        let timeout = std::time::Duration::from_millis(broker.config.offsets_commit_timeout_ms);
        let replicated = match written {
            Some(offset) => broker
                .replicas
                .wait_for_replication(&tp, offset, timeout)
                .await
                .is_ok(),
            None => false,
        };
        if !replicated {
            for c in codes.iter_mut().filter(|c| **c == 0) {
                *c = ResponseError::CoordinatorNotAvailable.code();
            }
        }
    }
    let mut codes = codes.into_iter();
    let topics = shape
        .into_iter()
        .map(|(name, parts)| {
            let partitions = parts
                .into_iter()
                .map(|p| {
                    let code = codes.next().unwrap_or(0);
                    super::count_error(broker, ctx, code);
                    OffsetCommitResponsePartition::default()
                        .with_partition_index(p)
                        .with_error_code(code)
                })
                .collect();
            OffsetCommitResponseTopic::default()
                .with_name(name)
                .with_partitions(partitions)
        })
        .collect();
    OffsetCommitResponse::default().with_topics(topics)
}

/// Committed offsets grouped by topic: (topic, [(partition, offset)]).
type Fetched = Vec<(String, Vec<(i32, Option<CommittedOffset>)>)>;

fn fetch(
    broker: &Broker,
    group: &str,
    topics: Option<Vec<(String, Vec<i32>)>>,
) -> Result<Fetched, ResponseError> {
    let tps = topics.map(|ts| {
        ts.into_iter()
            .flat_map(|(t, ps)| {
                ps.into_iter()
                    .map(move |p| TopicPartition::new(t.clone(), p))
            })
            .collect()
    });
    let mut out: Fetched = Vec::new();
    for (tp, o) in broker.groups.fetch_offsets(group, tps)? {
        match out.last_mut() {
            Some((t, ps)) if *t == tp.topic => ps.push((tp.partition, o)),
            _ => out.push((tp.topic.clone(), vec![(tp.partition, o)])),
        }
    }
    Ok(out)
}

/// Builds the committed-offset topics of an OffsetFetch response. The batched (v8+) and
/// single-group layouts carry the same fields in differently named types.
macro_rules! committed_topics {
    ($fetched:expr, $topic:ty, $partition:ty) => {
        $fetched
            .into_iter()
            .map(|(t, ps)| {
                <$topic>::default()
                    .with_name(TopicName(str_bytes(t)))
                    .with_partitions(
                        ps.into_iter()
                            .map(|(p, o): (i32, Option<CommittedOffset>)| {
                                let (offset, epoch, meta) = o
                                    .map_or((-1, -1, String::new()), |o| {
                                        (o.offset, o.leader_epoch, o.metadata)
                                    });
                                <$partition>::default()
                                    .with_partition_index(p)
                                    .with_committed_offset(offset)
                                    .with_committed_leader_epoch(epoch)
                                    .with_metadata(Some(str_bytes(meta)))
                            })
                            .collect(),
                    )
            })
            .collect()
    };
}

/// The (topic, partitions) a request names; `None` means every committed partition.
macro_rules! requested {
    ($topics:expr) => {
        $topics.map(|ts| {
            ts.into_iter()
                .map(|t| (t.name.0.to_string(), t.partition_indexes))
                .collect()
        })
    };
}

pub async fn handle_fetch(
    broker: &Broker,
    ctx: &RequestContext,
    req: OffsetFetchRequest,
) -> OffsetFetchResponse {
    if ctx.version >= 8 {
        let groups = req
            .groups
            .into_iter()
            .map(
                |g| match fetch(broker, &g.group_id.0, requested!(g.topics)) {
                    Ok(fetched) => OffsetFetchResponseGroup::default()
                        .with_group_id(g.group_id)
                        .with_topics(committed_topics!(
                            fetched,
                            OffsetFetchResponseTopics,
                            OffsetFetchResponsePartitions
                        )),
                    Err(e) => {
                        super::count_error(broker, ctx, e.code());
                        OffsetFetchResponseGroup::default()
                            .with_group_id(g.group_id)
                            .with_error_code(e.code())
                    }
                },
            )
            .collect();
        return OffsetFetchResponse::default().with_groups(groups);
    }
    if req.group_id.0.is_empty() {
        super::count_error(broker, ctx, ResponseError::InvalidGroupId.code());
        return OffsetFetchResponse::default()
            .with_error_code(ResponseError::InvalidGroupId.code());
    }
    match fetch(broker, &req.group_id.0, requested!(req.topics)) {
        Ok(fetched) => OffsetFetchResponse::default().with_topics(committed_topics!(
            fetched,
            OffsetFetchResponseTopic,
            OffsetFetchResponsePartition
        )),
        Err(e) => {
            super::count_error(broker, ctx, e.code());
            OffsetFetchResponse::default().with_error_code(e.code())
        }
    }
}

pub async fn handle_delete(
    broker: &Broker,
    ctx: &RequestContext,
    req: OffsetDeleteRequest,
) -> OffsetDeleteResponse {
    let tps: Vec<TopicPartition> = req
        .topics
        .iter()
        .flat_map(|t| {
            t.partitions
                .iter()
                .map(|p| TopicPartition::new(t.name.0.to_string(), p.partition_index))
        })
        .collect();
    match broker.groups.delete_offsets(&req.group_id.0, tps) {
        Ok(results) => {
            let mut topics: Vec<OffsetDeleteResponseTopic> = Vec::new();
            for (tp, code) in results {
                super::count_error(broker, ctx, code);
                let part = OffsetDeleteResponsePartition::default()
                    .with_partition_index(tp.partition)
                    .with_error_code(code);
                match topics.iter_mut().find(|t| t.name.0.as_str() == tp.topic) {
                    Some(t) => t.partitions.push(part),
                    None => topics.push(
                        OffsetDeleteResponseTopic::default()
                            .with_name(TopicName(str_bytes(tp.topic)))
                            .with_partitions(vec![part]),
                    ),
                }
            }
            OffsetDeleteResponse::default().with_topics(topics)
        }
        Err(e) => {
            super::count_error(broker, ctx, e.code());
            OffsetDeleteResponse::default().with_error_code(e.code())
        }
    }
}
