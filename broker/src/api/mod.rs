//! Request handlers, one module per API family. `handle` decodes a request frame with the
//! kafka-protocol crate, runs the handler and encodes the response; handlers only translate
//! between the wire types and the broker's services.

pub mod admin;
pub mod api_versions;
pub mod configs;
pub mod fetch;
pub mod groups;
pub mod list_offsets;
pub mod log_dirs;
pub mod metadata;
pub mod offsets;
pub mod partitions;
pub mod produce;
pub mod produce_legacy;
pub mod producer_id;
pub mod quorum;

use std::time::Instant;

use bytes::{BufMut, Bytes, BytesMut};
use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::*;
use kafka_protocol::protocol::{Encodable, StrBytes};

use crate::broker::Broker;

/// What the connection should do after a request.
#[derive(Debug)]
pub enum Outcome {
    /// Send this frame (length prefix included).
    Respond(BytesMut),
    /// Send nothing (Produce with acks=0).
    NoResponse,
    /// Close the connection, as Kafka does for requests it cannot parse.
    Close(String),
}

/// The parsed request header and who sent it.
#[derive(Debug)]
pub struct RequestContext {
    pub api_key: ApiKey,
    pub version: i16,
    pub correlation_id: i32,
    pub client_id: Option<String>,
    pub peer: String,
    /// The client listener the connection came in on (brokers are advertised by its
    /// addresses).
    pub listener: String,
    /// The connection's response buffer: responses are encoded into it and split off, and
    /// once the writer has sent one its space is reclaimed for the next, so a stream of large
    /// fetch responses reuses one allocation instead of faulting in fresh memory each time.
    pub out: parking_lot::Mutex<BytesMut>,
}

/// Encodes a response frame: length, response header, body.
pub fn encode_response<R: Encodable>(
    ctx: &RequestContext,
    header_version: i16,
    body: &R,
) -> Result<BytesMut, String> {
    let header = ResponseHeader::default().with_correlation_id(ctx.correlation_id);
    // Sized up front: a fetch response can be tens of MB, and growing it would copy it again.
    let size = header.compute_size(header_version).unwrap_or(0)
        + body.compute_size(ctx.version).unwrap_or(0);
    let mut buf = ctx.out.lock();
    buf.clear();
    buf.reserve(4 + size);
    buf.put_i32(0);
    let encoded = header
        .encode(&mut *buf, header_version)
        .and_then(|_| body.encode(&mut *buf, ctx.version));
    if let Err(e) = encoded {
        buf.clear();
        return Err(format!(
            "encoding {:?} v{} response failed: {e}",
            ctx.api_key, ctx.version
        ));
    }
    let len = (buf.len() - 4) as i32;
    buf[0..4].copy_from_slice(&len.to_be_bytes());
    Ok(buf.split())
}

pub fn str_bytes(s: impl Into<String>) -> StrBytes {
    StrBytes::from_string(s.into())
}

/// The error code of an optional API error (0 when none).
pub fn code(e: &Option<crate::controller::ApiError>) -> i16 {
    e.as_ref().map_or(0, |e| e.code())
}

/// Every request the broker serves: API key, request type, handler. Expands `$callback!` with
/// the list appended to its arguments, so dispatch and the fuzz targets share one list.
macro_rules! requests {
    ($callback:ident ! ($($args:tt)*)) => {
        $callback!($($args)* {
            Produce => ProduceRequest => produce::handle,
            Fetch => FetchRequest => fetch::handle,
            ListOffsets => ListOffsetsRequest => list_offsets::handle,
            Metadata => MetadataRequest => metadata::handle,
            OffsetCommit => OffsetCommitRequest => offsets::handle_commit,
            OffsetFetch => OffsetFetchRequest => offsets::handle_fetch,
            FindCoordinator => FindCoordinatorRequest => groups::handle_find_coordinator,
            JoinGroup => JoinGroupRequest => groups::handle_join,
            Heartbeat => HeartbeatRequest => groups::handle_heartbeat,
            LeaveGroup => LeaveGroupRequest => groups::handle_leave,
            SyncGroup => SyncGroupRequest => groups::handle_sync,
            DescribeGroups => DescribeGroupsRequest => groups::handle_describe,
            ListGroups => ListGroupsRequest => groups::handle_list,
            ApiVersions => ApiVersionsRequest => api_versions::handle,
            CreateTopics => CreateTopicsRequest => admin::handle_create_topics,
            DeleteTopics => DeleteTopicsRequest => admin::handle_delete_topics,
            DeleteRecords => DeleteRecordsRequest => admin::handle_delete_records,
            InitProducerId => InitProducerIdRequest => producer_id::handle,
            OffsetForLeaderEpoch => OffsetForLeaderEpochRequest => list_offsets::handle_offset_for_leader_epoch,
            DescribeConfigs => DescribeConfigsRequest => configs::handle_describe,
            AlterConfigs => AlterConfigsRequest => configs::handle_alter,
            CreatePartitions => CreatePartitionsRequest => admin::handle_create_partitions,
            DeleteGroups => DeleteGroupsRequest => groups::handle_delete,
            IncrementalAlterConfigs => IncrementalAlterConfigsRequest => configs::handle_incremental_alter,
            OffsetDelete => OffsetDeleteRequest => offsets::handle_delete,
            DescribeCluster => DescribeClusterRequest => admin::handle_describe_cluster,
            ElectLeaders => ElectLeadersRequest => partitions::handle_elect_leaders,
            AlterPartitionReassignments => AlterPartitionReassignmentsRequest => partitions::handle_alter_reassignments,
            ListPartitionReassignments => ListPartitionReassignmentsRequest => partitions::handle_list_reassignments,
            DescribeLogDirs => DescribeLogDirsRequest => log_dirs::handle_describe_log_dirs,
            DescribeQuorum => DescribeQuorumRequest => quorum::handle_describe_quorum,
        })
    };
}

macro_rules! dispatch {
    ($broker:expr, $ctx:expr, $buf:expr, { $($key:ident => $req:ty => $handler:path),* $(,)? }) => {
        match $ctx.api_key {
            $(
                ApiKey::$key => match crate::protocol::decode::<$req>(&mut $buf, $ctx.version) {
                    Ok(req) => {
                        let resp = $handler($broker, &$ctx, req).await;
                        finish($broker, &$ctx, resp)
                    }
                    Err(e) => Outcome::Close(format!("cannot decode {:?} v{}: {e}", $ctx.api_key, $ctx.version)),
                },
            )*
            other => Outcome::Close(format!("API {other:?} is not supported")),
        }
    };
}

macro_rules! decode_body {
    ($api_key:expr, $version:expr, $buf:expr, { $($key:ident => $req:ty => $handler:path),* $(,)? }) => {
        match $api_key {
            $(
                ApiKey::$key => crate::protocol::decode::<$req>(&mut $buf, $version)
                    .map(|_| ())
                    .map_err(|e| format!("cannot decode {:?} v{}: {e}", $api_key, $version)),
            )*
            other => Err(format!("API {other:?} is not supported")),
        }
    };
}

/// A request frame's header, read and checked before its body is decoded.
#[derive(Debug)]
pub struct Framed {
    pub api_key: ApiKey,
    pub version: i16,
    pub correlation_id: i32,
    pub header: RequestHeader,
    /// The body, after the header.
    pub body: Bytes,
}

/// Why a frame's body is not decoded.
#[derive(Debug, PartialEq)]
pub enum Unframed {
    /// Close the connection, with the reason.
    Close(String),
    /// ApiVersions at a version this broker does not know: answered with v0 (KIP-511).
    UnknownApiVersions { correlation_id: i32 },
}

/// Reads and checks the header of a request frame (without its length prefix): a known API
/// at a supported version, and a header that decodes within bounds.
pub fn read_header(frame: Bytes) -> Result<Framed, Unframed> {
    if frame.len() < 8 {
        let why = format!("request of {} bytes is too short for a header", frame.len());
        return Err(Unframed::Close(why));
    }
    let api_key_raw = i16::from_be_bytes([frame[0], frame[1]]);
    let version = i16::from_be_bytes([frame[2], frame[3]]);
    let correlation_id = i32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]);
    let Ok(api_key) = ApiKey::try_from(api_key_raw) else {
        return Err(Unframed::Close(format!("unknown API key {api_key_raw}")));
    };
    if api_key == ApiKey::ApiVersions && !(0..=4).contains(&version) {
        return Err(Unframed::UnknownApiVersions { correlation_id });
    }
    let Some(range) = api_versions::supported(api_key) else {
        return Err(Unframed::Close(format!("API {api_key:?} is not supported")));
    };
    if version < range.0 || version > range.1 {
        return Err(Unframed::Close(format!(
            "{api_key:?} v{version} is not supported (supported {}-{})",
            range.0, range.1
        )));
    }
    let mut body = frame;
    let header = crate::protocol::decode::<RequestHeader>(
        &mut body,
        api_key.request_header_version(version),
    )
    .map_err(|e| Unframed::Close(format!("cannot decode request header: {e}")))?;
    Ok(Framed {
        api_key,
        version,
        correlation_id,
        header,
        body,
    })
}

/// Decodes a request frame as `handle` does, without handling it: the header, then the body
/// (legacy Produce v0-2 bodies through their own reader). For the fuzz targets.
pub fn decode_request(frame: Bytes) -> Result<(), String> {
    let mut f = match read_header(frame) {
        Ok(f) => f,
        Err(Unframed::Close(why)) => return Err(why),
        Err(Unframed::UnknownApiVersions { .. }) => return Ok(()),
    };
    if f.api_key == ApiKey::Produce && f.version < 3 {
        return produce_legacy::parse(&mut f.body).map(|_| ());
    }
    requests!(decode_body!(f.api_key, f.version, f.body,))
}

/// Handles one request frame (without its length prefix). `out` is the connection's
/// response buffer (see `RequestContext::out`).
pub async fn handle(
    broker: &Broker,
    frame: Bytes,
    peer: &str,
    listener: &str,
    out: &mut BytesMut,
) -> Outcome {
    let (outcome, buffer) = handle_with(broker, frame, peer, listener, std::mem::take(out)).await;
    *out = buffer;
    outcome
}

async fn handle_with(
    broker: &Broker,
    frame: Bytes,
    peer: &str,
    listener: &str,
    out: BytesMut,
) -> (Outcome, BytesMut) {
    let Framed {
        api_key,
        version,
        correlation_id,
        header,
        body: mut buf,
    } = match read_header(frame) {
        Ok(f) => f,
        Err(Unframed::Close(why)) => return (Outcome::Close(why), out),
        Err(Unframed::UnknownApiVersions { correlation_id }) => {
            let ctx = RequestContext {
                api_key: ApiKey::ApiVersions,
                version: 0,
                correlation_id,
                client_id: None,
                peer: peer.to_string(),
                listener: listener.to_string(),
                out: parking_lot::Mutex::new(out),
            };
            let outcome = finish(broker, &ctx, api_versions::unsupported_version_response());
            return (outcome, ctx.out.into_inner());
        }
    };
    let ctx = RequestContext {
        api_key,
        version,
        correlation_id,
        client_id: header.client_id.map(|c| c.to_string()),
        peer: peer.to_string(),
        listener: listener.to_string(),
        out: parking_lot::Mutex::new(out),
    };
    let started = Instant::now();
    let name = api_versions::name(api_key);
    broker.metrics.requests.with_label_values(&[name]).inc();
    if api_key == ApiKey::Produce && version < 3 {
        let outcome = produce_legacy::handle(broker, &ctx, &mut buf);
        return (outcome, ctx.out.into_inner());
    }
    let outcome = requests!(dispatch!(broker, ctx, buf,));
    broker
        .metrics
        .request_duration
        .with_label_values(&[name])
        .observe(started.elapsed().as_secs_f64());
    (outcome, ctx.out.into_inner())
}

/// A handler's result: a body to encode, nothing to send, or an error to close on.
pub trait Reply {
    fn into_outcome(self, ctx: &RequestContext) -> Outcome;
}

fn encode_outcome<R: Encodable>(ctx: &RequestContext, body: &R) -> Outcome {
    match encode_response(ctx, ctx.api_key.response_header_version(ctx.version), body) {
        Ok(b) => Outcome::Respond(b),
        Err(e) => {
            tracing::error!(peer = %ctx.peer, "{e}");
            Outcome::Close(e)
        }
    }
}

macro_rules! reply_for {
    ($($t:ty),* $(,)?) => {
        $(impl Reply for $t {
            fn into_outcome(self, ctx: &RequestContext) -> Outcome {
                encode_outcome(ctx, &self)
            }
        })*
    };
}

reply_for!(
    ProduceResponse,
    FetchResponse,
    ListOffsetsResponse,
    MetadataResponse,
    OffsetCommitResponse,
    OffsetFetchResponse,
    FindCoordinatorResponse,
    JoinGroupResponse,
    HeartbeatResponse,
    LeaveGroupResponse,
    SyncGroupResponse,
    DescribeGroupsResponse,
    ListGroupsResponse,
    ApiVersionsResponse,
    CreateTopicsResponse,
    DeleteTopicsResponse,
    DeleteRecordsResponse,
    InitProducerIdResponse,
    OffsetForLeaderEpochResponse,
    ElectLeadersResponse,
    AlterPartitionReassignmentsResponse,
    ListPartitionReassignmentsResponse,
    DescribeLogDirsResponse,
    DescribeQuorumResponse,
    DescribeConfigsResponse,
    AlterConfigsResponse,
    CreatePartitionsResponse,
    DeleteGroupsResponse,
    IncrementalAlterConfigsResponse,
    OffsetDeleteResponse,
    DescribeClusterResponse,
);

impl<R: Reply> Reply for Option<R> {
    fn into_outcome(self, ctx: &RequestContext) -> Outcome {
        match self {
            Some(r) => r.into_outcome(ctx),
            None => Outcome::NoResponse,
        }
    }
}

fn finish(broker: &Broker, ctx: &RequestContext, resp: impl Reply) -> Outcome {
    let _ = broker;
    resp.into_outcome(ctx)
}

/// The error code and message for a response field pair, counting the error.
pub fn error_fields<T>(
    broker: &Broker,
    ctx: &RequestContext,
    result: &Result<T, crate::controller::ApiError>,
) -> (i16, Option<StrBytes>) {
    match result {
        Ok(_) => (0, None),
        Err(e) => {
            count_error(broker, ctx, e.code());
            (e.code(), Some(str_bytes(e.message.clone())))
        }
    }
}

/// Counts an error code returned for a partition or request.
pub fn count_error(broker: &Broker, ctx: &RequestContext, code: i16) {
    if code != 0 {
        let name =
            ResponseError::try_from_code(code).map_or_else(|| code.to_string(), |e| format!("{e}"));
        broker
            .metrics
            .request_errors
            .with_label_values(&[api_versions::name(ctx.api_key), &name])
            .inc();
    }
}
