//! Topic administration: CreateTopics, DeleteTopics, CreatePartitions, DeleteRecords and
//! DescribeCluster.

use std::collections::BTreeMap;

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::create_partitions_response::CreatePartitionsTopicResult;
use kafka_protocol::messages::create_topics_response::{
    CreatableTopicConfigs, CreatableTopicResult,
};
use kafka_protocol::messages::delete_records_response::{
    DeleteRecordsPartitionResult, DeleteRecordsTopicResult,
};
use kafka_protocol::messages::delete_topics_response::DeletableTopicResult;
use kafka_protocol::messages::describe_cluster_response::DescribeClusterBroker;
use kafka_protocol::messages::*;

use super::{RequestContext, str_bytes};
use crate::broker::Broker;
use crate::config::topic::effective_topic_configs;
use crate::controller::{ApiError, NewTopic};
use crate::log::TopicPartition;

pub async fn handle_create_topics(
    broker: &Broker,
    ctx: &RequestContext,
    req: CreateTopicsRequest,
) -> CreateTopicsResponse {
    let mut results = Vec::new();
    let mut to_create = Vec::new();
    // As Kafka: a name listed more than once is refused altogether, with one result.
    let mut counts = std::collections::HashMap::new();
    for t in &req.topics {
        *counts.entry(t.name.0.to_string()).or_insert(0usize) += 1;
    }
    let mut reported = std::collections::HashSet::new();
    for t in req.topics {
        let name = t.name.0.to_string();
        if counts[&name] > 1 {
            if reported.insert(name.clone()) {
                results.push(topic_error(
                    &name,
                    ApiError::new(
                        ResponseError::InvalidRequest,
                        format!("topic {name:?} is listed more than once in the request"),
                    ),
                ));
            }
            continue;
        }
        let mut configs = BTreeMap::new();
        let mut null_value = None;
        for c in t.configs {
            match c.value {
                Some(v) => {
                    configs.insert(c.name.to_string(), v.to_string());
                }
                None => null_value = Some(c.name.to_string()),
            }
        }
        if let Some(key) = null_value {
            results.push(topic_error(
                &name,
                ApiError::new(
                    ResponseError::InvalidConfig,
                    format!("config {key} has a null value"),
                ),
            ));
            continue;
        }
        to_create.push(NewTopic {
            name,
            num_partitions: t.num_partitions,
            replication_factor: t.replication_factor,
            assignments: t
                .assignments
                .into_iter()
                .map(|a| {
                    (
                        a.partition_index,
                        a.broker_ids.into_iter().map(|b| b.0).collect(),
                    )
                })
                .collect(),
            configs,
        });
    }
    for (name, result) in broker
        .controller
        .create_topics(to_create, req.validate_only)
        .await
    {
        match result {
            Ok(created) => {
                let configs = (ctx.version >= 5).then(|| {
                    let image = broker.controller.image();
                    effective_topic_configs(
                        &broker.config,
                        &image.cluster_configs,
                        &created.configs,
                    )
                    .into_iter()
                    .map(|(k, v, src)| {
                        CreatableTopicConfigs::default()
                            .with_name(str_bytes(k.name))
                            .with_value(Some(str_bytes(v)))
                            .with_config_source(src.code())
                    })
                    .collect()
                });
                results.push(
                    CreatableTopicResult::default()
                        .with_name(TopicName(str_bytes(name)))
                        .with_topic_id(created.topic_id)
                        .with_num_partitions(created.num_partitions)
                        .with_replication_factor(created.replication_factor)
                        .with_configs(configs),
                );
            }
            Err(e) => {
                super::count_error(broker, ctx, e.code());
                results.push(topic_error(&name, e));
            }
        }
    }
    CreateTopicsResponse::default().with_topics(results)
}

fn topic_error(name: &str, e: ApiError) -> CreatableTopicResult {
    CreatableTopicResult::default()
        .with_name(TopicName(str_bytes(name)))
        .with_error_code(e.code())
        .with_error_message(Some(str_bytes(e.message)))
        .with_num_partitions(-1)
        .with_replication_factor(-1)
}

pub async fn handle_delete_topics(
    broker: &Broker,
    ctx: &RequestContext,
    req: DeleteTopicsRequest,
) -> DeleteTopicsResponse {
    // v6 names topics by name or id in `topics`; earlier versions list names.
    let mut targets: Vec<(Option<String>, uuid::Uuid)> = req
        .topic_names
        .into_iter()
        .map(|n| (Some(n.0.to_string()), uuid::Uuid::nil()))
        .collect();
    targets.extend(
        req.topics
            .into_iter()
            .map(|t| (t.name.map(|n| n.0.to_string()), t.topic_id)),
    );
    let mut responses = Vec::with_capacity(targets.len());
    for (name, id) in targets {
        responses.push({
            let image = broker.controller.image();
            let name = name.or_else(|| image.topic_by_id(&id).map(|t| t.name.clone()));
            let result = match &name {
                Some(n) => broker.controller.delete_topic(n).await,
                None => Err(ApiError::new(
                    ResponseError::UnknownTopicId,
                    format!("no topic has id {id}"),
                )),
            };
            let resp =
                DeletableTopicResult::default().with_name(name.map(|n| TopicName(str_bytes(n))));
            match result {
                Ok(id) => resp.with_topic_id(id),
                Err(e) => {
                    super::count_error(broker, ctx, e.code());
                    resp.with_topic_id(id)
                        .with_error_code(e.code())
                        .with_error_message(Some(str_bytes(e.message)))
                }
            }
        });
    }
    DeleteTopicsResponse::default().with_responses(responses)
}

pub async fn handle_create_partitions(
    broker: &Broker,
    ctx: &RequestContext,
    req: CreatePartitionsRequest,
) -> CreatePartitionsResponse {
    let mut results = Vec::with_capacity(req.topics.len());
    for t in req.topics {
        let assignments = t.assignments.map(|a| {
            a.into_iter()
                .map(|x| x.broker_ids.into_iter().map(|b| b.0).collect())
                .collect()
        });
        let result = broker
            .controller
            .create_partitions(&t.name.0, t.count, assignments, req.validate_only)
            .await;
        let (code, message) = super::error_fields(broker, ctx, &result);
        results.push(
            CreatePartitionsTopicResult::default()
                .with_name(t.name)
                .with_error_code(code)
                .with_error_message(message),
        );
    }
    CreatePartitionsResponse::default().with_results(results)
}

pub async fn handle_delete_records(
    broker: &Broker,
    ctx: &RequestContext,
    req: DeleteRecordsRequest,
) -> DeleteRecordsResponse {
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
                    let resp = DeleteRecordsPartitionResult::default()
                        .with_partition_index(p.partition_index);
                    match broker.replicas.delete_records(&tp, p.offset) {
                        Ok(low) => resp.with_low_watermark(low),
                        Err(e) => {
                            super::count_error(broker, ctx, e.code());
                            resp.with_error_code(e.code()).with_low_watermark(-1)
                        }
                    }
                })
                .collect();
            DeleteRecordsTopicResult::default()
                .with_name(t.name)
                .with_partitions(partitions)
        })
        .collect();
    DeleteRecordsResponse::default().with_topics(topics)
}

pub async fn handle_describe_cluster(
    broker: &Broker,
    ctx: &RequestContext,
    _req: DescribeClusterRequest,
) -> DescribeClusterResponse {
    let image = broker.controller.image();
    let brokers = image
        .brokers
        .values()
        .filter(|b| image.broker_state(b.node_id) != Some(crate::controller::BrokerState::Fenced))
        .map(|b| {
            let (host, port) = b.endpoint(&ctx.listener);
            DescribeClusterBroker::default()
                .with_broker_id(BrokerId(b.node_id))
                .with_host(str_bytes(host))
                .with_port(port)
                .with_rack(b.rack.clone().map(str_bytes))
        })
        .collect();
    DescribeClusterResponse::default()
        .with_cluster_id(str_bytes(broker.cluster_id()))
        .with_controller_id(BrokerId(
            broker.controller.active_controller().unwrap_or(-1),
        ))
        .with_brokers(brokers)
}
