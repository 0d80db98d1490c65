//! The `moldau.v1.Admin` gRPC service the operator uses: describe brokers and partitions,
//! fence a broker, elect leaders, reassign replicas, describe and replace the cluster-wide
//! dynamic broker configs. Changes go through the active controller (forwarded when this node
//! is not it); partition progress comes from this node's replica manager for the partitions
//! it leads.

use std::collections::BTreeMap;
use std::sync::Arc;

use kafka_protocol::error::ResponseError as E;
use tonic::{Request, Response, Status};

use super::rpc::pb;
use super::{ApiError, BrokerState, ConfigOp, Controller, NewTopic};

/// A leader's view of one of its partitions.
#[derive(Debug, Clone, Default)]
pub struct PartitionProgress {
    pub high_watermark: i64,
    pub log_end_offset: i64,
    pub log_start_offset: i64,
    pub replicas: Vec<pb::ReplicaState>,
}

/// Where partition progress comes from (the replica manager).
pub trait ProgressSource: Send + Sync {
    /// None unless this node leads the partition.
    fn progress(&self, topic: &str, partition: i32) -> Option<PartitionProgress>;
    /// The timestamp of the first record at or after `offset` below the high watermark (-1:
    /// none); None unless this node leads the partition.
    fn record_timestamp(&self, topic: &str, partition: i32, offset: i64) -> Option<i64>;
}

/// Where consumer groups come from (the group coordinator).
pub trait GroupSource: Send + Sync {
    /// The groups this node coordinates, with their committed offsets.
    fn coordinated_groups(&self) -> Vec<pb::ConsumerGroupInfo>;
}

pub struct AdminService {
    pub controller: Arc<Controller>,
    pub progress: Arc<dyn ProgressSource>,
    pub groups: Arc<dyn GroupSource>,
}

fn status(e: ApiError) -> Status {
    match e.error {
        E::NotController | E::RequestTimedOut => Status::unavailable(e.message),
        E::UnknownTopicOrPartition | E::BrokerIdNotRegistered => Status::not_found(e.message),
        _ => Status::failed_precondition(e.message),
    }
}

#[tonic::async_trait]
impl pb::admin_server::Admin for AdminService {
    async fn describe_brokers(
        &self,
        _req: Request<pb::DescribeBrokersRequest>,
    ) -> Result<Response<pb::DescribeBrokersResponse>, Status> {
        let image = self.controller.image();
        let leaders = image.leader_counts();
        let mut partitions = std::collections::BTreeMap::<i32, u32>::new();
        for t in image.topics.values() {
            for p in t.partitions.values() {
                for r in &p.replicas {
                    *partitions.entry(*r).or_default() += 1;
                }
            }
        }
        let brokers = image
            .brokers
            .values()
            .map(|b| {
                let state = image.broker_state(b.node_id).unwrap_or_default();
                pb::BrokerInfo {
                    id: b.node_id,
                    host: b.host.clone(),
                    port: b.port,
                    rack: b.rack.clone().unwrap_or_default(),
                    fenced: state == BrokerState::Fenced,
                    shutting_down: state == BrokerState::ShuttingDown,
                    leader_count: leaders.get(&b.node_id).copied().unwrap_or(0) as u32,
                    partition_count: partitions.get(&b.node_id).copied().unwrap_or(0),
                    incarnation_id: b.incarnation_id.to_string(),
                }
            })
            .collect();
        let (term, commit) = self.controller.raft_progress();
        Ok(Response::new(pb::DescribeBrokersResponse {
            brokers,
            controller_id: self.controller.active_controller().unwrap_or(-1),
            cluster_id: self.controller.cluster_id(),
            raft_term: term,
            raft_commit_index: commit,
        }))
    }

    async fn describe_partitions(
        &self,
        req: Request<pb::DescribePartitionsRequest>,
    ) -> Result<Response<pb::DescribePartitionsResponse>, Status> {
        let req = req.into_inner();
        let image = self.controller.image();
        let mut out = Vec::new();
        let mut remote: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for t in image.topics.values() {
            if !req.topics.is_empty() && !req.topics.contains(&t.name) {
                continue;
            }
            for (p, reg) in &t.partitions {
                let progress = self.progress.progress(&t.name, *p);
                if progress.is_none() && !req.local_only && reg.leader >= 0 {
                    remote.entry(reg.leader).or_default().push(out.len());
                }
                let progress = progress.unwrap_or(PartitionProgress {
                    high_watermark: -1,
                    log_end_offset: -1,
                    log_start_offset: -1,
                    replicas: Vec::new(),
                });
                out.push(pb::PartitionInfo {
                    topic: t.name.clone(),
                    partition: *p,
                    leader: reg.leader,
                    leader_epoch: reg.leader_epoch,
                    partition_epoch: reg.partition_epoch,
                    replicas: reg.replicas.clone(),
                    isr: reg.isr.clone(),
                    high_watermark: progress.high_watermark,
                    log_end_offset: progress.log_end_offset,
                    log_start_offset: progress.log_start_offset,
                    replica_states: progress.replicas,
                    adding_replicas: reg.adding_replicas.clone(),
                    removing_replicas: reg.removing_replicas.clone(),
                });
            }
        }
        // Progress of partitions led elsewhere comes from their leaders, asked in parallel.
        let asks = remote
            .into_iter()
            .map(|(leader, slots)| {
                let topics: Vec<String> = slots.iter().map(|i| out[*i].topic.clone()).collect();
                (leader, (slots, topics))
            })
            .collect();
        let (answers, _) = ask_nodes(&image, asks, |mut client, (_, topics)| async move {
            client
                .describe_partitions(pb::DescribePartitionsRequest {
                    topics,
                    local_only: true,
                })
                .await
        })
        .await;
        for ((slots, _), answered) in answers {
            let answered = answered.partitions;
            for i in slots {
                let mine = &mut out[i];
                if let Some(p) = answered.iter().find(|p| {
                    p.topic == mine.topic && p.partition == mine.partition && p.log_end_offset >= 0
                }) {
                    mine.high_watermark = p.high_watermark;
                    mine.log_end_offset = p.log_end_offset;
                    mine.log_start_offset = p.log_start_offset;
                    mine.replica_states = p.replica_states.clone();
                }
            }
        }
        Ok(Response::new(pb::DescribePartitionsResponse {
            partitions: out,
        }))
    }

    async fn fence_broker(
        &self,
        req: Request<pb::FenceBrokerRequest>,
    ) -> Result<Response<pb::FenceBrokerResponse>, Status> {
        let moved = self
            .controller
            .fence_broker(req.into_inner().broker_id)
            .await
            .map_err(status)?;
        Ok(Response::new(pb::FenceBrokerResponse {
            leaders_moved: moved as u32,
        }))
    }

    async fn elect_leaders(
        &self,
        req: Request<pb::ElectLeadersRequest>,
    ) -> Result<Response<pb::ElectLeadersResponse>, Status> {
        let req = req.into_inner();
        let preferred = req.election_type() == pb::ElectionType::Preferred;
        let partitions = if req.partitions.is_empty() {
            None
        } else {
            let image = self.controller.image();
            let mut list = Vec::new();
            for tp in req.partitions {
                if tp.partitions.is_empty() {
                    let parts = image
                        .topic(&tp.topic)
                        .map(|t| t.partitions.keys().copied().collect::<Vec<_>>())
                        .unwrap_or_default();
                    list.extend(parts.into_iter().map(|p| (tp.topic.clone(), p)));
                } else {
                    list.extend(tp.partitions.iter().map(|p| (tp.topic.clone(), *p)));
                }
            }
            Some(list)
        };
        let results = self
            .controller
            .elect_leaders(preferred, partitions)
            .await
            .map_err(status)?;
        Ok(election_response(results))
    }

    async fn assign_leaders(
        &self,
        req: Request<pb::AssignLeadersRequest>,
    ) -> Result<Response<pb::ElectLeadersResponse>, Status> {
        let assignments = req
            .into_inner()
            .assignments
            .into_iter()
            .map(|a| (a.topic, a.partition, a.leader))
            .collect();
        let results = self
            .controller
            .assign_leaders(assignments)
            .await
            .map_err(status)?;
        Ok(election_response(results))
    }

    async fn alter_partition_reassignments(
        &self,
        req: Request<pb::AlterPartitionReassignmentsRequest>,
    ) -> Result<Response<pb::AlterPartitionReassignmentsResponse>, Status> {
        let wanted = req
            .into_inner()
            .reassignments
            .into_iter()
            .map(|r| {
                let target = (!r.replicas.is_empty()).then_some(r.replicas);
                (r.topic, r.partition, target)
            })
            .collect();
        let results = self
            .controller
            .alter_reassignments(wanted)
            .await
            .map_err(status)?;
        Ok(Response::new(pb::AlterPartitionReassignmentsResponse {
            results: results
                .into_iter()
                .map(|(topic, partition, r)| {
                    let (error_code, message) = match r {
                        Ok(()) => (0, String::new()),
                        Err(e) => (e.code() as i32, e.message),
                    };
                    pb::ReassignmentResult {
                        topic,
                        partition,
                        error_code,
                        message,
                    }
                })
                .collect(),
        }))
    }

    async fn list_partition_reassignments(
        &self,
        _req: Request<pb::ListPartitionReassignmentsRequest>,
    ) -> Result<Response<pb::ListPartitionReassignmentsResponse>, Status> {
        let image = self.controller.image();
        let mut out = Vec::new();
        for t in image.topics.values() {
            for (p, reg) in &t.partitions {
                if !reg.adding_replicas.is_empty() || !reg.removing_replicas.is_empty() {
                    out.push(pb::OngoingReassignment {
                        topic: t.name.clone(),
                        partition: *p,
                        replicas: reg.replicas.clone(),
                        adding_replicas: reg.adding_replicas.clone(),
                        removing_replicas: reg.removing_replicas.clone(),
                    });
                }
            }
        }
        Ok(Response::new(pb::ListPartitionReassignmentsResponse {
            reassignments: out,
        }))
    }

    async fn describe_cluster_configs(
        &self,
        _req: Request<pb::DescribeClusterConfigsRequest>,
    ) -> Result<Response<pb::DescribeClusterConfigsResponse>, Status> {
        let configs = self
            .controller
            .image()
            .cluster_configs
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Response::new(pb::DescribeClusterConfigsResponse {
            configs,
        }))
    }

    async fn alter_cluster_configs(
        &self,
        req: Request<pb::AlterClusterConfigsRequest>,
    ) -> Result<Response<pb::AlterClusterConfigsResponse>, Status> {
        let req = req.into_inner();
        let ops = set_ops(req.configs);
        let result = self
            .controller
            .alter_cluster_configs(ops, true, req.validate_only)
            .await;
        let (error_code, message) = coded(result.map(|()| None))?.0;
        Ok(Response::new(pb::AlterClusterConfigsResponse {
            error_code,
            message,
        }))
    }

    async fn describe_topics(
        &self,
        req: Request<pb::DescribeTopicsRequest>,
    ) -> Result<Response<pb::DescribeTopicsResponse>, Status> {
        let wanted = req.into_inner().topics;
        let image = self.controller.image();
        let topics = image
            .topics
            .values()
            .filter(|t| wanted.is_empty() || wanted.contains(&t.name))
            .map(|t| pb::TopicDescription {
                name: t.name.clone(),
                topic_id: t.id.to_string(),
                partitions: t.partitions.len() as i32,
                replication_factor: t
                    .partitions
                    .values()
                    .map(|p| (p.replicas.len() - p.adding_replicas.len()) as i32)
                    .min()
                    .unwrap_or(0),
                configs: t.configs.clone().into_iter().collect(),
            })
            .collect();
        Ok(Response::new(pb::DescribeTopicsResponse { topics }))
    }

    async fn create_topic(
        &self,
        req: Request<pb::CreateTopicRequest>,
    ) -> Result<Response<pb::TopicResult>, Status> {
        let req = req.into_inner();
        let replication_factor = i16::try_from(req.replication_factor).map_err(|_| {
            Status::invalid_argument(format!(
                "replication factor {} is out of range",
                req.replication_factor
            ))
        })?;
        let topic = NewTopic {
            name: req.name.clone(),
            num_partitions: req.partitions,
            replication_factor,
            assignments: BTreeMap::new(),
            configs: req.configs.into_iter().collect(),
        };
        let result = self
            .controller
            .create_topics(vec![topic], req.validate_only)
            .await
            .into_iter()
            .next()
            .map(|(_, r)| r.map(|c| Some(c.topic_id)))
            .unwrap_or_else(|| {
                Err(ApiError::new(
                    E::UnknownServerError,
                    "the controller returned no result",
                ))
            });
        topic_result(result)
    }

    async fn create_partitions(
        &self,
        req: Request<pb::CreatePartitionsRequest>,
    ) -> Result<Response<pb::TopicResult>, Status> {
        let req = req.into_inner();
        let result = self
            .controller
            .create_partitions(&req.name, req.count, None, req.validate_only)
            .await;
        topic_result(result.map(|()| None))
    }

    async fn alter_topic_configs(
        &self,
        req: Request<pb::AlterTopicConfigsRequest>,
    ) -> Result<Response<pb::TopicResult>, Status> {
        let req = req.into_inner();
        let ops = set_ops(req.configs);
        let result = self
            .controller
            .alter_topic_configs(&req.name, ops, true, req.validate_only)
            .await;
        topic_result(result.map(|()| None))
    }

    async fn describe_consumer_groups(
        &self,
        req: Request<pb::DescribeConsumerGroupsRequest>,
    ) -> Result<Response<pb::DescribeConsumerGroupsResponse>, Status> {
        let mut groups = self.groups.coordinated_groups();
        if req.into_inner().local_only {
            return Ok(Response::new(pb::DescribeConsumerGroupsResponse {
                groups,
                unreachable_coordinators: Vec::new(),
            }));
        }
        // Every other coordinator: the leaders of the __consumer_offsets partitions.
        let image = self.controller.image();
        let me = self.controller.node_id();
        let asks: BTreeMap<i32, ()> = image
            .topic(super::OFFSETS_TOPIC)
            .map(|t| {
                t.partitions
                    .values()
                    .filter(|p| p.leader >= 0 && p.leader != me)
                    .map(|p| (p.leader, ()))
                    .collect()
            })
            .unwrap_or_default();
        let (answers, unreachable) = ask_nodes(&image, asks, |mut client, ()| async move {
            client
                .describe_consumer_groups(pb::DescribeConsumerGroupsRequest { local_only: true })
                .await
        })
        .await;
        for (_, r) in answers {
            groups.extend(r.groups);
        }
        // A coordinator that moved while asked may answer for a group twice: keep one.
        groups.sort_by(|a, b| a.group_id.cmp(&b.group_id));
        groups.dedup_by(|a, b| a.group_id == b.group_id);
        Ok(Response::new(pb::DescribeConsumerGroupsResponse {
            groups,
            unreachable_coordinators: unreachable,
        }))
    }

    async fn record_timestamps(
        &self,
        req: Request<pb::RecordTimestampsRequest>,
    ) -> Result<Response<pb::RecordTimestampsResponse>, Status> {
        let req = req.into_inner();
        let image = self.controller.image();
        let mut out = Vec::with_capacity(req.lookups.len());
        let mut remote: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for mut l in req.lookups {
            match self
                .progress
                .record_timestamp(&l.topic, l.partition, l.offset)
            {
                Some(ts) => l.timestamp_ms = ts,
                None => {
                    l.timestamp_ms = -1;
                    let leader = image
                        .topic(&l.topic)
                        .and_then(|t| t.partitions.get(&l.partition))
                        .map_or(-1, |p| p.leader);
                    if !req.local_only && leader >= 0 {
                        remote.entry(leader).or_default().push(out.len());
                    }
                }
            }
            out.push(l);
        }
        let asks = remote
            .into_iter()
            .map(|(leader, slots)| {
                let lookups: Vec<_> = slots.iter().map(|i| out[*i].clone()).collect();
                (leader, (slots, lookups))
            })
            .collect();
        let (answers, _) = ask_nodes(&image, asks, |mut client, (_, lookups)| async move {
            client
                .record_timestamps(pb::RecordTimestampsRequest {
                    lookups,
                    local_only: true,
                })
                .await
        })
        .await;
        for ((slots, _), answered) in answers {
            for (i, found) in slots.into_iter().zip(answered.timestamps) {
                out[i].timestamp_ms = found.timestamp_ms;
            }
        }
        Ok(Response::new(pb::RecordTimestampsResponse {
            timestamps: out,
        }))
    }

    async fn delete_topic(
        &self,
        req: Request<pb::DeleteTopicRequest>,
    ) -> Result<Response<pb::TopicResult>, Status> {
        let result = self.controller.delete_topic(&req.into_inner().name).await;
        topic_result(result.map(Some))
    }
}

fn election_response(
    results: Vec<(String, i32, Result<i32, ApiError>)>,
) -> Response<pb::ElectLeadersResponse> {
    Response::new(pb::ElectLeadersResponse {
        results: results
            .into_iter()
            .map(|(topic, partition, r)| match r {
                Ok(leader) => pb::ElectionResult {
                    topic,
                    partition,
                    error_code: 0,
                    message: String::new(),
                    leader,
                },
                Err(e) => pb::ElectionResult {
                    topic,
                    partition,
                    error_code: e.code() as i32,
                    message: e.message,
                    leader: -1,
                },
            })
            .collect(),
    })
}

/// Replace-semantics operations for a requested config map, sorted: a map has no order, and
/// the same request must always fail on the same key.
fn set_ops(configs: std::collections::HashMap<String, String>) -> Vec<(String, ConfigOp)> {
    let mut ops: Vec<(String, ConfigOp)> = configs
        .into_iter()
        .map(|(k, v)| (k, ConfigOp::Set(v)))
        .collect();
    ops.sort_by(|a, b| a.0.cmp(&b.0));
    ops
}

type Coded = ((i32, String), Option<uuid::Uuid>);

/// A controller result as a Kafka error code and message; the calls that may succeed on
/// another node (no controller reachable) fail with UNAVAILABLE instead.
fn coded(result: Result<Option<uuid::Uuid>, ApiError>) -> Result<Coded, Status> {
    match result {
        Ok(id) => Ok(((0, String::new()), id)),
        Err(e) if matches!(e.error, E::NotController | E::RequestTimedOut) => Err(status(e)),
        Err(e) => Ok(((e.code() as i32, e.message), None)),
    }
}

fn topic_result(
    result: Result<Option<uuid::Uuid>, ApiError>,
) -> Result<Response<pb::TopicResult>, Status> {
    let ((error_code, message), id) = coded(result)?;
    Ok(Response::new(pb::TopicResult {
        error_code,
        message,
        topic_id: id.map(|i| i.to_string()).unwrap_or_default(),
    }))
}

/// Largest Admin answer a node accepts from another (a describe of every partition of a large
/// cluster is several MiB).
pub const MAX_ADMIN_MESSAGE: usize = 256 << 20;

/// Asks other nodes' Admin services in parallel (`asks`: node id → what to ask it). Returns the
/// answers of the nodes that answered, each with what it was asked, and the ids of the others.
async fn ask_nodes<T, R, F, Fut>(
    image: &super::MetadataImage,
    asks: BTreeMap<i32, T>,
    call: F,
) -> (Vec<(T, R)>, Vec<i32>)
where
    T: Clone + Send + 'static,
    R: Send + 'static,
    F: Fn(pb::admin_client::AdminClient<tonic::transport::Channel>, T) -> Fut,
    Fut: std::future::Future<Output = Result<Response<R>, Status>> + Send + 'static,
{
    let mut failed = Vec::new();
    let mut set = tokio::task::JoinSet::new();
    for (node, ask) in asks {
        let channel = image
            .brokers
            .get(&node)
            .and_then(|b| b.controller_address.clone())
            .and_then(|addr| {
                super::quorum::network::channel(&addr, None, std::time::Duration::from_secs(5)).ok()
            });
        let Some(channel) = channel else {
            failed.push(node);
            continue;
        };
        let client = pb::admin_client::AdminClient::new(channel)
            .max_decoding_message_size(MAX_ADMIN_MESSAGE);
        let answer = call(client, ask.clone());
        set.spawn(async move { (node, ask, answer.await) });
    }
    let mut answers = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok((_, ask, Ok(r))) => answers.push((ask, r.into_inner())),
            Ok((node, _, Err(e))) => {
                tracing::debug!(node, error = %e, "Admin call to another node failed");
                failed.push(node);
            }
            Err(_) => {}
        }
    }
    failed.sort_unstable();
    (answers, failed)
}
