//! DescribeConfigs, AlterConfigs and IncrementalAlterConfigs for topics and for the
//! cluster-wide dynamic broker defaults (BROKER resource ""), and describing a broker's own
//! configuration (static, except the dynamic keys).

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
use crate::config::dynamic;
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
    let image = broker.controller.image();
    let cluster = &image.cluster_configs;
    match resource_type {
        RESOURCE_TOPIC => {
            let t = match image.topic(name) {
                Some(t) => t,
                // As Kafka: an illegal name is INVALID_TOPIC_EXCEPTION, not "unknown".
                None => {
                    crate::controller::validate_topic_name(name)?;
                    return Err(unknown_topic(name));
                }
            };
            Ok(effective_topic_configs(&broker.config, cluster, &t.configs)
                .into_iter()
                .map(|(key, value, source)| {
                    let broker_key = TOPIC_CONFIGS
                        .iter()
                        .find(|(k, _)| k.name == key.name)
                        .map(|(_, b)| *b)
                        .unwrap_or("");
                    let mut syn = Vec::new();
                    if synonyms && source == ConfigSource::TopicOverride {
                        syn.push(synonym(key.name, Some(value.clone()), source));
                    }
                    if synonyms && !broker_key.is_empty() {
                        if let Some(v) = cluster.get(broker_key) {
                            syn.push(synonym(
                                broker_key,
                                Some(v.clone()),
                                ConfigSource::DynamicDefaultBroker,
                            ));
                        }
                        if broker.config.is_explicit(broker_key) {
                            syn.push(synonym(
                                broker_key,
                                broker.config.topic_default(broker_key),
                                ConfigSource::StaticBroker,
                            ));
                        }
                        syn.push(synonym(
                            broker_key,
                            key.default.map(str::to_string),
                            ConfigSource::Default,
                        ));
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
        // The cluster-wide defaults (Kafka's `--entity-default`): only the values set.
        RESOURCE_BROKER if name.is_empty() => Ok(cluster
            .iter()
            .filter_map(|(k, v)| dynamic::dynamic_key(k).ok().map(|key| (key, v)))
            .map(|(key, value)| {
                let source = ConfigSource::DynamicDefaultBroker;
                DescribeConfigsResourceResult::default()
                    .with_name(str_bytes(key.name))
                    .with_value(Some(str_bytes(value.clone())))
                    .with_read_only(false)
                    .with_config_source(source.code())
                    .with_config_type(key.ty.code())
                    .with_synonyms(if synonyms {
                        vec![synonym(key.name, Some(value.clone()), source)]
                    } else {
                        Vec::new()
                    })
                    .with_documentation(docs.then(|| str_bytes(key.doc)))
            })
            .collect()),
        RESOURCE_BROKER => {
            if name.parse::<i32>().ok() != Some(broker.config.node_id) {
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
                    let static_source = if explicit {
                        ConfigSource::StaticBroker
                    } else {
                        ConfigSource::Default
                    };
                    let is_dynamic = dynamic::is_dynamic(key.name);
                    let dynamic_value = cluster.get(key.name).filter(|_| is_dynamic);
                    let (value, source) = match dynamic_value {
                        Some(v) => (Some(v.clone()), ConfigSource::DynamicDefaultBroker),
                        None => (value, static_source),
                    };
                    let mut syn = Vec::new();
                    if synonyms {
                        if let Some(v) = dynamic_value {
                            syn.push(synonym(
                                key.name,
                                Some(v.clone()),
                                ConfigSource::DynamicDefaultBroker,
                            ));
                        }
                        if explicit {
                            syn.push(synonym(
                                key.name,
                                broker.config.explicit_value(key.name),
                                ConfigSource::StaticBroker,
                            ));
                        }
                        if let Some(d) = key.default {
                            syn.push(synonym(
                                key.name,
                                Some(d.to_string()),
                                ConfigSource::Default,
                            ));
                        }
                    }
                    DescribeConfigsResourceResult::default()
                        .with_name(str_bytes(key.name))
                        .with_value(value.map(str_bytes))
                        .with_read_only(!is_dynamic)
                        .with_config_source(source.code())
                        .with_config_type(key.ty.code())
                        .with_synonyms(syn)
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

fn synonym(name: &str, value: Option<String>, source: ConfigSource) -> DescribeConfigsSynonym {
    DescribeConfigsSynonym::default()
        .with_name(str_bytes(name.to_string()))
        .with_value(value.map(str_bytes))
        .with_source(source.code())
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
        RESOURCE_BROKER if name.is_empty() => {
            broker
                .controller
                .alter_cluster_configs(ops, replace, validate_only)
                .await
        }
        // No per-broker value is ever stored, so deleting one is done already: what
        // `kafka-reassign-partitions --verify` does to clear replication throttles.
        RESOURCE_BROKER
            if !replace
                && ops.iter().all(|(_, op)| matches!(op, ConfigOp::Delete))
                && name
                    .parse::<i32>()
                    .is_ok_and(|id| broker.controller.image().brokers.contains_key(&id)) =>
        {
            Ok(())
        }
        RESOURCE_BROKER => Err(ApiError::new(
            ResponseError::InvalidRequest,
            format!(
                "per-broker dynamic configs are not supported in moldau (broker {name:?}): \
                 change the cluster-wide default instead, on the broker resource with an empty \
                 name (kafka-configs --entity-type brokers --entity-default); the keys that can \
                 change at run time are {}. Every other broker config is static: change \
                 server.properties or --override and restart",
                dynamic::DYNAMIC_CLUSTER_CONFIGS.join(", ")
            ),
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
