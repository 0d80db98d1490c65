//! The control-plane gRPC server (Raft, Controller and Admin services of
//! `proto/moldau.proto`) on the CONTROLLER listener, and the client side of forwarding.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use tonic::transport::Channel;
use tonic::{Request, Response, Status};

use super::{ApiError, Controller, ControllerRequest, not_controller};

pub use moldau_proto::pb;

pub type ControllerClient = pb::controller_client::ControllerClient<Channel>;

pub fn controller_client(
    addr: &str,
    local: Option<IpAddr>,
    timeout: Duration,
) -> anyhow::Result<ControllerClient> {
    Ok(ControllerClient::new(super::quorum::network::channel(
        addr, local, timeout,
    )?))
}

/// Sends a request to the active controller at the other end of `client`.
pub async fn forward(
    mut client: ControllerClient,
    req: &ControllerRequest,
) -> Result<serde_json::Value, ApiError> {
    let json = serde_json::to_vec(req).map_err(super::internal)?;
    let reply = client
        .call(pb::ControllerCall { json })
        .await
        .map_err(|s| not_controller(s.message().to_string()))?
        .into_inner();
    if reply.not_controller {
        return Err(not_controller(format!(
            "the node asked is not the active controller (it knows {})",
            reply.controller_id
        )));
    }
    let result: Result<serde_json::Value, ApiError> =
        serde_json::from_slice(&reply.json).map_err(super::internal)?;
    result
}

fn bad_request(e: impl std::fmt::Display) -> Status {
    Status::invalid_argument(e.to_string())
}

pub struct RaftService(pub Arc<Controller>);

impl RaftService {
    fn reply<T: serde::Serialize>(result: T) -> Result<Response<pb::RaftMessage>, Status> {
        let json = serde_json::to_vec(&result).map_err(|e| Status::internal(e.to_string()))?;
        Ok(Response::new(pb::RaftMessage {
            json,
            error: String::new(),
        }))
    }
}

#[tonic::async_trait]
impl pb::raft_server::Raft for RaftService {
    async fn append_entries(
        &self,
        req: Request<pb::RaftMessage>,
    ) -> Result<Response<pb::RaftMessage>, Status> {
        let rpc = serde_json::from_slice(&req.into_inner().json).map_err(bad_request)?;
        Self::reply(self.0.raft().append_entries(rpc).await)
    }

    async fn vote(
        &self,
        req: Request<pb::RaftMessage>,
    ) -> Result<Response<pb::RaftMessage>, Status> {
        let rpc = serde_json::from_slice(&req.into_inner().json).map_err(bad_request)?;
        Self::reply(self.0.raft().vote(rpc).await)
    }

    async fn install_snapshot(
        &self,
        req: Request<pb::RaftMessage>,
    ) -> Result<Response<pb::RaftMessage>, Status> {
        let rpc = serde_json::from_slice(&req.into_inner().json).map_err(bad_request)?;
        Self::reply(self.0.raft().install_snapshot(rpc).await)
    }
}

pub struct ControllerService(pub Arc<Controller>);

#[tonic::async_trait]
impl pb::controller_server::Controller for ControllerService {
    async fn call(
        &self,
        req: Request<pb::ControllerCall>,
    ) -> Result<Response<pb::ControllerReply>, Status> {
        let request: ControllerRequest =
            serde_json::from_slice(&req.into_inner().json).map_err(bad_request)?;
        if !self.0.is_active() {
            return Ok(Response::new(pb::ControllerReply {
                json: Vec::new(),
                not_controller: true,
                controller_id: self.0.active_controller().unwrap_or(-1),
            }));
        }
        let result = self.0.execute(request).await;
        let json = serde_json::to_vec(&result).map_err(|e| Status::internal(e.to_string()))?;
        Ok(Response::new(pb::ControllerReply {
            json,
            not_controller: false,
            controller_id: self.0.node_id(),
        }))
    }
}

/// Serves the control plane on `listener` until `shutdown` resolves.
pub async fn serve(
    controller: Arc<Controller>,
    admin: pb::admin_server::AdminServer<super::admin::AdminService>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), tonic::transport::Error> {
    let incoming = tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
    tonic::transport::Server::builder()
        .add_service(pb::raft_server::RaftServer::new(RaftService(
            controller.clone(),
        )))
        .add_service(pb::controller_server::ControllerServer::new(
            ControllerService(controller),
        ))
        .add_service(admin)
        .serve_with_incoming_shutdown(incoming, shutdown)
        .await
}
