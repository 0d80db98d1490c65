//! The control-plane protocol between brokers, the controller and the operator
//! (`moldau.proto`, package `moldau.v1`): the `Raft` service between voters, the `Controller`
//! service brokers use to reach the active controller, and the `Admin` service for the
//! operator and tools.

pub mod pb {
    tonic::include_proto!("moldau.v1");
}
