//! Idempotent producer state per partition (Kafka's `ProducerStateManager`): for each producer
//! id its epoch and the last five batches, used to answer retried duplicates with their
//! original offsets and to refuse sequence gaps. Snapshotted to `<offset>.snapshot` files and
//! rebuilt from the log after a crash.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::batch::BatchHeader;
use super::segment::file_name;

/// Batches remembered per producer (Kafka's NUM_BATCHES_TO_RETAIN).
pub const NUM_BATCHES_TO_RETAIN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchMetadata {
    pub first_seq: i32,
    pub last_seq: i32,
    pub first_offset: i64,
    pub last_offset: i64,
    pub timestamp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerStateEntry {
    pub epoch: i16,
    pub batches: VecDeque<BatchMetadata>,
    pub last_timestamp: i64,
}

impl ProducerStateEntry {
    fn last_seq(&self) -> Option<i32> {
        self.batches.back().map(|b| b.last_seq)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProducerError {
    #[error("producer {producer_id} has epoch {current}, the batch has older epoch {got}")]
    InvalidProducerEpoch {
        producer_id: i64,
        current: i16,
        got: i16,
    },
    #[error("out of order sequence for producer {producer_id}: expected {expected}, got {got}")]
    OutOfOrderSequence {
        producer_id: i64,
        expected: i32,
        got: i32,
    },
}

/// Whether a batch from an idempotent producer should be appended or is a retried duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SequenceCheck {
    Append,
    Duplicate(BatchMetadata),
}

fn next_seq(seq: i32) -> i32 {
    if seq == i32::MAX { 0 } else { seq + 1 }
}

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerStateManager {
    producers: HashMap<i64, ProducerStateEntry>,
}

#[derive(Serialize, Deserialize)]
struct Snapshot {
    version: u8,
    producers: BTreeMap<i64, ProducerStateEntry>,
}

impl ProducerStateManager {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.producers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.producers.is_empty()
    }

    pub fn entry(&self, producer_id: i64) -> Option<&ProducerStateEntry> {
        self.producers.get(&producer_id)
    }

    /// Checks an incoming client batch against the producer's state.
    pub fn check(&self, h: &BatchHeader) -> Result<SequenceCheck, ProducerError> {
        if !h.has_producer_id() {
            return Ok(SequenceCheck::Append);
        }
        let producer_id = h.producer_id;
        let first = h.base_sequence;
        let Some(entry) = self.producers.get(&producer_id) else {
            // No state: a new producer, or one whose state is gone (expired, or its batches
            // were truncated away on a new leader). Like Kafka since KIP-360 the batch is
            // accepted whatever its sequence; refusing it would be fatal to the producer.
            return Ok(SequenceCheck::Append);
        };
        if h.producer_epoch < entry.epoch {
            return Err(ProducerError::InvalidProducerEpoch {
                producer_id,
                current: entry.epoch,
                got: h.producer_epoch,
            });
        }
        if h.producer_epoch > entry.epoch {
            return if first == 0 {
                Ok(SequenceCheck::Append)
            } else {
                Err(ProducerError::OutOfOrderSequence {
                    producer_id,
                    expected: 0,
                    got: first,
                })
            };
        }
        let last = h.last_sequence();
        if let Some(dup) = entry
            .batches
            .iter()
            .find(|b| b.first_seq == first && b.last_seq == last)
        {
            return Ok(SequenceCheck::Duplicate(*dup));
        }
        match entry.last_seq() {
            Some(prev) if next_seq(prev) != first => Err(ProducerError::OutOfOrderSequence {
                producer_id,
                expected: next_seq(prev),
                got: first,
            }),
            _ => Ok(SequenceCheck::Append),
        }
    }

    /// Records an appended batch (offsets already assigned).
    pub fn update(&mut self, h: &BatchHeader) {
        if !h.has_producer_id() {
            return;
        }
        let entry = self
            .producers
            .entry(h.producer_id)
            .or_insert_with(|| ProducerStateEntry {
                epoch: h.producer_epoch,
                batches: VecDeque::new(),
                last_timestamp: -1,
            });
        if h.producer_epoch != entry.epoch {
            entry.epoch = h.producer_epoch;
            entry.batches.clear();
        }
        if h.base_sequence >= 0 {
            entry.batches.push_back(BatchMetadata {
                first_seq: h.base_sequence,
                last_seq: h.last_sequence(),
                first_offset: h.base_offset,
                last_offset: h.last_offset(),
                timestamp: h.max_timestamp,
            });
            while entry.batches.len() > NUM_BATCHES_TO_RETAIN {
                entry.batches.pop_front();
            }
        }
        entry.last_timestamp = entry.last_timestamp.max(h.max_timestamp);
    }

    /// Forgets producers idle for longer than `expiration_ms`.
    pub fn remove_expired(&mut self, now_ms: i64, expiration_ms: i64) {
        self.producers
            .retain(|_, e| now_ms - e.last_timestamp < expiration_ms);
    }

    /// Forgets batches at or after `offset` (after a truncation).
    pub fn truncate_to(&mut self, offset: i64) {
        for e in self.producers.values_mut() {
            e.batches.retain(|b| b.last_offset < offset);
        }
        self.producers.retain(|_, e| !e.batches.is_empty());
    }

    pub fn snapshot_path(dir: &Path, offset: i64) -> PathBuf {
        dir.join(file_name(offset, "snapshot"))
    }

    /// Writes a snapshot of the state as of `offset` and keeps only the two newest. With
    /// `sync` the file is fsynced before it is renamed into place; without, the caller fsyncs
    /// the returned path later (off the append path: an fsync under the log lock stalled
    /// produce for hundreds of ms at every segment roll). A snapshot lost or torn in a crash
    /// is harmless: loading skips unreadable snapshots and replays the log instead.
    pub fn write_snapshot(&self, dir: &Path, offset: i64, sync: bool) -> std::io::Result<PathBuf> {
        let snap = Snapshot {
            version: 1,
            producers: self
                .producers
                .iter()
                .map(|(k, v)| (*k, v.clone()))
                .collect(),
        };
        let bytes = serde_json::to_vec(&snap).map_err(std::io::Error::other)?;
        let path = Self::snapshot_path(dir, offset);
        let tmp = path.with_extension("snapshot.tmp");
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&bytes)?;
        if sync {
            f.sync_all()?;
        }
        fs::rename(&tmp, &path)?;
        let mut offsets = list_snapshots(dir);
        offsets.sort_unstable();
        let keep_from = offsets.len().saturating_sub(2);
        for o in &offsets[..keep_from] {
            let _ = fs::remove_file(Self::snapshot_path(dir, *o));
        }
        Ok(path)
    }

    /// Loads the newest readable snapshot at or below `max_offset`; snapshots above it are
    /// removed (they describe data that is no longer in the log).
    pub fn load_snapshot(dir: &Path, max_offset: i64) -> Option<(i64, ProducerStateManager)> {
        let mut offsets = list_snapshots(dir);
        offsets.sort_unstable();
        for o in offsets.iter().filter(|o| **o > max_offset) {
            let _ = fs::remove_file(Self::snapshot_path(dir, *o));
        }
        for o in offsets.into_iter().rev().filter(|o| *o <= max_offset) {
            let Ok(bytes) = fs::read(Self::snapshot_path(dir, o)) else {
                continue;
            };
            if let Ok(s) = serde_json::from_slice::<Snapshot>(&bytes) {
                return Some((
                    o,
                    ProducerStateManager {
                        producers: s.producers.into_iter().collect(),
                    },
                ));
            }
            tracing::warn!(dir = %dir.display(), offset = o, "unreadable producer snapshot; skipping it");
        }
        None
    }

    pub fn delete_snapshots(dir: &Path) {
        for o in list_snapshots(dir) {
            let _ = fs::remove_file(Self::snapshot_path(dir, o));
        }
    }
}

fn list_snapshots(dir: &Path) -> Vec<i64> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    rd.filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".snapshot")?.parse::<i64>().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(pid: i64, epoch: i16, seq: i32, count: i32, base_offset: i64) -> BatchHeader {
        BatchHeader {
            base_offset,
            batch_length: 100,
            partition_leader_epoch: 0,
            magic: 2,
            crc: 0,
            attributes: 0,
            last_offset_delta: count - 1,
            base_timestamp: 1,
            max_timestamp: 1,
            producer_id: pid,
            producer_epoch: epoch,
            base_sequence: seq,
            records_count: count,
        }
    }

    #[test]
    fn duplicates_gaps_and_epochs() {
        let mut m = ProducerStateManager::new();
        let b0 = header(1, 0, 0, 3, 0);
        assert_eq!(m.check(&b0), Ok(SequenceCheck::Append));
        m.update(&b0);
        let b1 = header(1, 0, 3, 2, 3);
        assert_eq!(m.check(&b1), Ok(SequenceCheck::Append));
        m.update(&b1);
        // A retry of b0 gets the original offsets back.
        match m.check(&header(1, 0, 0, 3, -1)) {
            Ok(SequenceCheck::Duplicate(d)) => assert_eq!((d.first_offset, d.last_offset), (0, 2)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            m.check(&header(1, 0, 9, 1, 0)),
            Err(ProducerError::OutOfOrderSequence {
                expected: 5,
                got: 9,
                ..
            })
        ));
        // A new epoch must start at 0; an older epoch is fenced.
        assert!(matches!(
            m.check(&header(1, 1, 5, 1, 0)),
            Err(ProducerError::OutOfOrderSequence { .. })
        ));
        assert_eq!(m.check(&header(1, 1, 0, 1, 0)), Ok(SequenceCheck::Append));
        m.update(&header(1, 1, 0, 1, 5));
        assert!(matches!(
            m.check(&header(1, 0, 5, 1, 0)),
            Err(ProducerError::InvalidProducerEpoch { .. })
        ));
        // A producer with no state (e.g. truncated away on a new leader) is accepted at any
        // sequence, as Kafka does.
        assert_eq!(m.check(&header(2, 0, 4, 1, 0)), Ok(SequenceCheck::Append));
    }

    #[test]
    fn only_five_batches_are_remembered() {
        let mut m = ProducerStateManager::new();
        for i in 0..7 {
            m.update(&header(1, 0, i, 1, i as i64));
        }
        assert_eq!(m.entry(1).unwrap().batches.len(), NUM_BATCHES_TO_RETAIN);
        assert_eq!(
            m.check(&header(1, 0, 6, 1, 0)),
            Ok(SequenceCheck::Duplicate(m.entry(1).unwrap().batches[4]))
        );
        // Sequence 0 fell out of the window: it is out of order now, not a duplicate.
        assert!(m.check(&header(1, 0, 0, 1, 0)).is_err());
    }

    #[test]
    fn snapshots_round_trip_and_newer_ones_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = ProducerStateManager::new();
        m.update(&header(9, 2, 0, 4, 10));
        m.write_snapshot(dir.path(), 14, true).unwrap();
        m.update(&header(9, 2, 4, 1, 14));
        m.write_snapshot(dir.path(), 15, false).unwrap();
        let (off, loaded) = ProducerStateManager::load_snapshot(dir.path(), 14).unwrap();
        assert_eq!(off, 14);
        assert_eq!(loaded.entry(9).unwrap().batches.len(), 1);
        assert!(!ProducerStateManager::snapshot_path(dir.path(), 15).exists());
    }
}
