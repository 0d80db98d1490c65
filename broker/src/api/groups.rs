//! Group membership APIs: FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
//! DescribeGroups, ListGroups, DeleteGroups.

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::delete_groups_response::DeletableGroupResult;
use kafka_protocol::messages::describe_groups_response::{DescribedGroup, DescribedGroupMember};
use kafka_protocol::messages::find_coordinator_response::Coordinator;
use kafka_protocol::messages::join_group_response::JoinGroupResponseMember;
use kafka_protocol::messages::leave_group_response::MemberResponse;
use kafka_protocol::messages::list_groups_response::ListedGroup;
use kafka_protocol::messages::*;
use kafka_protocol::protocol::StrBytes;

use super::{RequestContext, str_bytes};
use crate::broker::Broker;
use crate::group::JoinRequest;
use crate::group::state::{JoinResult, SyncResult};

pub async fn handle_find_coordinator(
    broker: &Broker,
    ctx: &RequestContext,
    req: FindCoordinatorRequest,
) -> FindCoordinatorResponse {
    let keys: Vec<StrBytes> = if ctx.version >= 4 {
        req.coordinator_keys
    } else {
        vec![req.key]
    };
    let ready = broker.groups.ensure_offsets_topic().await;
    let image = broker.controller.image();
    let coordinators: Vec<Coordinator> = keys
        .into_iter()
        .map(|key| {
            // The coordinator of a group is the leader of its __consumer_offsets partition.
            let tp = broker.groups.offsets_partition(key.as_str());
            let leader = image
                .partition(&tp.topic, tp.partition)
                .and_then(|p| image.brokers.get(&p.leader))
                .cloned();
            let c = Coordinator::default().with_key(key);
            let error = if req.key_type != 0 {
                Some((
                    ResponseError::InvalidRequest,
                    "transactions are not supported; only group coordinators exist",
                ))
            } else if !ready || leader.is_none() {
                Some((
                    ResponseError::CoordinatorNotAvailable,
                    "the group's coordinator has no leader for its offsets partition right now",
                ))
            } else {
                None
            };
            match (error, &leader) {
                (None, Some(b)) => {
                    let (host, port) = b.endpoint(&ctx.listener);
                    c.with_node_id(BrokerId(b.node_id))
                        .with_host(str_bytes(host))
                        .with_port(port)
                }
                (error, _) => {
                    let (e, msg) = error.unwrap_or((
                        ResponseError::CoordinatorNotAvailable,
                        "this broker is not registered yet",
                    ));
                    super::count_error(broker, ctx, e.code());
                    c.with_error_code(e.code())
                        .with_error_message(Some(str_bytes(msg)))
                        .with_node_id(BrokerId(-1))
                        .with_port(-1)
                }
            }
        })
        .collect();
    if ctx.version >= 4 {
        return FindCoordinatorResponse::default().with_coordinators(coordinators);
    }
    let c = coordinators.into_iter().next().unwrap_or_default();
    FindCoordinatorResponse::default()
        .with_error_code(c.error_code)
        .with_error_message(c.error_message)
        .with_node_id(c.node_id)
        .with_host(c.host)
        .with_port(c.port)
}

pub async fn handle_join(
    broker: &Broker,
    ctx: &RequestContext,
    req: JoinGroupRequest,
) -> JoinGroupResponse {
    let member_id = req.member_id.to_string();
    let join = JoinRequest {
        group_id: req.group_id.0.to_string(),
        member_id: member_id.clone(),
        group_instance_id: req.group_instance_id.map(|s| s.to_string()),
        client_id: ctx.client_id.clone().unwrap_or_default(),
        client_host: ctx.peer.split(':').next().unwrap_or_default().to_string(),
        session_timeout_ms: req.session_timeout_ms,
        rebalance_timeout_ms: if ctx.version >= 1 {
            req.rebalance_timeout_ms
        } else {
            req.session_timeout_ms
        },
        protocol_type: req.protocol_type.to_string(),
        protocols: req
            .protocols
            .into_iter()
            .map(|p| (p.name.to_string(), p.metadata))
            .collect(),
        require_known_member_id: ctx.version >= 4,
    };
    let result = broker
        .groups
        .join(join)
        .resolve(|| JoinResult::error(ResponseError::UnknownServerError.code(), &member_id))
        .await;
    super::count_error(broker, ctx, result.error);
    JoinGroupResponse::default()
        .with_error_code(result.error)
        .with_generation_id(result.generation)
        .with_protocol_type(result.protocol_type.map(str_bytes))
        .with_protocol_name(Some(str_bytes(result.protocol_name.unwrap_or_default())))
        .with_leader(str_bytes(result.leader))
        .with_member_id(str_bytes(result.member_id))
        .with_members(
            result
                .members
                .into_iter()
                .map(|(id, instance, meta)| {
                    JoinGroupResponseMember::default()
                        .with_member_id(str_bytes(id))
                        .with_group_instance_id(instance.map(str_bytes))
                        .with_metadata(meta)
                })
                .collect(),
        )
}

pub async fn handle_sync(
    broker: &Broker,
    ctx: &RequestContext,
    req: SyncGroupRequest,
) -> SyncGroupResponse {
    let result = broker
        .groups
        .sync(
            &req.group_id.0,
            req.generation_id,
            &req.member_id,
            req.group_instance_id.as_deref(),
            req.protocol_type.as_deref(),
            req.protocol_name.as_deref(),
            req.assignments
                .into_iter()
                .map(|a| (a.member_id.to_string(), a.assignment))
                .collect(),
        )
        .resolve(|| SyncResult {
            error: ResponseError::UnknownServerError.code(),
            protocol_type: None,
            protocol_name: None,
            assignment: Default::default(),
        })
        .await;
    super::count_error(broker, ctx, result.error);
    SyncGroupResponse::default()
        .with_error_code(result.error)
        .with_protocol_type(result.protocol_type.map(str_bytes))
        .with_protocol_name(result.protocol_name.map(str_bytes))
        .with_assignment(result.assignment)
}

pub async fn handle_heartbeat(
    broker: &Broker,
    ctx: &RequestContext,
    req: HeartbeatRequest,
) -> HeartbeatResponse {
    let code = broker.groups.heartbeat(
        &req.group_id.0,
        req.generation_id,
        &req.member_id,
        req.group_instance_id.as_deref(),
    );
    super::count_error(broker, ctx, code);
    HeartbeatResponse::default().with_error_code(code)
}

pub async fn handle_leave(
    broker: &Broker,
    ctx: &RequestContext,
    req: LeaveGroupRequest,
) -> LeaveGroupResponse {
    let members: Vec<(String, Option<String>)> = if ctx.version >= 3 {
        req.members
            .iter()
            .map(|m| {
                (
                    m.member_id.to_string(),
                    m.group_instance_id.as_ref().map(|s| s.to_string()),
                )
            })
            .collect()
    } else {
        vec![(req.member_id.to_string(), None)]
    };
    match broker.groups.leave(&req.group_id.0, members.clone()) {
        Ok(codes) => {
            for c in &codes {
                super::count_error(broker, ctx, *c);
            }
            if ctx.version >= 3 {
                let responses = members
                    .into_iter()
                    .zip(codes)
                    .map(|((id, instance), code)| {
                        MemberResponse::default()
                            .with_member_id(str_bytes(id))
                            .with_group_instance_id(instance.map(str_bytes))
                            .with_error_code(code)
                    })
                    .collect();
                LeaveGroupResponse::default().with_members(responses)
            } else {
                LeaveGroupResponse::default().with_error_code(codes.first().copied().unwrap_or(0))
            }
        }
        Err(e) => {
            super::count_error(broker, ctx, e.code());
            LeaveGroupResponse::default().with_error_code(e.code())
        }
    }
}

pub async fn handle_describe(
    broker: &Broker,
    _ctx: &RequestContext,
    req: DescribeGroupsRequest,
) -> DescribeGroupsResponse {
    let mut groups = Vec::with_capacity(req.groups.len());
    for id in req.groups {
        let described = match broker.groups.coordinator_error(&id.0) {
            Some(e) => Err(e),
            None => Ok(broker.groups.describe(&id.0)),
        };
        groups.push(match described {
            Err(e) => DescribedGroup::default()
                .with_group_id(id)
                .with_error_code(e.code()),
            Ok(Some(d)) => DescribedGroup::default()
                .with_group_id(id)
                .with_group_state(str_bytes(d.state))
                .with_protocol_type(str_bytes(d.protocol_type))
                .with_protocol_data(str_bytes(d.protocol))
                .with_members(
                    d.members
                        .into_iter()
                        .map(|(mid, instance, client, host, meta, assignment)| {
                            DescribedGroupMember::default()
                                .with_member_id(str_bytes(mid))
                                .with_group_instance_id(instance.map(str_bytes))
                                .with_client_id(str_bytes(client))
                                .with_client_host(str_bytes(host))
                                .with_member_metadata(meta)
                                .with_member_assignment(assignment)
                        })
                        .collect(),
                ),
            // Up to v5 an unknown group is described as Dead with no error, as Kafka does.
            Ok(None) => DescribedGroup::default()
                .with_group_id(id)
                .with_group_state(str_bytes("Dead")),
        });
    }
    DescribeGroupsResponse::default().with_groups(groups)
}

pub async fn handle_list(
    broker: &Broker,
    _ctx: &RequestContext,
    req: ListGroupsRequest,
) -> ListGroupsResponse {
    let states: Vec<String> = req.states_filter.iter().map(|s| s.to_lowercase()).collect();
    let types: Vec<String> = req.types_filter.iter().map(|s| s.to_lowercase()).collect();
    let groups = broker
        .groups
        .list_groups()
        .into_iter()
        .filter(|(_, _, state)| states.is_empty() || states.contains(&state.to_lowercase()))
        .filter(|_| types.is_empty() || types.iter().any(|t| t == "classic"))
        .map(|(id, protocol_type, state)| {
            ListedGroup::default()
                .with_group_id(GroupId(str_bytes(id)))
                .with_protocol_type(str_bytes(protocol_type))
                .with_group_state(str_bytes(state))
                .with_group_type(str_bytes("classic"))
        })
        .collect();
    ListGroupsResponse::default().with_groups(groups)
}

pub async fn handle_delete(
    broker: &Broker,
    ctx: &RequestContext,
    req: DeleteGroupsRequest,
) -> DeleteGroupsResponse {
    let results = req
        .groups_names
        .into_iter()
        .map(|id| {
            let code = broker.groups.delete_group(&id.0);
            super::count_error(broker, ctx, code);
            DeletableGroupResult::default()
                .with_group_id(id)
                .with_error_code(code)
        })
        .collect();
    DeleteGroupsResponse::default().with_results(results)
}
