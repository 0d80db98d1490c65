//! Log compaction (`cleanup.policy=compact`): keeps the latest record of every key in the
//! read-only segments, and drops tombstones once `delete.retention.ms` has passed.
//!
//! Work happens in three steps so appends are never blocked by a rewrite: plan under the log
//! lock (which segments, their files), rewrite without the lock into `cleaning/`, then swap the
//! cleaned segments in under the lock if nothing changed meanwhile.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::PathBuf;

use bytes::{Bytes, BytesMut};
use kafka_protocol::protocol::StrBytes;
use kafka_protocol::records::{
    Compression, Record, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
};

use super::batch::{self, BatchHeader, Capture, RecordRef};
use super::segment::{FileSlice, LogSegment};
use super::{Log, now_ms};

/// A segment chosen for cleaning: its identity and the bytes to read.
#[derive(Debug)]
pub struct SegmentToClean {
    base_offset: i64,
    size: u64,
    slice: FileSlice,
    max_timestamp: i64,
}

/// What to clean in one log.
#[derive(Debug)]
pub struct CleanPlan {
    dir: PathBuf,
    segments: Vec<SegmentToClean>,
    delete_retention_ms: i64,
    index_max: usize,
    index_interval: usize,
    /// Most bytes one batch may decompress to (`compression::decompressed_limit`).
    decompressed_limit: usize,
}

/// Result of a cleaning pass.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CleanStats {
    pub records_before: usize,
    pub records_after: usize,
    pub bytes_before: u64,
    pub bytes_after: u64,
}

impl Log {
    /// Step 1 (under the lock): decide whether the log needs cleaning and what to read.
    /// `cleaned_up_to` is the end of the last pass; dirty bytes are those after it.
    pub fn plan_cleaning(&self, cleaned_up_to: i64, now: i64) -> Option<CleanPlan> {
        let config = self.config();
        if !config.compact || self.segments.len() < 2 {
            return None;
        }
        let active_base = self.segments.keys().next_back().copied()?;
        let lag_ok = |s: &LogSegment| now - s.max_timestamp() >= config.min_compaction_lag_ms;
        let candidates: Vec<&LogSegment> = self
            .segments
            .values()
            .filter(|s| s.base_offset() < active_base && !s.is_empty() && lag_ok(s))
            .collect();
        let total: u64 = candidates.iter().map(|s| s.size()).sum();
        let dirty: u64 = candidates
            .iter()
            .filter(|s| s.next_offset() > cleaned_up_to)
            .map(|s| s.size())
            .sum();
        let overdue = candidates.iter().any(|s| {
            s.next_offset() > cleaned_up_to
                && now - s.max_timestamp() >= config.max_compaction_lag_ms
        });
        if dirty == 0
            || total == 0
            || ((dirty as f64) / (total as f64) < config.min_cleanable_dirty_ratio && !overdue)
        {
            return None;
        }
        Some(CleanPlan {
            dir: self.dir.clone(),
            segments: candidates
                .iter()
                .map(|s| SegmentToClean {
                    base_offset: s.base_offset(),
                    size: s.size(),
                    slice: FileSlice {
                        file: s.file(),
                        position: 0,
                        len: s.size() as usize,
                    },
                    max_timestamp: s.max_timestamp(),
                })
                .collect(),
            delete_retention_ms: config.delete_retention_ms,
            index_max: config.segment_index_bytes as usize,
            index_interval: config.index_interval_bytes as usize,
            decompressed_limit: self.decompressed_limit(),
        })
    }

    /// Step 3 (under the lock): swap the cleaned segments in, unless the log changed.
    pub fn install_cleaned(
        &mut self,
        plan: &CleanPlan,
        cleaned: Vec<LogSegment>,
    ) -> io::Result<bool> {
        let unchanged = plan.segments.iter().all(|p| {
            self.segments
                .get(&p.base_offset)
                .is_some_and(|s| s.size() == p.size)
        });
        if !unchanged {
            for c in cleaned {
                c.delete()?;
            }
            return Ok(false);
        }
        for c in cleaned {
            let base = c.base_offset();
            if let Some(seg) = self.segments.get_mut(&base) {
                seg.replace_with(c)?;
            }
        }
        Ok(true)
    }
}

struct Entry {
    offset: i64,
}

/// Step 2 (no lock): read the planned segments and write cleaned copies under `cleaning/`.
pub fn clean(plan: &CleanPlan) -> io::Result<(Vec<LogSegment>, CleanStats)> {
    let mut stats = CleanStats::default();
    // Pass 1: the last offset of every key.
    let mut latest: HashMap<Bytes, Entry> = HashMap::new();
    let mut data = Vec::with_capacity(plan.segments.len());
    for seg in &plan.segments {
        let bytes = seg.slice.read()?;
        stats.bytes_before += bytes.len() as u64;
        let mut pos = 0;
        while pos < bytes.len() {
            let Ok(h) = batch::validate(&bytes[pos..]) else {
                break;
            };
            let end = pos + h.total_size();
            if !h.is_control() {
                let walked = batch::walk_records(
                    &bytes[pos..end],
                    &h,
                    plan.decompressed_limit,
                    Capture::KEYS,
                    |r| {
                        stats.records_before += 1;
                        if let Some(k) = r.key {
                            let offset = h.base_offset + r.offset_delta as i64;
                            latest.insert(Bytes::copy_from_slice(k), Entry { offset });
                        }
                        std::ops::ControlFlow::Continue(())
                    },
                );
                if let Err(e) = walked {
                    // Its records stay as they are: pass 2 keeps an unreadable batch whole.
                    tracing::warn!(dir = %plan.dir.display(), offset = h.base_offset, error = %e, "cleaner: unreadable batch kept as is");
                }
            }
            pos = end;
        }
        data.push(bytes);
    }
    // Pass 2: rewrite each segment with only the surviving records.
    let work = plan.dir.join("cleaning");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work)?;
    let now = now_ms();
    let mut out = Vec::new();
    for (seg, bytes) in plan.segments.iter().zip(data) {
        let mut cleaned = LogSegment::create(
            &work,
            seg.base_offset,
            plan.index_max,
            plan.index_interval,
            now,
        )?;
        let drop_tombstones = now - seg.max_timestamp > plan.delete_retention_ms;
        let mut pos = 0;
        while pos < bytes.len() {
            let Ok(h) = batch::validate(&bytes[pos..]) else {
                break;
            };
            let end = pos + h.total_size();
            let raw = &bytes[pos..end];
            pos = end;
            if h.is_control() {
                continue;
            }
            let mut keep = Vec::new();
            let walked = batch::walk_records(raw, &h, plan.decompressed_limit, Capture::ALL, |r| {
                let offset = h.base_offset + r.offset_delta as i64;
                let Some(k) = r.key else {
                    return std::ops::ControlFlow::Continue(());
                };
                let is_latest = latest.get(k).is_some_and(|e| e.offset == offset);
                if is_latest && !(r.value.is_none() && drop_tombstones) {
                    keep.push(to_record(&h, r));
                }
                std::ops::ControlFlow::Continue(())
            });
            if walked.is_err() {
                // Never drop what cannot be read: the batch stays whole.
                stats.records_after += h.records_count.max(0) as usize;
                write_batch(&mut cleaned, raw)?;
                continue;
            }
            if keep.is_empty() {
                continue;
            }
            stats.records_after += keep.len();
            if keep.len() == h.records_count as usize {
                write_batch(&mut cleaned, raw)?;
                continue;
            }
            let compression = match h.compression_code() {
                1 => Compression::Gzip,
                2 => Compression::Snappy,
                3 => Compression::Lz4,
                4 => Compression::Zstd,
                _ => Compression::None,
            };
            let mut enc = BytesMut::new();
            RecordBatchEncoder::encode(
                &mut enc,
                keep.iter(),
                &RecordEncodeOptions {
                    version: 2,
                    compression,
                },
            )
            .map_err(|e| io::Error::other(format!("re-encoding a compacted batch: {e}")))?;
            let mut p = 0;
            while p < enc.len() {
                let Ok(nh) = batch::validate(&enc[p..]) else {
                    break;
                };
                let mut b = enc[p..p + nh.total_size()].to_vec();
                batch::assign_offset_and_epoch(&mut b, nh.base_offset, h.partition_leader_epoch);
                write_batch(&mut cleaned, &b)?;
                p += nh.total_size();
            }
        }
        stats.bytes_after += cleaned.size();
        out.push(cleaned);
    }
    Ok((out, stats))
}

/// A record of a batch, for the encoder: its header's producer fields, its absolute offset
/// and timestamp. (The encoder's header map needs UTF-8 keys, as Java clients write them.)
fn to_record(h: &BatchHeader, r: &RecordRef<'_>) -> Record {
    let offset = h.base_offset + r.offset_delta as i64;
    let timestamp = if h.is_log_append_time() {
        h.max_timestamp
    } else {
        h.base_timestamp.saturating_add(r.timestamp_delta)
    };
    Record {
        transactional: h.is_transactional(),
        control: false,
        delete_horizon: false,
        partition_leader_epoch: h.partition_leader_epoch,
        producer_id: h.producer_id,
        producer_epoch: h.producer_epoch,
        timestamp_type: if h.is_log_append_time() {
            TimestampType::LogAppend
        } else {
            TimestampType::Creation
        },
        offset,
        sequence: if h.base_sequence < 0 {
            -1
        } else {
            h.base_sequence.wrapping_add(r.offset_delta)
        },
        timestamp,
        key: r.key.map(Bytes::copy_from_slice),
        value: r.value.map(Bytes::copy_from_slice),
        headers: r
            .headers
            .iter()
            .map(|(k, v)| {
                let key = StrBytes::from_string(String::from_utf8_lossy(k).into_owned());
                (key, v.as_deref().map(Bytes::copy_from_slice))
            })
            .collect(),
    }
}

fn write_batch(seg: &mut LogSegment, raw: &[u8]) -> io::Result<()> {
    let h = BatchHeader::parse(raw).map_err(|e| io::Error::other(e.to_string()))?;
    seg.append(&[raw], &h)
}
