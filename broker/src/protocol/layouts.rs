// @generated from the decoders of kafka-protocol 0.18.0 by protocol/codegen.rs;
// do not edit. Regenerate: MOLDAU_REGENERATE=1 cargo test -p moldau-broker layouts
#![allow(non_upper_case_globals)]
use std::mem::size_of;
use kafka_protocol::messages as m;
use super::schema::{Bounded, Field, Kind::*, Schema, TaggedField};

pub mod add_offsets_to_txn_request {
use super::*;
pub static AddOffsetsToTxnRequest: Schema = Schema { name: "AddOffsetsToTxnRequest", versions: 0x1f, tagged_versions: 0x18, fields: &[
    Field { name: "transactional_id", versions: 0x18, kind: String { compact: true, nullable: false } },
    Field { name: "transactional_id", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "producer_id", versions: 0x1f, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x1f, kind: Fixed(2) },
    Field { name: "group_id", versions: 0x18, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0x7, kind: String { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::add_offsets_to_txn_request::AddOffsetsToTxnRequest { fn schema() -> &'static Schema { &AddOffsetsToTxnRequest } }
}

pub mod add_offsets_to_txn_response {
use super::*;
pub static AddOffsetsToTxnResponse: Schema = Schema { name: "AddOffsetsToTxnResponse", versions: 0x1f, tagged_versions: 0x18, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1f, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1f, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::add_offsets_to_txn_response::AddOffsetsToTxnResponse { fn schema() -> &'static Schema { &AddOffsetsToTxnResponse } }
}

pub mod add_partitions_to_txn_request {
use super::*;
pub static AddPartitionsToTxnRequest: Schema = Schema { name: "AddPartitionsToTxnRequest", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "transactions", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &Struct(&add_partitions_to_txn_request::AddPartitionsToTxnTransaction), elem_size: size_of::<m::add_partitions_to_txn_request::AddPartitionsToTxnTransaction>() } },
    Field { name: "v3_and_below_transactional_id", versions: 0x8, kind: String { compact: true, nullable: false } },
    Field { name: "v3_and_below_transactional_id", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "v3_and_below_producer_id", versions: 0xf, kind: Fixed(8) },
    Field { name: "v3_and_below_producer_epoch", versions: 0xf, kind: Fixed(2) },
    Field { name: "v3_and_below_topics", versions: 0x8, kind: Array { compact: true, nullable: false, elem: &Struct(&add_partitions_to_txn_request::AddPartitionsToTxnTopic), elem_size: size_of::<m::add_partitions_to_txn_request::AddPartitionsToTxnTopic>() } },
    Field { name: "v3_and_below_topics", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&add_partitions_to_txn_request::AddPartitionsToTxnTopic), elem_size: size_of::<m::add_partitions_to_txn_request::AddPartitionsToTxnTopic>() } },
], tagged: &[
] };
impl Bounded for m::add_partitions_to_txn_request::AddPartitionsToTxnRequest { fn schema() -> &'static Schema { &AddPartitionsToTxnRequest } }
pub static AddPartitionsToTxnTopic: Schema = Schema { name: "AddPartitionsToTxnTopic", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "name", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x38, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
    Field { name: "partitions", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::add_partitions_to_txn_request::AddPartitionsToTxnTopic { fn schema() -> &'static Schema { &AddPartitionsToTxnTopic } }
pub static AddPartitionsToTxnTransaction: Schema = Schema { name: "AddPartitionsToTxnTransaction", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "transactional_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "producer_id", versions: 0x30, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x30, kind: Fixed(2) },
    Field { name: "verify_only", versions: 0x30, kind: Fixed(1) },
    Field { name: "topics", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &Struct(&add_partitions_to_txn_request::AddPartitionsToTxnTopic), elem_size: size_of::<m::add_partitions_to_txn_request::AddPartitionsToTxnTopic>() } },
], tagged: &[
] };
impl Bounded for m::add_partitions_to_txn_request::AddPartitionsToTxnTransaction { fn schema() -> &'static Schema { &AddPartitionsToTxnTransaction } }
}

pub mod add_partitions_to_txn_response {
use super::*;
pub static AddPartitionsToTxnPartitionResult: Schema = Schema { name: "AddPartitionsToTxnPartitionResult", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "partition_index", versions: 0x3f, kind: Fixed(4) },
    Field { name: "partition_error_code", versions: 0x3f, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::add_partitions_to_txn_response::AddPartitionsToTxnPartitionResult { fn schema() -> &'static Schema { &AddPartitionsToTxnPartitionResult } }
pub static AddPartitionsToTxnResponse: Schema = Schema { name: "AddPartitionsToTxnResponse", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3f, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x30, kind: Fixed(2) },
    Field { name: "results_by_transaction", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &Struct(&add_partitions_to_txn_response::AddPartitionsToTxnResult), elem_size: size_of::<m::add_partitions_to_txn_response::AddPartitionsToTxnResult>() } },
    Field { name: "results_by_topic_v3_and_below", versions: 0x8, kind: Array { compact: true, nullable: false, elem: &Struct(&add_partitions_to_txn_response::AddPartitionsToTxnTopicResult), elem_size: size_of::<m::add_partitions_to_txn_response::AddPartitionsToTxnTopicResult>() } },
    Field { name: "results_by_topic_v3_and_below", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&add_partitions_to_txn_response::AddPartitionsToTxnTopicResult), elem_size: size_of::<m::add_partitions_to_txn_response::AddPartitionsToTxnTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::add_partitions_to_txn_response::AddPartitionsToTxnResponse { fn schema() -> &'static Schema { &AddPartitionsToTxnResponse } }
pub static AddPartitionsToTxnResult: Schema = Schema { name: "AddPartitionsToTxnResult", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "transactional_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "topic_results", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &Struct(&add_partitions_to_txn_response::AddPartitionsToTxnTopicResult), elem_size: size_of::<m::add_partitions_to_txn_response::AddPartitionsToTxnTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::add_partitions_to_txn_response::AddPartitionsToTxnResult { fn schema() -> &'static Schema { &AddPartitionsToTxnResult } }
pub static AddPartitionsToTxnTopicResult: Schema = Schema { name: "AddPartitionsToTxnTopicResult", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "name", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "results_by_partition", versions: 0x38, kind: Array { compact: true, nullable: false, elem: &Struct(&add_partitions_to_txn_response::AddPartitionsToTxnPartitionResult), elem_size: size_of::<m::add_partitions_to_txn_response::AddPartitionsToTxnPartitionResult>() } },
    Field { name: "results_by_partition", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&add_partitions_to_txn_response::AddPartitionsToTxnPartitionResult), elem_size: size_of::<m::add_partitions_to_txn_response::AddPartitionsToTxnPartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::add_partitions_to_txn_response::AddPartitionsToTxnTopicResult { fn schema() -> &'static Schema { &AddPartitionsToTxnTopicResult } }
}

pub mod add_raft_voter_request {
use super::*;
pub static AddRaftVoterRequest: Schema = Schema { name: "AddRaftVoterRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "cluster_id", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "timeout_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "voter_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "voter_directory_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "listeners", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&add_raft_voter_request::Listener), elem_size: size_of::<m::add_raft_voter_request::Listener>() } },
], tagged: &[
] };
impl Bounded for m::add_raft_voter_request::AddRaftVoterRequest { fn schema() -> &'static Schema { &AddRaftVoterRequest } }
pub static Listener: Schema = Schema { name: "Listener", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::add_raft_voter_request::Listener { fn schema() -> &'static Schema { &Listener } }
}

pub mod add_raft_voter_response {
use super::*;
pub static AddRaftVoterResponse: Schema = Schema { name: "AddRaftVoterResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::add_raft_voter_response::AddRaftVoterResponse { fn schema() -> &'static Schema { &AddRaftVoterResponse } }
}

pub mod allocate_producer_ids_request {
use super::*;
pub static AllocateProducerIdsRequest: Schema = Schema { name: "AllocateProducerIdsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "broker_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "broker_epoch", versions: 0x1, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::allocate_producer_ids_request::AllocateProducerIdsRequest { fn schema() -> &'static Schema { &AllocateProducerIdsRequest } }
}

pub mod allocate_producer_ids_response {
use super::*;
pub static AllocateProducerIdsResponse: Schema = Schema { name: "AllocateProducerIdsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "producer_id_start", versions: 0x1, kind: Fixed(8) },
    Field { name: "producer_id_len", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::allocate_producer_ids_response::AllocateProducerIdsResponse { fn schema() -> &'static Schema { &AllocateProducerIdsResponse } }
}

pub mod alter_client_quotas_request {
use super::*;
pub static AlterClientQuotasRequest: Schema = Schema { name: "AlterClientQuotasRequest", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "entries", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_client_quotas_request::EntryData), elem_size: size_of::<m::alter_client_quotas_request::EntryData>() } },
    Field { name: "entries", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_client_quotas_request::EntryData), elem_size: size_of::<m::alter_client_quotas_request::EntryData>() } },
    Field { name: "validate_only", versions: 0x3, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::alter_client_quotas_request::AlterClientQuotasRequest { fn schema() -> &'static Schema { &AlterClientQuotasRequest } }
pub static EntityData: Schema = Schema { name: "EntityData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "entity_type", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "entity_type", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "entity_name", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "entity_name", versions: 0x1, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::alter_client_quotas_request::EntityData { fn schema() -> &'static Schema { &EntityData } }
pub static EntryData: Schema = Schema { name: "EntryData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "entity", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_client_quotas_request::EntityData), elem_size: size_of::<m::alter_client_quotas_request::EntityData>() } },
    Field { name: "entity", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_client_quotas_request::EntityData), elem_size: size_of::<m::alter_client_quotas_request::EntityData>() } },
    Field { name: "ops", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_client_quotas_request::OpData), elem_size: size_of::<m::alter_client_quotas_request::OpData>() } },
    Field { name: "ops", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_client_quotas_request::OpData), elem_size: size_of::<m::alter_client_quotas_request::OpData>() } },
], tagged: &[
] };
impl Bounded for m::alter_client_quotas_request::EntryData { fn schema() -> &'static Schema { &EntryData } }
pub static OpData: Schema = Schema { name: "OpData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "key", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "key", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "value", versions: 0x3, kind: Fixed(8) },
    Field { name: "remove", versions: 0x3, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::alter_client_quotas_request::OpData { fn schema() -> &'static Schema { &OpData } }
}

pub mod alter_client_quotas_response {
use super::*;
pub static AlterClientQuotasResponse: Schema = Schema { name: "AlterClientQuotasResponse", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "entries", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_client_quotas_response::EntryData), elem_size: size_of::<m::alter_client_quotas_response::EntryData>() } },
    Field { name: "entries", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_client_quotas_response::EntryData), elem_size: size_of::<m::alter_client_quotas_response::EntryData>() } },
], tagged: &[
] };
impl Bounded for m::alter_client_quotas_response::AlterClientQuotasResponse { fn schema() -> &'static Schema { &AlterClientQuotasResponse } }
pub static EntityData: Schema = Schema { name: "EntityData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "entity_type", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "entity_type", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "entity_name", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "entity_name", versions: 0x1, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::alter_client_quotas_response::EntityData { fn schema() -> &'static Schema { &EntityData } }
pub static EntryData: Schema = Schema { name: "EntryData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x1, kind: String { compact: false, nullable: true } },
    Field { name: "entity", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_client_quotas_response::EntityData), elem_size: size_of::<m::alter_client_quotas_response::EntityData>() } },
    Field { name: "entity", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_client_quotas_response::EntityData), elem_size: size_of::<m::alter_client_quotas_response::EntityData>() } },
], tagged: &[
] };
impl Bounded for m::alter_client_quotas_response::EntryData { fn schema() -> &'static Schema { &EntryData } }
}

pub mod alter_configs_request {
use super::*;
pub static AlterConfigsRequest: Schema = Schema { name: "AlterConfigsRequest", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "resources", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_configs_request::AlterConfigsResource), elem_size: size_of::<m::alter_configs_request::AlterConfigsResource>() } },
    Field { name: "resources", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_configs_request::AlterConfigsResource), elem_size: size_of::<m::alter_configs_request::AlterConfigsResource>() } },
    Field { name: "validate_only", versions: 0x7, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::alter_configs_request::AlterConfigsRequest { fn schema() -> &'static Schema { &AlterConfigsRequest } }
pub static AlterConfigsResource: Schema = Schema { name: "AlterConfigsResource", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "resource_type", versions: 0x7, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "configs", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_configs_request::AlterableConfig), elem_size: size_of::<m::alter_configs_request::AlterableConfig>() } },
    Field { name: "configs", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_configs_request::AlterableConfig), elem_size: size_of::<m::alter_configs_request::AlterableConfig>() } },
], tagged: &[
] };
impl Bounded for m::alter_configs_request::AlterConfigsResource { fn schema() -> &'static Schema { &AlterConfigsResource } }
pub static AlterableConfig: Schema = Schema { name: "AlterableConfig", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "value", versions: 0x4, kind: String { compact: true, nullable: true } },
    Field { name: "value", versions: 0x3, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::alter_configs_request::AlterableConfig { fn schema() -> &'static Schema { &AlterableConfig } }
}

pub mod alter_configs_response {
use super::*;
pub static AlterConfigsResourceResponse: Schema = Schema { name: "AlterConfigsResourceResponse", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x4, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x3, kind: String { compact: false, nullable: true } },
    Field { name: "resource_type", versions: 0x7, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0x3, kind: String { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::alter_configs_response::AlterConfigsResourceResponse { fn schema() -> &'static Schema { &AlterConfigsResourceResponse } }
pub static AlterConfigsResponse: Schema = Schema { name: "AlterConfigsResponse", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "responses", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_configs_response::AlterConfigsResourceResponse), elem_size: size_of::<m::alter_configs_response::AlterConfigsResourceResponse>() } },
    Field { name: "responses", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_configs_response::AlterConfigsResourceResponse), elem_size: size_of::<m::alter_configs_response::AlterConfigsResourceResponse>() } },
], tagged: &[
] };
impl Bounded for m::alter_configs_response::AlterConfigsResponse { fn schema() -> &'static Schema { &AlterConfigsResponse } }
}

pub mod alter_partition_reassignments_request {
use super::*;
pub static AlterPartitionReassignmentsRequest: Schema = Schema { name: "AlterPartitionReassignmentsRequest", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "timeout_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "allow_replication_factor_change", versions: 0x2, kind: Fixed(1) },
    Field { name: "topics", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_reassignments_request::ReassignableTopic), elem_size: size_of::<m::alter_partition_reassignments_request::ReassignableTopic>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_reassignments_request::AlterPartitionReassignmentsRequest { fn schema() -> &'static Schema { &AlterPartitionReassignmentsRequest } }
pub static ReassignablePartition: Schema = Schema { name: "ReassignablePartition", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "partition_index", versions: 0x3, kind: Fixed(4) },
    Field { name: "replicas", versions: 0x3, kind: Array { compact: true, nullable: true, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_reassignments_request::ReassignablePartition { fn schema() -> &'static Schema { &ReassignablePartition } }
pub static ReassignableTopic: Schema = Schema { name: "ReassignableTopic", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "name", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_reassignments_request::ReassignablePartition), elem_size: size_of::<m::alter_partition_reassignments_request::ReassignablePartition>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_reassignments_request::ReassignableTopic { fn schema() -> &'static Schema { &ReassignableTopic } }
}

pub mod alter_partition_reassignments_response {
use super::*;
pub static AlterPartitionReassignmentsResponse: Schema = Schema { name: "AlterPartitionReassignmentsResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "allow_replication_factor_change", versions: 0x2, kind: Fixed(1) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "responses", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_reassignments_response::ReassignableTopicResponse), elem_size: size_of::<m::alter_partition_reassignments_response::ReassignableTopicResponse>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_reassignments_response::AlterPartitionReassignmentsResponse { fn schema() -> &'static Schema { &AlterPartitionReassignmentsResponse } }
pub static ReassignablePartitionResponse: Schema = Schema { name: "ReassignablePartitionResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "partition_index", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x3, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::alter_partition_reassignments_response::ReassignablePartitionResponse { fn schema() -> &'static Schema { &ReassignablePartitionResponse } }
pub static ReassignableTopicResponse: Schema = Schema { name: "ReassignableTopicResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "name", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_reassignments_response::ReassignablePartitionResponse), elem_size: size_of::<m::alter_partition_reassignments_response::ReassignablePartitionResponse>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_reassignments_response::ReassignableTopicResponse { fn schema() -> &'static Schema { &ReassignableTopicResponse } }
}

pub mod alter_partition_request {
use super::*;
pub static AlterPartitionRequest: Schema = Schema { name: "AlterPartitionRequest", versions: 0xc, tagged_versions: 0xc, fields: &[
    Field { name: "broker_id", versions: 0xc, kind: Fixed(4) },
    Field { name: "broker_epoch", versions: 0xc, kind: Fixed(8) },
    Field { name: "topics", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_request::TopicData), elem_size: size_of::<m::alter_partition_request::TopicData>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_request::AlterPartitionRequest { fn schema() -> &'static Schema { &AlterPartitionRequest } }
pub static BrokerState: Schema = Schema { name: "BrokerState", versions: 0xc, tagged_versions: 0xc, fields: &[
    Field { name: "broker_id", versions: 0x8, kind: Fixed(4) },
    Field { name: "broker_epoch", versions: 0x8, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::alter_partition_request::BrokerState { fn schema() -> &'static Schema { &BrokerState } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0xc, tagged_versions: 0xc, fields: &[
    Field { name: "partition_index", versions: 0xc, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0xc, kind: Fixed(4) },
    Field { name: "new_isr", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "new_isr_with_epochs", versions: 0x8, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_request::BrokerState), elem_size: size_of::<m::alter_partition_request::BrokerState>() } },
    Field { name: "leader_recovery_state", versions: 0xc, kind: Fixed(1) },
    Field { name: "partition_epoch", versions: 0xc, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::alter_partition_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0xc, tagged_versions: 0xc, fields: &[
    Field { name: "topic_id", versions: 0xc, kind: Fixed(16) },
    Field { name: "partitions", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_request::PartitionData), elem_size: size_of::<m::alter_partition_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_request::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod alter_partition_response {
use super::*;
pub static AlterPartitionResponse: Schema = Schema { name: "AlterPartitionResponse", versions: 0xc, tagged_versions: 0xc, fields: &[
    Field { name: "throttle_time_ms", versions: 0xc, kind: Fixed(4) },
    Field { name: "error_code", versions: 0xc, kind: Fixed(2) },
    Field { name: "topics", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_response::TopicData), elem_size: size_of::<m::alter_partition_response::TopicData>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_response::AlterPartitionResponse { fn schema() -> &'static Schema { &AlterPartitionResponse } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0xc, tagged_versions: 0xc, fields: &[
    Field { name: "partition_index", versions: 0xc, kind: Fixed(4) },
    Field { name: "error_code", versions: 0xc, kind: Fixed(2) },
    Field { name: "leader_id", versions: 0xc, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0xc, kind: Fixed(4) },
    Field { name: "isr", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "leader_recovery_state", versions: 0xc, kind: Fixed(1) },
    Field { name: "partition_epoch", versions: 0xc, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::alter_partition_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0xc, tagged_versions: 0xc, fields: &[
    Field { name: "topic_id", versions: 0xc, kind: Fixed(16) },
    Field { name: "partitions", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_partition_response::PartitionData), elem_size: size_of::<m::alter_partition_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::alter_partition_response::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod alter_replica_log_dirs_request {
use super::*;
pub static AlterReplicaLogDir: Schema = Schema { name: "AlterReplicaLogDir", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "path", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "path", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "topics", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_replica_log_dirs_request::AlterReplicaLogDirTopic), elem_size: size_of::<m::alter_replica_log_dirs_request::AlterReplicaLogDirTopic>() } },
    Field { name: "topics", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_replica_log_dirs_request::AlterReplicaLogDirTopic), elem_size: size_of::<m::alter_replica_log_dirs_request::AlterReplicaLogDirTopic>() } },
], tagged: &[
] };
impl Bounded for m::alter_replica_log_dirs_request::AlterReplicaLogDir { fn schema() -> &'static Schema { &AlterReplicaLogDir } }
pub static AlterReplicaLogDirTopic: Schema = Schema { name: "AlterReplicaLogDirTopic", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::alter_replica_log_dirs_request::AlterReplicaLogDirTopic { fn schema() -> &'static Schema { &AlterReplicaLogDirTopic } }
pub static AlterReplicaLogDirsRequest: Schema = Schema { name: "AlterReplicaLogDirsRequest", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "dirs", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_replica_log_dirs_request::AlterReplicaLogDir), elem_size: size_of::<m::alter_replica_log_dirs_request::AlterReplicaLogDir>() } },
    Field { name: "dirs", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_replica_log_dirs_request::AlterReplicaLogDir), elem_size: size_of::<m::alter_replica_log_dirs_request::AlterReplicaLogDir>() } },
], tagged: &[
] };
impl Bounded for m::alter_replica_log_dirs_request::AlterReplicaLogDirsRequest { fn schema() -> &'static Schema { &AlterReplicaLogDirsRequest } }
}

pub mod alter_replica_log_dirs_response {
use super::*;
pub static AlterReplicaLogDirPartitionResult: Schema = Schema { name: "AlterReplicaLogDirPartitionResult", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "partition_index", versions: 0x6, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x6, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::alter_replica_log_dirs_response::AlterReplicaLogDirPartitionResult { fn schema() -> &'static Schema { &AlterReplicaLogDirPartitionResult } }
pub static AlterReplicaLogDirTopicResult: Schema = Schema { name: "AlterReplicaLogDirTopicResult", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "topic_name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "topic_name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_replica_log_dirs_response::AlterReplicaLogDirPartitionResult), elem_size: size_of::<m::alter_replica_log_dirs_response::AlterReplicaLogDirPartitionResult>() } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_replica_log_dirs_response::AlterReplicaLogDirPartitionResult), elem_size: size_of::<m::alter_replica_log_dirs_response::AlterReplicaLogDirPartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::alter_replica_log_dirs_response::AlterReplicaLogDirTopicResult { fn schema() -> &'static Schema { &AlterReplicaLogDirTopicResult } }
pub static AlterReplicaLogDirsResponse: Schema = Schema { name: "AlterReplicaLogDirsResponse", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "throttle_time_ms", versions: 0x6, kind: Fixed(4) },
    Field { name: "results", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_replica_log_dirs_response::AlterReplicaLogDirTopicResult), elem_size: size_of::<m::alter_replica_log_dirs_response::AlterReplicaLogDirTopicResult>() } },
    Field { name: "results", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&alter_replica_log_dirs_response::AlterReplicaLogDirTopicResult), elem_size: size_of::<m::alter_replica_log_dirs_response::AlterReplicaLogDirTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::alter_replica_log_dirs_response::AlterReplicaLogDirsResponse { fn schema() -> &'static Schema { &AlterReplicaLogDirsResponse } }
}

pub mod alter_share_group_offsets_request {
use super::*;
pub static AlterShareGroupOffsetsRequest: Schema = Schema { name: "AlterShareGroupOffsetsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_share_group_offsets_request::AlterShareGroupOffsetsRequestTopic), elem_size: size_of::<m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequestTopic>() } },
], tagged: &[
] };
impl Bounded for m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequest { fn schema() -> &'static Schema { &AlterShareGroupOffsetsRequest } }
pub static AlterShareGroupOffsetsRequestPartition: Schema = Schema { name: "AlterShareGroupOffsetsRequestPartition", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "start_offset", versions: 0x1, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequestPartition { fn schema() -> &'static Schema { &AlterShareGroupOffsetsRequestPartition } }
pub static AlterShareGroupOffsetsRequestTopic: Schema = Schema { name: "AlterShareGroupOffsetsRequestTopic", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_share_group_offsets_request::AlterShareGroupOffsetsRequestPartition), elem_size: size_of::<m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequestPartition>() } },
], tagged: &[
] };
impl Bounded for m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequestTopic { fn schema() -> &'static Schema { &AlterShareGroupOffsetsRequestTopic } }
}

pub mod alter_share_group_offsets_response {
use super::*;
pub static AlterShareGroupOffsetsResponse: Schema = Schema { name: "AlterShareGroupOffsetsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "responses", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_share_group_offsets_response::AlterShareGroupOffsetsResponseTopic), elem_size: size_of::<m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponseTopic>() } },
], tagged: &[
] };
impl Bounded for m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponse { fn schema() -> &'static Schema { &AlterShareGroupOffsetsResponse } }
pub static AlterShareGroupOffsetsResponsePartition: Schema = Schema { name: "AlterShareGroupOffsetsResponsePartition", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponsePartition { fn schema() -> &'static Schema { &AlterShareGroupOffsetsResponsePartition } }
pub static AlterShareGroupOffsetsResponseTopic: Schema = Schema { name: "AlterShareGroupOffsetsResponseTopic", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_share_group_offsets_response::AlterShareGroupOffsetsResponsePartition), elem_size: size_of::<m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponsePartition>() } },
], tagged: &[
] };
impl Bounded for m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponseTopic { fn schema() -> &'static Schema { &AlterShareGroupOffsetsResponseTopic } }
}

pub mod alter_user_scram_credentials_request {
use super::*;
pub static AlterUserScramCredentialsRequest: Schema = Schema { name: "AlterUserScramCredentialsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "deletions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_user_scram_credentials_request::ScramCredentialDeletion), elem_size: size_of::<m::alter_user_scram_credentials_request::ScramCredentialDeletion>() } },
    Field { name: "upsertions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_user_scram_credentials_request::ScramCredentialUpsertion), elem_size: size_of::<m::alter_user_scram_credentials_request::ScramCredentialUpsertion>() } },
], tagged: &[
] };
impl Bounded for m::alter_user_scram_credentials_request::AlterUserScramCredentialsRequest { fn schema() -> &'static Schema { &AlterUserScramCredentialsRequest } }
pub static ScramCredentialDeletion: Schema = Schema { name: "ScramCredentialDeletion", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "mechanism", versions: 0x1, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::alter_user_scram_credentials_request::ScramCredentialDeletion { fn schema() -> &'static Schema { &ScramCredentialDeletion } }
pub static ScramCredentialUpsertion: Schema = Schema { name: "ScramCredentialUpsertion", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "mechanism", versions: 0x1, kind: Fixed(1) },
    Field { name: "iterations", versions: 0x1, kind: Fixed(4) },
    Field { name: "salt", versions: 0x1, kind: Bytes { compact: true, nullable: false } },
    Field { name: "salted_password", versions: 0x1, kind: Bytes { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::alter_user_scram_credentials_request::ScramCredentialUpsertion { fn schema() -> &'static Schema { &ScramCredentialUpsertion } }
}

pub mod alter_user_scram_credentials_response {
use super::*;
pub static AlterUserScramCredentialsResponse: Schema = Schema { name: "AlterUserScramCredentialsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "results", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&alter_user_scram_credentials_response::AlterUserScramCredentialsResult), elem_size: size_of::<m::alter_user_scram_credentials_response::AlterUserScramCredentialsResult>() } },
], tagged: &[
] };
impl Bounded for m::alter_user_scram_credentials_response::AlterUserScramCredentialsResponse { fn schema() -> &'static Schema { &AlterUserScramCredentialsResponse } }
pub static AlterUserScramCredentialsResult: Schema = Schema { name: "AlterUserScramCredentialsResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "user", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::alter_user_scram_credentials_response::AlterUserScramCredentialsResult { fn schema() -> &'static Schema { &AlterUserScramCredentialsResult } }
}

pub mod api_versions_request {
use super::*;
pub static ApiVersionsRequest: Schema = Schema { name: "ApiVersionsRequest", versions: 0x1f, tagged_versions: 0x18, fields: &[
    Field { name: "client_software_name", versions: 0x18, kind: String { compact: true, nullable: false } },
    Field { name: "client_software_version", versions: 0x18, kind: String { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::api_versions_request::ApiVersionsRequest { fn schema() -> &'static Schema { &ApiVersionsRequest } }
}

pub mod api_versions_response {
use super::*;
pub static ApiVersion: Schema = Schema { name: "ApiVersion", versions: 0x1f, tagged_versions: 0x18, fields: &[
    Field { name: "api_key", versions: 0x1f, kind: Fixed(2) },
    Field { name: "min_version", versions: 0x1f, kind: Fixed(2) },
    Field { name: "max_version", versions: 0x1f, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::api_versions_response::ApiVersion { fn schema() -> &'static Schema { &ApiVersion } }
pub static ApiVersionsResponse: Schema = Schema { name: "ApiVersionsResponse", versions: 0x1f, tagged_versions: 0x18, fields: &[
    Field { name: "error_code", versions: 0x1f, kind: Fixed(2) },
    Field { name: "api_keys", versions: 0x18, kind: Array { compact: true, nullable: false, elem: &Struct(&api_versions_response::ApiVersion), elem_size: size_of::<m::api_versions_response::ApiVersion>() } },
    Field { name: "api_keys", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&api_versions_response::ApiVersion), elem_size: size_of::<m::api_versions_response::ApiVersion>() } },
    Field { name: "throttle_time_ms", versions: 0x1e, kind: Fixed(4) },
], tagged: &[
    TaggedField { tag: 0, name: "supported_features", versions: 0x1f, kind: Array { compact: true, nullable: false, elem: &Struct(&api_versions_response::SupportedFeatureKey), elem_size: size_of::<m::api_versions_response::SupportedFeatureKey>() } },
    TaggedField { tag: 1, name: "finalized_features_epoch", versions: 0x1f, kind: Fixed(8) },
    TaggedField { tag: 2, name: "finalized_features", versions: 0x1f, kind: Array { compact: true, nullable: false, elem: &Struct(&api_versions_response::FinalizedFeatureKey), elem_size: size_of::<m::api_versions_response::FinalizedFeatureKey>() } },
    TaggedField { tag: 3, name: "zk_migration_ready", versions: 0x1f, kind: Fixed(1) },
] };
impl Bounded for m::api_versions_response::ApiVersionsResponse { fn schema() -> &'static Schema { &ApiVersionsResponse } }
pub static FinalizedFeatureKey: Schema = Schema { name: "FinalizedFeatureKey", versions: 0x1f, tagged_versions: 0x18, fields: &[
    Field { name: "name", versions: 0x18, kind: String { compact: true, nullable: false } },
    Field { name: "max_version_level", versions: 0x18, kind: Fixed(2) },
    Field { name: "min_version_level", versions: 0x18, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::api_versions_response::FinalizedFeatureKey { fn schema() -> &'static Schema { &FinalizedFeatureKey } }
pub static SupportedFeatureKey: Schema = Schema { name: "SupportedFeatureKey", versions: 0x1f, tagged_versions: 0x18, fields: &[
    Field { name: "name", versions: 0x18, kind: String { compact: true, nullable: false } },
    Field { name: "min_version", versions: 0x18, kind: Fixed(2) },
    Field { name: "max_version", versions: 0x18, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::api_versions_response::SupportedFeatureKey { fn schema() -> &'static Schema { &SupportedFeatureKey } }
}

pub mod assign_replicas_to_dirs_request {
use super::*;
pub static AssignReplicasToDirsRequest: Schema = Schema { name: "AssignReplicasToDirsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "broker_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "broker_epoch", versions: 0x1, kind: Fixed(8) },
    Field { name: "directories", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&assign_replicas_to_dirs_request::DirectoryData), elem_size: size_of::<m::assign_replicas_to_dirs_request::DirectoryData>() } },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_request::AssignReplicasToDirsRequest { fn schema() -> &'static Schema { &AssignReplicasToDirsRequest } }
pub static DirectoryData: Schema = Schema { name: "DirectoryData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "id", versions: 0x1, kind: Fixed(16) },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&assign_replicas_to_dirs_request::TopicData), elem_size: size_of::<m::assign_replicas_to_dirs_request::TopicData>() } },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_request::DirectoryData { fn schema() -> &'static Schema { &DirectoryData } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&assign_replicas_to_dirs_request::PartitionData), elem_size: size_of::<m::assign_replicas_to_dirs_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_request::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod assign_replicas_to_dirs_response {
use super::*;
pub static AssignReplicasToDirsResponse: Schema = Schema { name: "AssignReplicasToDirsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "directories", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&assign_replicas_to_dirs_response::DirectoryData), elem_size: size_of::<m::assign_replicas_to_dirs_response::DirectoryData>() } },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_response::AssignReplicasToDirsResponse { fn schema() -> &'static Schema { &AssignReplicasToDirsResponse } }
pub static DirectoryData: Schema = Schema { name: "DirectoryData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "id", versions: 0x1, kind: Fixed(16) },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&assign_replicas_to_dirs_response::TopicData), elem_size: size_of::<m::assign_replicas_to_dirs_response::TopicData>() } },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_response::DirectoryData { fn schema() -> &'static Schema { &DirectoryData } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&assign_replicas_to_dirs_response::PartitionData), elem_size: size_of::<m::assign_replicas_to_dirs_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::assign_replicas_to_dirs_response::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod begin_quorum_epoch_request {
use super::*;
pub static BeginQuorumEpochRequest: Schema = Schema { name: "BeginQuorumEpochRequest", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "cluster_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "cluster_id", versions: 0x1, kind: String { compact: false, nullable: true } },
    Field { name: "voter_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&begin_quorum_epoch_request::TopicData), elem_size: size_of::<m::begin_quorum_epoch_request::TopicData>() } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&begin_quorum_epoch_request::TopicData), elem_size: size_of::<m::begin_quorum_epoch_request::TopicData>() } },
    Field { name: "leader_endpoints", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&begin_quorum_epoch_request::LeaderEndpoint), elem_size: size_of::<m::begin_quorum_epoch_request::LeaderEndpoint>() } },
], tagged: &[
] };
impl Bounded for m::begin_quorum_epoch_request::BeginQuorumEpochRequest { fn schema() -> &'static Schema { &BeginQuorumEpochRequest } }
pub static LeaderEndpoint: Schema = Schema { name: "LeaderEndpoint", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x2, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::begin_quorum_epoch_request::LeaderEndpoint { fn schema() -> &'static Schema { &LeaderEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x3, kind: Fixed(4) },
    Field { name: "voter_directory_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "leader_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::begin_quorum_epoch_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "topic_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "topic_name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&begin_quorum_epoch_request::PartitionData), elem_size: size_of::<m::begin_quorum_epoch_request::PartitionData>() } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&begin_quorum_epoch_request::PartitionData), elem_size: size_of::<m::begin_quorum_epoch_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::begin_quorum_epoch_request::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod begin_quorum_epoch_response {
use super::*;
pub static BeginQuorumEpochResponse: Schema = Schema { name: "BeginQuorumEpochResponse", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&begin_quorum_epoch_response::TopicData), elem_size: size_of::<m::begin_quorum_epoch_response::TopicData>() } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&begin_quorum_epoch_response::TopicData), elem_size: size_of::<m::begin_quorum_epoch_response::TopicData>() } },
], tagged: &[
    TaggedField { tag: 0, name: "node_endpoints", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&begin_quorum_epoch_response::NodeEndpoint), elem_size: size_of::<m::begin_quorum_epoch_response::NodeEndpoint>() } },
] };
impl Bounded for m::begin_quorum_epoch_response::BeginQuorumEpochResponse { fn schema() -> &'static Schema { &BeginQuorumEpochResponse } }
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "node_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x2, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::begin_quorum_epoch_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "leader_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::begin_quorum_epoch_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "topic_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "topic_name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&begin_quorum_epoch_response::PartitionData), elem_size: size_of::<m::begin_quorum_epoch_response::PartitionData>() } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&begin_quorum_epoch_response::PartitionData), elem_size: size_of::<m::begin_quorum_epoch_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::begin_quorum_epoch_response::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod broker_heartbeat_request {
use super::*;
pub static BrokerHeartbeatRequest: Schema = Schema { name: "BrokerHeartbeatRequest", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "broker_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "broker_epoch", versions: 0x3, kind: Fixed(8) },
    Field { name: "current_metadata_offset", versions: 0x3, kind: Fixed(8) },
    Field { name: "want_fence", versions: 0x3, kind: Fixed(1) },
    Field { name: "want_shut_down", versions: 0x3, kind: Fixed(1) },
], tagged: &[
    TaggedField { tag: 0, name: "offline_log_dirs", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(16), elem_size: size_of::<uuid::Uuid>() } },
] };
impl Bounded for m::broker_heartbeat_request::BrokerHeartbeatRequest { fn schema() -> &'static Schema { &BrokerHeartbeatRequest } }
}

pub mod broker_heartbeat_response {
use super::*;
pub static BrokerHeartbeatResponse: Schema = Schema { name: "BrokerHeartbeatResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "is_caught_up", versions: 0x3, kind: Fixed(1) },
    Field { name: "is_fenced", versions: 0x3, kind: Fixed(1) },
    Field { name: "should_shut_down", versions: 0x3, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::broker_heartbeat_response::BrokerHeartbeatResponse { fn schema() -> &'static Schema { &BrokerHeartbeatResponse } }
}

pub mod broker_registration_request {
use super::*;
pub static BrokerRegistrationRequest: Schema = Schema { name: "BrokerRegistrationRequest", versions: 0x1f, tagged_versions: 0x1f, fields: &[
    Field { name: "broker_id", versions: 0x1f, kind: Fixed(4) },
    Field { name: "cluster_id", versions: 0x1f, kind: String { compact: true, nullable: false } },
    Field { name: "incarnation_id", versions: 0x1f, kind: Fixed(16) },
    Field { name: "listeners", versions: 0x1f, kind: Array { compact: true, nullable: false, elem: &Struct(&broker_registration_request::Listener), elem_size: size_of::<m::broker_registration_request::Listener>() } },
    Field { name: "features", versions: 0x1f, kind: Array { compact: true, nullable: false, elem: &Struct(&broker_registration_request::Feature), elem_size: size_of::<m::broker_registration_request::Feature>() } },
    Field { name: "rack", versions: 0x1f, kind: String { compact: true, nullable: true } },
    Field { name: "is_migrating_zk_broker", versions: 0x1e, kind: Fixed(1) },
    Field { name: "log_dirs", versions: 0x1c, kind: Array { compact: true, nullable: false, elem: &Fixed(16), elem_size: size_of::<uuid::Uuid>() } },
    Field { name: "previous_broker_epoch", versions: 0x18, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::broker_registration_request::BrokerRegistrationRequest { fn schema() -> &'static Schema { &BrokerRegistrationRequest } }
pub static Feature: Schema = Schema { name: "Feature", versions: 0x1f, tagged_versions: 0x1f, fields: &[
    Field { name: "name", versions: 0x1f, kind: String { compact: true, nullable: false } },
    Field { name: "min_supported_version", versions: 0x1f, kind: Fixed(2) },
    Field { name: "max_supported_version", versions: 0x1f, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::broker_registration_request::Feature { fn schema() -> &'static Schema { &Feature } }
pub static Listener: Schema = Schema { name: "Listener", versions: 0x1f, tagged_versions: 0x1f, fields: &[
    Field { name: "name", versions: 0x1f, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x1f, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x1f, kind: Fixed(2) },
    Field { name: "security_protocol", versions: 0x1f, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::broker_registration_request::Listener { fn schema() -> &'static Schema { &Listener } }
}

pub mod broker_registration_response {
use super::*;
pub static BrokerRegistrationResponse: Schema = Schema { name: "BrokerRegistrationResponse", versions: 0x1f, tagged_versions: 0x1f, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1f, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1f, kind: Fixed(2) },
    Field { name: "broker_epoch", versions: 0x1f, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::broker_registration_response::BrokerRegistrationResponse { fn schema() -> &'static Schema { &BrokerRegistrationResponse } }
}

pub mod consumer_group_describe_request {
use super::*;
pub static ConsumerGroupDescribeRequest: Schema = Schema { name: "ConsumerGroupDescribeRequest", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "group_ids", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::GroupId>() } },
    Field { name: "include_authorized_operations", versions: 0x3, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::consumer_group_describe_request::ConsumerGroupDescribeRequest { fn schema() -> &'static Schema { &ConsumerGroupDescribeRequest } }
}

pub mod consumer_group_describe_response {
use super::*;
pub static Assignment: Schema = Schema { name: "Assignment", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "topic_partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&consumer_group_describe_response::TopicPartitions), elem_size: size_of::<m::consumer_group_describe_response::TopicPartitions>() } },
], tagged: &[
] };
impl Bounded for m::consumer_group_describe_response::Assignment { fn schema() -> &'static Schema { &Assignment } }
pub static ConsumerGroupDescribeResponse: Schema = Schema { name: "ConsumerGroupDescribeResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "groups", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&consumer_group_describe_response::DescribedGroup), elem_size: size_of::<m::consumer_group_describe_response::DescribedGroup>() } },
], tagged: &[
] };
impl Bounded for m::consumer_group_describe_response::ConsumerGroupDescribeResponse { fn schema() -> &'static Schema { &ConsumerGroupDescribeResponse } }
pub static DescribedGroup: Schema = Schema { name: "DescribedGroup", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "group_id", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "group_state", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "group_epoch", versions: 0x3, kind: Fixed(4) },
    Field { name: "assignment_epoch", versions: 0x3, kind: Fixed(4) },
    Field { name: "assignor_name", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "members", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&consumer_group_describe_response::Member), elem_size: size_of::<m::consumer_group_describe_response::Member>() } },
    Field { name: "authorized_operations", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::consumer_group_describe_response::DescribedGroup { fn schema() -> &'static Schema { &DescribedGroup } }
pub static Member: Schema = Schema { name: "Member", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "member_id", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "instance_id", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "rack_id", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "member_epoch", versions: 0x3, kind: Fixed(4) },
    Field { name: "client_id", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "client_host", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "subscribed_topic_names", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::TopicName>() } },
    Field { name: "subscribed_topic_regex", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "assignment", versions: 0x3, kind: Struct(&consumer_group_describe_response::Assignment) },
    Field { name: "target_assignment", versions: 0x3, kind: Struct(&consumer_group_describe_response::Assignment) },
    Field { name: "member_type", versions: 0x2, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::consumer_group_describe_response::Member { fn schema() -> &'static Schema { &Member } }
pub static TopicPartitions: Schema = Schema { name: "TopicPartitions", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "topic_id", versions: 0x3, kind: Fixed(16) },
    Field { name: "topic_name", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::consumer_group_describe_response::TopicPartitions { fn schema() -> &'static Schema { &TopicPartitions } }
}

pub mod consumer_group_heartbeat_request {
use super::*;
pub static ConsumerGroupHeartbeatRequest: Schema = Schema { name: "ConsumerGroupHeartbeatRequest", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "group_id", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "member_epoch", versions: 0x3, kind: Fixed(4) },
    Field { name: "instance_id", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "rack_id", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "rebalance_timeout_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "subscribed_topic_names", versions: 0x3, kind: Array { compact: true, nullable: true, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::TopicName>() } },
    Field { name: "subscribed_topic_regex", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "server_assignor", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "topic_partitions", versions: 0x3, kind: Array { compact: true, nullable: true, elem: &Struct(&consumer_group_heartbeat_request::TopicPartitions), elem_size: size_of::<m::consumer_group_heartbeat_request::TopicPartitions>() } },
], tagged: &[
] };
impl Bounded for m::consumer_group_heartbeat_request::ConsumerGroupHeartbeatRequest { fn schema() -> &'static Schema { &ConsumerGroupHeartbeatRequest } }
pub static TopicPartitions: Schema = Schema { name: "TopicPartitions", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "topic_id", versions: 0x3, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::consumer_group_heartbeat_request::TopicPartitions { fn schema() -> &'static Schema { &TopicPartitions } }
}

pub mod consumer_group_heartbeat_response {
use super::*;
pub static Assignment: Schema = Schema { name: "Assignment", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "topic_partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&consumer_group_heartbeat_response::TopicPartitions), elem_size: size_of::<m::consumer_group_heartbeat_response::TopicPartitions>() } },
], tagged: &[
] };
impl Bounded for m::consumer_group_heartbeat_response::Assignment { fn schema() -> &'static Schema { &Assignment } }
pub static ConsumerGroupHeartbeatResponse: Schema = Schema { name: "ConsumerGroupHeartbeatResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "member_id", versions: 0x3, kind: String { compact: true, nullable: true } },
    Field { name: "member_epoch", versions: 0x3, kind: Fixed(4) },
    Field { name: "heartbeat_interval_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "assignment", versions: 0x3, kind: OptionStruct(&consumer_group_heartbeat_response::Assignment) },
], tagged: &[
] };
impl Bounded for m::consumer_group_heartbeat_response::ConsumerGroupHeartbeatResponse { fn schema() -> &'static Schema { &ConsumerGroupHeartbeatResponse } }
pub static TopicPartitions: Schema = Schema { name: "TopicPartitions", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "topic_id", versions: 0x3, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::consumer_group_heartbeat_response::TopicPartitions { fn schema() -> &'static Schema { &TopicPartitions } }
}

pub mod consumer_protocol_assignment {
use super::*;
pub static ConsumerProtocolAssignment: Schema = Schema { name: "ConsumerProtocolAssignment", versions: 0xf, tagged_versions: 0x0, fields: &[
    Field { name: "assigned_partitions", versions: 0xf, kind: Array { compact: false, nullable: false, elem: &Struct(&consumer_protocol_assignment::TopicPartition), elem_size: size_of::<m::consumer_protocol_assignment::TopicPartition>() } },
    Field { name: "user_data", versions: 0xf, kind: Bytes { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::consumer_protocol_assignment::ConsumerProtocolAssignment { fn schema() -> &'static Schema { &ConsumerProtocolAssignment } }
pub static TopicPartition: Schema = Schema { name: "TopicPartition", versions: 0xf, tagged_versions: 0x0, fields: &[
    Field { name: "topic", versions: 0xf, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0xf, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::consumer_protocol_assignment::TopicPartition { fn schema() -> &'static Schema { &TopicPartition } }
}

pub mod consumer_protocol_subscription {
use super::*;
pub static ConsumerProtocolSubscription: Schema = Schema { name: "ConsumerProtocolSubscription", versions: 0xf, tagged_versions: 0x0, fields: &[
    Field { name: "topics", versions: 0xf, kind: Array { compact: false, nullable: false, elem: &String { compact: false, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
    Field { name: "user_data", versions: 0xf, kind: Bytes { compact: false, nullable: true } },
    Field { name: "owned_partitions", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &Struct(&consumer_protocol_subscription::TopicPartition), elem_size: size_of::<m::consumer_protocol_subscription::TopicPartition>() } },
    Field { name: "generation_id", versions: 0xc, kind: Fixed(4) },
    Field { name: "rack_id", versions: 0x8, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::consumer_protocol_subscription::ConsumerProtocolSubscription { fn schema() -> &'static Schema { &ConsumerProtocolSubscription } }
pub static TopicPartition: Schema = Schema { name: "TopicPartition", versions: 0xf, tagged_versions: 0x0, fields: &[
    Field { name: "topic", versions: 0xe, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::consumer_protocol_subscription::TopicPartition { fn schema() -> &'static Schema { &TopicPartition } }
}

pub mod controller_registration_request {
use super::*;
pub static ControllerRegistrationRequest: Schema = Schema { name: "ControllerRegistrationRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "controller_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "incarnation_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "zk_migration_ready", versions: 0x1, kind: Fixed(1) },
    Field { name: "listeners", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&controller_registration_request::Listener), elem_size: size_of::<m::controller_registration_request::Listener>() } },
    Field { name: "features", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&controller_registration_request::Feature), elem_size: size_of::<m::controller_registration_request::Feature>() } },
], tagged: &[
] };
impl Bounded for m::controller_registration_request::ControllerRegistrationRequest { fn schema() -> &'static Schema { &ControllerRegistrationRequest } }
pub static Feature: Schema = Schema { name: "Feature", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "min_supported_version", versions: 0x1, kind: Fixed(2) },
    Field { name: "max_supported_version", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::controller_registration_request::Feature { fn schema() -> &'static Schema { &Feature } }
pub static Listener: Schema = Schema { name: "Listener", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x1, kind: Fixed(2) },
    Field { name: "security_protocol", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::controller_registration_request::Listener { fn schema() -> &'static Schema { &Listener } }
}

pub mod controller_registration_response {
use super::*;
pub static ControllerRegistrationResponse: Schema = Schema { name: "ControllerRegistrationResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::controller_registration_response::ControllerRegistrationResponse { fn schema() -> &'static Schema { &ControllerRegistrationResponse } }
}

pub mod create_acls_request {
use super::*;
pub static AclCreation: Schema = Schema { name: "AclCreation", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "resource_type", versions: 0xe, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "resource_pattern_type", versions: 0xe, kind: Fixed(1) },
    Field { name: "principal", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "host", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "operation", versions: 0xe, kind: Fixed(1) },
    Field { name: "permission_type", versions: 0xe, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::create_acls_request::AclCreation { fn schema() -> &'static Schema { &AclCreation } }
pub static CreateAclsRequest: Schema = Schema { name: "CreateAclsRequest", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "creations", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&create_acls_request::AclCreation), elem_size: size_of::<m::create_acls_request::AclCreation>() } },
    Field { name: "creations", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&create_acls_request::AclCreation), elem_size: size_of::<m::create_acls_request::AclCreation>() } },
], tagged: &[
] };
impl Bounded for m::create_acls_request::CreateAclsRequest { fn schema() -> &'static Schema { &CreateAclsRequest } }
}

pub mod create_acls_response {
use super::*;
pub static AclCreationResult: Schema = Schema { name: "AclCreationResult", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "error_code", versions: 0xe, kind: Fixed(2) },
    Field { name: "error_message", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x2, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::create_acls_response::AclCreationResult { fn schema() -> &'static Schema { &AclCreationResult } }
pub static CreateAclsResponse: Schema = Schema { name: "CreateAclsResponse", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "throttle_time_ms", versions: 0xe, kind: Fixed(4) },
    Field { name: "results", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&create_acls_response::AclCreationResult), elem_size: size_of::<m::create_acls_response::AclCreationResult>() } },
    Field { name: "results", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&create_acls_response::AclCreationResult), elem_size: size_of::<m::create_acls_response::AclCreationResult>() } },
], tagged: &[
] };
impl Bounded for m::create_acls_response::CreateAclsResponse { fn schema() -> &'static Schema { &CreateAclsResponse } }
}

pub mod create_delegation_token_request {
use super::*;
pub static CreatableRenewers: Schema = Schema { name: "CreatableRenewers", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "principal_type", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_type", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "principal_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_name", versions: 0x2, kind: String { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::create_delegation_token_request::CreatableRenewers { fn schema() -> &'static Schema { &CreatableRenewers } }
pub static CreateDelegationTokenRequest: Schema = Schema { name: "CreateDelegationTokenRequest", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "owner_principal_type", versions: 0x8, kind: String { compact: true, nullable: true } },
    Field { name: "owner_principal_name", versions: 0x8, kind: String { compact: true, nullable: true } },
    Field { name: "renewers", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&create_delegation_token_request::CreatableRenewers), elem_size: size_of::<m::create_delegation_token_request::CreatableRenewers>() } },
    Field { name: "renewers", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&create_delegation_token_request::CreatableRenewers), elem_size: size_of::<m::create_delegation_token_request::CreatableRenewers>() } },
    Field { name: "max_lifetime_ms", versions: 0xe, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::create_delegation_token_request::CreateDelegationTokenRequest { fn schema() -> &'static Schema { &CreateDelegationTokenRequest } }
}

pub mod create_delegation_token_response {
use super::*;
pub static CreateDelegationTokenResponse: Schema = Schema { name: "CreateDelegationTokenResponse", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "error_code", versions: 0xe, kind: Fixed(2) },
    Field { name: "principal_type", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_type", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "principal_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "token_requester_principal_type", versions: 0x8, kind: String { compact: true, nullable: false } },
    Field { name: "token_requester_principal_name", versions: 0x8, kind: String { compact: true, nullable: false } },
    Field { name: "issue_timestamp_ms", versions: 0xe, kind: Fixed(8) },
    Field { name: "expiry_timestamp_ms", versions: 0xe, kind: Fixed(8) },
    Field { name: "max_timestamp_ms", versions: 0xe, kind: Fixed(8) },
    Field { name: "token_id", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "token_id", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "hmac", versions: 0xc, kind: Bytes { compact: true, nullable: false } },
    Field { name: "hmac", versions: 0x2, kind: Bytes { compact: false, nullable: false } },
    Field { name: "throttle_time_ms", versions: 0xe, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::create_delegation_token_response::CreateDelegationTokenResponse { fn schema() -> &'static Schema { &CreateDelegationTokenResponse } }
}

pub mod create_partitions_request {
use super::*;
pub static CreatePartitionsAssignment: Schema = Schema { name: "CreatePartitionsAssignment", versions: 0xf, tagged_versions: 0xc, fields: &[
    Field { name: "broker_ids", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "broker_ids", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
], tagged: &[
] };
impl Bounded for m::create_partitions_request::CreatePartitionsAssignment { fn schema() -> &'static Schema { &CreatePartitionsAssignment } }
pub static CreatePartitionsRequest: Schema = Schema { name: "CreatePartitionsRequest", versions: 0xf, tagged_versions: 0xc, fields: &[
    Field { name: "topics", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&create_partitions_request::CreatePartitionsTopic), elem_size: size_of::<m::create_partitions_request::CreatePartitionsTopic>() } },
    Field { name: "topics", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&create_partitions_request::CreatePartitionsTopic), elem_size: size_of::<m::create_partitions_request::CreatePartitionsTopic>() } },
    Field { name: "timeout_ms", versions: 0xf, kind: Fixed(4) },
    Field { name: "validate_only", versions: 0xf, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::create_partitions_request::CreatePartitionsRequest { fn schema() -> &'static Schema { &CreatePartitionsRequest } }
pub static CreatePartitionsTopic: Schema = Schema { name: "CreatePartitionsTopic", versions: 0xf, tagged_versions: 0xc, fields: &[
    Field { name: "name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "count", versions: 0xf, kind: Fixed(4) },
    Field { name: "assignments", versions: 0xc, kind: Array { compact: true, nullable: true, elem: &Struct(&create_partitions_request::CreatePartitionsAssignment), elem_size: size_of::<m::create_partitions_request::CreatePartitionsAssignment>() } },
    Field { name: "assignments", versions: 0x3, kind: Array { compact: false, nullable: true, elem: &Struct(&create_partitions_request::CreatePartitionsAssignment), elem_size: size_of::<m::create_partitions_request::CreatePartitionsAssignment>() } },
], tagged: &[
] };
impl Bounded for m::create_partitions_request::CreatePartitionsTopic { fn schema() -> &'static Schema { &CreatePartitionsTopic } }
}

pub mod create_partitions_response {
use super::*;
pub static CreatePartitionsResponse: Schema = Schema { name: "CreatePartitionsResponse", versions: 0xf, tagged_versions: 0xc, fields: &[
    Field { name: "throttle_time_ms", versions: 0xf, kind: Fixed(4) },
    Field { name: "results", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&create_partitions_response::CreatePartitionsTopicResult), elem_size: size_of::<m::create_partitions_response::CreatePartitionsTopicResult>() } },
    Field { name: "results", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&create_partitions_response::CreatePartitionsTopicResult), elem_size: size_of::<m::create_partitions_response::CreatePartitionsTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::create_partitions_response::CreatePartitionsResponse { fn schema() -> &'static Schema { &CreatePartitionsResponse } }
pub static CreatePartitionsTopicResult: Schema = Schema { name: "CreatePartitionsTopicResult", versions: 0xf, tagged_versions: 0xc, fields: &[
    Field { name: "name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "error_code", versions: 0xf, kind: Fixed(2) },
    Field { name: "error_message", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x3, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::create_partitions_response::CreatePartitionsTopicResult { fn schema() -> &'static Schema { &CreatePartitionsTopicResult } }
}

pub mod create_topics_request {
use super::*;
pub static CreatableReplicaAssignment: Schema = Schema { name: "CreatableReplicaAssignment", versions: 0xfc, tagged_versions: 0xe0, fields: &[
    Field { name: "partition_index", versions: 0xfc, kind: Fixed(4) },
    Field { name: "broker_ids", versions: 0xe0, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "broker_ids", versions: 0x1c, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
], tagged: &[
] };
impl Bounded for m::create_topics_request::CreatableReplicaAssignment { fn schema() -> &'static Schema { &CreatableReplicaAssignment } }
pub static CreatableTopic: Schema = Schema { name: "CreatableTopic", versions: 0xfc, tagged_versions: 0xe0, fields: &[
    Field { name: "name", versions: 0xe0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x1c, kind: String { compact: false, nullable: false } },
    Field { name: "num_partitions", versions: 0xfc, kind: Fixed(4) },
    Field { name: "replication_factor", versions: 0xfc, kind: Fixed(2) },
    Field { name: "assignments", versions: 0xe0, kind: Array { compact: true, nullable: false, elem: &Struct(&create_topics_request::CreatableReplicaAssignment), elem_size: size_of::<m::create_topics_request::CreatableReplicaAssignment>() } },
    Field { name: "assignments", versions: 0x1c, kind: Array { compact: false, nullable: false, elem: &Struct(&create_topics_request::CreatableReplicaAssignment), elem_size: size_of::<m::create_topics_request::CreatableReplicaAssignment>() } },
    Field { name: "configs", versions: 0xe0, kind: Array { compact: true, nullable: false, elem: &Struct(&create_topics_request::CreatableTopicConfig), elem_size: size_of::<m::create_topics_request::CreatableTopicConfig>() } },
    Field { name: "configs", versions: 0x1c, kind: Array { compact: false, nullable: false, elem: &Struct(&create_topics_request::CreatableTopicConfig), elem_size: size_of::<m::create_topics_request::CreatableTopicConfig>() } },
], tagged: &[
] };
impl Bounded for m::create_topics_request::CreatableTopic { fn schema() -> &'static Schema { &CreatableTopic } }
pub static CreatableTopicConfig: Schema = Schema { name: "CreatableTopicConfig", versions: 0xfc, tagged_versions: 0xe0, fields: &[
    Field { name: "name", versions: 0xe0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x1c, kind: String { compact: false, nullable: false } },
    Field { name: "value", versions: 0xe0, kind: String { compact: true, nullable: true } },
    Field { name: "value", versions: 0x1c, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::create_topics_request::CreatableTopicConfig { fn schema() -> &'static Schema { &CreatableTopicConfig } }
pub static CreateTopicsRequest: Schema = Schema { name: "CreateTopicsRequest", versions: 0xfc, tagged_versions: 0xe0, fields: &[
    Field { name: "topics", versions: 0xe0, kind: Array { compact: true, nullable: false, elem: &Struct(&create_topics_request::CreatableTopic), elem_size: size_of::<m::create_topics_request::CreatableTopic>() } },
    Field { name: "topics", versions: 0x1c, kind: Array { compact: false, nullable: false, elem: &Struct(&create_topics_request::CreatableTopic), elem_size: size_of::<m::create_topics_request::CreatableTopic>() } },
    Field { name: "timeout_ms", versions: 0xfc, kind: Fixed(4) },
    Field { name: "validate_only", versions: 0xfc, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::create_topics_request::CreateTopicsRequest { fn schema() -> &'static Schema { &CreateTopicsRequest } }
}

pub mod create_topics_response {
use super::*;
pub static CreatableTopicConfigs: Schema = Schema { name: "CreatableTopicConfigs", versions: 0xfc, tagged_versions: 0xe0, fields: &[
    Field { name: "name", versions: 0xe0, kind: String { compact: true, nullable: false } },
    Field { name: "value", versions: 0xe0, kind: String { compact: true, nullable: true } },
    Field { name: "read_only", versions: 0xe0, kind: Fixed(1) },
    Field { name: "config_source", versions: 0xe0, kind: Fixed(1) },
    Field { name: "is_sensitive", versions: 0xe0, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::create_topics_response::CreatableTopicConfigs { fn schema() -> &'static Schema { &CreatableTopicConfigs } }
pub static CreatableTopicResult: Schema = Schema { name: "CreatableTopicResult", versions: 0xfc, tagged_versions: 0xe0, fields: &[
    Field { name: "name", versions: 0xe0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x1c, kind: String { compact: false, nullable: false } },
    Field { name: "topic_id", versions: 0x80, kind: Fixed(16) },
    Field { name: "error_code", versions: 0xfc, kind: Fixed(2) },
    Field { name: "error_message", versions: 0xe0, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x1c, kind: String { compact: false, nullable: true } },
    Field { name: "num_partitions", versions: 0xe0, kind: Fixed(4) },
    Field { name: "replication_factor", versions: 0xe0, kind: Fixed(2) },
    Field { name: "configs", versions: 0xe0, kind: Array { compact: true, nullable: true, elem: &Struct(&create_topics_response::CreatableTopicConfigs), elem_size: size_of::<m::create_topics_response::CreatableTopicConfigs>() } },
], tagged: &[
    TaggedField { tag: 0, name: "topic_config_error_code", versions: 0xfc, kind: Fixed(2) },
] };
impl Bounded for m::create_topics_response::CreatableTopicResult { fn schema() -> &'static Schema { &CreatableTopicResult } }
pub static CreateTopicsResponse: Schema = Schema { name: "CreateTopicsResponse", versions: 0xfc, tagged_versions: 0xe0, fields: &[
    Field { name: "throttle_time_ms", versions: 0xfc, kind: Fixed(4) },
    Field { name: "topics", versions: 0xe0, kind: Array { compact: true, nullable: false, elem: &Struct(&create_topics_response::CreatableTopicResult), elem_size: size_of::<m::create_topics_response::CreatableTopicResult>() } },
    Field { name: "topics", versions: 0x1c, kind: Array { compact: false, nullable: false, elem: &Struct(&create_topics_response::CreatableTopicResult), elem_size: size_of::<m::create_topics_response::CreatableTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::create_topics_response::CreateTopicsResponse { fn schema() -> &'static Schema { &CreateTopicsResponse } }
}

pub mod default_principal_data {
use super::*;
pub static DefaultPrincipalData: Schema = Schema { name: "DefaultPrincipalData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "_type", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "token_authenticated", versions: 0x1, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::default_principal_data::DefaultPrincipalData { fn schema() -> &'static Schema { &DefaultPrincipalData } }
}

pub mod delete_acls_request {
use super::*;
pub static DeleteAclsFilter: Schema = Schema { name: "DeleteAclsFilter", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "resource_type_filter", versions: 0xe, kind: Fixed(1) },
    Field { name: "resource_name_filter", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "resource_name_filter", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "pattern_type_filter", versions: 0xe, kind: Fixed(1) },
    Field { name: "principal_filter", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "principal_filter", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "host_filter", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "host_filter", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "operation", versions: 0xe, kind: Fixed(1) },
    Field { name: "permission_type", versions: 0xe, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::delete_acls_request::DeleteAclsFilter { fn schema() -> &'static Schema { &DeleteAclsFilter } }
pub static DeleteAclsRequest: Schema = Schema { name: "DeleteAclsRequest", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "filters", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_acls_request::DeleteAclsFilter), elem_size: size_of::<m::delete_acls_request::DeleteAclsFilter>() } },
    Field { name: "filters", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_acls_request::DeleteAclsFilter), elem_size: size_of::<m::delete_acls_request::DeleteAclsFilter>() } },
], tagged: &[
] };
impl Bounded for m::delete_acls_request::DeleteAclsRequest { fn schema() -> &'static Schema { &DeleteAclsRequest } }
}

pub mod delete_acls_response {
use super::*;
pub static DeleteAclsFilterResult: Schema = Schema { name: "DeleteAclsFilterResult", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "error_code", versions: 0xe, kind: Fixed(2) },
    Field { name: "error_message", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "matching_acls", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_acls_response::DeleteAclsMatchingAcl), elem_size: size_of::<m::delete_acls_response::DeleteAclsMatchingAcl>() } },
    Field { name: "matching_acls", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_acls_response::DeleteAclsMatchingAcl), elem_size: size_of::<m::delete_acls_response::DeleteAclsMatchingAcl>() } },
], tagged: &[
] };
impl Bounded for m::delete_acls_response::DeleteAclsFilterResult { fn schema() -> &'static Schema { &DeleteAclsFilterResult } }
pub static DeleteAclsMatchingAcl: Schema = Schema { name: "DeleteAclsMatchingAcl", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "error_code", versions: 0xe, kind: Fixed(2) },
    Field { name: "error_message", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "resource_type", versions: 0xe, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "pattern_type", versions: 0xe, kind: Fixed(1) },
    Field { name: "principal", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "host", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "operation", versions: 0xe, kind: Fixed(1) },
    Field { name: "permission_type", versions: 0xe, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::delete_acls_response::DeleteAclsMatchingAcl { fn schema() -> &'static Schema { &DeleteAclsMatchingAcl } }
pub static DeleteAclsResponse: Schema = Schema { name: "DeleteAclsResponse", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "throttle_time_ms", versions: 0xe, kind: Fixed(4) },
    Field { name: "filter_results", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_acls_response::DeleteAclsFilterResult), elem_size: size_of::<m::delete_acls_response::DeleteAclsFilterResult>() } },
    Field { name: "filter_results", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_acls_response::DeleteAclsFilterResult), elem_size: size_of::<m::delete_acls_response::DeleteAclsFilterResult>() } },
], tagged: &[
] };
impl Bounded for m::delete_acls_response::DeleteAclsResponse { fn schema() -> &'static Schema { &DeleteAclsResponse } }
}

pub mod delete_groups_request {
use super::*;
pub static DeleteGroupsRequest: Schema = Schema { name: "DeleteGroupsRequest", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "groups_names", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::GroupId>() } },
    Field { name: "groups_names", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &String { compact: false, nullable: false }, elem_size: size_of::<m::GroupId>() } },
], tagged: &[
] };
impl Bounded for m::delete_groups_request::DeleteGroupsRequest { fn schema() -> &'static Schema { &DeleteGroupsRequest } }
}

pub mod delete_groups_response {
use super::*;
pub static DeletableGroupResult: Schema = Schema { name: "DeletableGroupResult", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "group_id", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::delete_groups_response::DeletableGroupResult { fn schema() -> &'static Schema { &DeletableGroupResult } }
pub static DeleteGroupsResponse: Schema = Schema { name: "DeleteGroupsResponse", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "results", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_groups_response::DeletableGroupResult), elem_size: size_of::<m::delete_groups_response::DeletableGroupResult>() } },
    Field { name: "results", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_groups_response::DeletableGroupResult), elem_size: size_of::<m::delete_groups_response::DeletableGroupResult>() } },
], tagged: &[
] };
impl Bounded for m::delete_groups_response::DeleteGroupsResponse { fn schema() -> &'static Schema { &DeleteGroupsResponse } }
}

pub mod delete_records_request {
use super::*;
pub static DeleteRecordsPartition: Schema = Schema { name: "DeleteRecordsPartition", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "partition_index", versions: 0x7, kind: Fixed(4) },
    Field { name: "offset", versions: 0x7, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::delete_records_request::DeleteRecordsPartition { fn schema() -> &'static Schema { &DeleteRecordsPartition } }
pub static DeleteRecordsRequest: Schema = Schema { name: "DeleteRecordsRequest", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "topics", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_records_request::DeleteRecordsTopic), elem_size: size_of::<m::delete_records_request::DeleteRecordsTopic>() } },
    Field { name: "topics", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_records_request::DeleteRecordsTopic), elem_size: size_of::<m::delete_records_request::DeleteRecordsTopic>() } },
    Field { name: "timeout_ms", versions: 0x7, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::delete_records_request::DeleteRecordsRequest { fn schema() -> &'static Schema { &DeleteRecordsRequest } }
pub static DeleteRecordsTopic: Schema = Schema { name: "DeleteRecordsTopic", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_records_request::DeleteRecordsPartition), elem_size: size_of::<m::delete_records_request::DeleteRecordsPartition>() } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_records_request::DeleteRecordsPartition), elem_size: size_of::<m::delete_records_request::DeleteRecordsPartition>() } },
], tagged: &[
] };
impl Bounded for m::delete_records_request::DeleteRecordsTopic { fn schema() -> &'static Schema { &DeleteRecordsTopic } }
}

pub mod delete_records_response {
use super::*;
pub static DeleteRecordsPartitionResult: Schema = Schema { name: "DeleteRecordsPartitionResult", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "partition_index", versions: 0x7, kind: Fixed(4) },
    Field { name: "low_watermark", versions: 0x7, kind: Fixed(8) },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::delete_records_response::DeleteRecordsPartitionResult { fn schema() -> &'static Schema { &DeleteRecordsPartitionResult } }
pub static DeleteRecordsResponse: Schema = Schema { name: "DeleteRecordsResponse", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "topics", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_records_response::DeleteRecordsTopicResult), elem_size: size_of::<m::delete_records_response::DeleteRecordsTopicResult>() } },
    Field { name: "topics", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_records_response::DeleteRecordsTopicResult), elem_size: size_of::<m::delete_records_response::DeleteRecordsTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::delete_records_response::DeleteRecordsResponse { fn schema() -> &'static Schema { &DeleteRecordsResponse } }
pub static DeleteRecordsTopicResult: Schema = Schema { name: "DeleteRecordsTopicResult", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_records_response::DeleteRecordsPartitionResult), elem_size: size_of::<m::delete_records_response::DeleteRecordsPartitionResult>() } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_records_response::DeleteRecordsPartitionResult), elem_size: size_of::<m::delete_records_response::DeleteRecordsPartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::delete_records_response::DeleteRecordsTopicResult { fn schema() -> &'static Schema { &DeleteRecordsTopicResult } }
}

pub mod delete_share_group_offsets_request {
use super::*;
pub static DeleteShareGroupOffsetsRequest: Schema = Schema { name: "DeleteShareGroupOffsetsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_share_group_offsets_request::DeleteShareGroupOffsetsRequestTopic), elem_size: size_of::<m::delete_share_group_offsets_request::DeleteShareGroupOffsetsRequestTopic>() } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_offsets_request::DeleteShareGroupOffsetsRequest { fn schema() -> &'static Schema { &DeleteShareGroupOffsetsRequest } }
pub static DeleteShareGroupOffsetsRequestTopic: Schema = Schema { name: "DeleteShareGroupOffsetsRequestTopic", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_offsets_request::DeleteShareGroupOffsetsRequestTopic { fn schema() -> &'static Schema { &DeleteShareGroupOffsetsRequestTopic } }
}

pub mod delete_share_group_offsets_response {
use super::*;
pub static DeleteShareGroupOffsetsResponse: Schema = Schema { name: "DeleteShareGroupOffsetsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "responses", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_share_group_offsets_response::DeleteShareGroupOffsetsResponseTopic), elem_size: size_of::<m::delete_share_group_offsets_response::DeleteShareGroupOffsetsResponseTopic>() } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_offsets_response::DeleteShareGroupOffsetsResponse { fn schema() -> &'static Schema { &DeleteShareGroupOffsetsResponse } }
pub static DeleteShareGroupOffsetsResponseTopic: Schema = Schema { name: "DeleteShareGroupOffsetsResponseTopic", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_offsets_response::DeleteShareGroupOffsetsResponseTopic { fn schema() -> &'static Schema { &DeleteShareGroupOffsetsResponseTopic } }
}

pub mod delete_share_group_state_request {
use super::*;
pub static DeleteShareGroupStateRequest: Schema = Schema { name: "DeleteShareGroupStateRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_share_group_state_request::DeleteStateData), elem_size: size_of::<m::delete_share_group_state_request::DeleteStateData>() } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_state_request::DeleteShareGroupStateRequest { fn schema() -> &'static Schema { &DeleteShareGroupStateRequest } }
pub static DeleteStateData: Schema = Schema { name: "DeleteStateData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_share_group_state_request::PartitionData), elem_size: size_of::<m::delete_share_group_state_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_state_request::DeleteStateData { fn schema() -> &'static Schema { &DeleteStateData } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::delete_share_group_state_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
}

pub mod delete_share_group_state_response {
use super::*;
pub static DeleteShareGroupStateResponse: Schema = Schema { name: "DeleteShareGroupStateResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "results", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_share_group_state_response::DeleteStateResult), elem_size: size_of::<m::delete_share_group_state_response::DeleteStateResult>() } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_state_response::DeleteShareGroupStateResponse { fn schema() -> &'static Schema { &DeleteShareGroupStateResponse } }
pub static DeleteStateResult: Schema = Schema { name: "DeleteStateResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_share_group_state_response::PartitionResult), elem_size: size_of::<m::delete_share_group_state_response::PartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_state_response::DeleteStateResult { fn schema() -> &'static Schema { &DeleteStateResult } }
pub static PartitionResult: Schema = Schema { name: "PartitionResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::delete_share_group_state_response::PartitionResult { fn schema() -> &'static Schema { &PartitionResult } }
}

pub mod delete_topics_request {
use super::*;
pub static DeleteTopicState: Schema = Schema { name: "DeleteTopicState", versions: 0x7e, tagged_versions: 0x70, fields: &[
    Field { name: "name", versions: 0x40, kind: String { compact: true, nullable: true } },
    Field { name: "topic_id", versions: 0x40, kind: Fixed(16) },
], tagged: &[
] };
impl Bounded for m::delete_topics_request::DeleteTopicState { fn schema() -> &'static Schema { &DeleteTopicState } }
pub static DeleteTopicsRequest: Schema = Schema { name: "DeleteTopicsRequest", versions: 0x7e, tagged_versions: 0x70, fields: &[
    Field { name: "topics", versions: 0x40, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_topics_request::DeleteTopicState), elem_size: size_of::<m::delete_topics_request::DeleteTopicState>() } },
    Field { name: "topic_names", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::TopicName>() } },
    Field { name: "topic_names", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &String { compact: false, nullable: false }, elem_size: size_of::<m::TopicName>() } },
    Field { name: "timeout_ms", versions: 0x7e, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::delete_topics_request::DeleteTopicsRequest { fn schema() -> &'static Schema { &DeleteTopicsRequest } }
}

pub mod delete_topics_response {
use super::*;
pub static DeletableTopicResult: Schema = Schema { name: "DeletableTopicResult", versions: 0x7e, tagged_versions: 0x70, fields: &[
    Field { name: "name", versions: 0x70, kind: String { compact: true, nullable: true } },
    Field { name: "name", versions: 0xe, kind: String { compact: false, nullable: true } },
    Field { name: "topic_id", versions: 0x40, kind: Fixed(16) },
    Field { name: "error_code", versions: 0x7e, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x60, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::delete_topics_response::DeletableTopicResult { fn schema() -> &'static Schema { &DeletableTopicResult } }
pub static DeleteTopicsResponse: Schema = Schema { name: "DeleteTopicsResponse", versions: 0x7e, tagged_versions: 0x70, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7e, kind: Fixed(4) },
    Field { name: "responses", versions: 0x70, kind: Array { compact: true, nullable: false, elem: &Struct(&delete_topics_response::DeletableTopicResult), elem_size: size_of::<m::delete_topics_response::DeletableTopicResult>() } },
    Field { name: "responses", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &Struct(&delete_topics_response::DeletableTopicResult), elem_size: size_of::<m::delete_topics_response::DeletableTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::delete_topics_response::DeleteTopicsResponse { fn schema() -> &'static Schema { &DeleteTopicsResponse } }
}

pub mod describe_acls_request {
use super::*;
pub static DescribeAclsRequest: Schema = Schema { name: "DescribeAclsRequest", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "resource_type_filter", versions: 0xe, kind: Fixed(1) },
    Field { name: "resource_name_filter", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "resource_name_filter", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "pattern_type_filter", versions: 0xe, kind: Fixed(1) },
    Field { name: "principal_filter", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "principal_filter", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "host_filter", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "host_filter", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "operation", versions: 0xe, kind: Fixed(1) },
    Field { name: "permission_type", versions: 0xe, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_acls_request::DescribeAclsRequest { fn schema() -> &'static Schema { &DescribeAclsRequest } }
}

pub mod describe_acls_response {
use super::*;
pub static AclDescription: Schema = Schema { name: "AclDescription", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "principal", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "host", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "operation", versions: 0xe, kind: Fixed(1) },
    Field { name: "permission_type", versions: 0xe, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_acls_response::AclDescription { fn schema() -> &'static Schema { &AclDescription } }
pub static DescribeAclsResource: Schema = Schema { name: "DescribeAclsResource", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "resource_type", versions: 0xe, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "pattern_type", versions: 0xe, kind: Fixed(1) },
    Field { name: "acls", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_acls_response::AclDescription), elem_size: size_of::<m::describe_acls_response::AclDescription>() } },
    Field { name: "acls", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_acls_response::AclDescription), elem_size: size_of::<m::describe_acls_response::AclDescription>() } },
], tagged: &[
] };
impl Bounded for m::describe_acls_response::DescribeAclsResource { fn schema() -> &'static Schema { &DescribeAclsResource } }
pub static DescribeAclsResponse: Schema = Schema { name: "DescribeAclsResponse", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "throttle_time_ms", versions: 0xe, kind: Fixed(4) },
    Field { name: "error_code", versions: 0xe, kind: Fixed(2) },
    Field { name: "error_message", versions: 0xc, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x2, kind: String { compact: false, nullable: true } },
    Field { name: "resources", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_acls_response::DescribeAclsResource), elem_size: size_of::<m::describe_acls_response::DescribeAclsResource>() } },
    Field { name: "resources", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_acls_response::DescribeAclsResource), elem_size: size_of::<m::describe_acls_response::DescribeAclsResource>() } },
], tagged: &[
] };
impl Bounded for m::describe_acls_response::DescribeAclsResponse { fn schema() -> &'static Schema { &DescribeAclsResponse } }
}

pub mod describe_client_quotas_request {
use super::*;
pub static ComponentData: Schema = Schema { name: "ComponentData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "entity_type", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "entity_type", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "match_type", versions: 0x3, kind: Fixed(1) },
    Field { name: "_match", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "_match", versions: 0x1, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::describe_client_quotas_request::ComponentData { fn schema() -> &'static Schema { &ComponentData } }
pub static DescribeClientQuotasRequest: Schema = Schema { name: "DescribeClientQuotasRequest", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "components", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_client_quotas_request::ComponentData), elem_size: size_of::<m::describe_client_quotas_request::ComponentData>() } },
    Field { name: "components", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_client_quotas_request::ComponentData), elem_size: size_of::<m::describe_client_quotas_request::ComponentData>() } },
    Field { name: "strict", versions: 0x3, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_client_quotas_request::DescribeClientQuotasRequest { fn schema() -> &'static Schema { &DescribeClientQuotasRequest } }
}

pub mod describe_client_quotas_response {
use super::*;
pub static DescribeClientQuotasResponse: Schema = Schema { name: "DescribeClientQuotasResponse", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x1, kind: String { compact: false, nullable: true } },
    Field { name: "entries", versions: 0x2, kind: Array { compact: true, nullable: true, elem: &Struct(&describe_client_quotas_response::EntryData), elem_size: size_of::<m::describe_client_quotas_response::EntryData>() } },
    Field { name: "entries", versions: 0x1, kind: Array { compact: false, nullable: true, elem: &Struct(&describe_client_quotas_response::EntryData), elem_size: size_of::<m::describe_client_quotas_response::EntryData>() } },
], tagged: &[
] };
impl Bounded for m::describe_client_quotas_response::DescribeClientQuotasResponse { fn schema() -> &'static Schema { &DescribeClientQuotasResponse } }
pub static EntityData: Schema = Schema { name: "EntityData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "entity_type", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "entity_type", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "entity_name", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "entity_name", versions: 0x1, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::describe_client_quotas_response::EntityData { fn schema() -> &'static Schema { &EntityData } }
pub static EntryData: Schema = Schema { name: "EntryData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "entity", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_client_quotas_response::EntityData), elem_size: size_of::<m::describe_client_quotas_response::EntityData>() } },
    Field { name: "entity", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_client_quotas_response::EntityData), elem_size: size_of::<m::describe_client_quotas_response::EntityData>() } },
    Field { name: "values", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_client_quotas_response::ValueData), elem_size: size_of::<m::describe_client_quotas_response::ValueData>() } },
    Field { name: "values", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_client_quotas_response::ValueData), elem_size: size_of::<m::describe_client_quotas_response::ValueData>() } },
], tagged: &[
] };
impl Bounded for m::describe_client_quotas_response::EntryData { fn schema() -> &'static Schema { &EntryData } }
pub static ValueData: Schema = Schema { name: "ValueData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "key", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "key", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "value", versions: 0x3, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::describe_client_quotas_response::ValueData { fn schema() -> &'static Schema { &ValueData } }
}

pub mod describe_cluster_request {
use super::*;
pub static DescribeClusterRequest: Schema = Schema { name: "DescribeClusterRequest", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "include_cluster_authorized_operations", versions: 0x7, kind: Fixed(1) },
    Field { name: "endpoint_type", versions: 0x6, kind: Fixed(1) },
    Field { name: "include_fenced_brokers", versions: 0x4, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_cluster_request::DescribeClusterRequest { fn schema() -> &'static Schema { &DescribeClusterRequest } }
}

pub mod describe_cluster_response {
use super::*;
pub static DescribeClusterBroker: Schema = Schema { name: "DescribeClusterBroker", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "broker_id", versions: 0x7, kind: Fixed(4) },
    Field { name: "host", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x7, kind: Fixed(4) },
    Field { name: "rack", versions: 0x7, kind: String { compact: true, nullable: true } },
    Field { name: "is_fenced", versions: 0x4, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_cluster_response::DescribeClusterBroker { fn schema() -> &'static Schema { &DescribeClusterBroker } }
pub static DescribeClusterResponse: Schema = Schema { name: "DescribeClusterResponse", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x7, kind: String { compact: true, nullable: true } },
    Field { name: "endpoint_type", versions: 0x6, kind: Fixed(1) },
    Field { name: "cluster_id", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "controller_id", versions: 0x7, kind: Fixed(4) },
    Field { name: "brokers", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_cluster_response::DescribeClusterBroker), elem_size: size_of::<m::describe_cluster_response::DescribeClusterBroker>() } },
    Field { name: "cluster_authorized_operations", versions: 0x7, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_cluster_response::DescribeClusterResponse { fn schema() -> &'static Schema { &DescribeClusterResponse } }
}

pub mod describe_configs_request {
use super::*;
pub static DescribeConfigsRequest: Schema = Schema { name: "DescribeConfigsRequest", versions: 0x1e, tagged_versions: 0x10, fields: &[
    Field { name: "resources", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_configs_request::DescribeConfigsResource), elem_size: size_of::<m::describe_configs_request::DescribeConfigsResource>() } },
    Field { name: "resources", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_configs_request::DescribeConfigsResource), elem_size: size_of::<m::describe_configs_request::DescribeConfigsResource>() } },
    Field { name: "include_synonyms", versions: 0x1e, kind: Fixed(1) },
    Field { name: "include_documentation", versions: 0x18, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_configs_request::DescribeConfigsRequest { fn schema() -> &'static Schema { &DescribeConfigsRequest } }
pub static DescribeConfigsResource: Schema = Schema { name: "DescribeConfigsResource", versions: 0x1e, tagged_versions: 0x10, fields: &[
    Field { name: "resource_type", versions: 0x1e, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0xe, kind: String { compact: false, nullable: false } },
    Field { name: "configuration_keys", versions: 0x10, kind: Array { compact: true, nullable: true, elem: &String { compact: true, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
    Field { name: "configuration_keys", versions: 0xe, kind: Array { compact: false, nullable: true, elem: &String { compact: false, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
], tagged: &[
] };
impl Bounded for m::describe_configs_request::DescribeConfigsResource { fn schema() -> &'static Schema { &DescribeConfigsResource } }
}

pub mod describe_configs_response {
use super::*;
pub static DescribeConfigsResourceResult: Schema = Schema { name: "DescribeConfigsResourceResult", versions: 0x1e, tagged_versions: 0x10, fields: &[
    Field { name: "name", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0xe, kind: String { compact: false, nullable: false } },
    Field { name: "value", versions: 0x10, kind: String { compact: true, nullable: true } },
    Field { name: "value", versions: 0xe, kind: String { compact: false, nullable: true } },
    Field { name: "read_only", versions: 0x1e, kind: Fixed(1) },
    Field { name: "config_source", versions: 0x1e, kind: Fixed(1) },
    Field { name: "is_sensitive", versions: 0x1e, kind: Fixed(1) },
    Field { name: "synonyms", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_configs_response::DescribeConfigsSynonym), elem_size: size_of::<m::describe_configs_response::DescribeConfigsSynonym>() } },
    Field { name: "synonyms", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_configs_response::DescribeConfigsSynonym), elem_size: size_of::<m::describe_configs_response::DescribeConfigsSynonym>() } },
    Field { name: "config_type", versions: 0x18, kind: Fixed(1) },
    Field { name: "documentation", versions: 0x10, kind: String { compact: true, nullable: true } },
    Field { name: "documentation", versions: 0x8, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::describe_configs_response::DescribeConfigsResourceResult { fn schema() -> &'static Schema { &DescribeConfigsResourceResult } }
pub static DescribeConfigsResponse: Schema = Schema { name: "DescribeConfigsResponse", versions: 0x1e, tagged_versions: 0x10, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1e, kind: Fixed(4) },
    Field { name: "results", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_configs_response::DescribeConfigsResult), elem_size: size_of::<m::describe_configs_response::DescribeConfigsResult>() } },
    Field { name: "results", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_configs_response::DescribeConfigsResult), elem_size: size_of::<m::describe_configs_response::DescribeConfigsResult>() } },
], tagged: &[
] };
impl Bounded for m::describe_configs_response::DescribeConfigsResponse { fn schema() -> &'static Schema { &DescribeConfigsResponse } }
pub static DescribeConfigsResult: Schema = Schema { name: "DescribeConfigsResult", versions: 0x1e, tagged_versions: 0x10, fields: &[
    Field { name: "error_code", versions: 0x1e, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x10, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0xe, kind: String { compact: false, nullable: true } },
    Field { name: "resource_type", versions: 0x1e, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0xe, kind: String { compact: false, nullable: false } },
    Field { name: "configs", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_configs_response::DescribeConfigsResourceResult), elem_size: size_of::<m::describe_configs_response::DescribeConfigsResourceResult>() } },
    Field { name: "configs", versions: 0xe, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_configs_response::DescribeConfigsResourceResult), elem_size: size_of::<m::describe_configs_response::DescribeConfigsResourceResult>() } },
], tagged: &[
] };
impl Bounded for m::describe_configs_response::DescribeConfigsResult { fn schema() -> &'static Schema { &DescribeConfigsResult } }
pub static DescribeConfigsSynonym: Schema = Schema { name: "DescribeConfigsSynonym", versions: 0x1e, tagged_versions: 0x10, fields: &[
    Field { name: "name", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0xe, kind: String { compact: false, nullable: false } },
    Field { name: "value", versions: 0x10, kind: String { compact: true, nullable: true } },
    Field { name: "value", versions: 0xe, kind: String { compact: false, nullable: true } },
    Field { name: "source", versions: 0x1e, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_configs_response::DescribeConfigsSynonym { fn schema() -> &'static Schema { &DescribeConfigsSynonym } }
}

pub mod describe_delegation_token_request {
use super::*;
pub static DescribeDelegationTokenOwner: Schema = Schema { name: "DescribeDelegationTokenOwner", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "principal_type", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_type", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "principal_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_name", versions: 0x2, kind: String { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::describe_delegation_token_request::DescribeDelegationTokenOwner { fn schema() -> &'static Schema { &DescribeDelegationTokenOwner } }
pub static DescribeDelegationTokenRequest: Schema = Schema { name: "DescribeDelegationTokenRequest", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "owners", versions: 0xc, kind: Array { compact: true, nullable: true, elem: &Struct(&describe_delegation_token_request::DescribeDelegationTokenOwner), elem_size: size_of::<m::describe_delegation_token_request::DescribeDelegationTokenOwner>() } },
    Field { name: "owners", versions: 0x2, kind: Array { compact: false, nullable: true, elem: &Struct(&describe_delegation_token_request::DescribeDelegationTokenOwner), elem_size: size_of::<m::describe_delegation_token_request::DescribeDelegationTokenOwner>() } },
], tagged: &[
] };
impl Bounded for m::describe_delegation_token_request::DescribeDelegationTokenRequest { fn schema() -> &'static Schema { &DescribeDelegationTokenRequest } }
}

pub mod describe_delegation_token_response {
use super::*;
pub static DescribeDelegationTokenResponse: Schema = Schema { name: "DescribeDelegationTokenResponse", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "error_code", versions: 0xe, kind: Fixed(2) },
    Field { name: "tokens", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_delegation_token_response::DescribedDelegationToken), elem_size: size_of::<m::describe_delegation_token_response::DescribedDelegationToken>() } },
    Field { name: "tokens", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_delegation_token_response::DescribedDelegationToken), elem_size: size_of::<m::describe_delegation_token_response::DescribedDelegationToken>() } },
    Field { name: "throttle_time_ms", versions: 0xe, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_delegation_token_response::DescribeDelegationTokenResponse { fn schema() -> &'static Schema { &DescribeDelegationTokenResponse } }
pub static DescribedDelegationToken: Schema = Schema { name: "DescribedDelegationToken", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "principal_type", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_type", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "principal_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "token_requester_principal_type", versions: 0x8, kind: String { compact: true, nullable: false } },
    Field { name: "token_requester_principal_name", versions: 0x8, kind: String { compact: true, nullable: false } },
    Field { name: "issue_timestamp", versions: 0xe, kind: Fixed(8) },
    Field { name: "expiry_timestamp", versions: 0xe, kind: Fixed(8) },
    Field { name: "max_timestamp", versions: 0xe, kind: Fixed(8) },
    Field { name: "token_id", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "token_id", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "hmac", versions: 0xc, kind: Bytes { compact: true, nullable: false } },
    Field { name: "hmac", versions: 0x2, kind: Bytes { compact: false, nullable: false } },
    Field { name: "renewers", versions: 0xc, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_delegation_token_response::DescribedDelegationTokenRenewer), elem_size: size_of::<m::describe_delegation_token_response::DescribedDelegationTokenRenewer>() } },
    Field { name: "renewers", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_delegation_token_response::DescribedDelegationTokenRenewer), elem_size: size_of::<m::describe_delegation_token_response::DescribedDelegationTokenRenewer>() } },
], tagged: &[
] };
impl Bounded for m::describe_delegation_token_response::DescribedDelegationToken { fn schema() -> &'static Schema { &DescribedDelegationToken } }
pub static DescribedDelegationTokenRenewer: Schema = Schema { name: "DescribedDelegationTokenRenewer", versions: 0xe, tagged_versions: 0xc, fields: &[
    Field { name: "principal_type", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_type", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "principal_name", versions: 0xc, kind: String { compact: true, nullable: false } },
    Field { name: "principal_name", versions: 0x2, kind: String { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::describe_delegation_token_response::DescribedDelegationTokenRenewer { fn schema() -> &'static Schema { &DescribedDelegationTokenRenewer } }
}

pub mod describe_groups_request {
use super::*;
pub static DescribeGroupsRequest: Schema = Schema { name: "DescribeGroupsRequest", versions: 0x7f, tagged_versions: 0x60, fields: &[
    Field { name: "groups", versions: 0x60, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::GroupId>() } },
    Field { name: "groups", versions: 0x1f, kind: Array { compact: false, nullable: false, elem: &String { compact: false, nullable: false }, elem_size: size_of::<m::GroupId>() } },
    Field { name: "include_authorized_operations", versions: 0x78, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_groups_request::DescribeGroupsRequest { fn schema() -> &'static Schema { &DescribeGroupsRequest } }
}

pub mod describe_groups_response {
use super::*;
pub static DescribeGroupsResponse: Schema = Schema { name: "DescribeGroupsResponse", versions: 0x7f, tagged_versions: 0x60, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7e, kind: Fixed(4) },
    Field { name: "groups", versions: 0x60, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_groups_response::DescribedGroup), elem_size: size_of::<m::describe_groups_response::DescribedGroup>() } },
    Field { name: "groups", versions: 0x1f, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_groups_response::DescribedGroup), elem_size: size_of::<m::describe_groups_response::DescribedGroup>() } },
], tagged: &[
] };
impl Bounded for m::describe_groups_response::DescribeGroupsResponse { fn schema() -> &'static Schema { &DescribeGroupsResponse } }
pub static DescribedGroup: Schema = Schema { name: "DescribedGroup", versions: 0x7f, tagged_versions: 0x60, fields: &[
    Field { name: "error_code", versions: 0x7f, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x40, kind: String { compact: true, nullable: true } },
    Field { name: "group_id", versions: 0x60, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0x1f, kind: String { compact: false, nullable: false } },
    Field { name: "group_state", versions: 0x60, kind: String { compact: true, nullable: false } },
    Field { name: "group_state", versions: 0x1f, kind: String { compact: false, nullable: false } },
    Field { name: "protocol_type", versions: 0x60, kind: String { compact: true, nullable: false } },
    Field { name: "protocol_type", versions: 0x1f, kind: String { compact: false, nullable: false } },
    Field { name: "protocol_data", versions: 0x60, kind: String { compact: true, nullable: false } },
    Field { name: "protocol_data", versions: 0x1f, kind: String { compact: false, nullable: false } },
    Field { name: "members", versions: 0x60, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_groups_response::DescribedGroupMember), elem_size: size_of::<m::describe_groups_response::DescribedGroupMember>() } },
    Field { name: "members", versions: 0x1f, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_groups_response::DescribedGroupMember), elem_size: size_of::<m::describe_groups_response::DescribedGroupMember>() } },
    Field { name: "authorized_operations", versions: 0x78, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_groups_response::DescribedGroup { fn schema() -> &'static Schema { &DescribedGroup } }
pub static DescribedGroupMember: Schema = Schema { name: "DescribedGroupMember", versions: 0x7f, tagged_versions: 0x60, fields: &[
    Field { name: "member_id", versions: 0x60, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x1f, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x60, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x10, kind: String { compact: false, nullable: true } },
    Field { name: "client_id", versions: 0x60, kind: String { compact: true, nullable: false } },
    Field { name: "client_id", versions: 0x1f, kind: String { compact: false, nullable: false } },
    Field { name: "client_host", versions: 0x60, kind: String { compact: true, nullable: false } },
    Field { name: "client_host", versions: 0x1f, kind: String { compact: false, nullable: false } },
    Field { name: "member_metadata", versions: 0x60, kind: Bytes { compact: true, nullable: false } },
    Field { name: "member_metadata", versions: 0x1f, kind: Bytes { compact: false, nullable: false } },
    Field { name: "member_assignment", versions: 0x60, kind: Bytes { compact: true, nullable: false } },
    Field { name: "member_assignment", versions: 0x1f, kind: Bytes { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::describe_groups_response::DescribedGroupMember { fn schema() -> &'static Schema { &DescribedGroupMember } }
}

pub mod describe_log_dirs_request {
use super::*;
pub static DescribableLogDirTopic: Schema = Schema { name: "DescribableLogDirTopic", versions: 0x1e, tagged_versions: 0x1c, fields: &[
    Field { name: "topic", versions: 0x1c, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x1c, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::describe_log_dirs_request::DescribableLogDirTopic { fn schema() -> &'static Schema { &DescribableLogDirTopic } }
pub static DescribeLogDirsRequest: Schema = Schema { name: "DescribeLogDirsRequest", versions: 0x1e, tagged_versions: 0x1c, fields: &[
    Field { name: "topics", versions: 0x1c, kind: Array { compact: true, nullable: true, elem: &Struct(&describe_log_dirs_request::DescribableLogDirTopic), elem_size: size_of::<m::describe_log_dirs_request::DescribableLogDirTopic>() } },
    Field { name: "topics", versions: 0x2, kind: Array { compact: false, nullable: true, elem: &Struct(&describe_log_dirs_request::DescribableLogDirTopic), elem_size: size_of::<m::describe_log_dirs_request::DescribableLogDirTopic>() } },
], tagged: &[
] };
impl Bounded for m::describe_log_dirs_request::DescribeLogDirsRequest { fn schema() -> &'static Schema { &DescribeLogDirsRequest } }
}

pub mod describe_log_dirs_response {
use super::*;
pub static DescribeLogDirsPartition: Schema = Schema { name: "DescribeLogDirsPartition", versions: 0x1e, tagged_versions: 0x1c, fields: &[
    Field { name: "partition_index", versions: 0x1e, kind: Fixed(4) },
    Field { name: "partition_size", versions: 0x1e, kind: Fixed(8) },
    Field { name: "offset_lag", versions: 0x1e, kind: Fixed(8) },
    Field { name: "is_future_key", versions: 0x1e, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::describe_log_dirs_response::DescribeLogDirsPartition { fn schema() -> &'static Schema { &DescribeLogDirsPartition } }
pub static DescribeLogDirsResponse: Schema = Schema { name: "DescribeLogDirsResponse", versions: 0x1e, tagged_versions: 0x1c, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1e, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x18, kind: Fixed(2) },
    Field { name: "results", versions: 0x1c, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_log_dirs_response::DescribeLogDirsResult), elem_size: size_of::<m::describe_log_dirs_response::DescribeLogDirsResult>() } },
    Field { name: "results", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_log_dirs_response::DescribeLogDirsResult), elem_size: size_of::<m::describe_log_dirs_response::DescribeLogDirsResult>() } },
], tagged: &[
] };
impl Bounded for m::describe_log_dirs_response::DescribeLogDirsResponse { fn schema() -> &'static Schema { &DescribeLogDirsResponse } }
pub static DescribeLogDirsResult: Schema = Schema { name: "DescribeLogDirsResult", versions: 0x1e, tagged_versions: 0x1c, fields: &[
    Field { name: "error_code", versions: 0x1e, kind: Fixed(2) },
    Field { name: "log_dir", versions: 0x1c, kind: String { compact: true, nullable: false } },
    Field { name: "log_dir", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "topics", versions: 0x1c, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_log_dirs_response::DescribeLogDirsTopic), elem_size: size_of::<m::describe_log_dirs_response::DescribeLogDirsTopic>() } },
    Field { name: "topics", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_log_dirs_response::DescribeLogDirsTopic), elem_size: size_of::<m::describe_log_dirs_response::DescribeLogDirsTopic>() } },
    Field { name: "total_bytes", versions: 0x10, kind: Fixed(8) },
    Field { name: "usable_bytes", versions: 0x10, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::describe_log_dirs_response::DescribeLogDirsResult { fn schema() -> &'static Schema { &DescribeLogDirsResult } }
pub static DescribeLogDirsTopic: Schema = Schema { name: "DescribeLogDirsTopic", versions: 0x1e, tagged_versions: 0x1c, fields: &[
    Field { name: "name", versions: 0x1c, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x2, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x1c, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_log_dirs_response::DescribeLogDirsPartition), elem_size: size_of::<m::describe_log_dirs_response::DescribeLogDirsPartition>() } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: false, nullable: false, elem: &Struct(&describe_log_dirs_response::DescribeLogDirsPartition), elem_size: size_of::<m::describe_log_dirs_response::DescribeLogDirsPartition>() } },
], tagged: &[
] };
impl Bounded for m::describe_log_dirs_response::DescribeLogDirsTopic { fn schema() -> &'static Schema { &DescribeLogDirsTopic } }
}

pub mod describe_producers_request {
use super::*;
pub static DescribeProducersRequest: Schema = Schema { name: "DescribeProducersRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_producers_request::TopicRequest), elem_size: size_of::<m::describe_producers_request::TopicRequest>() } },
], tagged: &[
] };
impl Bounded for m::describe_producers_request::DescribeProducersRequest { fn schema() -> &'static Schema { &DescribeProducersRequest } }
pub static TopicRequest: Schema = Schema { name: "TopicRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partition_indexes", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::describe_producers_request::TopicRequest { fn schema() -> &'static Schema { &TopicRequest } }
}

pub mod describe_producers_response {
use super::*;
pub static DescribeProducersResponse: Schema = Schema { name: "DescribeProducersResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_producers_response::TopicResponse), elem_size: size_of::<m::describe_producers_response::TopicResponse>() } },
], tagged: &[
] };
impl Bounded for m::describe_producers_response::DescribeProducersResponse { fn schema() -> &'static Schema { &DescribeProducersResponse } }
pub static PartitionResponse: Schema = Schema { name: "PartitionResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "active_producers", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_producers_response::ProducerState), elem_size: size_of::<m::describe_producers_response::ProducerState>() } },
], tagged: &[
] };
impl Bounded for m::describe_producers_response::PartitionResponse { fn schema() -> &'static Schema { &PartitionResponse } }
pub static ProducerState: Schema = Schema { name: "ProducerState", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "producer_id", versions: 0x1, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "last_sequence", versions: 0x1, kind: Fixed(4) },
    Field { name: "last_timestamp", versions: 0x1, kind: Fixed(8) },
    Field { name: "coordinator_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "current_txn_start_offset", versions: 0x1, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::describe_producers_response::ProducerState { fn schema() -> &'static Schema { &ProducerState } }
pub static TopicResponse: Schema = Schema { name: "TopicResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_producers_response::PartitionResponse), elem_size: size_of::<m::describe_producers_response::PartitionResponse>() } },
], tagged: &[
] };
impl Bounded for m::describe_producers_response::TopicResponse { fn schema() -> &'static Schema { &TopicResponse } }
}

pub mod describe_quorum_request {
use super::*;
pub static DescribeQuorumRequest: Schema = Schema { name: "DescribeQuorumRequest", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "topics", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_request::TopicData), elem_size: size_of::<m::describe_quorum_request::TopicData>() } },
], tagged: &[
] };
impl Bounded for m::describe_quorum_request::DescribeQuorumRequest { fn schema() -> &'static Schema { &DescribeQuorumRequest } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "partition_index", versions: 0x7, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_quorum_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "topic_name", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_request::PartitionData), elem_size: size_of::<m::describe_quorum_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::describe_quorum_request::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod describe_quorum_response {
use super::*;
pub static DescribeQuorumResponse: Schema = Schema { name: "DescribeQuorumResponse", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x4, kind: String { compact: true, nullable: true } },
    Field { name: "topics", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_response::TopicData), elem_size: size_of::<m::describe_quorum_response::TopicData>() } },
    Field { name: "nodes", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_response::Node), elem_size: size_of::<m::describe_quorum_response::Node>() } },
], tagged: &[
] };
impl Bounded for m::describe_quorum_response::DescribeQuorumResponse { fn schema() -> &'static Schema { &DescribeQuorumResponse } }
pub static Listener: Schema = Schema { name: "Listener", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "name", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x4, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::describe_quorum_response::Listener { fn schema() -> &'static Schema { &Listener } }
pub static Node: Schema = Schema { name: "Node", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "node_id", versions: 0x4, kind: Fixed(4) },
    Field { name: "listeners", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_response::Listener), elem_size: size_of::<m::describe_quorum_response::Listener>() } },
], tagged: &[
] };
impl Bounded for m::describe_quorum_response::Node { fn schema() -> &'static Schema { &Node } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "partition_index", versions: 0x7, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x4, kind: String { compact: true, nullable: true } },
    Field { name: "leader_id", versions: 0x7, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x7, kind: Fixed(4) },
    Field { name: "high_watermark", versions: 0x7, kind: Fixed(8) },
    Field { name: "current_voters", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_response::ReplicaState), elem_size: size_of::<m::describe_quorum_response::ReplicaState>() } },
    Field { name: "observers", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_response::ReplicaState), elem_size: size_of::<m::describe_quorum_response::ReplicaState>() } },
], tagged: &[
] };
impl Bounded for m::describe_quorum_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static ReplicaState: Schema = Schema { name: "ReplicaState", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "replica_id", versions: 0x7, kind: Fixed(4) },
    Field { name: "replica_directory_id", versions: 0x4, kind: Fixed(16) },
    Field { name: "log_end_offset", versions: 0x7, kind: Fixed(8) },
    Field { name: "last_fetch_timestamp", versions: 0x6, kind: Fixed(8) },
    Field { name: "last_caught_up_timestamp", versions: 0x6, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::describe_quorum_response::ReplicaState { fn schema() -> &'static Schema { &ReplicaState } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "topic_name", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_quorum_response::PartitionData), elem_size: size_of::<m::describe_quorum_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::describe_quorum_response::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod describe_share_group_offsets_request {
use super::*;
pub static DescribeShareGroupOffsetsRequest: Schema = Schema { name: "DescribeShareGroupOffsetsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "groups", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestGroup), elem_size: size_of::<m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestGroup>() } },
], tagged: &[
] };
impl Bounded for m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequest { fn schema() -> &'static Schema { &DescribeShareGroupOffsetsRequest } }
pub static DescribeShareGroupOffsetsRequestGroup: Schema = Schema { name: "DescribeShareGroupOffsetsRequestGroup", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: true, elem: &Struct(&describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestTopic), elem_size: size_of::<m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestTopic>() } },
], tagged: &[
] };
impl Bounded for m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestGroup { fn schema() -> &'static Schema { &DescribeShareGroupOffsetsRequestGroup } }
pub static DescribeShareGroupOffsetsRequestTopic: Schema = Schema { name: "DescribeShareGroupOffsetsRequestTopic", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestTopic { fn schema() -> &'static Schema { &DescribeShareGroupOffsetsRequestTopic } }
}

pub mod describe_share_group_offsets_response {
use super::*;
pub static DescribeShareGroupOffsetsResponse: Schema = Schema { name: "DescribeShareGroupOffsetsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "groups", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseGroup), elem_size: size_of::<m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseGroup>() } },
], tagged: &[
] };
impl Bounded for m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponse { fn schema() -> &'static Schema { &DescribeShareGroupOffsetsResponse } }
pub static DescribeShareGroupOffsetsResponseGroup: Schema = Schema { name: "DescribeShareGroupOffsetsResponseGroup", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseTopic), elem_size: size_of::<m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseTopic>() } },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseGroup { fn schema() -> &'static Schema { &DescribeShareGroupOffsetsResponseGroup } }
pub static DescribeShareGroupOffsetsResponsePartition: Schema = Schema { name: "DescribeShareGroupOffsetsResponsePartition", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "start_offset", versions: 0x1, kind: Fixed(8) },
    Field { name: "leader_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponsePartition { fn schema() -> &'static Schema { &DescribeShareGroupOffsetsResponsePartition } }
pub static DescribeShareGroupOffsetsResponseTopic: Schema = Schema { name: "DescribeShareGroupOffsetsResponseTopic", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_share_group_offsets_response::DescribeShareGroupOffsetsResponsePartition), elem_size: size_of::<m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponsePartition>() } },
], tagged: &[
] };
impl Bounded for m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseTopic { fn schema() -> &'static Schema { &DescribeShareGroupOffsetsResponseTopic } }
}

pub mod describe_topic_partitions_request {
use super::*;
pub static Cursor: Schema = Schema { name: "Cursor", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_topic_partitions_request::Cursor { fn schema() -> &'static Schema { &Cursor } }
pub static DescribeTopicPartitionsRequest: Schema = Schema { name: "DescribeTopicPartitionsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_topic_partitions_request::TopicRequest), elem_size: size_of::<m::describe_topic_partitions_request::TopicRequest>() } },
    Field { name: "response_partition_limit", versions: 0x1, kind: Fixed(4) },
    Field { name: "cursor", versions: 0x1, kind: OptionStruct(&describe_topic_partitions_request::Cursor) },
], tagged: &[
] };
impl Bounded for m::describe_topic_partitions_request::DescribeTopicPartitionsRequest { fn schema() -> &'static Schema { &DescribeTopicPartitionsRequest } }
pub static TopicRequest: Schema = Schema { name: "TopicRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::describe_topic_partitions_request::TopicRequest { fn schema() -> &'static Schema { &TopicRequest } }
}

pub mod describe_topic_partitions_response {
use super::*;
pub static Cursor: Schema = Schema { name: "Cursor", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_topic_partitions_response::Cursor { fn schema() -> &'static Schema { &Cursor } }
pub static DescribeTopicPartitionsResponse: Schema = Schema { name: "DescribeTopicPartitionsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_topic_partitions_response::DescribeTopicPartitionsResponseTopic), elem_size: size_of::<m::describe_topic_partitions_response::DescribeTopicPartitionsResponseTopic>() } },
    Field { name: "next_cursor", versions: 0x1, kind: OptionStruct(&describe_topic_partitions_response::Cursor) },
], tagged: &[
] };
impl Bounded for m::describe_topic_partitions_response::DescribeTopicPartitionsResponse { fn schema() -> &'static Schema { &DescribeTopicPartitionsResponse } }
pub static DescribeTopicPartitionsResponsePartition: Schema = Schema { name: "DescribeTopicPartitionsResponsePartition", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "leader_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "replica_nodes", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "isr_nodes", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "eligible_leader_replicas", versions: 0x1, kind: Array { compact: true, nullable: true, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "last_known_elr", versions: 0x1, kind: Array { compact: true, nullable: true, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "offline_replicas", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
], tagged: &[
] };
impl Bounded for m::describe_topic_partitions_response::DescribeTopicPartitionsResponsePartition { fn schema() -> &'static Schema { &DescribeTopicPartitionsResponsePartition } }
pub static DescribeTopicPartitionsResponseTopic: Schema = Schema { name: "DescribeTopicPartitionsResponseTopic", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "is_internal", versions: 0x1, kind: Fixed(1) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_topic_partitions_response::DescribeTopicPartitionsResponsePartition), elem_size: size_of::<m::describe_topic_partitions_response::DescribeTopicPartitionsResponsePartition>() } },
    Field { name: "topic_authorized_operations", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_topic_partitions_response::DescribeTopicPartitionsResponseTopic { fn schema() -> &'static Schema { &DescribeTopicPartitionsResponseTopic } }
}

pub mod describe_transactions_request {
use super::*;
pub static DescribeTransactionsRequest: Schema = Schema { name: "DescribeTransactionsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "transactional_ids", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::TransactionalId>() } },
], tagged: &[
] };
impl Bounded for m::describe_transactions_request::DescribeTransactionsRequest { fn schema() -> &'static Schema { &DescribeTransactionsRequest } }
}

pub mod describe_transactions_response {
use super::*;
pub static DescribeTransactionsResponse: Schema = Schema { name: "DescribeTransactionsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "transaction_states", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_transactions_response::TransactionState), elem_size: size_of::<m::describe_transactions_response::TransactionState>() } },
], tagged: &[
] };
impl Bounded for m::describe_transactions_response::DescribeTransactionsResponse { fn schema() -> &'static Schema { &DescribeTransactionsResponse } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::describe_transactions_response::TopicData { fn schema() -> &'static Schema { &TopicData } }
pub static TransactionState: Schema = Schema { name: "TransactionState", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "transactional_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "transaction_state", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "transaction_timeout_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "transaction_start_time_ms", versions: 0x1, kind: Fixed(8) },
    Field { name: "producer_id", versions: 0x1, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x1, kind: Fixed(2) },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_transactions_response::TopicData), elem_size: size_of::<m::describe_transactions_response::TopicData>() } },
], tagged: &[
] };
impl Bounded for m::describe_transactions_response::TransactionState { fn schema() -> &'static Schema { &TransactionState } }
}

pub mod describe_user_scram_credentials_request {
use super::*;
pub static DescribeUserScramCredentialsRequest: Schema = Schema { name: "DescribeUserScramCredentialsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "users", versions: 0x1, kind: Array { compact: true, nullable: true, elem: &Struct(&describe_user_scram_credentials_request::UserName), elem_size: size_of::<m::describe_user_scram_credentials_request::UserName>() } },
], tagged: &[
] };
impl Bounded for m::describe_user_scram_credentials_request::DescribeUserScramCredentialsRequest { fn schema() -> &'static Schema { &DescribeUserScramCredentialsRequest } }
pub static UserName: Schema = Schema { name: "UserName", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::describe_user_scram_credentials_request::UserName { fn schema() -> &'static Schema { &UserName } }
}

pub mod describe_user_scram_credentials_response {
use super::*;
pub static CredentialInfo: Schema = Schema { name: "CredentialInfo", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "mechanism", versions: 0x1, kind: Fixed(1) },
    Field { name: "iterations", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::describe_user_scram_credentials_response::CredentialInfo { fn schema() -> &'static Schema { &CredentialInfo } }
pub static DescribeUserScramCredentialsResponse: Schema = Schema { name: "DescribeUserScramCredentialsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "results", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_user_scram_credentials_response::DescribeUserScramCredentialsResult), elem_size: size_of::<m::describe_user_scram_credentials_response::DescribeUserScramCredentialsResult>() } },
], tagged: &[
] };
impl Bounded for m::describe_user_scram_credentials_response::DescribeUserScramCredentialsResponse { fn schema() -> &'static Schema { &DescribeUserScramCredentialsResponse } }
pub static DescribeUserScramCredentialsResult: Schema = Schema { name: "DescribeUserScramCredentialsResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "user", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "credential_infos", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&describe_user_scram_credentials_response::CredentialInfo), elem_size: size_of::<m::describe_user_scram_credentials_response::CredentialInfo>() } },
], tagged: &[
] };
impl Bounded for m::describe_user_scram_credentials_response::DescribeUserScramCredentialsResult { fn schema() -> &'static Schema { &DescribeUserScramCredentialsResult } }
}

pub mod elect_leaders_request {
use super::*;
pub static ElectLeadersRequest: Schema = Schema { name: "ElectLeadersRequest", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "election_type", versions: 0x6, kind: Fixed(1) },
    Field { name: "topic_partitions", versions: 0x4, kind: Array { compact: true, nullable: true, elem: &Struct(&elect_leaders_request::TopicPartitions), elem_size: size_of::<m::elect_leaders_request::TopicPartitions>() } },
    Field { name: "topic_partitions", versions: 0x3, kind: Array { compact: false, nullable: true, elem: &Struct(&elect_leaders_request::TopicPartitions), elem_size: size_of::<m::elect_leaders_request::TopicPartitions>() } },
    Field { name: "timeout_ms", versions: 0x7, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::elect_leaders_request::ElectLeadersRequest { fn schema() -> &'static Schema { &ElectLeadersRequest } }
pub static TopicPartitions: Schema = Schema { name: "TopicPartitions", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "topic", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::elect_leaders_request::TopicPartitions { fn schema() -> &'static Schema { &TopicPartitions } }
}

pub mod elect_leaders_response {
use super::*;
pub static ElectLeadersResponse: Schema = Schema { name: "ElectLeadersResponse", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x6, kind: Fixed(2) },
    Field { name: "replica_election_results", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&elect_leaders_response::ReplicaElectionResult), elem_size: size_of::<m::elect_leaders_response::ReplicaElectionResult>() } },
    Field { name: "replica_election_results", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&elect_leaders_response::ReplicaElectionResult), elem_size: size_of::<m::elect_leaders_response::ReplicaElectionResult>() } },
], tagged: &[
] };
impl Bounded for m::elect_leaders_response::ElectLeadersResponse { fn schema() -> &'static Schema { &ElectLeadersResponse } }
pub static PartitionResult: Schema = Schema { name: "PartitionResult", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "partition_id", versions: 0x7, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x4, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x3, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::elect_leaders_response::PartitionResult { fn schema() -> &'static Schema { &PartitionResult } }
pub static ReplicaElectionResult: Schema = Schema { name: "ReplicaElectionResult", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "topic", versions: 0x4, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0x3, kind: String { compact: false, nullable: false } },
    Field { name: "partition_result", versions: 0x4, kind: Array { compact: true, nullable: false, elem: &Struct(&elect_leaders_response::PartitionResult), elem_size: size_of::<m::elect_leaders_response::PartitionResult>() } },
    Field { name: "partition_result", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &Struct(&elect_leaders_response::PartitionResult), elem_size: size_of::<m::elect_leaders_response::PartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::elect_leaders_response::ReplicaElectionResult { fn schema() -> &'static Schema { &ReplicaElectionResult } }
}

pub mod end_quorum_epoch_request {
use super::*;
pub static EndQuorumEpochRequest: Schema = Schema { name: "EndQuorumEpochRequest", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "cluster_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "cluster_id", versions: 0x1, kind: String { compact: false, nullable: true } },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&end_quorum_epoch_request::TopicData), elem_size: size_of::<m::end_quorum_epoch_request::TopicData>() } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&end_quorum_epoch_request::TopicData), elem_size: size_of::<m::end_quorum_epoch_request::TopicData>() } },
    Field { name: "leader_endpoints", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&end_quorum_epoch_request::LeaderEndpoint), elem_size: size_of::<m::end_quorum_epoch_request::LeaderEndpoint>() } },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_request::EndQuorumEpochRequest { fn schema() -> &'static Schema { &EndQuorumEpochRequest } }
pub static LeaderEndpoint: Schema = Schema { name: "LeaderEndpoint", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x2, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_request::LeaderEndpoint { fn schema() -> &'static Schema { &LeaderEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x3, kind: Fixed(4) },
    Field { name: "leader_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x3, kind: Fixed(4) },
    Field { name: "preferred_successors", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
    Field { name: "preferred_candidates", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&end_quorum_epoch_request::ReplicaInfo), elem_size: size_of::<m::end_quorum_epoch_request::ReplicaInfo>() } },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static ReplicaInfo: Schema = Schema { name: "ReplicaInfo", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "candidate_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "candidate_directory_id", versions: 0x2, kind: Fixed(16) },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_request::ReplicaInfo { fn schema() -> &'static Schema { &ReplicaInfo } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "topic_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "topic_name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&end_quorum_epoch_request::PartitionData), elem_size: size_of::<m::end_quorum_epoch_request::PartitionData>() } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&end_quorum_epoch_request::PartitionData), elem_size: size_of::<m::end_quorum_epoch_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_request::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod end_quorum_epoch_response {
use super::*;
pub static EndQuorumEpochResponse: Schema = Schema { name: "EndQuorumEpochResponse", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&end_quorum_epoch_response::TopicData), elem_size: size_of::<m::end_quorum_epoch_response::TopicData>() } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&end_quorum_epoch_response::TopicData), elem_size: size_of::<m::end_quorum_epoch_response::TopicData>() } },
], tagged: &[
    TaggedField { tag: 0, name: "node_endpoints", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&end_quorum_epoch_response::NodeEndpoint), elem_size: size_of::<m::end_quorum_epoch_response::NodeEndpoint>() } },
] };
impl Bounded for m::end_quorum_epoch_response::EndQuorumEpochResponse { fn schema() -> &'static Schema { &EndQuorumEpochResponse } }
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "node_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x2, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "leader_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "topic_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "topic_name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&end_quorum_epoch_response::PartitionData), elem_size: size_of::<m::end_quorum_epoch_response::PartitionData>() } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&end_quorum_epoch_response::PartitionData), elem_size: size_of::<m::end_quorum_epoch_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::end_quorum_epoch_response::TopicData { fn schema() -> &'static Schema { &TopicData } }
}

pub mod end_txn_marker {
use super::*;
pub static EndTxnMarker: Schema = Schema { name: "EndTxnMarker", versions: 0x1, tagged_versions: 0x0, fields: &[
    Field { name: "coordinator_epoch", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::end_txn_marker::EndTxnMarker { fn schema() -> &'static Schema { &EndTxnMarker } }
}

pub mod end_txn_request {
use super::*;
pub static EndTxnRequest: Schema = Schema { name: "EndTxnRequest", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "transactional_id", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "transactional_id", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "producer_id", versions: 0x3f, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x3f, kind: Fixed(2) },
    Field { name: "committed", versions: 0x3f, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::end_txn_request::EndTxnRequest { fn schema() -> &'static Schema { &EndTxnRequest } }
}

pub mod end_txn_response {
use super::*;
pub static EndTxnResponse: Schema = Schema { name: "EndTxnResponse", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3f, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3f, kind: Fixed(2) },
    Field { name: "producer_id", versions: 0x20, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x20, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::end_txn_response::EndTxnResponse { fn schema() -> &'static Schema { &EndTxnResponse } }
}

pub mod envelope_request {
use super::*;
pub static EnvelopeRequest: Schema = Schema { name: "EnvelopeRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "request_data", versions: 0x1, kind: Bytes { compact: true, nullable: false } },
    Field { name: "request_principal", versions: 0x1, kind: Bytes { compact: true, nullable: true } },
    Field { name: "client_host_address", versions: 0x1, kind: Bytes { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::envelope_request::EnvelopeRequest { fn schema() -> &'static Schema { &EnvelopeRequest } }
}

pub mod envelope_response {
use super::*;
pub static EnvelopeResponse: Schema = Schema { name: "EnvelopeResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "response_data", versions: 0x1, kind: Bytes { compact: true, nullable: true } },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::envelope_response::EnvelopeResponse { fn schema() -> &'static Schema { &EnvelopeResponse } }
}

pub mod expire_delegation_token_request {
use super::*;
pub static ExpireDelegationTokenRequest: Schema = Schema { name: "ExpireDelegationTokenRequest", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "hmac", versions: 0x4, kind: Bytes { compact: true, nullable: false } },
    Field { name: "hmac", versions: 0x2, kind: Bytes { compact: false, nullable: false } },
    Field { name: "expiry_time_period_ms", versions: 0x6, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::expire_delegation_token_request::ExpireDelegationTokenRequest { fn schema() -> &'static Schema { &ExpireDelegationTokenRequest } }
}

pub mod expire_delegation_token_response {
use super::*;
pub static ExpireDelegationTokenResponse: Schema = Schema { name: "ExpireDelegationTokenResponse", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "error_code", versions: 0x6, kind: Fixed(2) },
    Field { name: "expiry_timestamp_ms", versions: 0x6, kind: Fixed(8) },
    Field { name: "throttle_time_ms", versions: 0x6, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::expire_delegation_token_response::ExpireDelegationTokenResponse { fn schema() -> &'static Schema { &ExpireDelegationTokenResponse } }
}

pub mod fetch_request {
use super::*;
pub static FetchPartition: Schema = Schema { name: "FetchPartition", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "partition", versions: 0x7fff0, kind: Fixed(4) },
    Field { name: "current_leader_epoch", versions: 0x7fe00, kind: Fixed(4) },
    Field { name: "fetch_offset", versions: 0x7fff0, kind: Fixed(8) },
    Field { name: "last_fetched_epoch", versions: 0x7f000, kind: Fixed(4) },
    Field { name: "log_start_offset", versions: 0x7ffe0, kind: Fixed(8) },
    Field { name: "partition_max_bytes", versions: 0x7fff0, kind: Fixed(4) },
], tagged: &[
    TaggedField { tag: 0, name: "replica_directory_id", versions: 0x60000, kind: Fixed(16) },
    TaggedField { tag: 1, name: "high_watermark", versions: 0x40000, kind: Fixed(8) },
] };
impl Bounded for m::fetch_request::FetchPartition { fn schema() -> &'static Schema { &FetchPartition } }
pub static FetchRequest: Schema = Schema { name: "FetchRequest", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "replica_id", versions: 0x7ff0, kind: Fixed(4) },
    Field { name: "max_wait_ms", versions: 0x7fff0, kind: Fixed(4) },
    Field { name: "min_bytes", versions: 0x7fff0, kind: Fixed(4) },
    Field { name: "max_bytes", versions: 0x7fff0, kind: Fixed(4) },
    Field { name: "isolation_level", versions: 0x7fff0, kind: Fixed(1) },
    Field { name: "session_id", versions: 0x7ff80, kind: Fixed(4) },
    Field { name: "session_epoch", versions: 0x7ff80, kind: Fixed(4) },
    Field { name: "topics", versions: 0x7f000, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_request::FetchTopic), elem_size: size_of::<m::fetch_request::FetchTopic>() } },
    Field { name: "topics", versions: 0xff0, kind: Array { compact: false, nullable: false, elem: &Struct(&fetch_request::FetchTopic), elem_size: size_of::<m::fetch_request::FetchTopic>() } },
    Field { name: "forgotten_topics_data", versions: 0x7f000, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_request::ForgottenTopic), elem_size: size_of::<m::fetch_request::ForgottenTopic>() } },
    Field { name: "forgotten_topics_data", versions: 0xf80, kind: Array { compact: false, nullable: false, elem: &Struct(&fetch_request::ForgottenTopic), elem_size: size_of::<m::fetch_request::ForgottenTopic>() } },
    Field { name: "rack_id", versions: 0x7f000, kind: String { compact: true, nullable: false } },
    Field { name: "rack_id", versions: 0x800, kind: String { compact: false, nullable: false } },
], tagged: &[
    TaggedField { tag: 0, name: "cluster_id", versions: 0x7fff0, kind: String { compact: true, nullable: true } },
    TaggedField { tag: 1, name: "replica_state", versions: 0x78000, kind: Struct(&fetch_request::ReplicaState) },
] };
impl Bounded for m::fetch_request::FetchRequest { fn schema() -> &'static Schema { &FetchRequest } }
pub static FetchTopic: Schema = Schema { name: "FetchTopic", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "topic", versions: 0x1000, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0xff0, kind: String { compact: false, nullable: false } },
    Field { name: "topic_id", versions: 0x7e000, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x7f000, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_request::FetchPartition), elem_size: size_of::<m::fetch_request::FetchPartition>() } },
    Field { name: "partitions", versions: 0xff0, kind: Array { compact: false, nullable: false, elem: &Struct(&fetch_request::FetchPartition), elem_size: size_of::<m::fetch_request::FetchPartition>() } },
], tagged: &[
] };
impl Bounded for m::fetch_request::FetchTopic { fn schema() -> &'static Schema { &FetchTopic } }
pub static ForgottenTopic: Schema = Schema { name: "ForgottenTopic", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "topic", versions: 0x1000, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0xf80, kind: String { compact: false, nullable: false } },
    Field { name: "topic_id", versions: 0x7e000, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x7f000, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
    Field { name: "partitions", versions: 0xf80, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::fetch_request::ForgottenTopic { fn schema() -> &'static Schema { &ForgottenTopic } }
pub static ReplicaState: Schema = Schema { name: "ReplicaState", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "replica_id", versions: 0x78000, kind: Fixed(4) },
    Field { name: "replica_epoch", versions: 0x78000, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::fetch_request::ReplicaState { fn schema() -> &'static Schema { &ReplicaState } }
}

pub mod fetch_response {
use super::*;
pub static AbortedTransaction: Schema = Schema { name: "AbortedTransaction", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "producer_id", versions: 0x7fff0, kind: Fixed(8) },
    Field { name: "first_offset", versions: 0x7fff0, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::fetch_response::AbortedTransaction { fn schema() -> &'static Schema { &AbortedTransaction } }
pub static EpochEndOffset: Schema = Schema { name: "EpochEndOffset", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "epoch", versions: 0x7f000, kind: Fixed(4) },
    Field { name: "end_offset", versions: 0x7f000, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::fetch_response::EpochEndOffset { fn schema() -> &'static Schema { &EpochEndOffset } }
pub static FetchResponse: Schema = Schema { name: "FetchResponse", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7fff0, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7ff80, kind: Fixed(2) },
    Field { name: "session_id", versions: 0x7ff80, kind: Fixed(4) },
    Field { name: "responses", versions: 0x7f000, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_response::FetchableTopicResponse), elem_size: size_of::<m::fetch_response::FetchableTopicResponse>() } },
    Field { name: "responses", versions: 0xff0, kind: Array { compact: false, nullable: false, elem: &Struct(&fetch_response::FetchableTopicResponse), elem_size: size_of::<m::fetch_response::FetchableTopicResponse>() } },
], tagged: &[
    TaggedField { tag: 0, name: "node_endpoints", versions: 0x70000, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_response::NodeEndpoint), elem_size: size_of::<m::fetch_response::NodeEndpoint>() } },
] };
impl Bounded for m::fetch_response::FetchResponse { fn schema() -> &'static Schema { &FetchResponse } }
pub static FetchableTopicResponse: Schema = Schema { name: "FetchableTopicResponse", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "topic", versions: 0x1000, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0xff0, kind: String { compact: false, nullable: false } },
    Field { name: "topic_id", versions: 0x7e000, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x7f000, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_response::PartitionData), elem_size: size_of::<m::fetch_response::PartitionData>() } },
    Field { name: "partitions", versions: 0xff0, kind: Array { compact: false, nullable: false, elem: &Struct(&fetch_response::PartitionData), elem_size: size_of::<m::fetch_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::fetch_response::FetchableTopicResponse { fn schema() -> &'static Schema { &FetchableTopicResponse } }
pub static LeaderIdAndEpoch: Schema = Schema { name: "LeaderIdAndEpoch", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "leader_id", versions: 0x7f000, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x7f000, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::fetch_response::LeaderIdAndEpoch { fn schema() -> &'static Schema { &LeaderIdAndEpoch } }
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "node_id", versions: 0x70000, kind: Fixed(4) },
    Field { name: "host", versions: 0x70000, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x70000, kind: Fixed(4) },
    Field { name: "rack", versions: 0x70000, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::fetch_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "partition_index", versions: 0x7fff0, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7fff0, kind: Fixed(2) },
    Field { name: "high_watermark", versions: 0x7fff0, kind: Fixed(8) },
    Field { name: "last_stable_offset", versions: 0x7fff0, kind: Fixed(8) },
    Field { name: "log_start_offset", versions: 0x7ffe0, kind: Fixed(8) },
    Field { name: "aborted_transactions", versions: 0x7f000, kind: Array { compact: true, nullable: true, elem: &Struct(&fetch_response::AbortedTransaction), elem_size: size_of::<m::fetch_response::AbortedTransaction>() } },
    Field { name: "aborted_transactions", versions: 0xff0, kind: Array { compact: false, nullable: true, elem: &Struct(&fetch_response::AbortedTransaction), elem_size: size_of::<m::fetch_response::AbortedTransaction>() } },
    Field { name: "preferred_read_replica", versions: 0x7f800, kind: Fixed(4) },
    Field { name: "records", versions: 0x7f000, kind: Bytes { compact: true, nullable: true } },
    Field { name: "records", versions: 0xff0, kind: Bytes { compact: false, nullable: true } },
], tagged: &[
    TaggedField { tag: 0, name: "diverging_epoch", versions: 0x7fff0, kind: Struct(&fetch_response::EpochEndOffset) },
    TaggedField { tag: 1, name: "current_leader", versions: 0x7fff0, kind: Struct(&fetch_response::LeaderIdAndEpoch) },
    TaggedField { tag: 2, name: "snapshot_id", versions: 0x7fff0, kind: Struct(&fetch_response::SnapshotId) },
] };
impl Bounded for m::fetch_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static SnapshotId: Schema = Schema { name: "SnapshotId", versions: 0x7fff0, tagged_versions: 0x7f000, fields: &[
    Field { name: "end_offset", versions: 0x7fff0, kind: Fixed(8) },
    Field { name: "epoch", versions: 0x7fff0, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::fetch_response::SnapshotId { fn schema() -> &'static Schema { &SnapshotId } }
}

pub mod fetch_snapshot_request {
use super::*;
pub static FetchSnapshotRequest: Schema = Schema { name: "FetchSnapshotRequest", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "replica_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "max_bytes", versions: 0x3, kind: Fixed(4) },
    Field { name: "topics", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_snapshot_request::TopicSnapshot), elem_size: size_of::<m::fetch_snapshot_request::TopicSnapshot>() } },
], tagged: &[
    TaggedField { tag: 0, name: "cluster_id", versions: 0x3, kind: String { compact: true, nullable: true } },
] };
impl Bounded for m::fetch_snapshot_request::FetchSnapshotRequest { fn schema() -> &'static Schema { &FetchSnapshotRequest } }
pub static PartitionSnapshot: Schema = Schema { name: "PartitionSnapshot", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "partition", versions: 0x3, kind: Fixed(4) },
    Field { name: "current_leader_epoch", versions: 0x3, kind: Fixed(4) },
    Field { name: "snapshot_id", versions: 0x3, kind: Struct(&fetch_snapshot_request::SnapshotId) },
    Field { name: "position", versions: 0x3, kind: Fixed(8) },
], tagged: &[
    TaggedField { tag: 0, name: "replica_directory_id", versions: 0x2, kind: Fixed(16) },
] };
impl Bounded for m::fetch_snapshot_request::PartitionSnapshot { fn schema() -> &'static Schema { &PartitionSnapshot } }
pub static SnapshotId: Schema = Schema { name: "SnapshotId", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "end_offset", versions: 0x3, kind: Fixed(8) },
    Field { name: "epoch", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::fetch_snapshot_request::SnapshotId { fn schema() -> &'static Schema { &SnapshotId } }
pub static TopicSnapshot: Schema = Schema { name: "TopicSnapshot", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "name", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_snapshot_request::PartitionSnapshot), elem_size: size_of::<m::fetch_snapshot_request::PartitionSnapshot>() } },
], tagged: &[
] };
impl Bounded for m::fetch_snapshot_request::TopicSnapshot { fn schema() -> &'static Schema { &TopicSnapshot } }
}

pub mod fetch_snapshot_response {
use super::*;
pub static FetchSnapshotResponse: Schema = Schema { name: "FetchSnapshotResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "topics", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_snapshot_response::TopicSnapshot), elem_size: size_of::<m::fetch_snapshot_response::TopicSnapshot>() } },
], tagged: &[
    TaggedField { tag: 0, name: "node_endpoints", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_snapshot_response::NodeEndpoint), elem_size: size_of::<m::fetch_snapshot_response::NodeEndpoint>() } },
] };
impl Bounded for m::fetch_snapshot_response::FetchSnapshotResponse { fn schema() -> &'static Schema { &FetchSnapshotResponse } }
pub static LeaderIdAndEpoch: Schema = Schema { name: "LeaderIdAndEpoch", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "leader_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::fetch_snapshot_response::LeaderIdAndEpoch { fn schema() -> &'static Schema { &LeaderIdAndEpoch } }
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "node_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x2, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::fetch_snapshot_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionSnapshot: Schema = Schema { name: "PartitionSnapshot", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "index", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "snapshot_id", versions: 0x3, kind: Struct(&fetch_snapshot_response::SnapshotId) },
    Field { name: "size", versions: 0x3, kind: Fixed(8) },
    Field { name: "position", versions: 0x3, kind: Fixed(8) },
    Field { name: "unaligned_records", versions: 0x3, kind: Bytes { compact: true, nullable: false } },
], tagged: &[
    TaggedField { tag: 0, name: "current_leader", versions: 0x3, kind: Struct(&fetch_snapshot_response::LeaderIdAndEpoch) },
] };
impl Bounded for m::fetch_snapshot_response::PartitionSnapshot { fn schema() -> &'static Schema { &PartitionSnapshot } }
pub static SnapshotId: Schema = Schema { name: "SnapshotId", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "end_offset", versions: 0x3, kind: Fixed(8) },
    Field { name: "epoch", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::fetch_snapshot_response::SnapshotId { fn schema() -> &'static Schema { &SnapshotId } }
pub static TopicSnapshot: Schema = Schema { name: "TopicSnapshot", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "name", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&fetch_snapshot_response::PartitionSnapshot), elem_size: size_of::<m::fetch_snapshot_response::PartitionSnapshot>() } },
], tagged: &[
] };
impl Bounded for m::fetch_snapshot_response::TopicSnapshot { fn schema() -> &'static Schema { &TopicSnapshot } }
}

pub mod find_coordinator_request {
use super::*;
pub static FindCoordinatorRequest: Schema = Schema { name: "FindCoordinatorRequest", versions: 0x7f, tagged_versions: 0x78, fields: &[
    Field { name: "key", versions: 0x8, kind: String { compact: true, nullable: false } },
    Field { name: "key", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "key_type", versions: 0x7e, kind: Fixed(1) },
    Field { name: "coordinator_keys", versions: 0x70, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
], tagged: &[
] };
impl Bounded for m::find_coordinator_request::FindCoordinatorRequest { fn schema() -> &'static Schema { &FindCoordinatorRequest } }
}

pub mod find_coordinator_response {
use super::*;
pub static Coordinator: Schema = Schema { name: "Coordinator", versions: 0x7f, tagged_versions: 0x78, fields: &[
    Field { name: "key", versions: 0x70, kind: String { compact: true, nullable: false } },
    Field { name: "node_id", versions: 0x70, kind: Fixed(4) },
    Field { name: "host", versions: 0x70, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x70, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x70, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x70, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::find_coordinator_response::Coordinator { fn schema() -> &'static Schema { &Coordinator } }
pub static FindCoordinatorResponse: Schema = Schema { name: "FindCoordinatorResponse", versions: 0x7f, tagged_versions: 0x78, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7e, kind: Fixed(4) },
    Field { name: "error_code", versions: 0xf, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x8, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x6, kind: String { compact: false, nullable: true } },
    Field { name: "node_id", versions: 0xf, kind: Fixed(4) },
    Field { name: "host", versions: 0x8, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "port", versions: 0xf, kind: Fixed(4) },
    Field { name: "coordinators", versions: 0x70, kind: Array { compact: true, nullable: false, elem: &Struct(&find_coordinator_response::Coordinator), elem_size: size_of::<m::find_coordinator_response::Coordinator>() } },
], tagged: &[
] };
impl Bounded for m::find_coordinator_response::FindCoordinatorResponse { fn schema() -> &'static Schema { &FindCoordinatorResponse } }
}

pub mod get_telemetry_subscriptions_request {
use super::*;
pub static GetTelemetrySubscriptionsRequest: Schema = Schema { name: "GetTelemetrySubscriptionsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "client_instance_id", versions: 0x1, kind: Fixed(16) },
], tagged: &[
] };
impl Bounded for m::get_telemetry_subscriptions_request::GetTelemetrySubscriptionsRequest { fn schema() -> &'static Schema { &GetTelemetrySubscriptionsRequest } }
}

pub mod get_telemetry_subscriptions_response {
use super::*;
pub static GetTelemetrySubscriptionsResponse: Schema = Schema { name: "GetTelemetrySubscriptionsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "client_instance_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "subscription_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "accepted_compression_types", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(1), elem_size: size_of::<i8>() } },
    Field { name: "push_interval_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "telemetry_max_bytes", versions: 0x1, kind: Fixed(4) },
    Field { name: "delta_temporality", versions: 0x1, kind: Fixed(1) },
    Field { name: "requested_metrics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
], tagged: &[
] };
impl Bounded for m::get_telemetry_subscriptions_response::GetTelemetrySubscriptionsResponse { fn schema() -> &'static Schema { &GetTelemetrySubscriptionsResponse } }
}

pub mod heartbeat_request {
use super::*;
pub static HeartbeatRequest: Schema = Schema { name: "HeartbeatRequest", versions: 0x1f, tagged_versions: 0x10, fields: &[
    Field { name: "group_id", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0xf, kind: String { compact: false, nullable: false } },
    Field { name: "generation_id", versions: 0x1f, kind: Fixed(4) },
    Field { name: "member_id", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0xf, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x10, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x8, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::heartbeat_request::HeartbeatRequest { fn schema() -> &'static Schema { &HeartbeatRequest } }
}

pub mod heartbeat_response {
use super::*;
pub static HeartbeatResponse: Schema = Schema { name: "HeartbeatResponse", versions: 0x1f, tagged_versions: 0x10, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1e, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1f, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::heartbeat_response::HeartbeatResponse { fn schema() -> &'static Schema { &HeartbeatResponse } }
}

pub mod incremental_alter_configs_request {
use super::*;
pub static AlterConfigsResource: Schema = Schema { name: "AlterConfigsResource", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "resource_type", versions: 0x3, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "configs", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&incremental_alter_configs_request::AlterableConfig), elem_size: size_of::<m::incremental_alter_configs_request::AlterableConfig>() } },
    Field { name: "configs", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&incremental_alter_configs_request::AlterableConfig), elem_size: size_of::<m::incremental_alter_configs_request::AlterableConfig>() } },
], tagged: &[
] };
impl Bounded for m::incremental_alter_configs_request::AlterConfigsResource { fn schema() -> &'static Schema { &AlterConfigsResource } }
pub static AlterableConfig: Schema = Schema { name: "AlterableConfig", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "config_operation", versions: 0x3, kind: Fixed(1) },
    Field { name: "value", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "value", versions: 0x1, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::incremental_alter_configs_request::AlterableConfig { fn schema() -> &'static Schema { &AlterableConfig } }
pub static IncrementalAlterConfigsRequest: Schema = Schema { name: "IncrementalAlterConfigsRequest", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "resources", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&incremental_alter_configs_request::AlterConfigsResource), elem_size: size_of::<m::incremental_alter_configs_request::AlterConfigsResource>() } },
    Field { name: "resources", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&incremental_alter_configs_request::AlterConfigsResource), elem_size: size_of::<m::incremental_alter_configs_request::AlterConfigsResource>() } },
    Field { name: "validate_only", versions: 0x3, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::incremental_alter_configs_request::IncrementalAlterConfigsRequest { fn schema() -> &'static Schema { &IncrementalAlterConfigsRequest } }
}

pub mod incremental_alter_configs_response {
use super::*;
pub static AlterConfigsResourceResponse: Schema = Schema { name: "AlterConfigsResourceResponse", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x1, kind: String { compact: false, nullable: true } },
    Field { name: "resource_type", versions: 0x3, kind: Fixed(1) },
    Field { name: "resource_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "resource_name", versions: 0x1, kind: String { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::incremental_alter_configs_response::AlterConfigsResourceResponse { fn schema() -> &'static Schema { &AlterConfigsResourceResponse } }
pub static IncrementalAlterConfigsResponse: Schema = Schema { name: "IncrementalAlterConfigsResponse", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "responses", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&incremental_alter_configs_response::AlterConfigsResourceResponse), elem_size: size_of::<m::incremental_alter_configs_response::AlterConfigsResourceResponse>() } },
    Field { name: "responses", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&incremental_alter_configs_response::AlterConfigsResourceResponse), elem_size: size_of::<m::incremental_alter_configs_response::AlterConfigsResourceResponse>() } },
], tagged: &[
] };
impl Bounded for m::incremental_alter_configs_response::IncrementalAlterConfigsResponse { fn schema() -> &'static Schema { &IncrementalAlterConfigsResponse } }
}

pub mod init_producer_id_request {
use super::*;
pub static InitProducerIdRequest: Schema = Schema { name: "InitProducerIdRequest", versions: 0x3f, tagged_versions: 0x3c, fields: &[
    Field { name: "transactional_id", versions: 0x3c, kind: String { compact: true, nullable: true } },
    Field { name: "transactional_id", versions: 0x3, kind: String { compact: false, nullable: true } },
    Field { name: "transaction_timeout_ms", versions: 0x3f, kind: Fixed(4) },
    Field { name: "producer_id", versions: 0x38, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x38, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::init_producer_id_request::InitProducerIdRequest { fn schema() -> &'static Schema { &InitProducerIdRequest } }
}

pub mod init_producer_id_response {
use super::*;
pub static InitProducerIdResponse: Schema = Schema { name: "InitProducerIdResponse", versions: 0x7f, tagged_versions: 0x7c, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7f, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7f, kind: Fixed(2) },
    Field { name: "producer_id", versions: 0x7f, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x7f, kind: Fixed(2) },
    Field { name: "ongoing_txn_producer_id", versions: 0x40, kind: Fixed(8) },
    Field { name: "ongoing_txn_producer_epoch", versions: 0x40, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::init_producer_id_response::InitProducerIdResponse { fn schema() -> &'static Schema { &InitProducerIdResponse } }
}

pub mod initialize_share_group_state_request {
use super::*;
pub static InitializeShareGroupStateRequest: Schema = Schema { name: "InitializeShareGroupStateRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&initialize_share_group_state_request::InitializeStateData), elem_size: size_of::<m::initialize_share_group_state_request::InitializeStateData>() } },
], tagged: &[
] };
impl Bounded for m::initialize_share_group_state_request::InitializeShareGroupStateRequest { fn schema() -> &'static Schema { &InitializeShareGroupStateRequest } }
pub static InitializeStateData: Schema = Schema { name: "InitializeStateData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&initialize_share_group_state_request::PartitionData), elem_size: size_of::<m::initialize_share_group_state_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::initialize_share_group_state_request::InitializeStateData { fn schema() -> &'static Schema { &InitializeStateData } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "state_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "start_offset", versions: 0x1, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::initialize_share_group_state_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
}

pub mod initialize_share_group_state_response {
use super::*;
pub static InitializeShareGroupStateResponse: Schema = Schema { name: "InitializeShareGroupStateResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "results", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&initialize_share_group_state_response::InitializeStateResult), elem_size: size_of::<m::initialize_share_group_state_response::InitializeStateResult>() } },
], tagged: &[
] };
impl Bounded for m::initialize_share_group_state_response::InitializeShareGroupStateResponse { fn schema() -> &'static Schema { &InitializeShareGroupStateResponse } }
pub static InitializeStateResult: Schema = Schema { name: "InitializeStateResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&initialize_share_group_state_response::PartitionResult), elem_size: size_of::<m::initialize_share_group_state_response::PartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::initialize_share_group_state_response::InitializeStateResult { fn schema() -> &'static Schema { &InitializeStateResult } }
pub static PartitionResult: Schema = Schema { name: "PartitionResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::initialize_share_group_state_response::PartitionResult { fn schema() -> &'static Schema { &PartitionResult } }
}

pub mod join_group_request {
use super::*;
pub static JoinGroupRequest: Schema = Schema { name: "JoinGroupRequest", versions: 0x3ff, tagged_versions: 0x3c0, fields: &[
    Field { name: "group_id", versions: 0x3c0, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0x3f, kind: String { compact: false, nullable: false } },
    Field { name: "session_timeout_ms", versions: 0x3ff, kind: Fixed(4) },
    Field { name: "rebalance_timeout_ms", versions: 0x3fe, kind: Fixed(4) },
    Field { name: "member_id", versions: 0x3c0, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x3f, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x3c0, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x20, kind: String { compact: false, nullable: true } },
    Field { name: "protocol_type", versions: 0x3c0, kind: String { compact: true, nullable: false } },
    Field { name: "protocol_type", versions: 0x3f, kind: String { compact: false, nullable: false } },
    Field { name: "protocols", versions: 0x3c0, kind: Array { compact: true, nullable: false, elem: &Struct(&join_group_request::JoinGroupRequestProtocol), elem_size: size_of::<m::join_group_request::JoinGroupRequestProtocol>() } },
    Field { name: "protocols", versions: 0x3f, kind: Array { compact: false, nullable: false, elem: &Struct(&join_group_request::JoinGroupRequestProtocol), elem_size: size_of::<m::join_group_request::JoinGroupRequestProtocol>() } },
    Field { name: "reason", versions: 0x300, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::join_group_request::JoinGroupRequest { fn schema() -> &'static Schema { &JoinGroupRequest } }
pub static JoinGroupRequestProtocol: Schema = Schema { name: "JoinGroupRequestProtocol", versions: 0x3ff, tagged_versions: 0x3c0, fields: &[
    Field { name: "name", versions: 0x3c0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3f, kind: String { compact: false, nullable: false } },
    Field { name: "metadata", versions: 0x3c0, kind: Bytes { compact: true, nullable: false } },
    Field { name: "metadata", versions: 0x3f, kind: Bytes { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::join_group_request::JoinGroupRequestProtocol { fn schema() -> &'static Schema { &JoinGroupRequestProtocol } }
}

pub mod join_group_response {
use super::*;
pub static JoinGroupResponse: Schema = Schema { name: "JoinGroupResponse", versions: 0x3ff, tagged_versions: 0x3c0, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3fc, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3ff, kind: Fixed(2) },
    Field { name: "generation_id", versions: 0x3ff, kind: Fixed(4) },
    Field { name: "protocol_type", versions: 0x380, kind: String { compact: true, nullable: true } },
    Field { name: "protocol_name", versions: 0x3c0, kind: String { compact: true, nullable: true } },
    Field { name: "protocol_name", versions: 0x3f, kind: String { compact: false, nullable: true } },
    Field { name: "leader", versions: 0x3c0, kind: String { compact: true, nullable: false } },
    Field { name: "leader", versions: 0x3f, kind: String { compact: false, nullable: false } },
    Field { name: "skip_assignment", versions: 0x200, kind: Fixed(1) },
    Field { name: "member_id", versions: 0x3c0, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x3f, kind: String { compact: false, nullable: false } },
    Field { name: "members", versions: 0x3c0, kind: Array { compact: true, nullable: false, elem: &Struct(&join_group_response::JoinGroupResponseMember), elem_size: size_of::<m::join_group_response::JoinGroupResponseMember>() } },
    Field { name: "members", versions: 0x3f, kind: Array { compact: false, nullable: false, elem: &Struct(&join_group_response::JoinGroupResponseMember), elem_size: size_of::<m::join_group_response::JoinGroupResponseMember>() } },
], tagged: &[
] };
impl Bounded for m::join_group_response::JoinGroupResponse { fn schema() -> &'static Schema { &JoinGroupResponse } }
pub static JoinGroupResponseMember: Schema = Schema { name: "JoinGroupResponseMember", versions: 0x3ff, tagged_versions: 0x3c0, fields: &[
    Field { name: "member_id", versions: 0x3c0, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x3f, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x3c0, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x20, kind: String { compact: false, nullable: true } },
    Field { name: "metadata", versions: 0x3c0, kind: Bytes { compact: true, nullable: false } },
    Field { name: "metadata", versions: 0x3f, kind: Bytes { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::join_group_response::JoinGroupResponseMember { fn schema() -> &'static Schema { &JoinGroupResponseMember } }
}

pub mod leader_change_message {
use super::*;
pub static Voter: Schema = Schema { name: "Voter", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "voter_id", versions: 0x3, kind: Fixed(4) },
    Field { name: "voter_directory_id", versions: 0x2, kind: Fixed(16) },
], tagged: &[
] };
impl Bounded for m::leader_change_message::Voter { fn schema() -> &'static Schema { &Voter } }
}

pub mod leave_group_request {
use super::*;
pub static LeaveGroupRequest: Schema = Schema { name: "LeaveGroupRequest", versions: 0x3f, tagged_versions: 0x30, fields: &[
    Field { name: "group_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0xf, kind: String { compact: false, nullable: false } },
    Field { name: "member_id", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "members", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &Struct(&leave_group_request::MemberIdentity), elem_size: size_of::<m::leave_group_request::MemberIdentity>() } },
    Field { name: "members", versions: 0x8, kind: Array { compact: false, nullable: false, elem: &Struct(&leave_group_request::MemberIdentity), elem_size: size_of::<m::leave_group_request::MemberIdentity>() } },
], tagged: &[
] };
impl Bounded for m::leave_group_request::LeaveGroupRequest { fn schema() -> &'static Schema { &LeaveGroupRequest } }
pub static MemberIdentity: Schema = Schema { name: "MemberIdentity", versions: 0x3f, tagged_versions: 0x30, fields: &[
    Field { name: "member_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x8, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x30, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x8, kind: String { compact: false, nullable: true } },
    Field { name: "reason", versions: 0x20, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::leave_group_request::MemberIdentity { fn schema() -> &'static Schema { &MemberIdentity } }
}

pub mod leave_group_response {
use super::*;
pub static LeaveGroupResponse: Schema = Schema { name: "LeaveGroupResponse", versions: 0x3f, tagged_versions: 0x30, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3e, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3f, kind: Fixed(2) },
    Field { name: "members", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &Struct(&leave_group_response::MemberResponse), elem_size: size_of::<m::leave_group_response::MemberResponse>() } },
    Field { name: "members", versions: 0x8, kind: Array { compact: false, nullable: false, elem: &Struct(&leave_group_response::MemberResponse), elem_size: size_of::<m::leave_group_response::MemberResponse>() } },
], tagged: &[
] };
impl Bounded for m::leave_group_response::LeaveGroupResponse { fn schema() -> &'static Schema { &LeaveGroupResponse } }
pub static MemberResponse: Schema = Schema { name: "MemberResponse", versions: 0x3f, tagged_versions: 0x30, fields: &[
    Field { name: "member_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x8, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x30, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x8, kind: String { compact: false, nullable: true } },
    Field { name: "error_code", versions: 0x38, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::leave_group_response::MemberResponse { fn schema() -> &'static Schema { &MemberResponse } }
}

pub mod list_config_resources_request {
use super::*;
pub static ListConfigResourcesRequest: Schema = Schema { name: "ListConfigResourcesRequest", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "resource_types", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(1), elem_size: size_of::<i8>() } },
], tagged: &[
] };
impl Bounded for m::list_config_resources_request::ListConfigResourcesRequest { fn schema() -> &'static Schema { &ListConfigResourcesRequest } }
}

pub mod list_config_resources_response {
use super::*;
pub static ConfigResource: Schema = Schema { name: "ConfigResource", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "resource_name", versions: 0x3, kind: String { compact: true, nullable: false } },
    Field { name: "resource_type", versions: 0x2, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::list_config_resources_response::ConfigResource { fn schema() -> &'static Schema { &ConfigResource } }
pub static ListConfigResourcesResponse: Schema = Schema { name: "ListConfigResourcesResponse", versions: 0x3, tagged_versions: 0x3, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "config_resources", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&list_config_resources_response::ConfigResource), elem_size: size_of::<m::list_config_resources_response::ConfigResource>() } },
], tagged: &[
] };
impl Bounded for m::list_config_resources_response::ListConfigResourcesResponse { fn schema() -> &'static Schema { &ListConfigResourcesResponse } }
}

pub mod list_groups_request {
use super::*;
pub static ListGroupsRequest: Schema = Schema { name: "ListGroupsRequest", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "states_filter", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
    Field { name: "types_filter", versions: 0x20, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
], tagged: &[
] };
impl Bounded for m::list_groups_request::ListGroupsRequest { fn schema() -> &'static Schema { &ListGroupsRequest } }
}

pub mod list_groups_response {
use super::*;
pub static ListGroupsResponse: Schema = Schema { name: "ListGroupsResponse", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3e, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3f, kind: Fixed(2) },
    Field { name: "groups", versions: 0x38, kind: Array { compact: true, nullable: false, elem: &Struct(&list_groups_response::ListedGroup), elem_size: size_of::<m::list_groups_response::ListedGroup>() } },
    Field { name: "groups", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&list_groups_response::ListedGroup), elem_size: size_of::<m::list_groups_response::ListedGroup>() } },
], tagged: &[
] };
impl Bounded for m::list_groups_response::ListGroupsResponse { fn schema() -> &'static Schema { &ListGroupsResponse } }
pub static ListedGroup: Schema = Schema { name: "ListedGroup", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "group_id", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "protocol_type", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "protocol_type", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "group_state", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "group_type", versions: 0x20, kind: String { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::list_groups_response::ListedGroup { fn schema() -> &'static Schema { &ListedGroup } }
}

pub mod list_offsets_request {
use super::*;
pub static ListOffsetsPartition: Schema = Schema { name: "ListOffsetsPartition", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "partition_index", versions: 0x7fe, kind: Fixed(4) },
    Field { name: "current_leader_epoch", versions: 0x7f0, kind: Fixed(4) },
    Field { name: "timestamp", versions: 0x7fe, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::list_offsets_request::ListOffsetsPartition { fn schema() -> &'static Schema { &ListOffsetsPartition } }
pub static ListOffsetsRequest: Schema = Schema { name: "ListOffsetsRequest", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "replica_id", versions: 0x7fe, kind: Fixed(4) },
    Field { name: "isolation_level", versions: 0x7fc, kind: Fixed(1) },
    Field { name: "topics", versions: 0x7c0, kind: Array { compact: true, nullable: false, elem: &Struct(&list_offsets_request::ListOffsetsTopic), elem_size: size_of::<m::list_offsets_request::ListOffsetsTopic>() } },
    Field { name: "topics", versions: 0x3e, kind: Array { compact: false, nullable: false, elem: &Struct(&list_offsets_request::ListOffsetsTopic), elem_size: size_of::<m::list_offsets_request::ListOffsetsTopic>() } },
    Field { name: "timeout_ms", versions: 0x400, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::list_offsets_request::ListOffsetsRequest { fn schema() -> &'static Schema { &ListOffsetsRequest } }
pub static ListOffsetsTopic: Schema = Schema { name: "ListOffsetsTopic", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "name", versions: 0x7c0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3e, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x7c0, kind: Array { compact: true, nullable: false, elem: &Struct(&list_offsets_request::ListOffsetsPartition), elem_size: size_of::<m::list_offsets_request::ListOffsetsPartition>() } },
    Field { name: "partitions", versions: 0x3e, kind: Array { compact: false, nullable: false, elem: &Struct(&list_offsets_request::ListOffsetsPartition), elem_size: size_of::<m::list_offsets_request::ListOffsetsPartition>() } },
], tagged: &[
] };
impl Bounded for m::list_offsets_request::ListOffsetsTopic { fn schema() -> &'static Schema { &ListOffsetsTopic } }
}

pub mod list_offsets_response {
use super::*;
pub static ListOffsetsPartitionResponse: Schema = Schema { name: "ListOffsetsPartitionResponse", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "partition_index", versions: 0x7fe, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7fe, kind: Fixed(2) },
    Field { name: "timestamp", versions: 0x7fe, kind: Fixed(8) },
    Field { name: "offset", versions: 0x7fe, kind: Fixed(8) },
    Field { name: "leader_epoch", versions: 0x7f0, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::list_offsets_response::ListOffsetsPartitionResponse { fn schema() -> &'static Schema { &ListOffsetsPartitionResponse } }
pub static ListOffsetsResponse: Schema = Schema { name: "ListOffsetsResponse", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7fc, kind: Fixed(4) },
    Field { name: "topics", versions: 0x7c0, kind: Array { compact: true, nullable: false, elem: &Struct(&list_offsets_response::ListOffsetsTopicResponse), elem_size: size_of::<m::list_offsets_response::ListOffsetsTopicResponse>() } },
    Field { name: "topics", versions: 0x3e, kind: Array { compact: false, nullable: false, elem: &Struct(&list_offsets_response::ListOffsetsTopicResponse), elem_size: size_of::<m::list_offsets_response::ListOffsetsTopicResponse>() } },
], tagged: &[
] };
impl Bounded for m::list_offsets_response::ListOffsetsResponse { fn schema() -> &'static Schema { &ListOffsetsResponse } }
pub static ListOffsetsTopicResponse: Schema = Schema { name: "ListOffsetsTopicResponse", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "name", versions: 0x7c0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3e, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x7c0, kind: Array { compact: true, nullable: false, elem: &Struct(&list_offsets_response::ListOffsetsPartitionResponse), elem_size: size_of::<m::list_offsets_response::ListOffsetsPartitionResponse>() } },
    Field { name: "partitions", versions: 0x3e, kind: Array { compact: false, nullable: false, elem: &Struct(&list_offsets_response::ListOffsetsPartitionResponse), elem_size: size_of::<m::list_offsets_response::ListOffsetsPartitionResponse>() } },
], tagged: &[
] };
impl Bounded for m::list_offsets_response::ListOffsetsTopicResponse { fn schema() -> &'static Schema { &ListOffsetsTopicResponse } }
}

pub mod list_partition_reassignments_request {
use super::*;
pub static ListPartitionReassignmentsRequest: Schema = Schema { name: "ListPartitionReassignmentsRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "timeout_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: true, elem: &Struct(&list_partition_reassignments_request::ListPartitionReassignmentsTopics), elem_size: size_of::<m::list_partition_reassignments_request::ListPartitionReassignmentsTopics>() } },
], tagged: &[
] };
impl Bounded for m::list_partition_reassignments_request::ListPartitionReassignmentsRequest { fn schema() -> &'static Schema { &ListPartitionReassignmentsRequest } }
pub static ListPartitionReassignmentsTopics: Schema = Schema { name: "ListPartitionReassignmentsTopics", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partition_indexes", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::list_partition_reassignments_request::ListPartitionReassignmentsTopics { fn schema() -> &'static Schema { &ListPartitionReassignmentsTopics } }
}

pub mod list_partition_reassignments_response {
use super::*;
pub static ListPartitionReassignmentsResponse: Schema = Schema { name: "ListPartitionReassignmentsResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&list_partition_reassignments_response::OngoingTopicReassignment), elem_size: size_of::<m::list_partition_reassignments_response::OngoingTopicReassignment>() } },
], tagged: &[
] };
impl Bounded for m::list_partition_reassignments_response::ListPartitionReassignmentsResponse { fn schema() -> &'static Schema { &ListPartitionReassignmentsResponse } }
pub static OngoingPartitionReassignment: Schema = Schema { name: "OngoingPartitionReassignment", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "replicas", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "adding_replicas", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "removing_replicas", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
], tagged: &[
] };
impl Bounded for m::list_partition_reassignments_response::OngoingPartitionReassignment { fn schema() -> &'static Schema { &OngoingPartitionReassignment } }
pub static OngoingTopicReassignment: Schema = Schema { name: "OngoingTopicReassignment", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&list_partition_reassignments_response::OngoingPartitionReassignment), elem_size: size_of::<m::list_partition_reassignments_response::OngoingPartitionReassignment>() } },
], tagged: &[
] };
impl Bounded for m::list_partition_reassignments_response::OngoingTopicReassignment { fn schema() -> &'static Schema { &OngoingTopicReassignment } }
}

pub mod list_transactions_request {
use super::*;
pub static ListTransactionsRequest: Schema = Schema { name: "ListTransactionsRequest", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "state_filters", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
    Field { name: "producer_id_filters", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Fixed(8), elem_size: size_of::<m::ProducerId>() } },
    Field { name: "duration_filter", versions: 0x6, kind: Fixed(8) },
    Field { name: "transactional_id_pattern", versions: 0x4, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::list_transactions_request::ListTransactionsRequest { fn schema() -> &'static Schema { &ListTransactionsRequest } }
}

pub mod list_transactions_response {
use super::*;
pub static ListTransactionsResponse: Schema = Schema { name: "ListTransactionsResponse", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "unknown_state_filters", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
    Field { name: "transaction_states", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&list_transactions_response::TransactionState), elem_size: size_of::<m::list_transactions_response::TransactionState>() } },
], tagged: &[
] };
impl Bounded for m::list_transactions_response::ListTransactionsResponse { fn schema() -> &'static Schema { &ListTransactionsResponse } }
pub static TransactionState: Schema = Schema { name: "TransactionState", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "transactional_id", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "producer_id", versions: 0x7, kind: Fixed(8) },
    Field { name: "transaction_state", versions: 0x7, kind: String { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::list_transactions_response::TransactionState { fn schema() -> &'static Schema { &TransactionState } }
}

pub mod metadata_request {
use super::*;
pub static MetadataRequest: Schema = Schema { name: "MetadataRequest", versions: 0x3fff, tagged_versions: 0x3e00, fields: &[
    Field { name: "topics", versions: 0x3e00, kind: Array { compact: true, nullable: true, elem: &Struct(&metadata_request::MetadataRequestTopic), elem_size: size_of::<m::metadata_request::MetadataRequestTopic>() } },
    Field { name: "topics", versions: 0x1ff, kind: Array { compact: false, nullable: true, elem: &Struct(&metadata_request::MetadataRequestTopic), elem_size: size_of::<m::metadata_request::MetadataRequestTopic>() } },
    Field { name: "allow_auto_topic_creation", versions: 0x3ff0, kind: Fixed(1) },
    Field { name: "include_cluster_authorized_operations", versions: 0x700, kind: Fixed(1) },
    Field { name: "include_topic_authorized_operations", versions: 0x3f00, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::metadata_request::MetadataRequest { fn schema() -> &'static Schema { &MetadataRequest } }
pub static MetadataRequestTopic: Schema = Schema { name: "MetadataRequestTopic", versions: 0x3fff, tagged_versions: 0x3e00, fields: &[
    Field { name: "topic_id", versions: 0x3c00, kind: Fixed(16) },
    Field { name: "name", versions: 0x3e00, kind: String { compact: true, nullable: true } },
    Field { name: "name", versions: 0x1ff, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::metadata_request::MetadataRequestTopic { fn schema() -> &'static Schema { &MetadataRequestTopic } }
}

pub mod metadata_response {
use super::*;
pub static MetadataResponse: Schema = Schema { name: "MetadataResponse", versions: 0x3fff, tagged_versions: 0x3e00, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3ff8, kind: Fixed(4) },
    Field { name: "brokers", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&metadata_response::MetadataResponseBroker), elem_size: size_of::<m::metadata_response::MetadataResponseBroker>() } },
    Field { name: "brokers", versions: 0x1ff, kind: Array { compact: false, nullable: false, elem: &Struct(&metadata_response::MetadataResponseBroker), elem_size: size_of::<m::metadata_response::MetadataResponseBroker>() } },
    Field { name: "cluster_id", versions: 0x3e00, kind: String { compact: true, nullable: true } },
    Field { name: "cluster_id", versions: 0x1fc, kind: String { compact: false, nullable: true } },
    Field { name: "controller_id", versions: 0x3ffe, kind: Fixed(4) },
    Field { name: "topics", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&metadata_response::MetadataResponseTopic), elem_size: size_of::<m::metadata_response::MetadataResponseTopic>() } },
    Field { name: "topics", versions: 0x1ff, kind: Array { compact: false, nullable: false, elem: &Struct(&metadata_response::MetadataResponseTopic), elem_size: size_of::<m::metadata_response::MetadataResponseTopic>() } },
    Field { name: "cluster_authorized_operations", versions: 0x700, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x2000, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::metadata_response::MetadataResponse { fn schema() -> &'static Schema { &MetadataResponse } }
pub static MetadataResponseBroker: Schema = Schema { name: "MetadataResponseBroker", versions: 0x3fff, tagged_versions: 0x3e00, fields: &[
    Field { name: "node_id", versions: 0x3fff, kind: Fixed(4) },
    Field { name: "host", versions: 0x3e00, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x1ff, kind: String { compact: false, nullable: false } },
    Field { name: "port", versions: 0x3fff, kind: Fixed(4) },
    Field { name: "rack", versions: 0x3e00, kind: String { compact: true, nullable: true } },
    Field { name: "rack", versions: 0x1fe, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::metadata_response::MetadataResponseBroker { fn schema() -> &'static Schema { &MetadataResponseBroker } }
pub static MetadataResponsePartition: Schema = Schema { name: "MetadataResponsePartition", versions: 0x3fff, tagged_versions: 0x3e00, fields: &[
    Field { name: "error_code", versions: 0x3fff, kind: Fixed(2) },
    Field { name: "partition_index", versions: 0x3fff, kind: Fixed(4) },
    Field { name: "leader_id", versions: 0x3fff, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x3f80, kind: Fixed(4) },
    Field { name: "replica_nodes", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "replica_nodes", versions: 0x1ff, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "isr_nodes", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "isr_nodes", versions: 0x1ff, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "offline_replicas", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
    Field { name: "offline_replicas", versions: 0x1e0, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<m::BrokerId>() } },
], tagged: &[
] };
impl Bounded for m::metadata_response::MetadataResponsePartition { fn schema() -> &'static Schema { &MetadataResponsePartition } }
pub static MetadataResponseTopic: Schema = Schema { name: "MetadataResponseTopic", versions: 0x3fff, tagged_versions: 0x3e00, fields: &[
    Field { name: "error_code", versions: 0x3fff, kind: Fixed(2) },
    Field { name: "name", versions: 0x3e00, kind: String { compact: true, nullable: true } },
    Field { name: "name", versions: 0x1ff, kind: String { compact: false, nullable: true } },
    Field { name: "topic_id", versions: 0x3c00, kind: Fixed(16) },
    Field { name: "is_internal", versions: 0x3ffe, kind: Fixed(1) },
    Field { name: "partitions", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&metadata_response::MetadataResponsePartition), elem_size: size_of::<m::metadata_response::MetadataResponsePartition>() } },
    Field { name: "partitions", versions: 0x1ff, kind: Array { compact: false, nullable: false, elem: &Struct(&metadata_response::MetadataResponsePartition), elem_size: size_of::<m::metadata_response::MetadataResponsePartition>() } },
    Field { name: "topic_authorized_operations", versions: 0x3f00, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::metadata_response::MetadataResponseTopic { fn schema() -> &'static Schema { &MetadataResponseTopic } }
}

pub mod offset_commit_request {
use super::*;
pub static OffsetCommitRequest: Schema = Schema { name: "OffsetCommitRequest", versions: 0x3fc, tagged_versions: 0x300, fields: &[
    Field { name: "group_id", versions: 0x300, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0xfc, kind: String { compact: false, nullable: false } },
    Field { name: "generation_id_or_member_epoch", versions: 0x3fc, kind: Fixed(4) },
    Field { name: "member_id", versions: 0x300, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0xfc, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x300, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x80, kind: String { compact: false, nullable: true } },
    Field { name: "retention_time_ms", versions: 0x1c, kind: Fixed(8) },
    Field { name: "topics", versions: 0x300, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_commit_request::OffsetCommitRequestTopic), elem_size: size_of::<m::offset_commit_request::OffsetCommitRequestTopic>() } },
    Field { name: "topics", versions: 0xfc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_commit_request::OffsetCommitRequestTopic), elem_size: size_of::<m::offset_commit_request::OffsetCommitRequestTopic>() } },
], tagged: &[
] };
impl Bounded for m::offset_commit_request::OffsetCommitRequest { fn schema() -> &'static Schema { &OffsetCommitRequest } }
pub static OffsetCommitRequestPartition: Schema = Schema { name: "OffsetCommitRequestPartition", versions: 0x3fc, tagged_versions: 0x300, fields: &[
    Field { name: "partition_index", versions: 0x3fc, kind: Fixed(4) },
    Field { name: "committed_offset", versions: 0x3fc, kind: Fixed(8) },
    Field { name: "committed_leader_epoch", versions: 0x3c0, kind: Fixed(4) },
    Field { name: "committed_metadata", versions: 0x300, kind: String { compact: true, nullable: true } },
    Field { name: "committed_metadata", versions: 0xfc, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::offset_commit_request::OffsetCommitRequestPartition { fn schema() -> &'static Schema { &OffsetCommitRequestPartition } }
pub static OffsetCommitRequestTopic: Schema = Schema { name: "OffsetCommitRequestTopic", versions: 0x3fc, tagged_versions: 0x300, fields: &[
    Field { name: "name", versions: 0x300, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0xfc, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x300, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_commit_request::OffsetCommitRequestPartition), elem_size: size_of::<m::offset_commit_request::OffsetCommitRequestPartition>() } },
    Field { name: "partitions", versions: 0xfc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_commit_request::OffsetCommitRequestPartition), elem_size: size_of::<m::offset_commit_request::OffsetCommitRequestPartition>() } },
], tagged: &[
] };
impl Bounded for m::offset_commit_request::OffsetCommitRequestTopic { fn schema() -> &'static Schema { &OffsetCommitRequestTopic } }
}

pub mod offset_commit_response {
use super::*;
pub static OffsetCommitResponse: Schema = Schema { name: "OffsetCommitResponse", versions: 0x7fc, tagged_versions: 0x700, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7f8, kind: Fixed(4) },
    Field { name: "topics", versions: 0x700, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_commit_response::OffsetCommitResponseTopic), elem_size: size_of::<m::offset_commit_response::OffsetCommitResponseTopic>() } },
    Field { name: "topics", versions: 0xfc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_commit_response::OffsetCommitResponseTopic), elem_size: size_of::<m::offset_commit_response::OffsetCommitResponseTopic>() } },
], tagged: &[
] };
impl Bounded for m::offset_commit_response::OffsetCommitResponse { fn schema() -> &'static Schema { &OffsetCommitResponse } }
pub static OffsetCommitResponsePartition: Schema = Schema { name: "OffsetCommitResponsePartition", versions: 0x7fc, tagged_versions: 0x700, fields: &[
    Field { name: "partition_index", versions: 0x7fc, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7fc, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::offset_commit_response::OffsetCommitResponsePartition { fn schema() -> &'static Schema { &OffsetCommitResponsePartition } }
pub static OffsetCommitResponseTopic: Schema = Schema { name: "OffsetCommitResponseTopic", versions: 0x7fc, tagged_versions: 0x700, fields: &[
    Field { name: "name", versions: 0x300, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0xfc, kind: String { compact: false, nullable: false } },
    Field { name: "topic_id", versions: 0x400, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x700, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_commit_response::OffsetCommitResponsePartition), elem_size: size_of::<m::offset_commit_response::OffsetCommitResponsePartition>() } },
    Field { name: "partitions", versions: 0xfc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_commit_response::OffsetCommitResponsePartition), elem_size: size_of::<m::offset_commit_response::OffsetCommitResponsePartition>() } },
], tagged: &[
] };
impl Bounded for m::offset_commit_response::OffsetCommitResponseTopic { fn schema() -> &'static Schema { &OffsetCommitResponseTopic } }
}

pub mod offset_delete_request {
use super::*;
pub static OffsetDeleteRequest: Schema = Schema { name: "OffsetDeleteRequest", versions: 0x1, tagged_versions: 0x0, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_delete_request::OffsetDeleteRequestTopic), elem_size: size_of::<m::offset_delete_request::OffsetDeleteRequestTopic>() } },
], tagged: &[
] };
impl Bounded for m::offset_delete_request::OffsetDeleteRequest { fn schema() -> &'static Schema { &OffsetDeleteRequest } }
pub static OffsetDeleteRequestPartition: Schema = Schema { name: "OffsetDeleteRequestPartition", versions: 0x1, tagged_versions: 0x0, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::offset_delete_request::OffsetDeleteRequestPartition { fn schema() -> &'static Schema { &OffsetDeleteRequestPartition } }
pub static OffsetDeleteRequestTopic: Schema = Schema { name: "OffsetDeleteRequestTopic", versions: 0x1, tagged_versions: 0x0, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_delete_request::OffsetDeleteRequestPartition), elem_size: size_of::<m::offset_delete_request::OffsetDeleteRequestPartition>() } },
], tagged: &[
] };
impl Bounded for m::offset_delete_request::OffsetDeleteRequestTopic { fn schema() -> &'static Schema { &OffsetDeleteRequestTopic } }
}

pub mod offset_delete_response {
use super::*;
pub static OffsetDeleteResponse: Schema = Schema { name: "OffsetDeleteResponse", versions: 0x1, tagged_versions: 0x0, fields: &[
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "topics", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_delete_response::OffsetDeleteResponseTopic), elem_size: size_of::<m::offset_delete_response::OffsetDeleteResponseTopic>() } },
], tagged: &[
] };
impl Bounded for m::offset_delete_response::OffsetDeleteResponse { fn schema() -> &'static Schema { &OffsetDeleteResponse } }
pub static OffsetDeleteResponsePartition: Schema = Schema { name: "OffsetDeleteResponsePartition", versions: 0x1, tagged_versions: 0x0, fields: &[
    Field { name: "partition_index", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::offset_delete_response::OffsetDeleteResponsePartition { fn schema() -> &'static Schema { &OffsetDeleteResponsePartition } }
pub static OffsetDeleteResponseTopic: Schema = Schema { name: "OffsetDeleteResponseTopic", versions: 0x1, tagged_versions: 0x0, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_delete_response::OffsetDeleteResponsePartition), elem_size: size_of::<m::offset_delete_response::OffsetDeleteResponsePartition>() } },
], tagged: &[
] };
impl Bounded for m::offset_delete_response::OffsetDeleteResponseTopic { fn schema() -> &'static Schema { &OffsetDeleteResponseTopic } }
}

pub mod offset_fetch_request {
use super::*;
pub static OffsetFetchRequest: Schema = Schema { name: "OffsetFetchRequest", versions: 0x3fe, tagged_versions: 0x3c0, fields: &[
    Field { name: "group_id", versions: 0xc0, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0x3e, kind: String { compact: false, nullable: false } },
    Field { name: "topics", versions: 0xc0, kind: Array { compact: true, nullable: true, elem: &Struct(&offset_fetch_request::OffsetFetchRequestTopic), elem_size: size_of::<m::offset_fetch_request::OffsetFetchRequestTopic>() } },
    Field { name: "topics", versions: 0x3e, kind: Array { compact: false, nullable: true, elem: &Struct(&offset_fetch_request::OffsetFetchRequestTopic), elem_size: size_of::<m::offset_fetch_request::OffsetFetchRequestTopic>() } },
    Field { name: "groups", versions: 0x300, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_fetch_request::OffsetFetchRequestGroup), elem_size: size_of::<m::offset_fetch_request::OffsetFetchRequestGroup>() } },
    Field { name: "require_stable", versions: 0x380, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::offset_fetch_request::OffsetFetchRequest { fn schema() -> &'static Schema { &OffsetFetchRequest } }
pub static OffsetFetchRequestGroup: Schema = Schema { name: "OffsetFetchRequestGroup", versions: 0x3fe, tagged_versions: 0x3c0, fields: &[
    Field { name: "group_id", versions: 0x300, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x200, kind: String { compact: true, nullable: true } },
    Field { name: "member_epoch", versions: 0x200, kind: Fixed(4) },
    Field { name: "topics", versions: 0x300, kind: Array { compact: true, nullable: true, elem: &Struct(&offset_fetch_request::OffsetFetchRequestTopics), elem_size: size_of::<m::offset_fetch_request::OffsetFetchRequestTopics>() } },
], tagged: &[
] };
impl Bounded for m::offset_fetch_request::OffsetFetchRequestGroup { fn schema() -> &'static Schema { &OffsetFetchRequestGroup } }
pub static OffsetFetchRequestTopic: Schema = Schema { name: "OffsetFetchRequestTopic", versions: 0x3fe, tagged_versions: 0x3c0, fields: &[
    Field { name: "name", versions: 0xc0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3e, kind: String { compact: false, nullable: false } },
    Field { name: "partition_indexes", versions: 0xc0, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
    Field { name: "partition_indexes", versions: 0x3e, kind: Array { compact: false, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::offset_fetch_request::OffsetFetchRequestTopic { fn schema() -> &'static Schema { &OffsetFetchRequestTopic } }
pub static OffsetFetchRequestTopics: Schema = Schema { name: "OffsetFetchRequestTopics", versions: 0x3fe, tagged_versions: 0x3c0, fields: &[
    Field { name: "name", versions: 0x300, kind: String { compact: true, nullable: false } },
    Field { name: "partition_indexes", versions: 0x300, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::offset_fetch_request::OffsetFetchRequestTopics { fn schema() -> &'static Schema { &OffsetFetchRequestTopics } }
}

pub mod offset_fetch_response {
use super::*;
pub static OffsetFetchResponse: Schema = Schema { name: "OffsetFetchResponse", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7f8, kind: Fixed(4) },
    Field { name: "topics", versions: 0xc0, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_fetch_response::OffsetFetchResponseTopic), elem_size: size_of::<m::offset_fetch_response::OffsetFetchResponseTopic>() } },
    Field { name: "topics", versions: 0x3e, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_fetch_response::OffsetFetchResponseTopic), elem_size: size_of::<m::offset_fetch_response::OffsetFetchResponseTopic>() } },
    Field { name: "error_code", versions: 0xfc, kind: Fixed(2) },
    Field { name: "groups", versions: 0x700, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_fetch_response::OffsetFetchResponseGroup), elem_size: size_of::<m::offset_fetch_response::OffsetFetchResponseGroup>() } },
], tagged: &[
] };
impl Bounded for m::offset_fetch_response::OffsetFetchResponse { fn schema() -> &'static Schema { &OffsetFetchResponse } }
pub static OffsetFetchResponseGroup: Schema = Schema { name: "OffsetFetchResponseGroup", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "group_id", versions: 0x700, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x700, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_fetch_response::OffsetFetchResponseTopics), elem_size: size_of::<m::offset_fetch_response::OffsetFetchResponseTopics>() } },
    Field { name: "error_code", versions: 0x700, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::offset_fetch_response::OffsetFetchResponseGroup { fn schema() -> &'static Schema { &OffsetFetchResponseGroup } }
pub static OffsetFetchResponsePartition: Schema = Schema { name: "OffsetFetchResponsePartition", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "partition_index", versions: 0xfe, kind: Fixed(4) },
    Field { name: "committed_offset", versions: 0xfe, kind: Fixed(8) },
    Field { name: "committed_leader_epoch", versions: 0xe0, kind: Fixed(4) },
    Field { name: "metadata", versions: 0xc0, kind: String { compact: true, nullable: true } },
    Field { name: "metadata", versions: 0x3e, kind: String { compact: false, nullable: true } },
    Field { name: "error_code", versions: 0xfe, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::offset_fetch_response::OffsetFetchResponsePartition { fn schema() -> &'static Schema { &OffsetFetchResponsePartition } }
pub static OffsetFetchResponsePartitions: Schema = Schema { name: "OffsetFetchResponsePartitions", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "partition_index", versions: 0x700, kind: Fixed(4) },
    Field { name: "committed_offset", versions: 0x700, kind: Fixed(8) },
    Field { name: "committed_leader_epoch", versions: 0x700, kind: Fixed(4) },
    Field { name: "metadata", versions: 0x700, kind: String { compact: true, nullable: true } },
    Field { name: "error_code", versions: 0x700, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::offset_fetch_response::OffsetFetchResponsePartitions { fn schema() -> &'static Schema { &OffsetFetchResponsePartitions } }
pub static OffsetFetchResponseTopic: Schema = Schema { name: "OffsetFetchResponseTopic", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "name", versions: 0xc0, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x3e, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0xc0, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_fetch_response::OffsetFetchResponsePartition), elem_size: size_of::<m::offset_fetch_response::OffsetFetchResponsePartition>() } },
    Field { name: "partitions", versions: 0x3e, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_fetch_response::OffsetFetchResponsePartition), elem_size: size_of::<m::offset_fetch_response::OffsetFetchResponsePartition>() } },
], tagged: &[
] };
impl Bounded for m::offset_fetch_response::OffsetFetchResponseTopic { fn schema() -> &'static Schema { &OffsetFetchResponseTopic } }
pub static OffsetFetchResponseTopics: Schema = Schema { name: "OffsetFetchResponseTopics", versions: 0x7fe, tagged_versions: 0x7c0, fields: &[
    Field { name: "name", versions: 0x300, kind: String { compact: true, nullable: false } },
    Field { name: "topic_id", versions: 0x400, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x700, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_fetch_response::OffsetFetchResponsePartitions), elem_size: size_of::<m::offset_fetch_response::OffsetFetchResponsePartitions>() } },
], tagged: &[
] };
impl Bounded for m::offset_fetch_response::OffsetFetchResponseTopics { fn schema() -> &'static Schema { &OffsetFetchResponseTopics } }
}

pub mod offset_for_leader_epoch_request {
use super::*;
pub static OffsetForLeaderEpochRequest: Schema = Schema { name: "OffsetForLeaderEpochRequest", versions: 0x1c, tagged_versions: 0x10, fields: &[
    Field { name: "replica_id", versions: 0x18, kind: Fixed(4) },
    Field { name: "topics", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_for_leader_epoch_request::OffsetForLeaderTopic), elem_size: size_of::<m::offset_for_leader_epoch_request::OffsetForLeaderTopic>() } },
    Field { name: "topics", versions: 0xc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_for_leader_epoch_request::OffsetForLeaderTopic), elem_size: size_of::<m::offset_for_leader_epoch_request::OffsetForLeaderTopic>() } },
], tagged: &[
] };
impl Bounded for m::offset_for_leader_epoch_request::OffsetForLeaderEpochRequest { fn schema() -> &'static Schema { &OffsetForLeaderEpochRequest } }
pub static OffsetForLeaderPartition: Schema = Schema { name: "OffsetForLeaderPartition", versions: 0x1c, tagged_versions: 0x10, fields: &[
    Field { name: "partition", versions: 0x1c, kind: Fixed(4) },
    Field { name: "current_leader_epoch", versions: 0x1c, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1c, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::offset_for_leader_epoch_request::OffsetForLeaderPartition { fn schema() -> &'static Schema { &OffsetForLeaderPartition } }
pub static OffsetForLeaderTopic: Schema = Schema { name: "OffsetForLeaderTopic", versions: 0x1c, tagged_versions: 0x10, fields: &[
    Field { name: "topic", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0xc, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_for_leader_epoch_request::OffsetForLeaderPartition), elem_size: size_of::<m::offset_for_leader_epoch_request::OffsetForLeaderPartition>() } },
    Field { name: "partitions", versions: 0xc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_for_leader_epoch_request::OffsetForLeaderPartition), elem_size: size_of::<m::offset_for_leader_epoch_request::OffsetForLeaderPartition>() } },
], tagged: &[
] };
impl Bounded for m::offset_for_leader_epoch_request::OffsetForLeaderTopic { fn schema() -> &'static Schema { &OffsetForLeaderTopic } }
}

pub mod offset_for_leader_epoch_response {
use super::*;
pub static EpochEndOffset: Schema = Schema { name: "EpochEndOffset", versions: 0x1c, tagged_versions: 0x10, fields: &[
    Field { name: "error_code", versions: 0x1c, kind: Fixed(2) },
    Field { name: "partition", versions: 0x1c, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1c, kind: Fixed(4) },
    Field { name: "end_offset", versions: 0x1c, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::offset_for_leader_epoch_response::EpochEndOffset { fn schema() -> &'static Schema { &EpochEndOffset } }
pub static OffsetForLeaderEpochResponse: Schema = Schema { name: "OffsetForLeaderEpochResponse", versions: 0x1c, tagged_versions: 0x10, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1c, kind: Fixed(4) },
    Field { name: "topics", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_for_leader_epoch_response::OffsetForLeaderTopicResult), elem_size: size_of::<m::offset_for_leader_epoch_response::OffsetForLeaderTopicResult>() } },
    Field { name: "topics", versions: 0xc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_for_leader_epoch_response::OffsetForLeaderTopicResult), elem_size: size_of::<m::offset_for_leader_epoch_response::OffsetForLeaderTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::offset_for_leader_epoch_response::OffsetForLeaderEpochResponse { fn schema() -> &'static Schema { &OffsetForLeaderEpochResponse } }
pub static OffsetForLeaderTopicResult: Schema = Schema { name: "OffsetForLeaderTopicResult", versions: 0x1c, tagged_versions: 0x10, fields: &[
    Field { name: "topic", versions: 0x10, kind: String { compact: true, nullable: false } },
    Field { name: "topic", versions: 0xc, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x10, kind: Array { compact: true, nullable: false, elem: &Struct(&offset_for_leader_epoch_response::EpochEndOffset), elem_size: size_of::<m::offset_for_leader_epoch_response::EpochEndOffset>() } },
    Field { name: "partitions", versions: 0xc, kind: Array { compact: false, nullable: false, elem: &Struct(&offset_for_leader_epoch_response::EpochEndOffset), elem_size: size_of::<m::offset_for_leader_epoch_response::EpochEndOffset>() } },
], tagged: &[
] };
impl Bounded for m::offset_for_leader_epoch_response::OffsetForLeaderTopicResult { fn schema() -> &'static Schema { &OffsetForLeaderTopicResult } }
}

pub mod produce_request {
use super::*;
pub static PartitionProduceData: Schema = Schema { name: "PartitionProduceData", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "index", versions: 0x3ff8, kind: Fixed(4) },
    Field { name: "records", versions: 0x3e00, kind: Bytes { compact: true, nullable: true } },
    Field { name: "records", versions: 0x1f8, kind: Bytes { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::produce_request::PartitionProduceData { fn schema() -> &'static Schema { &PartitionProduceData } }
pub static ProduceRequest: Schema = Schema { name: "ProduceRequest", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "transactional_id", versions: 0x3e00, kind: String { compact: true, nullable: true } },
    Field { name: "transactional_id", versions: 0x1f8, kind: String { compact: false, nullable: true } },
    Field { name: "acks", versions: 0x3ff8, kind: Fixed(2) },
    Field { name: "timeout_ms", versions: 0x3ff8, kind: Fixed(4) },
    Field { name: "topic_data", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&produce_request::TopicProduceData), elem_size: size_of::<m::produce_request::TopicProduceData>() } },
    Field { name: "topic_data", versions: 0x1f8, kind: Array { compact: false, nullable: false, elem: &Struct(&produce_request::TopicProduceData), elem_size: size_of::<m::produce_request::TopicProduceData>() } },
], tagged: &[
] };
impl Bounded for m::produce_request::ProduceRequest { fn schema() -> &'static Schema { &ProduceRequest } }
pub static TopicProduceData: Schema = Schema { name: "TopicProduceData", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "name", versions: 0x1e00, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x1f8, kind: String { compact: false, nullable: false } },
    Field { name: "topic_id", versions: 0x2000, kind: Fixed(16) },
    Field { name: "partition_data", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&produce_request::PartitionProduceData), elem_size: size_of::<m::produce_request::PartitionProduceData>() } },
    Field { name: "partition_data", versions: 0x1f8, kind: Array { compact: false, nullable: false, elem: &Struct(&produce_request::PartitionProduceData), elem_size: size_of::<m::produce_request::PartitionProduceData>() } },
], tagged: &[
] };
impl Bounded for m::produce_request::TopicProduceData { fn schema() -> &'static Schema { &TopicProduceData } }
}

pub mod produce_response {
use super::*;
pub static BatchIndexAndErrorMessage: Schema = Schema { name: "BatchIndexAndErrorMessage", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "batch_index", versions: 0x3f00, kind: Fixed(4) },
    Field { name: "batch_index_error_message", versions: 0x3e00, kind: String { compact: true, nullable: true } },
    Field { name: "batch_index_error_message", versions: 0x100, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::produce_response::BatchIndexAndErrorMessage { fn schema() -> &'static Schema { &BatchIndexAndErrorMessage } }
pub static LeaderIdAndEpoch: Schema = Schema { name: "LeaderIdAndEpoch", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "leader_id", versions: 0x3c00, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x3c00, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::produce_response::LeaderIdAndEpoch { fn schema() -> &'static Schema { &LeaderIdAndEpoch } }
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "node_id", versions: 0x3c00, kind: Fixed(4) },
    Field { name: "host", versions: 0x3c00, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x3c00, kind: Fixed(4) },
    Field { name: "rack", versions: 0x3c00, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::produce_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionProduceResponse: Schema = Schema { name: "PartitionProduceResponse", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "index", versions: 0x3ff8, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3ff8, kind: Fixed(2) },
    Field { name: "base_offset", versions: 0x3ff8, kind: Fixed(8) },
    Field { name: "log_append_time_ms", versions: 0x3ff8, kind: Fixed(8) },
    Field { name: "log_start_offset", versions: 0x3fe0, kind: Fixed(8) },
    Field { name: "record_errors", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&produce_response::BatchIndexAndErrorMessage), elem_size: size_of::<m::produce_response::BatchIndexAndErrorMessage>() } },
    Field { name: "record_errors", versions: 0x100, kind: Array { compact: false, nullable: false, elem: &Struct(&produce_response::BatchIndexAndErrorMessage), elem_size: size_of::<m::produce_response::BatchIndexAndErrorMessage>() } },
    Field { name: "error_message", versions: 0x3e00, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x100, kind: String { compact: false, nullable: true } },
], tagged: &[
    TaggedField { tag: 0, name: "current_leader", versions: 0x3c00, kind: Struct(&produce_response::LeaderIdAndEpoch) },
] };
impl Bounded for m::produce_response::PartitionProduceResponse { fn schema() -> &'static Schema { &PartitionProduceResponse } }
pub static ProduceResponse: Schema = Schema { name: "ProduceResponse", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "responses", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&produce_response::TopicProduceResponse), elem_size: size_of::<m::produce_response::TopicProduceResponse>() } },
    Field { name: "responses", versions: 0x1f8, kind: Array { compact: false, nullable: false, elem: &Struct(&produce_response::TopicProduceResponse), elem_size: size_of::<m::produce_response::TopicProduceResponse>() } },
    Field { name: "throttle_time_ms", versions: 0x3ff8, kind: Fixed(4) },
], tagged: &[
    TaggedField { tag: 0, name: "node_endpoints", versions: 0x3c00, kind: Array { compact: true, nullable: false, elem: &Struct(&produce_response::NodeEndpoint), elem_size: size_of::<m::produce_response::NodeEndpoint>() } },
] };
impl Bounded for m::produce_response::ProduceResponse { fn schema() -> &'static Schema { &ProduceResponse } }
pub static TopicProduceResponse: Schema = Schema { name: "TopicProduceResponse", versions: 0x3ff8, tagged_versions: 0x3e00, fields: &[
    Field { name: "name", versions: 0x1e00, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x1f8, kind: String { compact: false, nullable: false } },
    Field { name: "topic_id", versions: 0x2000, kind: Fixed(16) },
    Field { name: "partition_responses", versions: 0x3e00, kind: Array { compact: true, nullable: false, elem: &Struct(&produce_response::PartitionProduceResponse), elem_size: size_of::<m::produce_response::PartitionProduceResponse>() } },
    Field { name: "partition_responses", versions: 0x1f8, kind: Array { compact: false, nullable: false, elem: &Struct(&produce_response::PartitionProduceResponse), elem_size: size_of::<m::produce_response::PartitionProduceResponse>() } },
], tagged: &[
] };
impl Bounded for m::produce_response::TopicProduceResponse { fn schema() -> &'static Schema { &TopicProduceResponse } }
}

pub mod push_telemetry_request {
use super::*;
pub static PushTelemetryRequest: Schema = Schema { name: "PushTelemetryRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "client_instance_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "subscription_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "terminating", versions: 0x1, kind: Fixed(1) },
    Field { name: "compression_type", versions: 0x1, kind: Fixed(1) },
    Field { name: "metrics", versions: 0x1, kind: Bytes { compact: true, nullable: false } },
], tagged: &[
] };
impl Bounded for m::push_telemetry_request::PushTelemetryRequest { fn schema() -> &'static Schema { &PushTelemetryRequest } }
}

pub mod push_telemetry_response {
use super::*;
pub static PushTelemetryResponse: Schema = Schema { name: "PushTelemetryResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::push_telemetry_response::PushTelemetryResponse { fn schema() -> &'static Schema { &PushTelemetryResponse } }
}

pub mod read_share_group_state_request {
use super::*;
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static ReadShareGroupStateRequest: Schema = Schema { name: "ReadShareGroupStateRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_request::ReadStateData), elem_size: size_of::<m::read_share_group_state_request::ReadStateData>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_request::ReadShareGroupStateRequest { fn schema() -> &'static Schema { &ReadShareGroupStateRequest } }
pub static ReadStateData: Schema = Schema { name: "ReadStateData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_request::PartitionData), elem_size: size_of::<m::read_share_group_state_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_request::ReadStateData { fn schema() -> &'static Schema { &ReadStateData } }
}

pub mod read_share_group_state_response {
use super::*;
pub static PartitionResult: Schema = Schema { name: "PartitionResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "state_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "start_offset", versions: 0x1, kind: Fixed(8) },
    Field { name: "state_batches", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_response::StateBatch), elem_size: size_of::<m::read_share_group_state_response::StateBatch>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_response::PartitionResult { fn schema() -> &'static Schema { &PartitionResult } }
pub static ReadShareGroupStateResponse: Schema = Schema { name: "ReadShareGroupStateResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "results", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_response::ReadStateResult), elem_size: size_of::<m::read_share_group_state_response::ReadStateResult>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_response::ReadShareGroupStateResponse { fn schema() -> &'static Schema { &ReadShareGroupStateResponse } }
pub static ReadStateResult: Schema = Schema { name: "ReadStateResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_response::PartitionResult), elem_size: size_of::<m::read_share_group_state_response::PartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_response::ReadStateResult { fn schema() -> &'static Schema { &ReadStateResult } }
pub static StateBatch: Schema = Schema { name: "StateBatch", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "first_offset", versions: 0x1, kind: Fixed(8) },
    Field { name: "last_offset", versions: 0x1, kind: Fixed(8) },
    Field { name: "delivery_state", versions: 0x1, kind: Fixed(1) },
    Field { name: "delivery_count", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_response::StateBatch { fn schema() -> &'static Schema { &StateBatch } }
}

pub mod read_share_group_state_summary_request {
use super::*;
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_summary_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static ReadShareGroupStateSummaryRequest: Schema = Schema { name: "ReadShareGroupStateSummaryRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_summary_request::ReadStateSummaryData), elem_size: size_of::<m::read_share_group_state_summary_request::ReadStateSummaryData>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_summary_request::ReadShareGroupStateSummaryRequest { fn schema() -> &'static Schema { &ReadShareGroupStateSummaryRequest } }
pub static ReadStateSummaryData: Schema = Schema { name: "ReadStateSummaryData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_summary_request::PartitionData), elem_size: size_of::<m::read_share_group_state_summary_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_summary_request::ReadStateSummaryData { fn schema() -> &'static Schema { &ReadStateSummaryData } }
}

pub mod read_share_group_state_summary_response {
use super::*;
pub static PartitionResult: Schema = Schema { name: "PartitionResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "state_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "start_offset", versions: 0x1, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_summary_response::PartitionResult { fn schema() -> &'static Schema { &PartitionResult } }
pub static ReadShareGroupStateSummaryResponse: Schema = Schema { name: "ReadShareGroupStateSummaryResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "results", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_summary_response::ReadStateSummaryResult), elem_size: size_of::<m::read_share_group_state_summary_response::ReadStateSummaryResult>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_summary_response::ReadShareGroupStateSummaryResponse { fn schema() -> &'static Schema { &ReadShareGroupStateSummaryResponse } }
pub static ReadStateSummaryResult: Schema = Schema { name: "ReadStateSummaryResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&read_share_group_state_summary_response::PartitionResult), elem_size: size_of::<m::read_share_group_state_summary_response::PartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::read_share_group_state_summary_response::ReadStateSummaryResult { fn schema() -> &'static Schema { &ReadStateSummaryResult } }
}

pub mod remove_raft_voter_request {
use super::*;
pub static RemoveRaftVoterRequest: Schema = Schema { name: "RemoveRaftVoterRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "cluster_id", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "voter_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "voter_directory_id", versions: 0x1, kind: Fixed(16) },
], tagged: &[
] };
impl Bounded for m::remove_raft_voter_request::RemoveRaftVoterRequest { fn schema() -> &'static Schema { &RemoveRaftVoterRequest } }
}

pub mod remove_raft_voter_response {
use super::*;
pub static RemoveRaftVoterResponse: Schema = Schema { name: "RemoveRaftVoterResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::remove_raft_voter_response::RemoveRaftVoterResponse { fn schema() -> &'static Schema { &RemoveRaftVoterResponse } }
}

pub mod renew_delegation_token_request {
use super::*;
pub static RenewDelegationTokenRequest: Schema = Schema { name: "RenewDelegationTokenRequest", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "hmac", versions: 0x4, kind: Bytes { compact: true, nullable: false } },
    Field { name: "hmac", versions: 0x2, kind: Bytes { compact: false, nullable: false } },
    Field { name: "renew_period_ms", versions: 0x6, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::renew_delegation_token_request::RenewDelegationTokenRequest { fn schema() -> &'static Schema { &RenewDelegationTokenRequest } }
}

pub mod renew_delegation_token_response {
use super::*;
pub static RenewDelegationTokenResponse: Schema = Schema { name: "RenewDelegationTokenResponse", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "error_code", versions: 0x6, kind: Fixed(2) },
    Field { name: "expiry_timestamp_ms", versions: 0x6, kind: Fixed(8) },
    Field { name: "throttle_time_ms", versions: 0x6, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::renew_delegation_token_response::RenewDelegationTokenResponse { fn schema() -> &'static Schema { &RenewDelegationTokenResponse } }
}

pub mod request_header {
use super::*;
pub static RequestHeader: Schema = Schema { name: "RequestHeader", versions: 0x6, tagged_versions: 0x4, fields: &[
    Field { name: "request_api_key", versions: 0x6, kind: Fixed(2) },
    Field { name: "request_api_version", versions: 0x6, kind: Fixed(2) },
    Field { name: "correlation_id", versions: 0x6, kind: Fixed(4) },
    Field { name: "client_id", versions: 0x6, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::request_header::RequestHeader { fn schema() -> &'static Schema { &RequestHeader } }
}

pub mod response_header {
use super::*;
pub static ResponseHeader: Schema = Schema { name: "ResponseHeader", versions: 0x3, tagged_versions: 0x2, fields: &[
    Field { name: "correlation_id", versions: 0x3, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::response_header::ResponseHeader { fn schema() -> &'static Schema { &ResponseHeader } }
}

pub mod sasl_authenticate_request {
use super::*;
pub static SaslAuthenticateRequest: Schema = Schema { name: "SaslAuthenticateRequest", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "auth_bytes", versions: 0x4, kind: Bytes { compact: true, nullable: false } },
    Field { name: "auth_bytes", versions: 0x3, kind: Bytes { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::sasl_authenticate_request::SaslAuthenticateRequest { fn schema() -> &'static Schema { &SaslAuthenticateRequest } }
}

pub mod sasl_authenticate_response {
use super::*;
pub static SaslAuthenticateResponse: Schema = Schema { name: "SaslAuthenticateResponse", versions: 0x7, tagged_versions: 0x4, fields: &[
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x4, kind: String { compact: true, nullable: true } },
    Field { name: "error_message", versions: 0x3, kind: String { compact: false, nullable: true } },
    Field { name: "auth_bytes", versions: 0x4, kind: Bytes { compact: true, nullable: false } },
    Field { name: "auth_bytes", versions: 0x3, kind: Bytes { compact: false, nullable: false } },
    Field { name: "session_lifetime_ms", versions: 0x6, kind: Fixed(8) },
], tagged: &[
] };
impl Bounded for m::sasl_authenticate_response::SaslAuthenticateResponse { fn schema() -> &'static Schema { &SaslAuthenticateResponse } }
}

pub mod sasl_handshake_request {
use super::*;
pub static SaslHandshakeRequest: Schema = Schema { name: "SaslHandshakeRequest", versions: 0x3, tagged_versions: 0x0, fields: &[
    Field { name: "mechanism", versions: 0x3, kind: String { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::sasl_handshake_request::SaslHandshakeRequest { fn schema() -> &'static Schema { &SaslHandshakeRequest } }
}

pub mod sasl_handshake_response {
use super::*;
pub static SaslHandshakeResponse: Schema = Schema { name: "SaslHandshakeResponse", versions: 0x3, tagged_versions: 0x0, fields: &[
    Field { name: "error_code", versions: 0x3, kind: Fixed(2) },
    Field { name: "mechanisms", versions: 0x3, kind: Array { compact: false, nullable: false, elem: &String { compact: false, nullable: false }, elem_size: size_of::<kafka_protocol::protocol::StrBytes>() } },
], tagged: &[
] };
impl Bounded for m::sasl_handshake_response::SaslHandshakeResponse { fn schema() -> &'static Schema { &SaslHandshakeResponse } }
}

pub mod share_acknowledge_request {
use super::*;
pub static AcknowledgePartition: Schema = Schema { name: "AcknowledgePartition", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x2, kind: Fixed(4) },
    Field { name: "acknowledgement_batches", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_acknowledge_request::AcknowledgementBatch), elem_size: size_of::<m::share_acknowledge_request::AcknowledgementBatch>() } },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_request::AcknowledgePartition { fn schema() -> &'static Schema { &AcknowledgePartition } }
pub static AcknowledgeTopic: Schema = Schema { name: "AcknowledgeTopic", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_acknowledge_request::AcknowledgePartition), elem_size: size_of::<m::share_acknowledge_request::AcknowledgePartition>() } },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_request::AcknowledgeTopic { fn schema() -> &'static Schema { &AcknowledgeTopic } }
pub static AcknowledgementBatch: Schema = Schema { name: "AcknowledgementBatch", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "first_offset", versions: 0x2, kind: Fixed(8) },
    Field { name: "last_offset", versions: 0x2, kind: Fixed(8) },
    Field { name: "acknowledge_types", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(1), elem_size: size_of::<i8>() } },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_request::AcknowledgementBatch { fn schema() -> &'static Schema { &AcknowledgementBatch } }
pub static ShareAcknowledgeRequest: Schema = Schema { name: "ShareAcknowledgeRequest", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "group_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "member_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "share_session_epoch", versions: 0x2, kind: Fixed(4) },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_acknowledge_request::AcknowledgeTopic), elem_size: size_of::<m::share_acknowledge_request::AcknowledgeTopic>() } },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_request::ShareAcknowledgeRequest { fn schema() -> &'static Schema { &ShareAcknowledgeRequest } }
}

pub mod share_acknowledge_response {
use super::*;
pub static LeaderIdAndEpoch: Schema = Schema { name: "LeaderIdAndEpoch", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "leader_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x2, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_response::LeaderIdAndEpoch { fn schema() -> &'static Schema { &LeaderIdAndEpoch } }
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "node_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x2, kind: Fixed(4) },
    Field { name: "rack", versions: 0x2, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x2, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x2, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "current_leader", versions: 0x2, kind: Struct(&share_acknowledge_response::LeaderIdAndEpoch) },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static ShareAcknowledgeResponse: Schema = Schema { name: "ShareAcknowledgeResponse", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "throttle_time_ms", versions: 0x2, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x2, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "responses", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_acknowledge_response::ShareAcknowledgeTopicResponse), elem_size: size_of::<m::share_acknowledge_response::ShareAcknowledgeTopicResponse>() } },
    Field { name: "node_endpoints", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_acknowledge_response::NodeEndpoint), elem_size: size_of::<m::share_acknowledge_response::NodeEndpoint>() } },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_response::ShareAcknowledgeResponse { fn schema() -> &'static Schema { &ShareAcknowledgeResponse } }
pub static ShareAcknowledgeTopicResponse: Schema = Schema { name: "ShareAcknowledgeTopicResponse", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_acknowledge_response::PartitionData), elem_size: size_of::<m::share_acknowledge_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::share_acknowledge_response::ShareAcknowledgeTopicResponse { fn schema() -> &'static Schema { &ShareAcknowledgeTopicResponse } }
}

pub mod share_fetch_request {
use super::*;
pub static AcknowledgementBatch: Schema = Schema { name: "AcknowledgementBatch", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "first_offset", versions: 0x2, kind: Fixed(8) },
    Field { name: "last_offset", versions: 0x2, kind: Fixed(8) },
    Field { name: "acknowledge_types", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(1), elem_size: size_of::<i8>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_request::AcknowledgementBatch { fn schema() -> &'static Schema { &AcknowledgementBatch } }
pub static FetchPartition: Schema = Schema { name: "FetchPartition", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x2, kind: Fixed(4) },
    Field { name: "acknowledgement_batches", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_request::AcknowledgementBatch), elem_size: size_of::<m::share_fetch_request::AcknowledgementBatch>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_request::FetchPartition { fn schema() -> &'static Schema { &FetchPartition } }
pub static FetchTopic: Schema = Schema { name: "FetchTopic", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_request::FetchPartition), elem_size: size_of::<m::share_fetch_request::FetchPartition>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_request::FetchTopic { fn schema() -> &'static Schema { &FetchTopic } }
pub static ForgottenTopic: Schema = Schema { name: "ForgottenTopic", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_request::ForgottenTopic { fn schema() -> &'static Schema { &ForgottenTopic } }
pub static ShareFetchRequest: Schema = Schema { name: "ShareFetchRequest", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "group_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "member_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "share_session_epoch", versions: 0x2, kind: Fixed(4) },
    Field { name: "max_wait_ms", versions: 0x2, kind: Fixed(4) },
    Field { name: "min_bytes", versions: 0x2, kind: Fixed(4) },
    Field { name: "max_bytes", versions: 0x2, kind: Fixed(4) },
    Field { name: "max_records", versions: 0x2, kind: Fixed(4) },
    Field { name: "batch_size", versions: 0x2, kind: Fixed(4) },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_request::FetchTopic), elem_size: size_of::<m::share_fetch_request::FetchTopic>() } },
    Field { name: "forgotten_topics_data", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_request::ForgottenTopic), elem_size: size_of::<m::share_fetch_request::ForgottenTopic>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_request::ShareFetchRequest { fn schema() -> &'static Schema { &ShareFetchRequest } }
}

pub mod share_fetch_response {
use super::*;
pub static AcquiredRecords: Schema = Schema { name: "AcquiredRecords", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "first_offset", versions: 0x2, kind: Fixed(8) },
    Field { name: "last_offset", versions: 0x2, kind: Fixed(8) },
    Field { name: "delivery_count", versions: 0x2, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::share_fetch_response::AcquiredRecords { fn schema() -> &'static Schema { &AcquiredRecords } }
pub static LeaderIdAndEpoch: Schema = Schema { name: "LeaderIdAndEpoch", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "leader_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x2, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::share_fetch_response::LeaderIdAndEpoch { fn schema() -> &'static Schema { &LeaderIdAndEpoch } }
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "node_id", versions: 0x2, kind: Fixed(4) },
    Field { name: "host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x2, kind: Fixed(4) },
    Field { name: "rack", versions: 0x2, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::share_fetch_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x2, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x2, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "acknowledge_error_code", versions: 0x2, kind: Fixed(2) },
    Field { name: "acknowledge_error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "current_leader", versions: 0x2, kind: Struct(&share_fetch_response::LeaderIdAndEpoch) },
    Field { name: "records", versions: 0x2, kind: Bytes { compact: true, nullable: true } },
    Field { name: "acquired_records", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_response::AcquiredRecords), elem_size: size_of::<m::share_fetch_response::AcquiredRecords>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static ShareFetchResponse: Schema = Schema { name: "ShareFetchResponse", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "throttle_time_ms", versions: 0x2, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x2, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "acquisition_lock_timeout_ms", versions: 0x2, kind: Fixed(4) },
    Field { name: "responses", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_response::ShareFetchableTopicResponse), elem_size: size_of::<m::share_fetch_response::ShareFetchableTopicResponse>() } },
    Field { name: "node_endpoints", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_response::NodeEndpoint), elem_size: size_of::<m::share_fetch_response::NodeEndpoint>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_response::ShareFetchResponse { fn schema() -> &'static Schema { &ShareFetchResponse } }
pub static ShareFetchableTopicResponse: Schema = Schema { name: "ShareFetchableTopicResponse", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_fetch_response::PartitionData), elem_size: size_of::<m::share_fetch_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::share_fetch_response::ShareFetchableTopicResponse { fn schema() -> &'static Schema { &ShareFetchableTopicResponse } }
}

pub mod share_group_describe_request {
use super::*;
pub static ShareGroupDescribeRequest: Schema = Schema { name: "ShareGroupDescribeRequest", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "group_ids", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::GroupId>() } },
    Field { name: "include_authorized_operations", versions: 0x2, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::share_group_describe_request::ShareGroupDescribeRequest { fn schema() -> &'static Schema { &ShareGroupDescribeRequest } }
}

pub mod share_group_describe_response {
use super::*;
pub static Assignment: Schema = Schema { name: "Assignment", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_group_describe_response::TopicPartitions), elem_size: size_of::<m::share_group_describe_response::TopicPartitions>() } },
], tagged: &[
] };
impl Bounded for m::share_group_describe_response::Assignment { fn schema() -> &'static Schema { &Assignment } }
pub static DescribedGroup: Schema = Schema { name: "DescribedGroup", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "error_code", versions: 0x2, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "group_id", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "group_state", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "group_epoch", versions: 0x2, kind: Fixed(4) },
    Field { name: "assignment_epoch", versions: 0x2, kind: Fixed(4) },
    Field { name: "assignor_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "members", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_group_describe_response::Member), elem_size: size_of::<m::share_group_describe_response::Member>() } },
    Field { name: "authorized_operations", versions: 0x2, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::share_group_describe_response::DescribedGroup { fn schema() -> &'static Schema { &DescribedGroup } }
pub static Member: Schema = Schema { name: "Member", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "member_id", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "rack_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "member_epoch", versions: 0x2, kind: Fixed(4) },
    Field { name: "client_id", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "client_host", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "subscribed_topic_names", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::TopicName>() } },
    Field { name: "assignment", versions: 0x2, kind: Struct(&share_group_describe_response::Assignment) },
], tagged: &[
] };
impl Bounded for m::share_group_describe_response::Member { fn schema() -> &'static Schema { &Member } }
pub static ShareGroupDescribeResponse: Schema = Schema { name: "ShareGroupDescribeResponse", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "throttle_time_ms", versions: 0x2, kind: Fixed(4) },
    Field { name: "groups", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_group_describe_response::DescribedGroup), elem_size: size_of::<m::share_group_describe_response::DescribedGroup>() } },
], tagged: &[
] };
impl Bounded for m::share_group_describe_response::ShareGroupDescribeResponse { fn schema() -> &'static Schema { &ShareGroupDescribeResponse } }
pub static TopicPartitions: Schema = Schema { name: "TopicPartitions", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "topic_name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::share_group_describe_response::TopicPartitions { fn schema() -> &'static Schema { &TopicPartitions } }
}

pub mod share_group_heartbeat_request {
use super::*;
pub static ShareGroupHeartbeatRequest: Schema = Schema { name: "ShareGroupHeartbeatRequest", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "group_id", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "member_epoch", versions: 0x2, kind: Fixed(4) },
    Field { name: "rack_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "subscribed_topic_names", versions: 0x2, kind: Array { compact: true, nullable: true, elem: &String { compact: true, nullable: false }, elem_size: size_of::<m::TopicName>() } },
], tagged: &[
] };
impl Bounded for m::share_group_heartbeat_request::ShareGroupHeartbeatRequest { fn schema() -> &'static Schema { &ShareGroupHeartbeatRequest } }
}

pub mod share_group_heartbeat_response {
use super::*;
pub static Assignment: Schema = Schema { name: "Assignment", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&share_group_heartbeat_response::TopicPartitions), elem_size: size_of::<m::share_group_heartbeat_response::TopicPartitions>() } },
], tagged: &[
] };
impl Bounded for m::share_group_heartbeat_response::Assignment { fn schema() -> &'static Schema { &Assignment } }
pub static ShareGroupHeartbeatResponse: Schema = Schema { name: "ShareGroupHeartbeatResponse", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "throttle_time_ms", versions: 0x2, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x2, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "member_id", versions: 0x2, kind: String { compact: true, nullable: true } },
    Field { name: "member_epoch", versions: 0x2, kind: Fixed(4) },
    Field { name: "heartbeat_interval_ms", versions: 0x2, kind: Fixed(4) },
    Field { name: "assignment", versions: 0x2, kind: OptionStruct(&share_group_heartbeat_response::Assignment) },
], tagged: &[
] };
impl Bounded for m::share_group_heartbeat_response::ShareGroupHeartbeatResponse { fn schema() -> &'static Schema { &ShareGroupHeartbeatResponse } }
pub static TopicPartitions: Schema = Schema { name: "TopicPartitions", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "topic_id", versions: 0x2, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::share_group_heartbeat_response::TopicPartitions { fn schema() -> &'static Schema { &TopicPartitions } }
}

pub mod sync_group_request {
use super::*;
pub static SyncGroupRequest: Schema = Schema { name: "SyncGroupRequest", versions: 0x3f, tagged_versions: 0x30, fields: &[
    Field { name: "group_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0xf, kind: String { compact: false, nullable: false } },
    Field { name: "generation_id", versions: 0x3f, kind: Fixed(4) },
    Field { name: "member_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0xf, kind: String { compact: false, nullable: false } },
    Field { name: "group_instance_id", versions: 0x30, kind: String { compact: true, nullable: true } },
    Field { name: "group_instance_id", versions: 0x8, kind: String { compact: false, nullable: true } },
    Field { name: "protocol_type", versions: 0x20, kind: String { compact: true, nullable: true } },
    Field { name: "protocol_name", versions: 0x20, kind: String { compact: true, nullable: true } },
    Field { name: "assignments", versions: 0x30, kind: Array { compact: true, nullable: false, elem: &Struct(&sync_group_request::SyncGroupRequestAssignment), elem_size: size_of::<m::sync_group_request::SyncGroupRequestAssignment>() } },
    Field { name: "assignments", versions: 0xf, kind: Array { compact: false, nullable: false, elem: &Struct(&sync_group_request::SyncGroupRequestAssignment), elem_size: size_of::<m::sync_group_request::SyncGroupRequestAssignment>() } },
], tagged: &[
] };
impl Bounded for m::sync_group_request::SyncGroupRequest { fn schema() -> &'static Schema { &SyncGroupRequest } }
pub static SyncGroupRequestAssignment: Schema = Schema { name: "SyncGroupRequestAssignment", versions: 0x3f, tagged_versions: 0x30, fields: &[
    Field { name: "member_id", versions: 0x30, kind: String { compact: true, nullable: false } },
    Field { name: "member_id", versions: 0xf, kind: String { compact: false, nullable: false } },
    Field { name: "assignment", versions: 0x30, kind: Bytes { compact: true, nullable: false } },
    Field { name: "assignment", versions: 0xf, kind: Bytes { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::sync_group_request::SyncGroupRequestAssignment { fn schema() -> &'static Schema { &SyncGroupRequestAssignment } }
}

pub mod sync_group_response {
use super::*;
pub static SyncGroupResponse: Schema = Schema { name: "SyncGroupResponse", versions: 0x3f, tagged_versions: 0x30, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3e, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3f, kind: Fixed(2) },
    Field { name: "protocol_type", versions: 0x20, kind: String { compact: true, nullable: true } },
    Field { name: "protocol_name", versions: 0x20, kind: String { compact: true, nullable: true } },
    Field { name: "assignment", versions: 0x30, kind: Bytes { compact: true, nullable: false } },
    Field { name: "assignment", versions: 0xf, kind: Bytes { compact: false, nullable: false } },
], tagged: &[
] };
impl Bounded for m::sync_group_response::SyncGroupResponse { fn schema() -> &'static Schema { &SyncGroupResponse } }
}

pub mod txn_offset_commit_request {
use super::*;
pub static TxnOffsetCommitRequest: Schema = Schema { name: "TxnOffsetCommitRequest", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "transactional_id", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "transactional_id", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "group_id", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "group_id", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "producer_id", versions: 0x3f, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x3f, kind: Fixed(2) },
    Field { name: "generation_id", versions: 0x38, kind: Fixed(4) },
    Field { name: "member_id", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "group_instance_id", versions: 0x38, kind: String { compact: true, nullable: true } },
    Field { name: "topics", versions: 0x38, kind: Array { compact: true, nullable: false, elem: &Struct(&txn_offset_commit_request::TxnOffsetCommitRequestTopic), elem_size: size_of::<m::txn_offset_commit_request::TxnOffsetCommitRequestTopic>() } },
    Field { name: "topics", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&txn_offset_commit_request::TxnOffsetCommitRequestTopic), elem_size: size_of::<m::txn_offset_commit_request::TxnOffsetCommitRequestTopic>() } },
], tagged: &[
] };
impl Bounded for m::txn_offset_commit_request::TxnOffsetCommitRequest { fn schema() -> &'static Schema { &TxnOffsetCommitRequest } }
pub static TxnOffsetCommitRequestPartition: Schema = Schema { name: "TxnOffsetCommitRequestPartition", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "partition_index", versions: 0x3f, kind: Fixed(4) },
    Field { name: "committed_offset", versions: 0x3f, kind: Fixed(8) },
    Field { name: "committed_leader_epoch", versions: 0x3c, kind: Fixed(4) },
    Field { name: "committed_metadata", versions: 0x38, kind: String { compact: true, nullable: true } },
    Field { name: "committed_metadata", versions: 0x7, kind: String { compact: false, nullable: true } },
], tagged: &[
] };
impl Bounded for m::txn_offset_commit_request::TxnOffsetCommitRequestPartition { fn schema() -> &'static Schema { &TxnOffsetCommitRequestPartition } }
pub static TxnOffsetCommitRequestTopic: Schema = Schema { name: "TxnOffsetCommitRequestTopic", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "name", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x38, kind: Array { compact: true, nullable: false, elem: &Struct(&txn_offset_commit_request::TxnOffsetCommitRequestPartition), elem_size: size_of::<m::txn_offset_commit_request::TxnOffsetCommitRequestPartition>() } },
    Field { name: "partitions", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&txn_offset_commit_request::TxnOffsetCommitRequestPartition), elem_size: size_of::<m::txn_offset_commit_request::TxnOffsetCommitRequestPartition>() } },
], tagged: &[
] };
impl Bounded for m::txn_offset_commit_request::TxnOffsetCommitRequestTopic { fn schema() -> &'static Schema { &TxnOffsetCommitRequestTopic } }
}

pub mod txn_offset_commit_response {
use super::*;
pub static TxnOffsetCommitResponse: Schema = Schema { name: "TxnOffsetCommitResponse", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "throttle_time_ms", versions: 0x3f, kind: Fixed(4) },
    Field { name: "topics", versions: 0x38, kind: Array { compact: true, nullable: false, elem: &Struct(&txn_offset_commit_response::TxnOffsetCommitResponseTopic), elem_size: size_of::<m::txn_offset_commit_response::TxnOffsetCommitResponseTopic>() } },
    Field { name: "topics", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&txn_offset_commit_response::TxnOffsetCommitResponseTopic), elem_size: size_of::<m::txn_offset_commit_response::TxnOffsetCommitResponseTopic>() } },
], tagged: &[
] };
impl Bounded for m::txn_offset_commit_response::TxnOffsetCommitResponse { fn schema() -> &'static Schema { &TxnOffsetCommitResponse } }
pub static TxnOffsetCommitResponsePartition: Schema = Schema { name: "TxnOffsetCommitResponsePartition", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "partition_index", versions: 0x3f, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x3f, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::txn_offset_commit_response::TxnOffsetCommitResponsePartition { fn schema() -> &'static Schema { &TxnOffsetCommitResponsePartition } }
pub static TxnOffsetCommitResponseTopic: Schema = Schema { name: "TxnOffsetCommitResponseTopic", versions: 0x3f, tagged_versions: 0x38, fields: &[
    Field { name: "name", versions: 0x38, kind: String { compact: true, nullable: false } },
    Field { name: "name", versions: 0x7, kind: String { compact: false, nullable: false } },
    Field { name: "partitions", versions: 0x38, kind: Array { compact: true, nullable: false, elem: &Struct(&txn_offset_commit_response::TxnOffsetCommitResponsePartition), elem_size: size_of::<m::txn_offset_commit_response::TxnOffsetCommitResponsePartition>() } },
    Field { name: "partitions", versions: 0x7, kind: Array { compact: false, nullable: false, elem: &Struct(&txn_offset_commit_response::TxnOffsetCommitResponsePartition), elem_size: size_of::<m::txn_offset_commit_response::TxnOffsetCommitResponsePartition>() } },
], tagged: &[
] };
impl Bounded for m::txn_offset_commit_response::TxnOffsetCommitResponseTopic { fn schema() -> &'static Schema { &TxnOffsetCommitResponseTopic } }
}

pub mod unregister_broker_request {
use super::*;
pub static UnregisterBrokerRequest: Schema = Schema { name: "UnregisterBrokerRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "broker_id", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::unregister_broker_request::UnregisterBrokerRequest { fn schema() -> &'static Schema { &UnregisterBrokerRequest } }
}

pub mod unregister_broker_response {
use super::*;
pub static UnregisterBrokerResponse: Schema = Schema { name: "UnregisterBrokerResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::unregister_broker_response::UnregisterBrokerResponse { fn schema() -> &'static Schema { &UnregisterBrokerResponse } }
}

pub mod update_features_request {
use super::*;
pub static FeatureUpdateKey: Schema = Schema { name: "FeatureUpdateKey", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "feature", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "max_version_level", versions: 0x7, kind: Fixed(2) },
    Field { name: "allow_downgrade", versions: 0x1, kind: Fixed(1) },
    Field { name: "upgrade_type", versions: 0x6, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::update_features_request::FeatureUpdateKey { fn schema() -> &'static Schema { &FeatureUpdateKey } }
pub static UpdateFeaturesRequest: Schema = Schema { name: "UpdateFeaturesRequest", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "timeout_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "feature_updates", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&update_features_request::FeatureUpdateKey), elem_size: size_of::<m::update_features_request::FeatureUpdateKey>() } },
    Field { name: "validate_only", versions: 0x6, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::update_features_request::UpdateFeaturesRequest { fn schema() -> &'static Schema { &UpdateFeaturesRequest } }
}

pub mod update_features_response {
use super::*;
pub static UpdatableFeatureResult: Schema = Schema { name: "UpdatableFeatureResult", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "feature", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x7, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::update_features_response::UpdatableFeatureResult { fn schema() -> &'static Schema { &UpdatableFeatureResult } }
pub static UpdateFeaturesResponse: Schema = Schema { name: "UpdateFeaturesResponse", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "throttle_time_ms", versions: 0x7, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x7, kind: String { compact: true, nullable: true } },
    Field { name: "results", versions: 0x3, kind: Array { compact: true, nullable: false, elem: &Struct(&update_features_response::UpdatableFeatureResult), elem_size: size_of::<m::update_features_response::UpdatableFeatureResult>() } },
], tagged: &[
] };
impl Bounded for m::update_features_response::UpdateFeaturesResponse { fn schema() -> &'static Schema { &UpdateFeaturesResponse } }
}

pub mod update_raft_voter_request {
use super::*;
pub static KRaftVersionFeature: Schema = Schema { name: "KRaftVersionFeature", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "min_supported_version", versions: 0x1, kind: Fixed(2) },
    Field { name: "max_supported_version", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::update_raft_voter_request::KRaftVersionFeature { fn schema() -> &'static Schema { &KRaftVersionFeature } }
pub static Listener: Schema = Schema { name: "Listener", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::update_raft_voter_request::Listener { fn schema() -> &'static Schema { &Listener } }
pub static UpdateRaftVoterRequest: Schema = Schema { name: "UpdateRaftVoterRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "cluster_id", versions: 0x1, kind: String { compact: true, nullable: true } },
    Field { name: "current_leader_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "voter_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "voter_directory_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "listeners", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&update_raft_voter_request::Listener), elem_size: size_of::<m::update_raft_voter_request::Listener>() } },
    Field { name: "k_raft_version_feature", versions: 0x1, kind: Struct(&update_raft_voter_request::KRaftVersionFeature) },
], tagged: &[
] };
impl Bounded for m::update_raft_voter_request::UpdateRaftVoterRequest { fn schema() -> &'static Schema { &UpdateRaftVoterRequest } }
}

pub mod update_raft_voter_response {
use super::*;
pub static CurrentLeader: Schema = Schema { name: "CurrentLeader", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "leader_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "host", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x1, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::update_raft_voter_response::CurrentLeader { fn schema() -> &'static Schema { &CurrentLeader } }
pub static UpdateRaftVoterResponse: Schema = Schema { name: "UpdateRaftVoterResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "throttle_time_ms", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
], tagged: &[
    TaggedField { tag: 0, name: "current_leader", versions: 0x1, kind: Struct(&update_raft_voter_response::CurrentLeader) },
] };
impl Bounded for m::update_raft_voter_response::UpdateRaftVoterResponse { fn schema() -> &'static Schema { &UpdateRaftVoterResponse } }
}

pub mod vote_request {
use super::*;
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "partition_index", versions: 0x7, kind: Fixed(4) },
    Field { name: "replica_epoch", versions: 0x7, kind: Fixed(4) },
    Field { name: "replica_id", versions: 0x7, kind: Fixed(4) },
    Field { name: "replica_directory_id", versions: 0x6, kind: Fixed(16) },
    Field { name: "voter_directory_id", versions: 0x6, kind: Fixed(16) },
    Field { name: "last_offset_epoch", versions: 0x7, kind: Fixed(4) },
    Field { name: "last_offset", versions: 0x7, kind: Fixed(8) },
    Field { name: "pre_vote", versions: 0x4, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::vote_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "topic_name", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&vote_request::PartitionData), elem_size: size_of::<m::vote_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::vote_request::TopicData { fn schema() -> &'static Schema { &TopicData } }
pub static VoteRequest: Schema = Schema { name: "VoteRequest", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "cluster_id", versions: 0x7, kind: String { compact: true, nullable: true } },
    Field { name: "voter_id", versions: 0x6, kind: Fixed(4) },
    Field { name: "topics", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&vote_request::TopicData), elem_size: size_of::<m::vote_request::TopicData>() } },
], tagged: &[
] };
impl Bounded for m::vote_request::VoteRequest { fn schema() -> &'static Schema { &VoteRequest } }
}

pub mod vote_response {
use super::*;
pub static NodeEndpoint: Schema = Schema { name: "NodeEndpoint", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "node_id", versions: 0x6, kind: Fixed(4) },
    Field { name: "host", versions: 0x6, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x6, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::vote_response::NodeEndpoint { fn schema() -> &'static Schema { &NodeEndpoint } }
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "partition_index", versions: 0x7, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "leader_id", versions: 0x7, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x7, kind: Fixed(4) },
    Field { name: "vote_granted", versions: 0x7, kind: Fixed(1) },
], tagged: &[
] };
impl Bounded for m::vote_response::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static TopicData: Schema = Schema { name: "TopicData", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "topic_name", versions: 0x7, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&vote_response::PartitionData), elem_size: size_of::<m::vote_response::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::vote_response::TopicData { fn schema() -> &'static Schema { &TopicData } }
pub static VoteResponse: Schema = Schema { name: "VoteResponse", versions: 0x7, tagged_versions: 0x7, fields: &[
    Field { name: "error_code", versions: 0x7, kind: Fixed(2) },
    Field { name: "topics", versions: 0x7, kind: Array { compact: true, nullable: false, elem: &Struct(&vote_response::TopicData), elem_size: size_of::<m::vote_response::TopicData>() } },
], tagged: &[
    TaggedField { tag: 0, name: "node_endpoints", versions: 0x6, kind: Array { compact: true, nullable: false, elem: &Struct(&vote_response::NodeEndpoint), elem_size: size_of::<m::vote_response::NodeEndpoint>() } },
] };
impl Bounded for m::vote_response::VoteResponse { fn schema() -> &'static Schema { &VoteResponse } }
}

pub mod voters_record {
use super::*;
pub static Endpoint: Schema = Schema { name: "Endpoint", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "name", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "host", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "port", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::voters_record::Endpoint { fn schema() -> &'static Schema { &Endpoint } }
pub static KRaftVersionFeature: Schema = Schema { name: "KRaftVersionFeature", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "min_supported_version", versions: 0x1, kind: Fixed(2) },
    Field { name: "max_supported_version", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::voters_record::KRaftVersionFeature { fn schema() -> &'static Schema { &KRaftVersionFeature } }
pub static Voter: Schema = Schema { name: "Voter", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "voter_id", versions: 0x1, kind: Fixed(4) },
    Field { name: "voter_directory_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "endpoints", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&voters_record::Endpoint), elem_size: size_of::<m::voters_record::Endpoint>() } },
    Field { name: "k_raft_version_feature", versions: 0x1, kind: Struct(&voters_record::KRaftVersionFeature) },
], tagged: &[
] };
impl Bounded for m::voters_record::Voter { fn schema() -> &'static Schema { &Voter } }
}

pub mod write_share_group_state_request {
use super::*;
pub static PartitionData: Schema = Schema { name: "PartitionData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "state_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "leader_epoch", versions: 0x1, kind: Fixed(4) },
    Field { name: "start_offset", versions: 0x1, kind: Fixed(8) },
    Field { name: "state_batches", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&write_share_group_state_request::StateBatch), elem_size: size_of::<m::write_share_group_state_request::StateBatch>() } },
], tagged: &[
] };
impl Bounded for m::write_share_group_state_request::PartitionData { fn schema() -> &'static Schema { &PartitionData } }
pub static StateBatch: Schema = Schema { name: "StateBatch", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "first_offset", versions: 0x1, kind: Fixed(8) },
    Field { name: "last_offset", versions: 0x1, kind: Fixed(8) },
    Field { name: "delivery_state", versions: 0x1, kind: Fixed(1) },
    Field { name: "delivery_count", versions: 0x1, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::write_share_group_state_request::StateBatch { fn schema() -> &'static Schema { &StateBatch } }
pub static WriteShareGroupStateRequest: Schema = Schema { name: "WriteShareGroupStateRequest", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "group_id", versions: 0x1, kind: String { compact: true, nullable: false } },
    Field { name: "topics", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&write_share_group_state_request::WriteStateData), elem_size: size_of::<m::write_share_group_state_request::WriteStateData>() } },
], tagged: &[
] };
impl Bounded for m::write_share_group_state_request::WriteShareGroupStateRequest { fn schema() -> &'static Schema { &WriteShareGroupStateRequest } }
pub static WriteStateData: Schema = Schema { name: "WriteStateData", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&write_share_group_state_request::PartitionData), elem_size: size_of::<m::write_share_group_state_request::PartitionData>() } },
], tagged: &[
] };
impl Bounded for m::write_share_group_state_request::WriteStateData { fn schema() -> &'static Schema { &WriteStateData } }
}

pub mod write_share_group_state_response {
use super::*;
pub static PartitionResult: Schema = Schema { name: "PartitionResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "partition", versions: 0x1, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x1, kind: Fixed(2) },
    Field { name: "error_message", versions: 0x1, kind: String { compact: true, nullable: true } },
], tagged: &[
] };
impl Bounded for m::write_share_group_state_response::PartitionResult { fn schema() -> &'static Schema { &PartitionResult } }
pub static WriteShareGroupStateResponse: Schema = Schema { name: "WriteShareGroupStateResponse", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "results", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&write_share_group_state_response::WriteStateResult), elem_size: size_of::<m::write_share_group_state_response::WriteStateResult>() } },
], tagged: &[
] };
impl Bounded for m::write_share_group_state_response::WriteShareGroupStateResponse { fn schema() -> &'static Schema { &WriteShareGroupStateResponse } }
pub static WriteStateResult: Schema = Schema { name: "WriteStateResult", versions: 0x1, tagged_versions: 0x1, fields: &[
    Field { name: "topic_id", versions: 0x1, kind: Fixed(16) },
    Field { name: "partitions", versions: 0x1, kind: Array { compact: true, nullable: false, elem: &Struct(&write_share_group_state_response::PartitionResult), elem_size: size_of::<m::write_share_group_state_response::PartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::write_share_group_state_response::WriteStateResult { fn schema() -> &'static Schema { &WriteStateResult } }
}

pub mod write_txn_markers_request {
use super::*;
pub static WritableTxnMarker: Schema = Schema { name: "WritableTxnMarker", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "producer_id", versions: 0x2, kind: Fixed(8) },
    Field { name: "producer_epoch", versions: 0x2, kind: Fixed(2) },
    Field { name: "transaction_result", versions: 0x2, kind: Fixed(1) },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&write_txn_markers_request::WritableTxnMarkerTopic), elem_size: size_of::<m::write_txn_markers_request::WritableTxnMarkerTopic>() } },
    Field { name: "coordinator_epoch", versions: 0x2, kind: Fixed(4) },
], tagged: &[
] };
impl Bounded for m::write_txn_markers_request::WritableTxnMarker { fn schema() -> &'static Schema { &WritableTxnMarker } }
pub static WritableTxnMarkerTopic: Schema = Schema { name: "WritableTxnMarkerTopic", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "partition_indexes", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Fixed(4), elem_size: size_of::<i32>() } },
], tagged: &[
] };
impl Bounded for m::write_txn_markers_request::WritableTxnMarkerTopic { fn schema() -> &'static Schema { &WritableTxnMarkerTopic } }
pub static WriteTxnMarkersRequest: Schema = Schema { name: "WriteTxnMarkersRequest", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "markers", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&write_txn_markers_request::WritableTxnMarker), elem_size: size_of::<m::write_txn_markers_request::WritableTxnMarker>() } },
], tagged: &[
] };
impl Bounded for m::write_txn_markers_request::WriteTxnMarkersRequest { fn schema() -> &'static Schema { &WriteTxnMarkersRequest } }
}

pub mod write_txn_markers_response {
use super::*;
pub static WritableTxnMarkerPartitionResult: Schema = Schema { name: "WritableTxnMarkerPartitionResult", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "partition_index", versions: 0x2, kind: Fixed(4) },
    Field { name: "error_code", versions: 0x2, kind: Fixed(2) },
], tagged: &[
] };
impl Bounded for m::write_txn_markers_response::WritableTxnMarkerPartitionResult { fn schema() -> &'static Schema { &WritableTxnMarkerPartitionResult } }
pub static WritableTxnMarkerResult: Schema = Schema { name: "WritableTxnMarkerResult", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "producer_id", versions: 0x2, kind: Fixed(8) },
    Field { name: "topics", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&write_txn_markers_response::WritableTxnMarkerTopicResult), elem_size: size_of::<m::write_txn_markers_response::WritableTxnMarkerTopicResult>() } },
], tagged: &[
] };
impl Bounded for m::write_txn_markers_response::WritableTxnMarkerResult { fn schema() -> &'static Schema { &WritableTxnMarkerResult } }
pub static WritableTxnMarkerTopicResult: Schema = Schema { name: "WritableTxnMarkerTopicResult", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "name", versions: 0x2, kind: String { compact: true, nullable: false } },
    Field { name: "partitions", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&write_txn_markers_response::WritableTxnMarkerPartitionResult), elem_size: size_of::<m::write_txn_markers_response::WritableTxnMarkerPartitionResult>() } },
], tagged: &[
] };
impl Bounded for m::write_txn_markers_response::WritableTxnMarkerTopicResult { fn schema() -> &'static Schema { &WritableTxnMarkerTopicResult } }
pub static WriteTxnMarkersResponse: Schema = Schema { name: "WriteTxnMarkersResponse", versions: 0x2, tagged_versions: 0x2, fields: &[
    Field { name: "markers", versions: 0x2, kind: Array { compact: true, nullable: false, elem: &Struct(&write_txn_markers_response::WritableTxnMarkerResult), elem_size: size_of::<m::write_txn_markers_response::WritableTxnMarkerResult>() } },
], tagged: &[
] };
impl Bounded for m::write_txn_markers_response::WriteTxnMarkersResponse { fn schema() -> &'static Schema { &WriteTxnMarkersResponse } }
}

/// Every message type: its layout and its bounded decode.
pub static MESSAGES: &[super::Message] = &[
    super::Message { schema: &add_offsets_to_txn_request::AddOffsetsToTxnRequest, decode: super::decode_only::<m::add_offsets_to_txn_request::AddOffsetsToTxnRequest> },
    super::Message { schema: &add_offsets_to_txn_response::AddOffsetsToTxnResponse, decode: super::decode_only::<m::add_offsets_to_txn_response::AddOffsetsToTxnResponse> },
    super::Message { schema: &add_partitions_to_txn_request::AddPartitionsToTxnRequest, decode: super::decode_only::<m::add_partitions_to_txn_request::AddPartitionsToTxnRequest> },
    super::Message { schema: &add_partitions_to_txn_request::AddPartitionsToTxnTopic, decode: super::decode_only::<m::add_partitions_to_txn_request::AddPartitionsToTxnTopic> },
    super::Message { schema: &add_partitions_to_txn_request::AddPartitionsToTxnTransaction, decode: super::decode_only::<m::add_partitions_to_txn_request::AddPartitionsToTxnTransaction> },
    super::Message { schema: &add_partitions_to_txn_response::AddPartitionsToTxnPartitionResult, decode: super::decode_only::<m::add_partitions_to_txn_response::AddPartitionsToTxnPartitionResult> },
    super::Message { schema: &add_partitions_to_txn_response::AddPartitionsToTxnResponse, decode: super::decode_only::<m::add_partitions_to_txn_response::AddPartitionsToTxnResponse> },
    super::Message { schema: &add_partitions_to_txn_response::AddPartitionsToTxnResult, decode: super::decode_only::<m::add_partitions_to_txn_response::AddPartitionsToTxnResult> },
    super::Message { schema: &add_partitions_to_txn_response::AddPartitionsToTxnTopicResult, decode: super::decode_only::<m::add_partitions_to_txn_response::AddPartitionsToTxnTopicResult> },
    super::Message { schema: &add_raft_voter_request::AddRaftVoterRequest, decode: super::decode_only::<m::add_raft_voter_request::AddRaftVoterRequest> },
    super::Message { schema: &add_raft_voter_request::Listener, decode: super::decode_only::<m::add_raft_voter_request::Listener> },
    super::Message { schema: &add_raft_voter_response::AddRaftVoterResponse, decode: super::decode_only::<m::add_raft_voter_response::AddRaftVoterResponse> },
    super::Message { schema: &allocate_producer_ids_request::AllocateProducerIdsRequest, decode: super::decode_only::<m::allocate_producer_ids_request::AllocateProducerIdsRequest> },
    super::Message { schema: &allocate_producer_ids_response::AllocateProducerIdsResponse, decode: super::decode_only::<m::allocate_producer_ids_response::AllocateProducerIdsResponse> },
    super::Message { schema: &alter_client_quotas_request::AlterClientQuotasRequest, decode: super::decode_only::<m::alter_client_quotas_request::AlterClientQuotasRequest> },
    super::Message { schema: &alter_client_quotas_request::EntityData, decode: super::decode_only::<m::alter_client_quotas_request::EntityData> },
    super::Message { schema: &alter_client_quotas_request::EntryData, decode: super::decode_only::<m::alter_client_quotas_request::EntryData> },
    super::Message { schema: &alter_client_quotas_request::OpData, decode: super::decode_only::<m::alter_client_quotas_request::OpData> },
    super::Message { schema: &alter_client_quotas_response::AlterClientQuotasResponse, decode: super::decode_only::<m::alter_client_quotas_response::AlterClientQuotasResponse> },
    super::Message { schema: &alter_client_quotas_response::EntityData, decode: super::decode_only::<m::alter_client_quotas_response::EntityData> },
    super::Message { schema: &alter_client_quotas_response::EntryData, decode: super::decode_only::<m::alter_client_quotas_response::EntryData> },
    super::Message { schema: &alter_configs_request::AlterConfigsRequest, decode: super::decode_only::<m::alter_configs_request::AlterConfigsRequest> },
    super::Message { schema: &alter_configs_request::AlterConfigsResource, decode: super::decode_only::<m::alter_configs_request::AlterConfigsResource> },
    super::Message { schema: &alter_configs_request::AlterableConfig, decode: super::decode_only::<m::alter_configs_request::AlterableConfig> },
    super::Message { schema: &alter_configs_response::AlterConfigsResourceResponse, decode: super::decode_only::<m::alter_configs_response::AlterConfigsResourceResponse> },
    super::Message { schema: &alter_configs_response::AlterConfigsResponse, decode: super::decode_only::<m::alter_configs_response::AlterConfigsResponse> },
    super::Message { schema: &alter_partition_reassignments_request::AlterPartitionReassignmentsRequest, decode: super::decode_only::<m::alter_partition_reassignments_request::AlterPartitionReassignmentsRequest> },
    super::Message { schema: &alter_partition_reassignments_request::ReassignablePartition, decode: super::decode_only::<m::alter_partition_reassignments_request::ReassignablePartition> },
    super::Message { schema: &alter_partition_reassignments_request::ReassignableTopic, decode: super::decode_only::<m::alter_partition_reassignments_request::ReassignableTopic> },
    super::Message { schema: &alter_partition_reassignments_response::AlterPartitionReassignmentsResponse, decode: super::decode_only::<m::alter_partition_reassignments_response::AlterPartitionReassignmentsResponse> },
    super::Message { schema: &alter_partition_reassignments_response::ReassignablePartitionResponse, decode: super::decode_only::<m::alter_partition_reassignments_response::ReassignablePartitionResponse> },
    super::Message { schema: &alter_partition_reassignments_response::ReassignableTopicResponse, decode: super::decode_only::<m::alter_partition_reassignments_response::ReassignableTopicResponse> },
    super::Message { schema: &alter_partition_request::AlterPartitionRequest, decode: super::decode_only::<m::alter_partition_request::AlterPartitionRequest> },
    super::Message { schema: &alter_partition_request::BrokerState, decode: super::decode_only::<m::alter_partition_request::BrokerState> },
    super::Message { schema: &alter_partition_request::PartitionData, decode: super::decode_only::<m::alter_partition_request::PartitionData> },
    super::Message { schema: &alter_partition_request::TopicData, decode: super::decode_only::<m::alter_partition_request::TopicData> },
    super::Message { schema: &alter_partition_response::AlterPartitionResponse, decode: super::decode_only::<m::alter_partition_response::AlterPartitionResponse> },
    super::Message { schema: &alter_partition_response::PartitionData, decode: super::decode_only::<m::alter_partition_response::PartitionData> },
    super::Message { schema: &alter_partition_response::TopicData, decode: super::decode_only::<m::alter_partition_response::TopicData> },
    super::Message { schema: &alter_replica_log_dirs_request::AlterReplicaLogDir, decode: super::decode_only::<m::alter_replica_log_dirs_request::AlterReplicaLogDir> },
    super::Message { schema: &alter_replica_log_dirs_request::AlterReplicaLogDirTopic, decode: super::decode_only::<m::alter_replica_log_dirs_request::AlterReplicaLogDirTopic> },
    super::Message { schema: &alter_replica_log_dirs_request::AlterReplicaLogDirsRequest, decode: super::decode_only::<m::alter_replica_log_dirs_request::AlterReplicaLogDirsRequest> },
    super::Message { schema: &alter_replica_log_dirs_response::AlterReplicaLogDirPartitionResult, decode: super::decode_only::<m::alter_replica_log_dirs_response::AlterReplicaLogDirPartitionResult> },
    super::Message { schema: &alter_replica_log_dirs_response::AlterReplicaLogDirTopicResult, decode: super::decode_only::<m::alter_replica_log_dirs_response::AlterReplicaLogDirTopicResult> },
    super::Message { schema: &alter_replica_log_dirs_response::AlterReplicaLogDirsResponse, decode: super::decode_only::<m::alter_replica_log_dirs_response::AlterReplicaLogDirsResponse> },
    super::Message { schema: &alter_share_group_offsets_request::AlterShareGroupOffsetsRequest, decode: super::decode_only::<m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequest> },
    super::Message { schema: &alter_share_group_offsets_request::AlterShareGroupOffsetsRequestPartition, decode: super::decode_only::<m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequestPartition> },
    super::Message { schema: &alter_share_group_offsets_request::AlterShareGroupOffsetsRequestTopic, decode: super::decode_only::<m::alter_share_group_offsets_request::AlterShareGroupOffsetsRequestTopic> },
    super::Message { schema: &alter_share_group_offsets_response::AlterShareGroupOffsetsResponse, decode: super::decode_only::<m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponse> },
    super::Message { schema: &alter_share_group_offsets_response::AlterShareGroupOffsetsResponsePartition, decode: super::decode_only::<m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponsePartition> },
    super::Message { schema: &alter_share_group_offsets_response::AlterShareGroupOffsetsResponseTopic, decode: super::decode_only::<m::alter_share_group_offsets_response::AlterShareGroupOffsetsResponseTopic> },
    super::Message { schema: &alter_user_scram_credentials_request::AlterUserScramCredentialsRequest, decode: super::decode_only::<m::alter_user_scram_credentials_request::AlterUserScramCredentialsRequest> },
    super::Message { schema: &alter_user_scram_credentials_request::ScramCredentialDeletion, decode: super::decode_only::<m::alter_user_scram_credentials_request::ScramCredentialDeletion> },
    super::Message { schema: &alter_user_scram_credentials_request::ScramCredentialUpsertion, decode: super::decode_only::<m::alter_user_scram_credentials_request::ScramCredentialUpsertion> },
    super::Message { schema: &alter_user_scram_credentials_response::AlterUserScramCredentialsResponse, decode: super::decode_only::<m::alter_user_scram_credentials_response::AlterUserScramCredentialsResponse> },
    super::Message { schema: &alter_user_scram_credentials_response::AlterUserScramCredentialsResult, decode: super::decode_only::<m::alter_user_scram_credentials_response::AlterUserScramCredentialsResult> },
    super::Message { schema: &api_versions_request::ApiVersionsRequest, decode: super::decode_only::<m::api_versions_request::ApiVersionsRequest> },
    super::Message { schema: &api_versions_response::ApiVersion, decode: super::decode_only::<m::api_versions_response::ApiVersion> },
    super::Message { schema: &api_versions_response::ApiVersionsResponse, decode: super::decode_only::<m::api_versions_response::ApiVersionsResponse> },
    super::Message { schema: &api_versions_response::FinalizedFeatureKey, decode: super::decode_only::<m::api_versions_response::FinalizedFeatureKey> },
    super::Message { schema: &api_versions_response::SupportedFeatureKey, decode: super::decode_only::<m::api_versions_response::SupportedFeatureKey> },
    super::Message { schema: &assign_replicas_to_dirs_request::AssignReplicasToDirsRequest, decode: super::decode_only::<m::assign_replicas_to_dirs_request::AssignReplicasToDirsRequest> },
    super::Message { schema: &assign_replicas_to_dirs_request::DirectoryData, decode: super::decode_only::<m::assign_replicas_to_dirs_request::DirectoryData> },
    super::Message { schema: &assign_replicas_to_dirs_request::PartitionData, decode: super::decode_only::<m::assign_replicas_to_dirs_request::PartitionData> },
    super::Message { schema: &assign_replicas_to_dirs_request::TopicData, decode: super::decode_only::<m::assign_replicas_to_dirs_request::TopicData> },
    super::Message { schema: &assign_replicas_to_dirs_response::AssignReplicasToDirsResponse, decode: super::decode_only::<m::assign_replicas_to_dirs_response::AssignReplicasToDirsResponse> },
    super::Message { schema: &assign_replicas_to_dirs_response::DirectoryData, decode: super::decode_only::<m::assign_replicas_to_dirs_response::DirectoryData> },
    super::Message { schema: &assign_replicas_to_dirs_response::PartitionData, decode: super::decode_only::<m::assign_replicas_to_dirs_response::PartitionData> },
    super::Message { schema: &assign_replicas_to_dirs_response::TopicData, decode: super::decode_only::<m::assign_replicas_to_dirs_response::TopicData> },
    super::Message { schema: &begin_quorum_epoch_request::BeginQuorumEpochRequest, decode: super::decode_only::<m::begin_quorum_epoch_request::BeginQuorumEpochRequest> },
    super::Message { schema: &begin_quorum_epoch_request::LeaderEndpoint, decode: super::decode_only::<m::begin_quorum_epoch_request::LeaderEndpoint> },
    super::Message { schema: &begin_quorum_epoch_request::PartitionData, decode: super::decode_only::<m::begin_quorum_epoch_request::PartitionData> },
    super::Message { schema: &begin_quorum_epoch_request::TopicData, decode: super::decode_only::<m::begin_quorum_epoch_request::TopicData> },
    super::Message { schema: &begin_quorum_epoch_response::BeginQuorumEpochResponse, decode: super::decode_only::<m::begin_quorum_epoch_response::BeginQuorumEpochResponse> },
    super::Message { schema: &begin_quorum_epoch_response::NodeEndpoint, decode: super::decode_only::<m::begin_quorum_epoch_response::NodeEndpoint> },
    super::Message { schema: &begin_quorum_epoch_response::PartitionData, decode: super::decode_only::<m::begin_quorum_epoch_response::PartitionData> },
    super::Message { schema: &begin_quorum_epoch_response::TopicData, decode: super::decode_only::<m::begin_quorum_epoch_response::TopicData> },
    super::Message { schema: &broker_heartbeat_request::BrokerHeartbeatRequest, decode: super::decode_only::<m::broker_heartbeat_request::BrokerHeartbeatRequest> },
    super::Message { schema: &broker_heartbeat_response::BrokerHeartbeatResponse, decode: super::decode_only::<m::broker_heartbeat_response::BrokerHeartbeatResponse> },
    super::Message { schema: &broker_registration_request::BrokerRegistrationRequest, decode: super::decode_only::<m::broker_registration_request::BrokerRegistrationRequest> },
    super::Message { schema: &broker_registration_request::Feature, decode: super::decode_only::<m::broker_registration_request::Feature> },
    super::Message { schema: &broker_registration_request::Listener, decode: super::decode_only::<m::broker_registration_request::Listener> },
    super::Message { schema: &broker_registration_response::BrokerRegistrationResponse, decode: super::decode_only::<m::broker_registration_response::BrokerRegistrationResponse> },
    super::Message { schema: &consumer_group_describe_request::ConsumerGroupDescribeRequest, decode: super::decode_only::<m::consumer_group_describe_request::ConsumerGroupDescribeRequest> },
    super::Message { schema: &consumer_group_describe_response::Assignment, decode: super::decode_only::<m::consumer_group_describe_response::Assignment> },
    super::Message { schema: &consumer_group_describe_response::ConsumerGroupDescribeResponse, decode: super::decode_only::<m::consumer_group_describe_response::ConsumerGroupDescribeResponse> },
    super::Message { schema: &consumer_group_describe_response::DescribedGroup, decode: super::decode_only::<m::consumer_group_describe_response::DescribedGroup> },
    super::Message { schema: &consumer_group_describe_response::Member, decode: super::decode_only::<m::consumer_group_describe_response::Member> },
    super::Message { schema: &consumer_group_describe_response::TopicPartitions, decode: super::decode_only::<m::consumer_group_describe_response::TopicPartitions> },
    super::Message { schema: &consumer_group_heartbeat_request::ConsumerGroupHeartbeatRequest, decode: super::decode_only::<m::consumer_group_heartbeat_request::ConsumerGroupHeartbeatRequest> },
    super::Message { schema: &consumer_group_heartbeat_request::TopicPartitions, decode: super::decode_only::<m::consumer_group_heartbeat_request::TopicPartitions> },
    super::Message { schema: &consumer_group_heartbeat_response::Assignment, decode: super::decode_only::<m::consumer_group_heartbeat_response::Assignment> },
    super::Message { schema: &consumer_group_heartbeat_response::ConsumerGroupHeartbeatResponse, decode: super::decode_only::<m::consumer_group_heartbeat_response::ConsumerGroupHeartbeatResponse> },
    super::Message { schema: &consumer_group_heartbeat_response::TopicPartitions, decode: super::decode_only::<m::consumer_group_heartbeat_response::TopicPartitions> },
    super::Message { schema: &consumer_protocol_assignment::ConsumerProtocolAssignment, decode: super::decode_only::<m::consumer_protocol_assignment::ConsumerProtocolAssignment> },
    super::Message { schema: &consumer_protocol_assignment::TopicPartition, decode: super::decode_only::<m::consumer_protocol_assignment::TopicPartition> },
    super::Message { schema: &consumer_protocol_subscription::ConsumerProtocolSubscription, decode: super::decode_only::<m::consumer_protocol_subscription::ConsumerProtocolSubscription> },
    super::Message { schema: &consumer_protocol_subscription::TopicPartition, decode: super::decode_only::<m::consumer_protocol_subscription::TopicPartition> },
    super::Message { schema: &controller_registration_request::ControllerRegistrationRequest, decode: super::decode_only::<m::controller_registration_request::ControllerRegistrationRequest> },
    super::Message { schema: &controller_registration_request::Feature, decode: super::decode_only::<m::controller_registration_request::Feature> },
    super::Message { schema: &controller_registration_request::Listener, decode: super::decode_only::<m::controller_registration_request::Listener> },
    super::Message { schema: &controller_registration_response::ControllerRegistrationResponse, decode: super::decode_only::<m::controller_registration_response::ControllerRegistrationResponse> },
    super::Message { schema: &create_acls_request::AclCreation, decode: super::decode_only::<m::create_acls_request::AclCreation> },
    super::Message { schema: &create_acls_request::CreateAclsRequest, decode: super::decode_only::<m::create_acls_request::CreateAclsRequest> },
    super::Message { schema: &create_acls_response::AclCreationResult, decode: super::decode_only::<m::create_acls_response::AclCreationResult> },
    super::Message { schema: &create_acls_response::CreateAclsResponse, decode: super::decode_only::<m::create_acls_response::CreateAclsResponse> },
    super::Message { schema: &create_delegation_token_request::CreatableRenewers, decode: super::decode_only::<m::create_delegation_token_request::CreatableRenewers> },
    super::Message { schema: &create_delegation_token_request::CreateDelegationTokenRequest, decode: super::decode_only::<m::create_delegation_token_request::CreateDelegationTokenRequest> },
    super::Message { schema: &create_delegation_token_response::CreateDelegationTokenResponse, decode: super::decode_only::<m::create_delegation_token_response::CreateDelegationTokenResponse> },
    super::Message { schema: &create_partitions_request::CreatePartitionsAssignment, decode: super::decode_only::<m::create_partitions_request::CreatePartitionsAssignment> },
    super::Message { schema: &create_partitions_request::CreatePartitionsRequest, decode: super::decode_only::<m::create_partitions_request::CreatePartitionsRequest> },
    super::Message { schema: &create_partitions_request::CreatePartitionsTopic, decode: super::decode_only::<m::create_partitions_request::CreatePartitionsTopic> },
    super::Message { schema: &create_partitions_response::CreatePartitionsResponse, decode: super::decode_only::<m::create_partitions_response::CreatePartitionsResponse> },
    super::Message { schema: &create_partitions_response::CreatePartitionsTopicResult, decode: super::decode_only::<m::create_partitions_response::CreatePartitionsTopicResult> },
    super::Message { schema: &create_topics_request::CreatableReplicaAssignment, decode: super::decode_only::<m::create_topics_request::CreatableReplicaAssignment> },
    super::Message { schema: &create_topics_request::CreatableTopic, decode: super::decode_only::<m::create_topics_request::CreatableTopic> },
    super::Message { schema: &create_topics_request::CreatableTopicConfig, decode: super::decode_only::<m::create_topics_request::CreatableTopicConfig> },
    super::Message { schema: &create_topics_request::CreateTopicsRequest, decode: super::decode_only::<m::create_topics_request::CreateTopicsRequest> },
    super::Message { schema: &create_topics_response::CreatableTopicConfigs, decode: super::decode_only::<m::create_topics_response::CreatableTopicConfigs> },
    super::Message { schema: &create_topics_response::CreatableTopicResult, decode: super::decode_only::<m::create_topics_response::CreatableTopicResult> },
    super::Message { schema: &create_topics_response::CreateTopicsResponse, decode: super::decode_only::<m::create_topics_response::CreateTopicsResponse> },
    super::Message { schema: &default_principal_data::DefaultPrincipalData, decode: super::decode_only::<m::default_principal_data::DefaultPrincipalData> },
    super::Message { schema: &delete_acls_request::DeleteAclsFilter, decode: super::decode_only::<m::delete_acls_request::DeleteAclsFilter> },
    super::Message { schema: &delete_acls_request::DeleteAclsRequest, decode: super::decode_only::<m::delete_acls_request::DeleteAclsRequest> },
    super::Message { schema: &delete_acls_response::DeleteAclsFilterResult, decode: super::decode_only::<m::delete_acls_response::DeleteAclsFilterResult> },
    super::Message { schema: &delete_acls_response::DeleteAclsMatchingAcl, decode: super::decode_only::<m::delete_acls_response::DeleteAclsMatchingAcl> },
    super::Message { schema: &delete_acls_response::DeleteAclsResponse, decode: super::decode_only::<m::delete_acls_response::DeleteAclsResponse> },
    super::Message { schema: &delete_groups_request::DeleteGroupsRequest, decode: super::decode_only::<m::delete_groups_request::DeleteGroupsRequest> },
    super::Message { schema: &delete_groups_response::DeletableGroupResult, decode: super::decode_only::<m::delete_groups_response::DeletableGroupResult> },
    super::Message { schema: &delete_groups_response::DeleteGroupsResponse, decode: super::decode_only::<m::delete_groups_response::DeleteGroupsResponse> },
    super::Message { schema: &delete_records_request::DeleteRecordsPartition, decode: super::decode_only::<m::delete_records_request::DeleteRecordsPartition> },
    super::Message { schema: &delete_records_request::DeleteRecordsRequest, decode: super::decode_only::<m::delete_records_request::DeleteRecordsRequest> },
    super::Message { schema: &delete_records_request::DeleteRecordsTopic, decode: super::decode_only::<m::delete_records_request::DeleteRecordsTopic> },
    super::Message { schema: &delete_records_response::DeleteRecordsPartitionResult, decode: super::decode_only::<m::delete_records_response::DeleteRecordsPartitionResult> },
    super::Message { schema: &delete_records_response::DeleteRecordsResponse, decode: super::decode_only::<m::delete_records_response::DeleteRecordsResponse> },
    super::Message { schema: &delete_records_response::DeleteRecordsTopicResult, decode: super::decode_only::<m::delete_records_response::DeleteRecordsTopicResult> },
    super::Message { schema: &delete_share_group_offsets_request::DeleteShareGroupOffsetsRequest, decode: super::decode_only::<m::delete_share_group_offsets_request::DeleteShareGroupOffsetsRequest> },
    super::Message { schema: &delete_share_group_offsets_request::DeleteShareGroupOffsetsRequestTopic, decode: super::decode_only::<m::delete_share_group_offsets_request::DeleteShareGroupOffsetsRequestTopic> },
    super::Message { schema: &delete_share_group_offsets_response::DeleteShareGroupOffsetsResponse, decode: super::decode_only::<m::delete_share_group_offsets_response::DeleteShareGroupOffsetsResponse> },
    super::Message { schema: &delete_share_group_offsets_response::DeleteShareGroupOffsetsResponseTopic, decode: super::decode_only::<m::delete_share_group_offsets_response::DeleteShareGroupOffsetsResponseTopic> },
    super::Message { schema: &delete_share_group_state_request::DeleteShareGroupStateRequest, decode: super::decode_only::<m::delete_share_group_state_request::DeleteShareGroupStateRequest> },
    super::Message { schema: &delete_share_group_state_request::DeleteStateData, decode: super::decode_only::<m::delete_share_group_state_request::DeleteStateData> },
    super::Message { schema: &delete_share_group_state_request::PartitionData, decode: super::decode_only::<m::delete_share_group_state_request::PartitionData> },
    super::Message { schema: &delete_share_group_state_response::DeleteShareGroupStateResponse, decode: super::decode_only::<m::delete_share_group_state_response::DeleteShareGroupStateResponse> },
    super::Message { schema: &delete_share_group_state_response::DeleteStateResult, decode: super::decode_only::<m::delete_share_group_state_response::DeleteStateResult> },
    super::Message { schema: &delete_share_group_state_response::PartitionResult, decode: super::decode_only::<m::delete_share_group_state_response::PartitionResult> },
    super::Message { schema: &delete_topics_request::DeleteTopicState, decode: super::decode_only::<m::delete_topics_request::DeleteTopicState> },
    super::Message { schema: &delete_topics_request::DeleteTopicsRequest, decode: super::decode_only::<m::delete_topics_request::DeleteTopicsRequest> },
    super::Message { schema: &delete_topics_response::DeletableTopicResult, decode: super::decode_only::<m::delete_topics_response::DeletableTopicResult> },
    super::Message { schema: &delete_topics_response::DeleteTopicsResponse, decode: super::decode_only::<m::delete_topics_response::DeleteTopicsResponse> },
    super::Message { schema: &describe_acls_request::DescribeAclsRequest, decode: super::decode_only::<m::describe_acls_request::DescribeAclsRequest> },
    super::Message { schema: &describe_acls_response::AclDescription, decode: super::decode_only::<m::describe_acls_response::AclDescription> },
    super::Message { schema: &describe_acls_response::DescribeAclsResource, decode: super::decode_only::<m::describe_acls_response::DescribeAclsResource> },
    super::Message { schema: &describe_acls_response::DescribeAclsResponse, decode: super::decode_only::<m::describe_acls_response::DescribeAclsResponse> },
    super::Message { schema: &describe_client_quotas_request::ComponentData, decode: super::decode_only::<m::describe_client_quotas_request::ComponentData> },
    super::Message { schema: &describe_client_quotas_request::DescribeClientQuotasRequest, decode: super::decode_only::<m::describe_client_quotas_request::DescribeClientQuotasRequest> },
    super::Message { schema: &describe_client_quotas_response::DescribeClientQuotasResponse, decode: super::decode_only::<m::describe_client_quotas_response::DescribeClientQuotasResponse> },
    super::Message { schema: &describe_client_quotas_response::EntityData, decode: super::decode_only::<m::describe_client_quotas_response::EntityData> },
    super::Message { schema: &describe_client_quotas_response::EntryData, decode: super::decode_only::<m::describe_client_quotas_response::EntryData> },
    super::Message { schema: &describe_client_quotas_response::ValueData, decode: super::decode_only::<m::describe_client_quotas_response::ValueData> },
    super::Message { schema: &describe_cluster_request::DescribeClusterRequest, decode: super::decode_only::<m::describe_cluster_request::DescribeClusterRequest> },
    super::Message { schema: &describe_cluster_response::DescribeClusterBroker, decode: super::decode_only::<m::describe_cluster_response::DescribeClusterBroker> },
    super::Message { schema: &describe_cluster_response::DescribeClusterResponse, decode: super::decode_only::<m::describe_cluster_response::DescribeClusterResponse> },
    super::Message { schema: &describe_configs_request::DescribeConfigsRequest, decode: super::decode_only::<m::describe_configs_request::DescribeConfigsRequest> },
    super::Message { schema: &describe_configs_request::DescribeConfigsResource, decode: super::decode_only::<m::describe_configs_request::DescribeConfigsResource> },
    super::Message { schema: &describe_configs_response::DescribeConfigsResourceResult, decode: super::decode_only::<m::describe_configs_response::DescribeConfigsResourceResult> },
    super::Message { schema: &describe_configs_response::DescribeConfigsResponse, decode: super::decode_only::<m::describe_configs_response::DescribeConfigsResponse> },
    super::Message { schema: &describe_configs_response::DescribeConfigsResult, decode: super::decode_only::<m::describe_configs_response::DescribeConfigsResult> },
    super::Message { schema: &describe_configs_response::DescribeConfigsSynonym, decode: super::decode_only::<m::describe_configs_response::DescribeConfigsSynonym> },
    super::Message { schema: &describe_delegation_token_request::DescribeDelegationTokenOwner, decode: super::decode_only::<m::describe_delegation_token_request::DescribeDelegationTokenOwner> },
    super::Message { schema: &describe_delegation_token_request::DescribeDelegationTokenRequest, decode: super::decode_only::<m::describe_delegation_token_request::DescribeDelegationTokenRequest> },
    super::Message { schema: &describe_delegation_token_response::DescribeDelegationTokenResponse, decode: super::decode_only::<m::describe_delegation_token_response::DescribeDelegationTokenResponse> },
    super::Message { schema: &describe_delegation_token_response::DescribedDelegationToken, decode: super::decode_only::<m::describe_delegation_token_response::DescribedDelegationToken> },
    super::Message { schema: &describe_delegation_token_response::DescribedDelegationTokenRenewer, decode: super::decode_only::<m::describe_delegation_token_response::DescribedDelegationTokenRenewer> },
    super::Message { schema: &describe_groups_request::DescribeGroupsRequest, decode: super::decode_only::<m::describe_groups_request::DescribeGroupsRequest> },
    super::Message { schema: &describe_groups_response::DescribeGroupsResponse, decode: super::decode_only::<m::describe_groups_response::DescribeGroupsResponse> },
    super::Message { schema: &describe_groups_response::DescribedGroup, decode: super::decode_only::<m::describe_groups_response::DescribedGroup> },
    super::Message { schema: &describe_groups_response::DescribedGroupMember, decode: super::decode_only::<m::describe_groups_response::DescribedGroupMember> },
    super::Message { schema: &describe_log_dirs_request::DescribableLogDirTopic, decode: super::decode_only::<m::describe_log_dirs_request::DescribableLogDirTopic> },
    super::Message { schema: &describe_log_dirs_request::DescribeLogDirsRequest, decode: super::decode_only::<m::describe_log_dirs_request::DescribeLogDirsRequest> },
    super::Message { schema: &describe_log_dirs_response::DescribeLogDirsPartition, decode: super::decode_only::<m::describe_log_dirs_response::DescribeLogDirsPartition> },
    super::Message { schema: &describe_log_dirs_response::DescribeLogDirsResponse, decode: super::decode_only::<m::describe_log_dirs_response::DescribeLogDirsResponse> },
    super::Message { schema: &describe_log_dirs_response::DescribeLogDirsResult, decode: super::decode_only::<m::describe_log_dirs_response::DescribeLogDirsResult> },
    super::Message { schema: &describe_log_dirs_response::DescribeLogDirsTopic, decode: super::decode_only::<m::describe_log_dirs_response::DescribeLogDirsTopic> },
    super::Message { schema: &describe_producers_request::DescribeProducersRequest, decode: super::decode_only::<m::describe_producers_request::DescribeProducersRequest> },
    super::Message { schema: &describe_producers_request::TopicRequest, decode: super::decode_only::<m::describe_producers_request::TopicRequest> },
    super::Message { schema: &describe_producers_response::DescribeProducersResponse, decode: super::decode_only::<m::describe_producers_response::DescribeProducersResponse> },
    super::Message { schema: &describe_producers_response::PartitionResponse, decode: super::decode_only::<m::describe_producers_response::PartitionResponse> },
    super::Message { schema: &describe_producers_response::ProducerState, decode: super::decode_only::<m::describe_producers_response::ProducerState> },
    super::Message { schema: &describe_producers_response::TopicResponse, decode: super::decode_only::<m::describe_producers_response::TopicResponse> },
    super::Message { schema: &describe_quorum_request::DescribeQuorumRequest, decode: super::decode_only::<m::describe_quorum_request::DescribeQuorumRequest> },
    super::Message { schema: &describe_quorum_request::PartitionData, decode: super::decode_only::<m::describe_quorum_request::PartitionData> },
    super::Message { schema: &describe_quorum_request::TopicData, decode: super::decode_only::<m::describe_quorum_request::TopicData> },
    super::Message { schema: &describe_quorum_response::DescribeQuorumResponse, decode: super::decode_only::<m::describe_quorum_response::DescribeQuorumResponse> },
    super::Message { schema: &describe_quorum_response::Listener, decode: super::decode_only::<m::describe_quorum_response::Listener> },
    super::Message { schema: &describe_quorum_response::Node, decode: super::decode_only::<m::describe_quorum_response::Node> },
    super::Message { schema: &describe_quorum_response::PartitionData, decode: super::decode_only::<m::describe_quorum_response::PartitionData> },
    super::Message { schema: &describe_quorum_response::ReplicaState, decode: super::decode_only::<m::describe_quorum_response::ReplicaState> },
    super::Message { schema: &describe_quorum_response::TopicData, decode: super::decode_only::<m::describe_quorum_response::TopicData> },
    super::Message { schema: &describe_share_group_offsets_request::DescribeShareGroupOffsetsRequest, decode: super::decode_only::<m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequest> },
    super::Message { schema: &describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestGroup, decode: super::decode_only::<m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestGroup> },
    super::Message { schema: &describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestTopic, decode: super::decode_only::<m::describe_share_group_offsets_request::DescribeShareGroupOffsetsRequestTopic> },
    super::Message { schema: &describe_share_group_offsets_response::DescribeShareGroupOffsetsResponse, decode: super::decode_only::<m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponse> },
    super::Message { schema: &describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseGroup, decode: super::decode_only::<m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseGroup> },
    super::Message { schema: &describe_share_group_offsets_response::DescribeShareGroupOffsetsResponsePartition, decode: super::decode_only::<m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponsePartition> },
    super::Message { schema: &describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseTopic, decode: super::decode_only::<m::describe_share_group_offsets_response::DescribeShareGroupOffsetsResponseTopic> },
    super::Message { schema: &describe_topic_partitions_request::Cursor, decode: super::decode_only::<m::describe_topic_partitions_request::Cursor> },
    super::Message { schema: &describe_topic_partitions_request::DescribeTopicPartitionsRequest, decode: super::decode_only::<m::describe_topic_partitions_request::DescribeTopicPartitionsRequest> },
    super::Message { schema: &describe_topic_partitions_request::TopicRequest, decode: super::decode_only::<m::describe_topic_partitions_request::TopicRequest> },
    super::Message { schema: &describe_topic_partitions_response::Cursor, decode: super::decode_only::<m::describe_topic_partitions_response::Cursor> },
    super::Message { schema: &describe_topic_partitions_response::DescribeTopicPartitionsResponse, decode: super::decode_only::<m::describe_topic_partitions_response::DescribeTopicPartitionsResponse> },
    super::Message { schema: &describe_topic_partitions_response::DescribeTopicPartitionsResponsePartition, decode: super::decode_only::<m::describe_topic_partitions_response::DescribeTopicPartitionsResponsePartition> },
    super::Message { schema: &describe_topic_partitions_response::DescribeTopicPartitionsResponseTopic, decode: super::decode_only::<m::describe_topic_partitions_response::DescribeTopicPartitionsResponseTopic> },
    super::Message { schema: &describe_transactions_request::DescribeTransactionsRequest, decode: super::decode_only::<m::describe_transactions_request::DescribeTransactionsRequest> },
    super::Message { schema: &describe_transactions_response::DescribeTransactionsResponse, decode: super::decode_only::<m::describe_transactions_response::DescribeTransactionsResponse> },
    super::Message { schema: &describe_transactions_response::TopicData, decode: super::decode_only::<m::describe_transactions_response::TopicData> },
    super::Message { schema: &describe_transactions_response::TransactionState, decode: super::decode_only::<m::describe_transactions_response::TransactionState> },
    super::Message { schema: &describe_user_scram_credentials_request::DescribeUserScramCredentialsRequest, decode: super::decode_only::<m::describe_user_scram_credentials_request::DescribeUserScramCredentialsRequest> },
    super::Message { schema: &describe_user_scram_credentials_request::UserName, decode: super::decode_only::<m::describe_user_scram_credentials_request::UserName> },
    super::Message { schema: &describe_user_scram_credentials_response::CredentialInfo, decode: super::decode_only::<m::describe_user_scram_credentials_response::CredentialInfo> },
    super::Message { schema: &describe_user_scram_credentials_response::DescribeUserScramCredentialsResponse, decode: super::decode_only::<m::describe_user_scram_credentials_response::DescribeUserScramCredentialsResponse> },
    super::Message { schema: &describe_user_scram_credentials_response::DescribeUserScramCredentialsResult, decode: super::decode_only::<m::describe_user_scram_credentials_response::DescribeUserScramCredentialsResult> },
    super::Message { schema: &elect_leaders_request::ElectLeadersRequest, decode: super::decode_only::<m::elect_leaders_request::ElectLeadersRequest> },
    super::Message { schema: &elect_leaders_request::TopicPartitions, decode: super::decode_only::<m::elect_leaders_request::TopicPartitions> },
    super::Message { schema: &elect_leaders_response::ElectLeadersResponse, decode: super::decode_only::<m::elect_leaders_response::ElectLeadersResponse> },
    super::Message { schema: &elect_leaders_response::PartitionResult, decode: super::decode_only::<m::elect_leaders_response::PartitionResult> },
    super::Message { schema: &elect_leaders_response::ReplicaElectionResult, decode: super::decode_only::<m::elect_leaders_response::ReplicaElectionResult> },
    super::Message { schema: &end_quorum_epoch_request::EndQuorumEpochRequest, decode: super::decode_only::<m::end_quorum_epoch_request::EndQuorumEpochRequest> },
    super::Message { schema: &end_quorum_epoch_request::LeaderEndpoint, decode: super::decode_only::<m::end_quorum_epoch_request::LeaderEndpoint> },
    super::Message { schema: &end_quorum_epoch_request::PartitionData, decode: super::decode_only::<m::end_quorum_epoch_request::PartitionData> },
    super::Message { schema: &end_quorum_epoch_request::ReplicaInfo, decode: super::decode_only::<m::end_quorum_epoch_request::ReplicaInfo> },
    super::Message { schema: &end_quorum_epoch_request::TopicData, decode: super::decode_only::<m::end_quorum_epoch_request::TopicData> },
    super::Message { schema: &end_quorum_epoch_response::EndQuorumEpochResponse, decode: super::decode_only::<m::end_quorum_epoch_response::EndQuorumEpochResponse> },
    super::Message { schema: &end_quorum_epoch_response::NodeEndpoint, decode: super::decode_only::<m::end_quorum_epoch_response::NodeEndpoint> },
    super::Message { schema: &end_quorum_epoch_response::PartitionData, decode: super::decode_only::<m::end_quorum_epoch_response::PartitionData> },
    super::Message { schema: &end_quorum_epoch_response::TopicData, decode: super::decode_only::<m::end_quorum_epoch_response::TopicData> },
    super::Message { schema: &end_txn_marker::EndTxnMarker, decode: super::decode_only::<m::end_txn_marker::EndTxnMarker> },
    super::Message { schema: &end_txn_request::EndTxnRequest, decode: super::decode_only::<m::end_txn_request::EndTxnRequest> },
    super::Message { schema: &end_txn_response::EndTxnResponse, decode: super::decode_only::<m::end_txn_response::EndTxnResponse> },
    super::Message { schema: &envelope_request::EnvelopeRequest, decode: super::decode_only::<m::envelope_request::EnvelopeRequest> },
    super::Message { schema: &envelope_response::EnvelopeResponse, decode: super::decode_only::<m::envelope_response::EnvelopeResponse> },
    super::Message { schema: &expire_delegation_token_request::ExpireDelegationTokenRequest, decode: super::decode_only::<m::expire_delegation_token_request::ExpireDelegationTokenRequest> },
    super::Message { schema: &expire_delegation_token_response::ExpireDelegationTokenResponse, decode: super::decode_only::<m::expire_delegation_token_response::ExpireDelegationTokenResponse> },
    super::Message { schema: &fetch_request::FetchPartition, decode: super::decode_only::<m::fetch_request::FetchPartition> },
    super::Message { schema: &fetch_request::FetchRequest, decode: super::decode_only::<m::fetch_request::FetchRequest> },
    super::Message { schema: &fetch_request::FetchTopic, decode: super::decode_only::<m::fetch_request::FetchTopic> },
    super::Message { schema: &fetch_request::ForgottenTopic, decode: super::decode_only::<m::fetch_request::ForgottenTopic> },
    super::Message { schema: &fetch_request::ReplicaState, decode: super::decode_only::<m::fetch_request::ReplicaState> },
    super::Message { schema: &fetch_response::AbortedTransaction, decode: super::decode_only::<m::fetch_response::AbortedTransaction> },
    super::Message { schema: &fetch_response::EpochEndOffset, decode: super::decode_only::<m::fetch_response::EpochEndOffset> },
    super::Message { schema: &fetch_response::FetchResponse, decode: super::decode_only::<m::fetch_response::FetchResponse> },
    super::Message { schema: &fetch_response::FetchableTopicResponse, decode: super::decode_only::<m::fetch_response::FetchableTopicResponse> },
    super::Message { schema: &fetch_response::LeaderIdAndEpoch, decode: super::decode_only::<m::fetch_response::LeaderIdAndEpoch> },
    super::Message { schema: &fetch_response::NodeEndpoint, decode: super::decode_only::<m::fetch_response::NodeEndpoint> },
    super::Message { schema: &fetch_response::PartitionData, decode: super::decode_only::<m::fetch_response::PartitionData> },
    super::Message { schema: &fetch_response::SnapshotId, decode: super::decode_only::<m::fetch_response::SnapshotId> },
    super::Message { schema: &fetch_snapshot_request::FetchSnapshotRequest, decode: super::decode_only::<m::fetch_snapshot_request::FetchSnapshotRequest> },
    super::Message { schema: &fetch_snapshot_request::PartitionSnapshot, decode: super::decode_only::<m::fetch_snapshot_request::PartitionSnapshot> },
    super::Message { schema: &fetch_snapshot_request::SnapshotId, decode: super::decode_only::<m::fetch_snapshot_request::SnapshotId> },
    super::Message { schema: &fetch_snapshot_request::TopicSnapshot, decode: super::decode_only::<m::fetch_snapshot_request::TopicSnapshot> },
    super::Message { schema: &fetch_snapshot_response::FetchSnapshotResponse, decode: super::decode_only::<m::fetch_snapshot_response::FetchSnapshotResponse> },
    super::Message { schema: &fetch_snapshot_response::LeaderIdAndEpoch, decode: super::decode_only::<m::fetch_snapshot_response::LeaderIdAndEpoch> },
    super::Message { schema: &fetch_snapshot_response::NodeEndpoint, decode: super::decode_only::<m::fetch_snapshot_response::NodeEndpoint> },
    super::Message { schema: &fetch_snapshot_response::PartitionSnapshot, decode: super::decode_only::<m::fetch_snapshot_response::PartitionSnapshot> },
    super::Message { schema: &fetch_snapshot_response::SnapshotId, decode: super::decode_only::<m::fetch_snapshot_response::SnapshotId> },
    super::Message { schema: &fetch_snapshot_response::TopicSnapshot, decode: super::decode_only::<m::fetch_snapshot_response::TopicSnapshot> },
    super::Message { schema: &find_coordinator_request::FindCoordinatorRequest, decode: super::decode_only::<m::find_coordinator_request::FindCoordinatorRequest> },
    super::Message { schema: &find_coordinator_response::Coordinator, decode: super::decode_only::<m::find_coordinator_response::Coordinator> },
    super::Message { schema: &find_coordinator_response::FindCoordinatorResponse, decode: super::decode_only::<m::find_coordinator_response::FindCoordinatorResponse> },
    super::Message { schema: &get_telemetry_subscriptions_request::GetTelemetrySubscriptionsRequest, decode: super::decode_only::<m::get_telemetry_subscriptions_request::GetTelemetrySubscriptionsRequest> },
    super::Message { schema: &get_telemetry_subscriptions_response::GetTelemetrySubscriptionsResponse, decode: super::decode_only::<m::get_telemetry_subscriptions_response::GetTelemetrySubscriptionsResponse> },
    super::Message { schema: &heartbeat_request::HeartbeatRequest, decode: super::decode_only::<m::heartbeat_request::HeartbeatRequest> },
    super::Message { schema: &heartbeat_response::HeartbeatResponse, decode: super::decode_only::<m::heartbeat_response::HeartbeatResponse> },
    super::Message { schema: &incremental_alter_configs_request::AlterConfigsResource, decode: super::decode_only::<m::incremental_alter_configs_request::AlterConfigsResource> },
    super::Message { schema: &incremental_alter_configs_request::AlterableConfig, decode: super::decode_only::<m::incremental_alter_configs_request::AlterableConfig> },
    super::Message { schema: &incremental_alter_configs_request::IncrementalAlterConfigsRequest, decode: super::decode_only::<m::incremental_alter_configs_request::IncrementalAlterConfigsRequest> },
    super::Message { schema: &incremental_alter_configs_response::AlterConfigsResourceResponse, decode: super::decode_only::<m::incremental_alter_configs_response::AlterConfigsResourceResponse> },
    super::Message { schema: &incremental_alter_configs_response::IncrementalAlterConfigsResponse, decode: super::decode_only::<m::incremental_alter_configs_response::IncrementalAlterConfigsResponse> },
    super::Message { schema: &init_producer_id_request::InitProducerIdRequest, decode: super::decode_only::<m::init_producer_id_request::InitProducerIdRequest> },
    super::Message { schema: &init_producer_id_response::InitProducerIdResponse, decode: super::decode_only::<m::init_producer_id_response::InitProducerIdResponse> },
    super::Message { schema: &initialize_share_group_state_request::InitializeShareGroupStateRequest, decode: super::decode_only::<m::initialize_share_group_state_request::InitializeShareGroupStateRequest> },
    super::Message { schema: &initialize_share_group_state_request::InitializeStateData, decode: super::decode_only::<m::initialize_share_group_state_request::InitializeStateData> },
    super::Message { schema: &initialize_share_group_state_request::PartitionData, decode: super::decode_only::<m::initialize_share_group_state_request::PartitionData> },
    super::Message { schema: &initialize_share_group_state_response::InitializeShareGroupStateResponse, decode: super::decode_only::<m::initialize_share_group_state_response::InitializeShareGroupStateResponse> },
    super::Message { schema: &initialize_share_group_state_response::InitializeStateResult, decode: super::decode_only::<m::initialize_share_group_state_response::InitializeStateResult> },
    super::Message { schema: &initialize_share_group_state_response::PartitionResult, decode: super::decode_only::<m::initialize_share_group_state_response::PartitionResult> },
    super::Message { schema: &join_group_request::JoinGroupRequest, decode: super::decode_only::<m::join_group_request::JoinGroupRequest> },
    super::Message { schema: &join_group_request::JoinGroupRequestProtocol, decode: super::decode_only::<m::join_group_request::JoinGroupRequestProtocol> },
    super::Message { schema: &join_group_response::JoinGroupResponse, decode: super::decode_only::<m::join_group_response::JoinGroupResponse> },
    super::Message { schema: &join_group_response::JoinGroupResponseMember, decode: super::decode_only::<m::join_group_response::JoinGroupResponseMember> },
    super::Message { schema: &leader_change_message::Voter, decode: super::decode_only::<m::leader_change_message::Voter> },
    super::Message { schema: &leave_group_request::LeaveGroupRequest, decode: super::decode_only::<m::leave_group_request::LeaveGroupRequest> },
    super::Message { schema: &leave_group_request::MemberIdentity, decode: super::decode_only::<m::leave_group_request::MemberIdentity> },
    super::Message { schema: &leave_group_response::LeaveGroupResponse, decode: super::decode_only::<m::leave_group_response::LeaveGroupResponse> },
    super::Message { schema: &leave_group_response::MemberResponse, decode: super::decode_only::<m::leave_group_response::MemberResponse> },
    super::Message { schema: &list_config_resources_request::ListConfigResourcesRequest, decode: super::decode_only::<m::list_config_resources_request::ListConfigResourcesRequest> },
    super::Message { schema: &list_config_resources_response::ConfigResource, decode: super::decode_only::<m::list_config_resources_response::ConfigResource> },
    super::Message { schema: &list_config_resources_response::ListConfigResourcesResponse, decode: super::decode_only::<m::list_config_resources_response::ListConfigResourcesResponse> },
    super::Message { schema: &list_groups_request::ListGroupsRequest, decode: super::decode_only::<m::list_groups_request::ListGroupsRequest> },
    super::Message { schema: &list_groups_response::ListGroupsResponse, decode: super::decode_only::<m::list_groups_response::ListGroupsResponse> },
    super::Message { schema: &list_groups_response::ListedGroup, decode: super::decode_only::<m::list_groups_response::ListedGroup> },
    super::Message { schema: &list_offsets_request::ListOffsetsPartition, decode: super::decode_only::<m::list_offsets_request::ListOffsetsPartition> },
    super::Message { schema: &list_offsets_request::ListOffsetsRequest, decode: super::decode_only::<m::list_offsets_request::ListOffsetsRequest> },
    super::Message { schema: &list_offsets_request::ListOffsetsTopic, decode: super::decode_only::<m::list_offsets_request::ListOffsetsTopic> },
    super::Message { schema: &list_offsets_response::ListOffsetsPartitionResponse, decode: super::decode_only::<m::list_offsets_response::ListOffsetsPartitionResponse> },
    super::Message { schema: &list_offsets_response::ListOffsetsResponse, decode: super::decode_only::<m::list_offsets_response::ListOffsetsResponse> },
    super::Message { schema: &list_offsets_response::ListOffsetsTopicResponse, decode: super::decode_only::<m::list_offsets_response::ListOffsetsTopicResponse> },
    super::Message { schema: &list_partition_reassignments_request::ListPartitionReassignmentsRequest, decode: super::decode_only::<m::list_partition_reassignments_request::ListPartitionReassignmentsRequest> },
    super::Message { schema: &list_partition_reassignments_request::ListPartitionReassignmentsTopics, decode: super::decode_only::<m::list_partition_reassignments_request::ListPartitionReassignmentsTopics> },
    super::Message { schema: &list_partition_reassignments_response::ListPartitionReassignmentsResponse, decode: super::decode_only::<m::list_partition_reassignments_response::ListPartitionReassignmentsResponse> },
    super::Message { schema: &list_partition_reassignments_response::OngoingPartitionReassignment, decode: super::decode_only::<m::list_partition_reassignments_response::OngoingPartitionReassignment> },
    super::Message { schema: &list_partition_reassignments_response::OngoingTopicReassignment, decode: super::decode_only::<m::list_partition_reassignments_response::OngoingTopicReassignment> },
    super::Message { schema: &list_transactions_request::ListTransactionsRequest, decode: super::decode_only::<m::list_transactions_request::ListTransactionsRequest> },
    super::Message { schema: &list_transactions_response::ListTransactionsResponse, decode: super::decode_only::<m::list_transactions_response::ListTransactionsResponse> },
    super::Message { schema: &list_transactions_response::TransactionState, decode: super::decode_only::<m::list_transactions_response::TransactionState> },
    super::Message { schema: &metadata_request::MetadataRequest, decode: super::decode_only::<m::metadata_request::MetadataRequest> },
    super::Message { schema: &metadata_request::MetadataRequestTopic, decode: super::decode_only::<m::metadata_request::MetadataRequestTopic> },
    super::Message { schema: &metadata_response::MetadataResponse, decode: super::decode_only::<m::metadata_response::MetadataResponse> },
    super::Message { schema: &metadata_response::MetadataResponseBroker, decode: super::decode_only::<m::metadata_response::MetadataResponseBroker> },
    super::Message { schema: &metadata_response::MetadataResponsePartition, decode: super::decode_only::<m::metadata_response::MetadataResponsePartition> },
    super::Message { schema: &metadata_response::MetadataResponseTopic, decode: super::decode_only::<m::metadata_response::MetadataResponseTopic> },
    super::Message { schema: &offset_commit_request::OffsetCommitRequest, decode: super::decode_only::<m::offset_commit_request::OffsetCommitRequest> },
    super::Message { schema: &offset_commit_request::OffsetCommitRequestPartition, decode: super::decode_only::<m::offset_commit_request::OffsetCommitRequestPartition> },
    super::Message { schema: &offset_commit_request::OffsetCommitRequestTopic, decode: super::decode_only::<m::offset_commit_request::OffsetCommitRequestTopic> },
    super::Message { schema: &offset_commit_response::OffsetCommitResponse, decode: super::decode_only::<m::offset_commit_response::OffsetCommitResponse> },
    super::Message { schema: &offset_commit_response::OffsetCommitResponsePartition, decode: super::decode_only::<m::offset_commit_response::OffsetCommitResponsePartition> },
    super::Message { schema: &offset_commit_response::OffsetCommitResponseTopic, decode: super::decode_only::<m::offset_commit_response::OffsetCommitResponseTopic> },
    super::Message { schema: &offset_delete_request::OffsetDeleteRequest, decode: super::decode_only::<m::offset_delete_request::OffsetDeleteRequest> },
    super::Message { schema: &offset_delete_request::OffsetDeleteRequestPartition, decode: super::decode_only::<m::offset_delete_request::OffsetDeleteRequestPartition> },
    super::Message { schema: &offset_delete_request::OffsetDeleteRequestTopic, decode: super::decode_only::<m::offset_delete_request::OffsetDeleteRequestTopic> },
    super::Message { schema: &offset_delete_response::OffsetDeleteResponse, decode: super::decode_only::<m::offset_delete_response::OffsetDeleteResponse> },
    super::Message { schema: &offset_delete_response::OffsetDeleteResponsePartition, decode: super::decode_only::<m::offset_delete_response::OffsetDeleteResponsePartition> },
    super::Message { schema: &offset_delete_response::OffsetDeleteResponseTopic, decode: super::decode_only::<m::offset_delete_response::OffsetDeleteResponseTopic> },
    super::Message { schema: &offset_fetch_request::OffsetFetchRequest, decode: super::decode_only::<m::offset_fetch_request::OffsetFetchRequest> },
    super::Message { schema: &offset_fetch_request::OffsetFetchRequestGroup, decode: super::decode_only::<m::offset_fetch_request::OffsetFetchRequestGroup> },
    super::Message { schema: &offset_fetch_request::OffsetFetchRequestTopic, decode: super::decode_only::<m::offset_fetch_request::OffsetFetchRequestTopic> },
    super::Message { schema: &offset_fetch_request::OffsetFetchRequestTopics, decode: super::decode_only::<m::offset_fetch_request::OffsetFetchRequestTopics> },
    super::Message { schema: &offset_fetch_response::OffsetFetchResponse, decode: super::decode_only::<m::offset_fetch_response::OffsetFetchResponse> },
    super::Message { schema: &offset_fetch_response::OffsetFetchResponseGroup, decode: super::decode_only::<m::offset_fetch_response::OffsetFetchResponseGroup> },
    super::Message { schema: &offset_fetch_response::OffsetFetchResponsePartition, decode: super::decode_only::<m::offset_fetch_response::OffsetFetchResponsePartition> },
    super::Message { schema: &offset_fetch_response::OffsetFetchResponsePartitions, decode: super::decode_only::<m::offset_fetch_response::OffsetFetchResponsePartitions> },
    super::Message { schema: &offset_fetch_response::OffsetFetchResponseTopic, decode: super::decode_only::<m::offset_fetch_response::OffsetFetchResponseTopic> },
    super::Message { schema: &offset_fetch_response::OffsetFetchResponseTopics, decode: super::decode_only::<m::offset_fetch_response::OffsetFetchResponseTopics> },
    super::Message { schema: &offset_for_leader_epoch_request::OffsetForLeaderEpochRequest, decode: super::decode_only::<m::offset_for_leader_epoch_request::OffsetForLeaderEpochRequest> },
    super::Message { schema: &offset_for_leader_epoch_request::OffsetForLeaderPartition, decode: super::decode_only::<m::offset_for_leader_epoch_request::OffsetForLeaderPartition> },
    super::Message { schema: &offset_for_leader_epoch_request::OffsetForLeaderTopic, decode: super::decode_only::<m::offset_for_leader_epoch_request::OffsetForLeaderTopic> },
    super::Message { schema: &offset_for_leader_epoch_response::EpochEndOffset, decode: super::decode_only::<m::offset_for_leader_epoch_response::EpochEndOffset> },
    super::Message { schema: &offset_for_leader_epoch_response::OffsetForLeaderEpochResponse, decode: super::decode_only::<m::offset_for_leader_epoch_response::OffsetForLeaderEpochResponse> },
    super::Message { schema: &offset_for_leader_epoch_response::OffsetForLeaderTopicResult, decode: super::decode_only::<m::offset_for_leader_epoch_response::OffsetForLeaderTopicResult> },
    super::Message { schema: &produce_request::PartitionProduceData, decode: super::decode_only::<m::produce_request::PartitionProduceData> },
    super::Message { schema: &produce_request::ProduceRequest, decode: super::decode_only::<m::produce_request::ProduceRequest> },
    super::Message { schema: &produce_request::TopicProduceData, decode: super::decode_only::<m::produce_request::TopicProduceData> },
    super::Message { schema: &produce_response::BatchIndexAndErrorMessage, decode: super::decode_only::<m::produce_response::BatchIndexAndErrorMessage> },
    super::Message { schema: &produce_response::LeaderIdAndEpoch, decode: super::decode_only::<m::produce_response::LeaderIdAndEpoch> },
    super::Message { schema: &produce_response::NodeEndpoint, decode: super::decode_only::<m::produce_response::NodeEndpoint> },
    super::Message { schema: &produce_response::PartitionProduceResponse, decode: super::decode_only::<m::produce_response::PartitionProduceResponse> },
    super::Message { schema: &produce_response::ProduceResponse, decode: super::decode_only::<m::produce_response::ProduceResponse> },
    super::Message { schema: &produce_response::TopicProduceResponse, decode: super::decode_only::<m::produce_response::TopicProduceResponse> },
    super::Message { schema: &push_telemetry_request::PushTelemetryRequest, decode: super::decode_only::<m::push_telemetry_request::PushTelemetryRequest> },
    super::Message { schema: &push_telemetry_response::PushTelemetryResponse, decode: super::decode_only::<m::push_telemetry_response::PushTelemetryResponse> },
    super::Message { schema: &read_share_group_state_request::PartitionData, decode: super::decode_only::<m::read_share_group_state_request::PartitionData> },
    super::Message { schema: &read_share_group_state_request::ReadShareGroupStateRequest, decode: super::decode_only::<m::read_share_group_state_request::ReadShareGroupStateRequest> },
    super::Message { schema: &read_share_group_state_request::ReadStateData, decode: super::decode_only::<m::read_share_group_state_request::ReadStateData> },
    super::Message { schema: &read_share_group_state_response::PartitionResult, decode: super::decode_only::<m::read_share_group_state_response::PartitionResult> },
    super::Message { schema: &read_share_group_state_response::ReadShareGroupStateResponse, decode: super::decode_only::<m::read_share_group_state_response::ReadShareGroupStateResponse> },
    super::Message { schema: &read_share_group_state_response::ReadStateResult, decode: super::decode_only::<m::read_share_group_state_response::ReadStateResult> },
    super::Message { schema: &read_share_group_state_response::StateBatch, decode: super::decode_only::<m::read_share_group_state_response::StateBatch> },
    super::Message { schema: &read_share_group_state_summary_request::PartitionData, decode: super::decode_only::<m::read_share_group_state_summary_request::PartitionData> },
    super::Message { schema: &read_share_group_state_summary_request::ReadShareGroupStateSummaryRequest, decode: super::decode_only::<m::read_share_group_state_summary_request::ReadShareGroupStateSummaryRequest> },
    super::Message { schema: &read_share_group_state_summary_request::ReadStateSummaryData, decode: super::decode_only::<m::read_share_group_state_summary_request::ReadStateSummaryData> },
    super::Message { schema: &read_share_group_state_summary_response::PartitionResult, decode: super::decode_only::<m::read_share_group_state_summary_response::PartitionResult> },
    super::Message { schema: &read_share_group_state_summary_response::ReadShareGroupStateSummaryResponse, decode: super::decode_only::<m::read_share_group_state_summary_response::ReadShareGroupStateSummaryResponse> },
    super::Message { schema: &read_share_group_state_summary_response::ReadStateSummaryResult, decode: super::decode_only::<m::read_share_group_state_summary_response::ReadStateSummaryResult> },
    super::Message { schema: &remove_raft_voter_request::RemoveRaftVoterRequest, decode: super::decode_only::<m::remove_raft_voter_request::RemoveRaftVoterRequest> },
    super::Message { schema: &remove_raft_voter_response::RemoveRaftVoterResponse, decode: super::decode_only::<m::remove_raft_voter_response::RemoveRaftVoterResponse> },
    super::Message { schema: &renew_delegation_token_request::RenewDelegationTokenRequest, decode: super::decode_only::<m::renew_delegation_token_request::RenewDelegationTokenRequest> },
    super::Message { schema: &renew_delegation_token_response::RenewDelegationTokenResponse, decode: super::decode_only::<m::renew_delegation_token_response::RenewDelegationTokenResponse> },
    super::Message { schema: &request_header::RequestHeader, decode: super::decode_only::<m::request_header::RequestHeader> },
    super::Message { schema: &response_header::ResponseHeader, decode: super::decode_only::<m::response_header::ResponseHeader> },
    super::Message { schema: &sasl_authenticate_request::SaslAuthenticateRequest, decode: super::decode_only::<m::sasl_authenticate_request::SaslAuthenticateRequest> },
    super::Message { schema: &sasl_authenticate_response::SaslAuthenticateResponse, decode: super::decode_only::<m::sasl_authenticate_response::SaslAuthenticateResponse> },
    super::Message { schema: &sasl_handshake_request::SaslHandshakeRequest, decode: super::decode_only::<m::sasl_handshake_request::SaslHandshakeRequest> },
    super::Message { schema: &sasl_handshake_response::SaslHandshakeResponse, decode: super::decode_only::<m::sasl_handshake_response::SaslHandshakeResponse> },
    super::Message { schema: &share_acknowledge_request::AcknowledgePartition, decode: super::decode_only::<m::share_acknowledge_request::AcknowledgePartition> },
    super::Message { schema: &share_acknowledge_request::AcknowledgeTopic, decode: super::decode_only::<m::share_acknowledge_request::AcknowledgeTopic> },
    super::Message { schema: &share_acknowledge_request::AcknowledgementBatch, decode: super::decode_only::<m::share_acknowledge_request::AcknowledgementBatch> },
    super::Message { schema: &share_acknowledge_request::ShareAcknowledgeRequest, decode: super::decode_only::<m::share_acknowledge_request::ShareAcknowledgeRequest> },
    super::Message { schema: &share_acknowledge_response::LeaderIdAndEpoch, decode: super::decode_only::<m::share_acknowledge_response::LeaderIdAndEpoch> },
    super::Message { schema: &share_acknowledge_response::NodeEndpoint, decode: super::decode_only::<m::share_acknowledge_response::NodeEndpoint> },
    super::Message { schema: &share_acknowledge_response::PartitionData, decode: super::decode_only::<m::share_acknowledge_response::PartitionData> },
    super::Message { schema: &share_acknowledge_response::ShareAcknowledgeResponse, decode: super::decode_only::<m::share_acknowledge_response::ShareAcknowledgeResponse> },
    super::Message { schema: &share_acknowledge_response::ShareAcknowledgeTopicResponse, decode: super::decode_only::<m::share_acknowledge_response::ShareAcknowledgeTopicResponse> },
    super::Message { schema: &share_fetch_request::AcknowledgementBatch, decode: super::decode_only::<m::share_fetch_request::AcknowledgementBatch> },
    super::Message { schema: &share_fetch_request::FetchPartition, decode: super::decode_only::<m::share_fetch_request::FetchPartition> },
    super::Message { schema: &share_fetch_request::FetchTopic, decode: super::decode_only::<m::share_fetch_request::FetchTopic> },
    super::Message { schema: &share_fetch_request::ForgottenTopic, decode: super::decode_only::<m::share_fetch_request::ForgottenTopic> },
    super::Message { schema: &share_fetch_request::ShareFetchRequest, decode: super::decode_only::<m::share_fetch_request::ShareFetchRequest> },
    super::Message { schema: &share_fetch_response::AcquiredRecords, decode: super::decode_only::<m::share_fetch_response::AcquiredRecords> },
    super::Message { schema: &share_fetch_response::LeaderIdAndEpoch, decode: super::decode_only::<m::share_fetch_response::LeaderIdAndEpoch> },
    super::Message { schema: &share_fetch_response::NodeEndpoint, decode: super::decode_only::<m::share_fetch_response::NodeEndpoint> },
    super::Message { schema: &share_fetch_response::PartitionData, decode: super::decode_only::<m::share_fetch_response::PartitionData> },
    super::Message { schema: &share_fetch_response::ShareFetchResponse, decode: super::decode_only::<m::share_fetch_response::ShareFetchResponse> },
    super::Message { schema: &share_fetch_response::ShareFetchableTopicResponse, decode: super::decode_only::<m::share_fetch_response::ShareFetchableTopicResponse> },
    super::Message { schema: &share_group_describe_request::ShareGroupDescribeRequest, decode: super::decode_only::<m::share_group_describe_request::ShareGroupDescribeRequest> },
    super::Message { schema: &share_group_describe_response::Assignment, decode: super::decode_only::<m::share_group_describe_response::Assignment> },
    super::Message { schema: &share_group_describe_response::DescribedGroup, decode: super::decode_only::<m::share_group_describe_response::DescribedGroup> },
    super::Message { schema: &share_group_describe_response::Member, decode: super::decode_only::<m::share_group_describe_response::Member> },
    super::Message { schema: &share_group_describe_response::ShareGroupDescribeResponse, decode: super::decode_only::<m::share_group_describe_response::ShareGroupDescribeResponse> },
    super::Message { schema: &share_group_describe_response::TopicPartitions, decode: super::decode_only::<m::share_group_describe_response::TopicPartitions> },
    super::Message { schema: &share_group_heartbeat_request::ShareGroupHeartbeatRequest, decode: super::decode_only::<m::share_group_heartbeat_request::ShareGroupHeartbeatRequest> },
    super::Message { schema: &share_group_heartbeat_response::Assignment, decode: super::decode_only::<m::share_group_heartbeat_response::Assignment> },
    super::Message { schema: &share_group_heartbeat_response::ShareGroupHeartbeatResponse, decode: super::decode_only::<m::share_group_heartbeat_response::ShareGroupHeartbeatResponse> },
    super::Message { schema: &share_group_heartbeat_response::TopicPartitions, decode: super::decode_only::<m::share_group_heartbeat_response::TopicPartitions> },
    super::Message { schema: &sync_group_request::SyncGroupRequest, decode: super::decode_only::<m::sync_group_request::SyncGroupRequest> },
    super::Message { schema: &sync_group_request::SyncGroupRequestAssignment, decode: super::decode_only::<m::sync_group_request::SyncGroupRequestAssignment> },
    super::Message { schema: &sync_group_response::SyncGroupResponse, decode: super::decode_only::<m::sync_group_response::SyncGroupResponse> },
    super::Message { schema: &txn_offset_commit_request::TxnOffsetCommitRequest, decode: super::decode_only::<m::txn_offset_commit_request::TxnOffsetCommitRequest> },
    super::Message { schema: &txn_offset_commit_request::TxnOffsetCommitRequestPartition, decode: super::decode_only::<m::txn_offset_commit_request::TxnOffsetCommitRequestPartition> },
    super::Message { schema: &txn_offset_commit_request::TxnOffsetCommitRequestTopic, decode: super::decode_only::<m::txn_offset_commit_request::TxnOffsetCommitRequestTopic> },
    super::Message { schema: &txn_offset_commit_response::TxnOffsetCommitResponse, decode: super::decode_only::<m::txn_offset_commit_response::TxnOffsetCommitResponse> },
    super::Message { schema: &txn_offset_commit_response::TxnOffsetCommitResponsePartition, decode: super::decode_only::<m::txn_offset_commit_response::TxnOffsetCommitResponsePartition> },
    super::Message { schema: &txn_offset_commit_response::TxnOffsetCommitResponseTopic, decode: super::decode_only::<m::txn_offset_commit_response::TxnOffsetCommitResponseTopic> },
    super::Message { schema: &unregister_broker_request::UnregisterBrokerRequest, decode: super::decode_only::<m::unregister_broker_request::UnregisterBrokerRequest> },
    super::Message { schema: &unregister_broker_response::UnregisterBrokerResponse, decode: super::decode_only::<m::unregister_broker_response::UnregisterBrokerResponse> },
    super::Message { schema: &update_features_request::FeatureUpdateKey, decode: super::decode_only::<m::update_features_request::FeatureUpdateKey> },
    super::Message { schema: &update_features_request::UpdateFeaturesRequest, decode: super::decode_only::<m::update_features_request::UpdateFeaturesRequest> },
    super::Message { schema: &update_features_response::UpdatableFeatureResult, decode: super::decode_only::<m::update_features_response::UpdatableFeatureResult> },
    super::Message { schema: &update_features_response::UpdateFeaturesResponse, decode: super::decode_only::<m::update_features_response::UpdateFeaturesResponse> },
    super::Message { schema: &update_raft_voter_request::KRaftVersionFeature, decode: super::decode_only::<m::update_raft_voter_request::KRaftVersionFeature> },
    super::Message { schema: &update_raft_voter_request::Listener, decode: super::decode_only::<m::update_raft_voter_request::Listener> },
    super::Message { schema: &update_raft_voter_request::UpdateRaftVoterRequest, decode: super::decode_only::<m::update_raft_voter_request::UpdateRaftVoterRequest> },
    super::Message { schema: &update_raft_voter_response::CurrentLeader, decode: super::decode_only::<m::update_raft_voter_response::CurrentLeader> },
    super::Message { schema: &update_raft_voter_response::UpdateRaftVoterResponse, decode: super::decode_only::<m::update_raft_voter_response::UpdateRaftVoterResponse> },
    super::Message { schema: &vote_request::PartitionData, decode: super::decode_only::<m::vote_request::PartitionData> },
    super::Message { schema: &vote_request::TopicData, decode: super::decode_only::<m::vote_request::TopicData> },
    super::Message { schema: &vote_request::VoteRequest, decode: super::decode_only::<m::vote_request::VoteRequest> },
    super::Message { schema: &vote_response::NodeEndpoint, decode: super::decode_only::<m::vote_response::NodeEndpoint> },
    super::Message { schema: &vote_response::PartitionData, decode: super::decode_only::<m::vote_response::PartitionData> },
    super::Message { schema: &vote_response::TopicData, decode: super::decode_only::<m::vote_response::TopicData> },
    super::Message { schema: &vote_response::VoteResponse, decode: super::decode_only::<m::vote_response::VoteResponse> },
    super::Message { schema: &voters_record::Endpoint, decode: super::decode_only::<m::voters_record::Endpoint> },
    super::Message { schema: &voters_record::KRaftVersionFeature, decode: super::decode_only::<m::voters_record::KRaftVersionFeature> },
    super::Message { schema: &voters_record::Voter, decode: super::decode_only::<m::voters_record::Voter> },
    super::Message { schema: &write_share_group_state_request::PartitionData, decode: super::decode_only::<m::write_share_group_state_request::PartitionData> },
    super::Message { schema: &write_share_group_state_request::StateBatch, decode: super::decode_only::<m::write_share_group_state_request::StateBatch> },
    super::Message { schema: &write_share_group_state_request::WriteShareGroupStateRequest, decode: super::decode_only::<m::write_share_group_state_request::WriteShareGroupStateRequest> },
    super::Message { schema: &write_share_group_state_request::WriteStateData, decode: super::decode_only::<m::write_share_group_state_request::WriteStateData> },
    super::Message { schema: &write_share_group_state_response::PartitionResult, decode: super::decode_only::<m::write_share_group_state_response::PartitionResult> },
    super::Message { schema: &write_share_group_state_response::WriteShareGroupStateResponse, decode: super::decode_only::<m::write_share_group_state_response::WriteShareGroupStateResponse> },
    super::Message { schema: &write_share_group_state_response::WriteStateResult, decode: super::decode_only::<m::write_share_group_state_response::WriteStateResult> },
    super::Message { schema: &write_txn_markers_request::WritableTxnMarker, decode: super::decode_only::<m::write_txn_markers_request::WritableTxnMarker> },
    super::Message { schema: &write_txn_markers_request::WritableTxnMarkerTopic, decode: super::decode_only::<m::write_txn_markers_request::WritableTxnMarkerTopic> },
    super::Message { schema: &write_txn_markers_request::WriteTxnMarkersRequest, decode: super::decode_only::<m::write_txn_markers_request::WriteTxnMarkersRequest> },
    super::Message { schema: &write_txn_markers_response::WritableTxnMarkerPartitionResult, decode: super::decode_only::<m::write_txn_markers_response::WritableTxnMarkerPartitionResult> },
    super::Message { schema: &write_txn_markers_response::WritableTxnMarkerResult, decode: super::decode_only::<m::write_txn_markers_response::WritableTxnMarkerResult> },
    super::Message { schema: &write_txn_markers_response::WritableTxnMarkerTopicResult, decode: super::decode_only::<m::write_txn_markers_response::WritableTxnMarkerTopicResult> },
    super::Message { schema: &write_txn_markers_response::WriteTxnMarkersResponse, decode: super::decode_only::<m::write_txn_markers_response::WriteTxnMarkersResponse> },
];
