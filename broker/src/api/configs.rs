//! DescribeConfigs, AlterConfigs and IncrementalAlterConfigs for topics (and describing the
//! broker's own static configuration).

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::alter_configs_response::AlterConfigsResourceResponse;
use kafka_protocol::messages::describe_configs_response::{
    DescribeConfigsResourceResult, DescribeConfigsResult, DescribeConfigsSynonym,
};
use kafka_protocol::messages::incremental_alter_configs_response::AlterConfigsResourceResponse as IncResponse;
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;

use super::{RequestContext, str_bytes};
use crate::broker::Broker;
use crate::config::topic::{ConfigSource, TOPIC_CONFIGS, effective_topic_configs};
use crate::controller::{ApiError, ConfigOp, unknown_topic};

const RESOURCE_TOPIC: i8 = 2;
const RESOURCE_BROKER: i8 = 4;

pub async fn handle_describe(
    broker: &Broker,
    ctx: &RequestContext,
    req: DescribeConfigsRequest,
) -> DescribeConfigsResponse {
    let results = req
        .resources
        .into_iter()
        .map(|r| {
            let base = DescribeConfigsResult::default()
                .with_resource_type(r.resource_type)
                .with_resource_name(r.resource_name.clone());
            let wanted = |name: &str| {
                r.configuration_keys
                    .as_ref()
                    .is_none_or(|keys| keys.iter().any(|k| k.as_str() == name))
            };
            match describe(
                broker,
                r.resource_type,
                r.resource_name.as_str(),
                req.include_synonyms,
                req.include_documentation,
            ) {
                Ok(configs) => base.with_configs(
                    configs
                        .into_iter()
                        .filter(|c| wanted(c.name.as_str()))
                        .collect(),
                ),
                Err(e) => {
                    super::count_error(broker, ctx, e.code());
                    base.with_error_code(e.code())
                        .with_error_message(Some(str_bytes(e.message)))
                }
            }
        })
        .collect();
    DescribeConfigsResponse::default().with_results(results)
}

fn describe(
    broker: &Broker,
    resource_type: i8,
    name: &str,
    synonyms: bool,
    docs: bool,
) -> Result<Vec<DescribeConfigsResourceResult>, ApiError> {
    match resource_type {
        RESOURCE_TOPIC => {
            let image = broker.controller.image();
            let t = image.topic(name).ok_or_else(|| unknown_topic(name))?;
            Ok(effective_topic_configs(&broker.config, &t.configs)
                .into_iter()
                .map(|(key, value, source)| {
                    let broker_key = TOPIC_CONFIGS
                        .iter()
                        .find(|(k, _)| k.name == key.name)
                        .map(|(_, b)| *b)
                        .unwrap_or("");
                    let mut syn = Vec::new();
                    if synonyms {
                        if source == ConfigSource::TopicOverride {
                            syn.push(
                                DescribeConfigsSynonym::default()
                                    .with_name(str_bytes(key.name))
                                    .with_value(Some(str_bytes(value.clone())))
                                    .with_source(source.code()),
                            );
                        }
                        if broker.config.is_explicit(broker_key) {
                            syn.push(
                                DescribeConfigsSynonym::default()
                                    .with_name(str_bytes(broker_key))
                                    .with_value(
                                        broker.config.topic_default(broker_key).map(str_bytes),
                                    )
                                    .with_source(ConfigSource::StaticBroker.code()),
                            );
                        }
                        syn.push(
                            DescribeConfigsSynonym::default()
                                .with_name(str_bytes(broker_key))
                                .with_value(key.default.map(str_bytes))
                                .with_source(ConfigSource::Default.code()),
                        );
                    }
                    DescribeConfigsResourceResult::default()
                        .with_name(str_bytes(key.name))
                        .with_value(Some(str_bytes(value)))
                        .with_config_source(source.code())
                        .with_config_type(key.ty.code())
                        .with_synonyms(syn)
                        .with_documentation(docs.then(|| str_bytes(key.doc)))
                })
                .collect())
        }
        RESOURCE_BROKER => {
            if !name.is_empty() && name.parse::<i32>().ok() != Some(broker.config.node_id) {
                return Err(ApiError::new(
                    ResponseError::InvalidRequest,
                    format!(
                        "broker {name} is not this broker ({})",
                        broker.config.node_id
                    ),
                ));
            }
            Ok(broker
                .config
                .describe()
                .into_iter()
                .map(|(key, value, explicit)| {
                    let source = if explicit {
                        ConfigSource::StaticBroker
                    } else {
                        ConfigSource::Default
                    };
                    DescribeConfigsResourceResult::default()
                        .with_name(str_bytes(key.name))
                        .with_value(value.map(str_bytes))
                        .with_read_only(true)
                        .with_config_source(source.code())
                        .with_config_type(key.ty.code())
                        .with_documentation(docs.then(|| str_bytes(key.doc)))
                })
                .collect())
        }
        other => Err(ApiError::new(
            ResponseError::InvalidRequest,
            format!("config resource type {other} is not supported"),
        )),
    }
}

async fn alter(
    broker: &Broker,
    resource_type: i8,
    name: &StrBytes,
    ops: Vec<(String, ConfigOp)>,
    replace: bool,
    validate_only: bool,
) -> Result<(), ApiError> {
    match resource_type {
        RESOURCE_TOPIC => {
            broker
                .controller
                .alter_topic_configs(name.as_str(), ops, replace, validate_only)
                .await
        }
        RESOURCE_BROKER => Err(ApiError::new(
            ResponseError::InvalidRequest,
            "broker configs are static in moldau: change server.properties or --override and restart",
        )),
        other => Err(ApiError::new(
            ResponseError::InvalidRequest,
            format!("config resource type {other} is not supported"),
        )),
    }
}

pub async fn handle_alter(
    broker: &Broker,
    ctx: &RequestContext,
    req: AlterConfigsRequest,
) -> AlterConfigsResponse {
    let mut responses = Vec::with_capacity(req.resources.len());
    for r in req.resources {
        responses.push({
            let ops: Result<Vec<_>, ApiError> = r
                .configs
                .into_iter()
                .map(|c| match c.value {
                    Some(v) => Ok((c.name.to_string(), ConfigOp::Set(v.to_string()))),
                    None => Err(ApiError::new(
                        ResponseError::InvalidConfig,
                        format!("config {} has a null value", c.name.as_str()),
                    )),
                })
                .collect();
            let result = match ops {
                Ok(ops) => {
                    alter(
                        broker,
                        r.resource_type,
                        &r.resource_name,
                        ops,
                        true,
                        req.validate_only,
                    )
                    .await
                }
                Err(e) => Err(e),
            };
            let (code, message) = super::error_fields(broker, ctx, &result);
            AlterConfigsResourceResponse::default()
                .with_resource_type(r.resource_type)
                .with_resource_name(r.resource_name)
                .with_error_code(code)
                .with_error_message(message)
        });
    }
    AlterConfigsResponse::default().with_responses(responses)
}

pub async fn handle_incremental_alter(
    broker: &Broker,
    ctx: &RequestContext,
    req: IncrementalAlterConfigsRequest,
) -> IncrementalAlterConfigsResponse {
    let mut responses = Vec::with_capacity(req.resources.len());
    for r in req.resources {
        responses.push({
            let ops: Result<Vec<_>, ApiError> = r
                .configs
                .into_iter()
                .map(|c| {
                    let name = c.name.to_string();
                    let value = c.value.map(|v| v.to_string());
                    let missing = || {
                        ApiError::new(
                            ResponseError::InvalidConfig,
                            format!("operation on {name} needs a value"),
                        )
                    };
                    let op = match c.config_operation {
                        0 => ConfigOp::Set(value.clone().ok_or_else(missing)?),
                        1 => ConfigOp::Delete,
                        2 => ConfigOp::Append(value.clone().ok_or_else(missing)?),
                        3 => ConfigOp::Subtract(value.clone().ok_or_else(missing)?),
                        o => {
                            return Err(ApiError::new(
                                ResponseError::InvalidRequest,
                                format!("unknown config operation {o}"),
                            ));
                        }
                    };
                    Ok((name, op))
                })
                .collect();
            let result = match ops {
                Ok(ops) => {
                    alter(
                        broker,
                        r.resource_type,
                        &r.resource_name,
                        ops,
                        false,
                        req.validate_only,
                    )
                    .await
                }
                Err(e) => Err(e),
            };
            let (code, message) = super::error_fields(broker, ctx, &result);
            IncResponse::default()
                .with_resource_type(r.resource_type)
                .with_resource_name(r.resource_name)
                .with_error_code(code)
                .with_error_message(message)
        });
    }
    IncrementalAlterConfigsResponse::default().with_responses(responses)
}
