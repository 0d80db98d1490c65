//! Raft traffic between voters: openraft's messages as JSON inside the `moldau.v1.Raft` gRPC
//! service, over connections bound to this node's own controller address.

use std::net::IpAddr;
use std::time::Duration;

use openraft::BasicNode;
use openraft::error::{InstallSnapshotError, NetworkError, RPCError, RaftError, Unreachable};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tonic::transport::{Channel, Endpoint};

use std::sync::Arc;

use super::describe::ReplicaAcks;
use super::{NodeId, TypeConfig};
use crate::controller::rpc::pb;

/// Opens a lazily-connected channel to `addr` (HOST:PORT), with outgoing connections bound
/// to `local` so a test that cuts one node's address off cuts all of its links.
pub fn channel(addr: &str, local: Option<IpAddr>, timeout: Duration) -> anyhow::Result<Channel> {
    let endpoint = Endpoint::from_shared(format!("http://{addr}"))?
        .connect_timeout(timeout)
        .timeout(timeout)
        .tcp_nodelay(true)
        .local_address(local);
    Ok(endpoint.connect_lazy())
}

pub struct Network {
    pub acks: Arc<ReplicaAcks>,
    pub local: Option<IpAddr>,
    pub timeout: Duration,
}

pub struct Connection {
    target: NodeId,
    acks: Arc<ReplicaAcks>,
    client: Option<pb::raft_client::RaftClient<Channel>>,
    addr: String,
}

impl RaftNetworkFactory<TypeConfig> for Network {
    type Network = Connection;

    async fn new_client(&mut self, target: NodeId, node: &BasicNode) -> Connection {
        let client = channel(&node.addr, self.local, self.timeout)
            .ok()
            .map(pb::raft_client::RaftClient::new);
        Connection {
            target,
            acks: self.acks.clone(),
            client,
            addr: node.addr.clone(),
        }
    }
}

type Fail<E> = RPCError<NodeId, BasicNode, E>;

impl Connection {
    async fn call<Req, Resp, E>(&mut self, kind: &'static str, req: &Req) -> Result<Resp, Fail<E>>
    where
        Req: Serialize,
        Resp: DeserializeOwned,
        E: std::error::Error + DeserializeOwned,
    {
        let Some(client) = self.client.as_mut() else {
            return Err(RPCError::Unreachable(Unreachable::new(
                &std::io::Error::other(format!(
                    "invalid address {:?} for node {}",
                    self.addr, self.target
                )),
            )));
        };
        let json = serde_json::to_vec(req).map_err(|e| RPCError::Network(NetworkError::new(&e)))?;
        let msg = pb::RaftMessage {
            json,
            error: String::new(),
        };
        let reply = match kind {
            "append" => client.append_entries(msg).await,
            "vote" => client.vote(msg).await,
            _ => client.install_snapshot(msg).await,
        };
        let reply = reply
            .map_err(|s| {
                RPCError::Unreachable(Unreachable::new(&std::io::Error::other(s.to_string())))
            })?
            .into_inner();
        if !reply.error.is_empty() {
            return Err(RPCError::Network(NetworkError::new(
                &std::io::Error::other(reply.error),
            )));
        }
        let result: Result<Resp, E> = serde_json::from_slice(&reply.json)
            .map_err(|e| RPCError::Network(NetworkError::new(&e)))?;
        result.map_err(|e| RPCError::RemoteError(openraft::error::RemoteError::new(self.target, e)))
    }
}

impl RaftNetwork<TypeConfig> for Connection {
    async fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<TypeConfig>,
        _option: RPCOption,
    ) -> Result<AppendEntriesResponse<NodeId>, Fail<RaftError<NodeId>>> {
        let last = rpc
            .entries
            .last()
            .map(|e| e.log_id.index)
            .or(rpc.prev_log_id.map(|l| l.index));
        let reply = self.call("append", &rpc).await;
        if let Ok(AppendEntriesResponse::Success) = reply {
            self.acks.record(self.target, crate::log::now_ms(), last);
        }
        reply
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<TypeConfig>,
        _option: RPCOption,
    ) -> Result<InstallSnapshotResponse<NodeId>, Fail<RaftError<NodeId, InstallSnapshotError>>>
    {
        self.call("snapshot", &rpc).await
    }

    async fn vote(
        &mut self,
        rpc: VoteRequest<NodeId>,
        _option: RPCOption,
    ) -> Result<VoteResponse<NodeId>, Fail<RaftError<NodeId>>> {
        self.call("vote", &rpc).await
    }
}
