//! Partition leadership and placement: ElectLeaders, AlterPartitionReassignments and
//! ListPartitionReassignments. The active controller decides; this broker forwards.

use kafka_protocol::ResponseError;
use kafka_protocol::messages::alter_partition_reassignments_response::{
    ReassignablePartitionResponse, ReassignableTopicResponse,
};
use kafka_protocol::messages::elect_leaders_response::{PartitionResult, ReplicaElectionResult};
use kafka_protocol::messages::list_partition_reassignments_response::{
    OngoingPartitionReassignment, OngoingTopicReassignment,
};
use kafka_protocol::messages::*;

use super::{RequestContext, str_bytes};
use crate::broker::Broker;
use crate::controller::ApiError;

/// Results grouped by topic, in request order.
fn by_topic<T>(items: Vec<(String, i32, T)>) -> Vec<(String, Vec<(i32, T)>)> {
    let mut out: Vec<(String, Vec<(i32, T)>)> = Vec::new();
    for (t, p, x) in items {
        match out.iter_mut().find(|(name, _)| *name == t) {
            Some((_, v)) => v.push((p, x)),
            None => out.push((t, vec![(p, x)])),
        }
    }
    out
}

fn error_parts(
    broker: &Broker,
    ctx: &RequestContext,
    r: &Result<impl Sized, ApiError>,
) -> (i16, Option<kafka_protocol::protocol::StrBytes>) {
    match r {
        Ok(_) => (0, None),
        Err(e) => {
            super::count_error(broker, ctx, e.code());
            (e.code(), Some(str_bytes(e.message.clone())))
        }
    }
}

pub async fn handle_elect_leaders(
    broker: &Broker,
    ctx: &RequestContext,
    req: ElectLeadersRequest,
) -> ElectLeadersResponse {
    // v0 has no election type: preferred. 0 = PREFERRED, 1 = UNCLEAN.
    let preferred = ctx.version == 0 || req.election_type == 0;
    let partitions = req.topic_partitions.map(|tps| {
        tps.into_iter()
            .flat_map(|tp| {
                let topic = tp.topic.0.to_string();
                tp.partitions.into_iter().map(move |p| (topic.clone(), p))
            })
            .collect::<Vec<_>>()
    });
    let all = partitions.is_none();
    match broker.controller.elect_leaders(preferred, partitions).await {
        Ok(results) => ElectLeadersResponse::default().with_replica_election_results(
            // As Kafka: asked for every partition, it reports only those it elected or
            // failed to, not the ones whose leader is already the one asked for.
            by_topic(results)
                .into_iter()
                .filter_map(|(t, parts)| {
                    let parts: Vec<_> = parts
                        .into_iter()
                        .filter(|(_, r)| {
                            !(all
                                && matches!(r, Err(e) if e.error == ResponseError::ElectionNotNeeded))
                        })
                        .collect();
                    (!parts.is_empty()).then_some((t, parts))
                })
                .map(|(t, parts)| {
                    ReplicaElectionResult::default()
                        .with_topic(TopicName(str_bytes(t)))
                        .with_partition_result(
                            parts
                                .into_iter()
                                .map(|(p, r)| {
                                    let (code, message) = error_parts(broker, ctx, &r);
                                    PartitionResult::default()
                                        .with_partition_id(p)
                                        .with_error_code(code)
                                        .with_error_message(message)
                                })
                                .collect(),
                        )
                })
                .collect(),
        ),
        Err(e) => {
            super::count_error(broker, ctx, e.code());
            ElectLeadersResponse::default().with_error_code(if ctx.version >= 1 {
                e.code()
            } else {
                0
            })
        }
    }
}

pub async fn handle_alter_reassignments(
    broker: &Broker,
    ctx: &RequestContext,
    req: AlterPartitionReassignmentsRequest,
) -> AlterPartitionReassignmentsResponse {
    let wanted: Vec<(String, i32, Option<Vec<i32>>)> = req
        .topics
        .into_iter()
        .flat_map(|t| {
            let topic = t.name.0.to_string();
            t.partitions.into_iter().map(move |p| {
                (
                    topic.clone(),
                    p.partition_index,
                    p.replicas.map(|r| r.into_iter().map(|b| b.0).collect()),
                )
            })
        })
        .collect();
    match broker.controller.alter_reassignments(wanted).await {
        Ok(results) => AlterPartitionReassignmentsResponse::default().with_responses(
            by_topic(results)
                .into_iter()
                .map(|(t, parts)| {
                    ReassignableTopicResponse::default()
                        .with_name(TopicName(str_bytes(t)))
                        .with_partitions(
                            parts
                                .into_iter()
                                .map(|(p, r)| {
                                    let (code, message) = error_parts(broker, ctx, &r);
                                    ReassignablePartitionResponse::default()
                                        .with_partition_index(p)
                                        .with_error_code(code)
                                        .with_error_message(message)
                                })
                                .collect(),
                        )
                })
                .collect(),
        ),
        Err(e) => {
            super::count_error(broker, ctx, e.code());
            AlterPartitionReassignmentsResponse::default()
                .with_error_code(e.code())
                .with_error_message(Some(str_bytes(e.message)))
        }
    }
}

pub async fn handle_list_reassignments(
    broker: &Broker,
    _ctx: &RequestContext,
    req: ListPartitionReassignmentsRequest,
) -> ListPartitionReassignmentsResponse {
    let image = broker.controller.image();
    let wanted = |topic: &str, p: i32| match &req.topics {
        None => true,
        Some(ts) => ts
            .iter()
            .any(|t| t.name.0.as_str() == topic && t.partition_indexes.contains(&p)),
    };
    let ids = |v: &[i32]| v.iter().map(|b| BrokerId(*b)).collect::<Vec<_>>();
    let mut topics = Vec::new();
    for t in image.topics.values() {
        let partitions: Vec<OngoingPartitionReassignment> = t
            .partitions
            .iter()
            .filter(|(p, r)| {
                wanted(&t.name, **p)
                    && !(r.adding_replicas.is_empty() && r.removing_replicas.is_empty())
            })
            .map(|(p, r)| {
                OngoingPartitionReassignment::default()
                    .with_partition_index(*p)
                    .with_replicas(ids(&r.replicas))
                    .with_adding_replicas(ids(&r.adding_replicas))
                    .with_removing_replicas(ids(&r.removing_replicas))
            })
            .collect();
        if !partitions.is_empty() {
            topics.push(
                OngoingTopicReassignment::default()
                    .with_name(TopicName(str_bytes(t.name.clone())))
                    .with_partitions(partitions),
            );
        }
    }
    ListPartitionReassignmentsResponse::default().with_topics(topics)
}
