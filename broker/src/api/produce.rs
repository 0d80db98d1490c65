//! Produce: validates and appends each partition's record batch, acks 0, 1 or all.

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::produce_response::{PartitionProduceResponse, TopicProduceResponse};
use kafka_protocol::messages::{ProduceRequest, ProduceResponse};

use super::{Outcome, Reply, RequestContext, str_bytes};
use crate::broker::Broker;
use crate::controller::ApiError;
use crate::log::TopicPartition;

/// A Produce reply: a response, nothing (acks=0), or a closed connection (acks=0 with an
/// error, which is how Kafka tells such a producer something went wrong).
pub enum ProduceReply {
    Response(ProduceResponse),
    Nothing,
    Close(String),
}

impl Reply for ProduceReply {
    fn into_outcome(self, ctx: &RequestContext) -> Outcome {
        match self {
            ProduceReply::Response(r) => r.into_outcome(ctx),
            ProduceReply::Nothing => Outcome::NoResponse,
            ProduceReply::Close(why) => Outcome::Close(why),
        }
    }
}

pub async fn handle(broker: &Broker, ctx: &RequestContext, req: ProduceRequest) -> ProduceReply {
    let acks = req.acks;
    let mut responses = Vec::with_capacity(req.topic_data.len());
    let mut first_error: Option<String> = None;
    let timeout = std::time::Duration::from_millis(req.timeout_ms.max(0) as u64);
    for topic in req.topic_data {
        let name = topic.name.0.to_string();
        let mut partitions = Vec::with_capacity(topic.partition_data.len());
        for pd in topic.partition_data {
            let tp = TopicPartition::new(name.clone(), pd.index);
            let result = append_one(
                broker,
                &tp,
                acks,
                req.transactional_id.is_some(),
                pd.records,
            )
            .await;
            // acks=all: answered once the in-sync replicas have the batch.
            let result = match result {
                Ok(info) if acks == -1 => broker
                    .replicas
                    .wait_for_replication(&tp, info.last_offset, timeout)
                    .await
                    .map(|_| info),
                other => other,
            };
            let mut resp = PartitionProduceResponse::default().with_index(pd.index);
            match result {
                Ok(info) => {
                    resp = resp
                        .with_base_offset(info.first_offset)
                        .with_log_append_time_ms(info.log_append_time)
                        .with_log_start_offset(info.log_start_offset);
                }
                Err(e) => {
                    super::count_error(broker, ctx, e.code());
                    tracing::debug!(%tp, error = %e, "produce refused");
                    first_error.get_or_insert_with(|| format!("{tp}: {e}"));
                    resp = resp
                        .with_error_code(e.code())
                        .with_base_offset(-1)
                        .with_error_message((ctx.version >= 8).then(|| str_bytes(e.message)));
                }
            }
            partitions.push(resp);
        }
        responses.push(
            TopicProduceResponse::default()
                .with_name(topic.name)
                .with_partition_responses(partitions),
        );
    }
    if acks == 0 {
        return match first_error {
            Some(e) => ProduceReply::Close(format!("acks=0 produce failed: {e}")),
            None => ProduceReply::Nothing,
        };
    }
    ProduceReply::Response(ProduceResponse::default().with_responses(responses))
}

async fn append_one(
    broker: &Broker,
    tp: &TopicPartition,
    acks: i16,
    transactional: bool,
    records: Option<bytes::Bytes>,
) -> Result<crate::log::AppendInfo, ApiError> {
    if !matches!(acks, -1..=1) {
        return Err(ApiError::new(
            ResponseError::InvalidRequiredAcks,
            format!("acks must be -1, 0 or 1, got {acks}"),
        ));
    }
    if transactional {
        return Err(ApiError::new(
            ResponseError::TransactionalIdAuthorizationFailed,
            "transactions are not supported by this broker",
        ));
    }
    if crate::controller::is_internal(&tp.topic) {
        return Err(ApiError::new(
            ResponseError::InvalidTopicException,
            format!("cannot append to internal topic {}", tp.topic),
        ));
    }
    if broker.controller.image().topic(&tp.topic).is_none() {
        if broker.config.auto_create_topics && !tp.topic.starts_with("__") {
            broker.auto_create_topic(&tp.topic).await?;
        } else {
            return Err(crate::controller::unknown_topic(&tp.topic));
        }
    }
    let records = records.filter(|r| !r.is_empty()).ok_or_else(|| {
        ApiError::new(
            ResponseError::InvalidRecord,
            "the request carries no record batch",
        )
    })?;
    broker.replicas.append(tp, records, acks).await
}
