//! The operator's client of the brokers' control-plane Admin service (gRPC on the CONTROLLER
//! listener, `proto/moldau.proto`): partitions with their replicas, replica moves, the
//! cluster-wide dynamic configs, and topics.

use std::collections::BTreeMap;
use std::time::Duration;

use moldau_proto::pb;
use pb::admin_client::AdminClient;

use crate::cluster::health::{self, ClusterFacts};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("cannot reach the Admin service at {addr}: {source}")]
    Connect {
        addr: String,
        source: tonic::transport::Error,
    },
    #[error("Admin service: {0}")]
    Call(#[from] tonic::Status),
    #[error("the brokers refused: {0}")]
    Refused(String),
    /// A topic call refused with a Kafka error code and the broker's message.
    #[error("{message}")]
    Kafka { code: i32, message: String },
}

pub struct Admin {
    client: AdminClient<tonic::transport::Channel>,
}

impl Admin {
    /// Connects to the Admin service at `host:port`.
    pub async fn connect(addr: &str) -> Result<Admin, AdminError> {
        let endpoint = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .map_err(|e| AdminError::Connect {
                addr: addr.into(),
                source: e,
            })?
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(10));
        let channel = endpoint.connect().await.map_err(|e| AdminError::Connect {
            addr: addr.into(),
            source: e,
        })?;
        Ok(Admin {
            // A describe of every partition of a large cluster is several MiB.
            client: AdminClient::new(channel).max_decoding_message_size(256 << 20),
        })
    }

    /// One snapshot of the cluster: brokers, partitions, health.
    pub async fn facts(&mut self) -> Result<ClusterFacts, AdminError> {
        let brokers = self.brokers().await?;
        let partitions = self.partitions().await?;
        Ok(health::summarize(&brokers, &partitions))
    }

    /// The cluster-wide dynamic broker configs now set.
    pub async fn cluster_configs(&mut self) -> Result<BTreeMap<String, String>, AdminError> {
        let r = self
            .client
            .describe_cluster_configs(pb::DescribeClusterConfigsRequest::default())
            .await?
            .into_inner();
        Ok(r.configs.into_iter().collect())
    }

    /// Sets exactly `configs` as the cluster-wide dynamic broker configs (others are removed).
    pub async fn set_cluster_configs(
        &mut self,
        configs: &BTreeMap<String, String>,
    ) -> Result<(), AdminError> {
        let r = self
            .client
            .alter_cluster_configs(pb::AlterClusterConfigsRequest {
                configs: configs.clone().into_iter().collect(),
                validate_only: false,
            })
            .await?
            .into_inner();
        if r.error_code == 0 {
            Ok(())
        } else {
            Err(AdminError::Refused(r.message))
        }
    }

    /// Starts replica moves.
    pub async fn reassign(&mut self, moves: &[(String, i32, Vec<i32>)]) -> Result<(), AdminError> {
        let req = pb::AlterPartitionReassignmentsRequest {
            reassignments: moves
                .iter()
                .map(|(topic, partition, replicas)| pb::Reassignment {
                    topic: topic.clone(),
                    partition: *partition,
                    replicas: replicas.clone(),
                })
                .collect(),
        };
        let r = self
            .client
            .alter_partition_reassignments(req)
            .await?
            .into_inner();
        let refused: Vec<String> = r
            .results
            .iter()
            .filter(|x| x.error_code != 0)
            .map(|x| format!("{}-{} ({})", x.topic, x.partition, x.message))
            .collect();
        if refused.is_empty() {
            Ok(())
        } else {
            Err(AdminError::Refused(format!(
                "to move {}",
                refused.join(", ")
            )))
        }
    }

    /// Fences a broker at once; returns how many leaderships moved off it.
    pub async fn fence(&mut self, broker: i32) -> Result<u32, AdminError> {
        let r = self
            .client
            .fence_broker(pb::FenceBrokerRequest { broker_id: broker })
            .await?
            .into_inner();
        Ok(r.leaders_moved)
    }

    /// Moves leaderships to the chosen in-sync replicas: (topic, partition, new leader).
    pub async fn assign_leaders(
        &mut self,
        moves: &[(String, i32, i32)],
    ) -> Result<Elected, AdminError> {
        let req = pb::AssignLeadersRequest {
            assignments: moves
                .iter()
                .map(|(topic, partition, leader)| pb::LeaderAssignment {
                    topic: topic.clone(),
                    partition: *partition,
                    leader: *leader,
                })
                .collect(),
        };
        let r = self.client.assign_leaders(req).await?.into_inner();
        Ok(Elected::of(&r))
    }

    /// Preferred-replica elections for these partitions.
    pub async fn elect_preferred(
        &mut self,
        partitions: &[(String, i32)],
    ) -> Result<Elected, AdminError> {
        let mut by_topic: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
        for (t, p) in partitions {
            by_topic.entry(t).or_default().push(*p);
        }
        let req = pb::ElectLeadersRequest {
            election_type: pb::ElectionType::Preferred as i32,
            partitions: by_topic
                .into_iter()
                .map(|(topic, partitions)| pb::TopicPartitions {
                    topic: topic.into(),
                    partitions,
                })
                .collect(),
        };
        let r = self.client.elect_leaders(req).await?.into_inner();
        Ok(Elected::of(&r))
    }

    /// A topic as the cluster has it (None: no such topic).
    pub async fn topic(&mut self, name: &str) -> Result<Option<pb::TopicDescription>, AdminError> {
        let r = self
            .client
            .describe_topics(pb::DescribeTopicsRequest {
                topics: vec![name.to_string()],
            })
            .await?
            .into_inner();
        Ok(r.topics.into_iter().find(|t| t.name == name))
    }

    /// The partitions of one topic, with replicas and any reassignment in progress.
    pub async fn topic_partitions(
        &mut self,
        name: &str,
    ) -> Result<Vec<pb::PartitionInfo>, AdminError> {
        Ok(self
            .client
            .describe_partitions(pb::DescribePartitionsRequest {
                topics: vec![name.to_string()],
                local_only: false,
            })
            .await?
            .into_inner()
            .partitions)
    }

    /// The brokers registered with the quorum.
    pub async fn brokers(&mut self) -> Result<pb::DescribeBrokersResponse, AdminError> {
        Ok(self
            .client
            .describe_brokers(pb::DescribeBrokersRequest::default())
            .await?
            .into_inner())
    }

    /// Every partition with its leader's progress (high watermark, log start, followers).
    pub async fn partitions(&mut self) -> Result<Vec<pb::PartitionInfo>, AdminError> {
        Ok(self
            .client
            .describe_partitions(pb::DescribePartitionsRequest::default())
            .await?
            .into_inner()
            .partitions)
    }

    /// Every consumer group with its committed offsets, from all coordinators.
    pub async fn consumer_groups(
        &mut self,
    ) -> Result<pb::DescribeConsumerGroupsResponse, AdminError> {
        Ok(self
            .client
            .describe_consumer_groups(pb::DescribeConsumerGroupsRequest { local_only: false })
            .await?
            .into_inner())
    }

    /// The timestamp of the record at each (topic, partition, offset), -1 when unknown.
    pub async fn record_timestamps(
        &mut self,
        lookups: Vec<pb::RecordTimestamp>,
    ) -> Result<Vec<pb::RecordTimestamp>, AdminError> {
        Ok(self
            .client
            .record_timestamps(pb::RecordTimestampsRequest {
                lookups,
                local_only: false,
            })
            .await?
            .into_inner()
            .timestamps)
    }

    /// Creates a topic; returns its id.
    pub async fn create_topic(
        &mut self,
        name: &str,
        partitions: i32,
        replication_factor: i32,
        configs: &BTreeMap<String, String>,
    ) -> Result<String, AdminError> {
        let r = self
            .client
            .create_topic(pb::CreateTopicRequest {
                name: name.into(),
                partitions,
                replication_factor,
                configs: configs.clone().into_iter().collect(),
                validate_only: false,
            })
            .await?
            .into_inner();
        refused(&r).map(|()| r.topic_id)
    }

    pub async fn create_partitions(&mut self, name: &str, count: i32) -> Result<(), AdminError> {
        let r = self
            .client
            .create_partitions(pb::CreatePartitionsRequest {
                name: name.into(),
                count,
                validate_only: false,
            })
            .await?
            .into_inner();
        refused(&r)
    }

    /// Sets exactly `configs` as the topic's overrides.
    pub async fn set_topic_configs(
        &mut self,
        name: &str,
        configs: &BTreeMap<String, String>,
    ) -> Result<(), AdminError> {
        let r = self
            .client
            .alter_topic_configs(pb::AlterTopicConfigsRequest {
                name: name.into(),
                configs: configs.clone().into_iter().collect(),
                validate_only: false,
            })
            .await?
            .into_inner();
        refused(&r)
    }

    pub async fn delete_topic(&mut self, name: &str) -> Result<(), AdminError> {
        let r = self
            .client
            .delete_topic(pb::DeleteTopicRequest { name: name.into() })
            .await?
            .into_inner();
        // Already gone is what was asked for.
        if r.error_code == UNKNOWN_TOPIC_OR_PARTITION {
            return Ok(());
        }
        refused(&r)
    }
}

/// What a batch of elections did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Elected {
    /// Partitions whose leader changed.
    pub moved: usize,
    /// Partitions refused, with the broker's reason ("orders-3: ...").
    pub refused: Vec<String>,
}

impl Elected {
    fn of(r: &pb::ElectLeadersResponse) -> Elected {
        // 84 ELECTION_NOT_NEEDED: already done, not a refusal.
        let mut e = Elected::default();
        for x in &r.results {
            match x.error_code {
                0 => e.moved += 1,
                84 => {}
                _ => e
                    .refused
                    .push(format!("{}-{}: {}", x.topic, x.partition, x.message)),
            }
        }
        e
    }
}

/// Kafka's UNKNOWN_TOPIC_OR_PARTITION error code.
pub const UNKNOWN_TOPIC_OR_PARTITION: i32 = 3;

fn refused(r: &pb::TopicResult) -> Result<(), AdminError> {
    if r.error_code == 0 {
        Ok(())
    } else {
        Err(AdminError::Kafka {
            code: r.error_code,
            message: r.message.clone(),
        })
    }
}
