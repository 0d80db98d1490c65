//! InitProducerId: producer ids for idempotent producers (no transactions).

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::{InitProducerIdRequest, InitProducerIdResponse, ProducerId};

use super::RequestContext;
use crate::broker::Broker;

pub async fn handle(
    broker: &Broker,
    ctx: &RequestContext,
    req: InitProducerIdRequest,
) -> InitProducerIdResponse {
    let fail = |code: ResponseError| {
        super::count_error(broker, ctx, code.code());
        InitProducerIdResponse::default()
            .with_error_code(code.code())
            .with_producer_id(ProducerId(-1))
            .with_producer_epoch(-1)
    };
    if req.transactional_id.is_some() {
        if req.transaction_timeout_ms > broker.config.transaction_max_timeout_ms {
            return fail(ResponseError::InvalidTransactionTimeout);
        }
        // Transactions are not built; say so rather than hand out a producer id that cannot commit.
        return fail(ResponseError::TransactionalIdAuthorizationFailed);
    }
    // Without a transactional id the timeout is meaningless (aiokafka sends i32::MAX), as in Kafka.
    // KIP-360: an existing idempotent producer may ask for its epoch to be bumped.
    if req.producer_id.0 >= 0 && req.producer_epoch >= 0 {
        if req.producer_epoch == i16::MAX - 1 {
            // Epoch exhausted: a fresh id.
        } else {
            return InitProducerIdResponse::default()
                .with_producer_id(req.producer_id)
                .with_producer_epoch(req.producer_epoch + 1);
        }
    }
    match broker.next_producer_id().await {
        Ok(id) => InitProducerIdResponse::default()
            .with_producer_id(ProducerId(id))
            .with_producer_epoch(0),
        Err(e) => fail(e.error),
    }
}
