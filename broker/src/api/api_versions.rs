//! ApiVersions: exactly the API versions this broker implements.

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::api_versions_response::ApiVersion;
use kafka_protocol::messages::{ApiKey, ApiVersionsRequest, ApiVersionsResponse};

use super::RequestContext;
use crate::broker::Broker;

/// Advertised (min, max) per API. Produce v0-2 are advertised but refused, as Kafka 4 does,
/// because older librdkafka only enables compression when the range includes v0.
pub const SUPPORTED: &[(ApiKey, i16, i16)] = &[
    (ApiKey::Produce, 0, 11),
    (ApiKey::Fetch, 4, 12),
    (ApiKey::ListOffsets, 1, 7),
    (ApiKey::Metadata, 0, 12),
    (ApiKey::OffsetCommit, 2, 9),
    (ApiKey::OffsetFetch, 1, 9),
    (ApiKey::FindCoordinator, 0, 4),
    (ApiKey::JoinGroup, 0, 9),
    (ApiKey::Heartbeat, 0, 4),
    (ApiKey::LeaveGroup, 0, 5),
    (ApiKey::SyncGroup, 0, 5),
    (ApiKey::DescribeGroups, 0, 5),
    (ApiKey::ListGroups, 0, 5),
    (ApiKey::ApiVersions, 0, 4),
    (ApiKey::CreateTopics, 2, 7),
    (ApiKey::DeleteTopics, 1, 6),
    (ApiKey::DeleteRecords, 0, 2),
    (ApiKey::InitProducerId, 0, 4),
    (ApiKey::OffsetForLeaderEpoch, 2, 4),
    (ApiKey::DescribeConfigs, 1, 4),
    (ApiKey::AlterConfigs, 0, 2),
    (ApiKey::CreatePartitions, 0, 3),
    (ApiKey::DeleteGroups, 0, 2),
    (ApiKey::IncrementalAlterConfigs, 0, 1),
    (ApiKey::OffsetDelete, 0, 0),
    (ApiKey::DescribeCluster, 0, 1),
    (ApiKey::ElectLeaders, 0, 2),
    (ApiKey::AlterPartitionReassignments, 0, 0),
    (ApiKey::ListPartitionReassignments, 0, 0),
    (ApiKey::DescribeLogDirs, 1, 4),
    (ApiKey::DescribeQuorum, 0, 2),
];

/// The API's name as used in metric labels (allocation-free on the request path).
pub fn name(key: ApiKey) -> &'static str {
    match key {
        ApiKey::Produce => "Produce",
        ApiKey::Fetch => "Fetch",
        ApiKey::ListOffsets => "ListOffsets",
        ApiKey::Metadata => "Metadata",
        ApiKey::OffsetCommit => "OffsetCommit",
        ApiKey::OffsetFetch => "OffsetFetch",
        ApiKey::FindCoordinator => "FindCoordinator",
        ApiKey::JoinGroup => "JoinGroup",
        ApiKey::Heartbeat => "Heartbeat",
        ApiKey::LeaveGroup => "LeaveGroup",
        ApiKey::SyncGroup => "SyncGroup",
        ApiKey::DescribeGroups => "DescribeGroups",
        ApiKey::ListGroups => "ListGroups",
        ApiKey::ApiVersions => "ApiVersions",
        ApiKey::CreateTopics => "CreateTopics",
        ApiKey::DeleteTopics => "DeleteTopics",
        ApiKey::DeleteRecords => "DeleteRecords",
        ApiKey::InitProducerId => "InitProducerId",
        ApiKey::OffsetForLeaderEpoch => "OffsetForLeaderEpoch",
        ApiKey::DescribeConfigs => "DescribeConfigs",
        ApiKey::AlterConfigs => "AlterConfigs",
        ApiKey::CreatePartitions => "CreatePartitions",
        ApiKey::DeleteGroups => "DeleteGroups",
        ApiKey::IncrementalAlterConfigs => "IncrementalAlterConfigs",
        ApiKey::OffsetDelete => "OffsetDelete",
        ApiKey::DescribeCluster => "DescribeCluster",
        ApiKey::ElectLeaders => "ElectLeaders",
        ApiKey::AlterPartitionReassignments => "AlterPartitionReassignments",
        ApiKey::ListPartitionReassignments => "ListPartitionReassignments",
        ApiKey::DescribeLogDirs => "DescribeLogDirs",
        ApiKey::DescribeQuorum => "DescribeQuorum",
        _ => "Unsupported",
    }
}

pub fn supported(key: ApiKey) -> Option<(i16, i16)> {
    SUPPORTED
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, a, b)| (*a, *b))
}

fn entry(key: ApiKey, min: i16, max: i16) -> ApiVersion {
    ApiVersion::default()
        .with_api_key(key as i16)
        .with_min_version(min)
        .with_max_version(max)
}

/// KIP-511's rule for ClientSoftwareName and ClientSoftwareVersion (Kafka's
/// `[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?`).
pub fn valid_client_software(s: &str) -> bool {
    let b = s.as_bytes();
    let edge = |c: &u8| c.is_ascii_alphanumeric();
    !b.is_empty()
        && b.first().is_some_and(edge)
        && b.last().is_some_and(edge)
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'.')
}

pub async fn handle(
    _broker: &Broker,
    ctx: &RequestContext,
    req: ApiVersionsRequest,
) -> ApiVersionsResponse {
    // v3+: Kafka refuses a malformed client name or version with INVALID_REQUEST (and no
    // versions).
    if ctx.version >= 3
        && !(valid_client_software(&req.client_software_name)
            && valid_client_software(&req.client_software_version))
    {
        return ApiVersionsResponse::default()
            .with_error_code(ResponseError::InvalidRequest.code())
            .with_finalized_features_epoch(-1);
    }
    // No finalized features: transactions and KIP-848 groups are not built.
    ApiVersionsResponse::default()
        .with_api_keys(
            SUPPORTED
                .iter()
                .map(|(k, a, b)| entry(*k, *a, *b))
                .collect(),
        )
        .with_finalized_features_epoch(-1)
}

/// The answer to an ApiVersions version we do not know: error 35 in a v0 body listing only
/// ApiVersions, so the client retries with a version in range (KIP-511).
pub fn unsupported_version_response() -> ApiVersionsResponse {
    ApiVersionsResponse::default()
        .with_error_code(ResponseError::UnsupportedVersion.code())
        .with_api_keys(vec![entry(ApiKey::ApiVersions, 0, 4)])
}

#[cfg(test)]
mod tests {
    use super::valid_client_software;

    #[test]
    fn client_software_names_follow_kip_511() {
        for ok in [
            "librdkafka",
            "apache-kafka-java",
            "2.16.1",
            "a",
            "kafka-python.3",
        ] {
            assert!(valid_client_software(ok), "{ok}");
        }
        for bad in ["", "bad name!", "-x", "x-", ".x", "x.", "a b", "ü"] {
            assert!(!valid_client_software(bad), "{bad}");
        }
    }
}
