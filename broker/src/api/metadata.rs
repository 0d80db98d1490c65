//! Metadata: brokers, the controller, topics and partitions (auto-creating topics if enabled).

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::metadata_response::{
    MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic,
};
use kafka_protocol::messages::{BrokerId, MetadataRequest, MetadataResponse, TopicName};

use super::{RequestContext, str_bytes};
use crate::broker::Broker;
use crate::controller::{MetadataImage, OFFSETS_TOPIC, TopicImage};

pub async fn handle(
    broker: &Broker,
    ctx: &RequestContext,
    req: MetadataRequest,
) -> MetadataResponse {
    // v0: an empty list means all topics; v1+: null means all, empty means none.
    let all = match &req.topics {
        None => true,
        Some(t) => t.is_empty() && ctx.version == 0,
    };
    let auto_create =
        (ctx.version < 4 || req.allow_auto_topic_creation) && broker.config.auto_create_topics;
    let mut topics = Vec::new();
    if all {
        let image = broker.controller.image();
        topics.extend(image.topics.values().map(topic_response));
    } else {
        for t in req.topics.unwrap_or_default() {
            let image = broker.controller.image();
            let name = match (&t.name, image.topic_by_id(&t.topic_id)) {
                (Some(n), _) => n.0.to_string(),
                (None, Some(found)) => found.name.clone(),
                (None, None) => {
                    topics.push(
                        MetadataResponseTopic::default()
                            .with_topic_id(t.topic_id)
                            .with_error_code(ResponseError::UnknownTopicId.code()),
                    );
                    continue;
                }
            };
            topics.push(describe_or_create(broker, &name, auto_create).await);
        }
    }
    for t in &topics {
        super::count_error(broker, ctx, t.error_code);
    }
    let image = broker.controller.image();
    MetadataResponse::default()
        .with_brokers(brokers(&image, &ctx.listener))
        .with_cluster_id(Some(str_bytes(broker.cluster_id())))
        .with_controller_id(BrokerId(
            broker.controller.active_controller().unwrap_or(-1),
        ))
        .with_topics(topics)
}

/// Brokers clients may connect to: registered and not fenced (as Kafka lists them).
pub fn brokers(image: &MetadataImage, listener: &str) -> Vec<MetadataResponseBroker> {
    image
        .brokers
        .values()
        .filter(|b| image.broker_state(b.node_id) != Some(crate::controller::BrokerState::Fenced))
        .map(|b| {
            let (host, port) = b.endpoint(listener);
            MetadataResponseBroker::default()
                .with_node_id(BrokerId(b.node_id))
                .with_host(str_bytes(host))
                .with_port(port)
                .with_rack(b.rack.clone().map(str_bytes))
        })
        .collect()
}

async fn describe_or_create(
    broker: &Broker,
    name: &str,
    auto_create: bool,
) -> MetadataResponseTopic {
    if let Some(t) = broker.controller.image().topic(name) {
        return topic_response(t);
    }
    let unknown = |code: ResponseError| {
        MetadataResponseTopic::default()
            .with_name(Some(TopicName(str_bytes(name))))
            .with_error_code(code.code())
    };
    if crate::controller::validate_topic_name(name).is_err() {
        return unknown(ResponseError::InvalidTopicException);
    }
    if name == OFFSETS_TOPIC {
        broker.groups.ensure_offsets_topic().await;
    } else if auto_create {
        if let Err(e) = broker.auto_create_topic(name).await {
            return unknown(e.error);
        }
    } else {
        return unknown(ResponseError::UnknownTopicOrPartition);
    }
    match broker.controller.image().topic(name) {
        Some(t) => topic_response(t),
        None => unknown(ResponseError::LeaderNotAvailable),
    }
}

pub fn topic_response(t: &TopicImage) -> MetadataResponseTopic {
    let partitions = t
        .partitions
        .iter()
        .map(|(p, reg)| {
            // No leader: every in-sync replica is fenced (clients retry).
            let error = if reg.leader < 0 {
                ResponseError::LeaderNotAvailable.code()
            } else {
                0
            };
            MetadataResponsePartition::default()
                .with_error_code(error)
                .with_partition_index(*p)
                .with_leader_id(BrokerId(reg.leader))
                .with_leader_epoch(reg.leader_epoch)
                .with_replica_nodes(reg.replicas.iter().map(|r| BrokerId(*r)).collect())
                .with_isr_nodes(reg.isr.iter().map(|r| BrokerId(*r)).collect())
        })
        .collect();
    MetadataResponseTopic::default()
        .with_name(Some(TopicName(str_bytes(t.name.clone()))))
        .with_topic_id(t.id)
        .with_is_internal(t.name.starts_with("__"))
        .with_partitions(partitions)
}
