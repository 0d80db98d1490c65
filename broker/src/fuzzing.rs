//! Entry points of the fuzz targets (`fuzz/fuzz_targets/`) and of their regression tests
//! (`broker/tests/fuzz_corpus.rs`): each takes arbitrary bytes through one path that reads
//! input from outside — a client's request frame, a produced record batch, the metadata log, a
//! `__consumer_offsets` partition — exactly as the broker does. Returning at all is the
//! property; any panic, abort, hang or oversized allocation is a bug.

use std::collections::HashMap;

use bytes::Bytes;

use crate::log::batch::{self, BatchHeader, Capture, HEADER_LEN};

/// The decompression limit the targets use: the broker's floor (`decompressed_limit`'s
/// 16 MiB), so the fuzzer's allocation limit catches anything sized beyond it.
pub const LIMIT: usize = 16 << 20;

/// A client's request frame (without its length prefix): header and body decoded as
/// `api::handle` does before it runs a handler.
pub fn request(data: &[u8]) {
    let _ = crate::api::decode_request(Bytes::copy_from_slice(data));
}

/// Sets the CRC-32C of a v2 batch over what follows it, so the fuzzer's mutations reach the
/// records instead of stopping at the checksum (a random CRC is right once in 2^32).
pub fn fix_crc(data: &mut [u8]) {
    if data.len() >= HEADER_LEN {
        let crc = crc32c::crc32c(&data[21..]);
        data[17..21].copy_from_slice(&crc.to_be_bytes());
    }
}

/// A produced record batch (its CRC made right), checked as Produce checks it, then walked
/// as the readers of stored batches walk it (ListOffsets by time, the cleaner, loading).
pub fn record_batch(data: &[u8]) {
    let mut data = data.to_vec();
    fix_crc(&mut data);
    let _ = batch::validate_produced(Bytes::copy_from_slice(&data), LIMIT);
    if let Ok(h) = BatchHeader::parse(&data)
        && h.total_size() <= data.len()
    {
        let _ = batch::walk_records(&data[..h.total_size()], &h, LIMIT, Capture::ALL, |_| {
            std::ops::ControlFlow::Continue(())
        });
    }
}

/// The stored batches of the metadata log, decoded into Raft entries as at start-up.
pub fn metadata_log(data: &[u8]) {
    let mut out = Vec::new();
    let _ = crate::controller::quorum::log_store::decode_entries(data, LIMIT, &mut out);
}

/// The stored batches of a `__consumer_offsets` partition, loaded into groups as a new
/// coordinator loads them.
pub fn group_records(data: &[u8]) {
    let mut groups = HashMap::new();
    let _ = crate::group::apply_batches(data, LIMIT, &mut groups, 0, &mut |_, _, _| {});
}

/// A fuzz target: it returns, whatever the bytes.
pub type Target = fn(&[u8]);

/// The targets by name, as `fuzz/fuzz_targets/` and the corpus folders name them.
pub const TARGETS: &[(&str, Target)] = &[
    ("request", request),
    ("record_batch", record_batch),
    ("metadata_log", metadata_log),
    ("group_records", group_records),
];
