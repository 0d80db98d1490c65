//! The Raft log of the metadata quorum, kept as an ordinary partition log in
//! `log.dirs/__cluster_metadata-0/` (as KRaft does): Raft entry `i` is the one-record batch
//! at offset `i`, its partition leader epoch the Raft term. The vote lives beside it in
//! `quorum-state`, the last purged entry in `quorum-purged` and the commit point in
//! `quorum-committed` (JSON, written atomically).

use std::fmt::Debug;
use std::ops::{Bound, RangeBounds};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use openraft::storage::{LogFlushed, LogState, RaftLogReader, RaftLogStorage};
use openraft::{Entry, LogId, StorageError, StorageIOError, Vote};
use parking_lot::Mutex;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{NodeId, TypeConfig};
use crate::config::LogConfig;
use crate::log::{Log, TopicPartition};

pub const METADATA_TOPIC: &str = "__cluster_metadata";

/// The log store. Clones share one log (the reader handed to replication tasks is a clone).
#[derive(Clone)]
pub struct MetadataLogStore {
    inner: Arc<Mutex<Inner>>,
}

struct Inner {
    log: Log,
    dir: PathBuf,
    last_purged: Option<LogId<NodeId>>,
    last_log: Option<LogId<NodeId>>,
}

fn read_json<T: DeserializeOwned>(path: &Path) -> std::io::Result<Option<T>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    crate::util::write_atomic(path, &bytes)
}

/// Decodes the Raft entries stored in `bytes` (whole batches), each record walked within the
/// log's decompression limit.
pub fn decode_entries(
    bytes: &[u8],
    limit: usize,
    out: &mut Vec<Entry<TypeConfig>>,
) -> std::io::Result<()> {
    use crate::log::batch::{self, BatchHeader, Capture};
    let invalid = |msg: String| std::io::Error::new(std::io::ErrorKind::InvalidData, msg);
    let mut pos = 0;
    while pos < bytes.len() {
        let h =
            BatchHeader::parse(&bytes[pos..]).map_err(|e| invalid(format!("metadata log: {e}")))?;
        let raw = bytes
            .get(pos..pos + h.total_size())
            .ok_or_else(|| invalid("metadata log: truncated batch".into()))?;
        pos += h.total_size();
        let mut failed = None;
        batch::walk_records(raw, &h, limit, Capture::ALL, |r| {
            let value = r.value.unwrap_or_default();
            match serde_json::from_slice::<Entry<TypeConfig>>(value) {
                Ok(entry) => {
                    out.push(entry);
                    std::ops::ControlFlow::Continue(())
                }
                Err(e) => {
                    failed = Some(format!(
                        "metadata log entry at offset {} is unreadable ({e}); a data directory written by an older moldau must be removed",
                        h.base_offset + r.offset_delta as i64
                    ));
                    std::ops::ControlFlow::Break(())
                }
            }
        })
        .map_err(|e| invalid(format!("metadata log: {e}")))?;
        if let Some(msg) = failed {
            return Err(invalid(msg));
        }
    }
    Ok(())
}

impl Inner {
    fn read_range(&self, start: u64, end: u64) -> std::io::Result<Vec<Entry<TypeConfig>>> {
        let mut out = Vec::new();
        let start = (start as i64).max(self.log.log_start_offset());
        let end = (end as i64).min(self.log.log_end_offset());
        let mut offset = start;
        while offset < end {
            let slice = self
                .log
                .read(offset, 1 << 20, end, true)
                .map_err(std::io::Error::other)?;
            let Some(slice) = slice else { break };
            let before = out.len();
            decode_entries(&slice.read()?, self.log.decompressed_limit(), &mut out)?;
            out.retain(|e| e.log_id.index >= start as u64 && e.log_id.index < end as u64);
            match out.last() {
                Some(last) if out.len() > before => offset = last.log_id.index as i64 + 1,
                _ => break,
            }
        }
        Ok(out)
    }
}

impl MetadataLogStore {
    /// Opens the metadata log directory (recovering a torn tail after a crash).
    pub fn open(data_dir: &Path, clean_shutdown: bool) -> anyhow::Result<MetadataLogStore> {
        let tp = TopicPartition::new(METADATA_TOPIC, 0);
        let dir = data_dir.join(tp.dir_name());
        let log_config = LogConfig {
            retention_ms: -1,
            delete: false,
            // One Raft entry is one record: its records are bounded by
            // `transaction::MAX_ENTRY_BYTES`, with room for the entry's own fields.
            max_message_bytes: (2 * super::transaction::MAX_ENTRY_BYTES) as i32,
            ..LogConfig::default()
        };
        let last_purged: Option<LogId<NodeId>> = read_json(&dir.join("quorum-purged"))?;
        let start = last_purged.map_or(0, |l| l.index as i64 + 1);
        // Every append is fsynced, so only a crash mid-write can leave a bad tail; then the
        // whole log is checked.
        let mut log = Log::open(dir.clone(), tp, log_config, start, start, clean_shutdown)?;
        if log.log_start_offset() < start {
            log.delete_records_before(start)
                .map_err(|e| anyhow::anyhow!("metadata log: {e}"))?;
        }
        let mut inner = Inner {
            log,
            dir,
            last_purged,
            last_log: None,
        };
        let leo = inner.log.log_end_offset();
        if leo > inner.log.log_start_offset() {
            let last = inner.read_range(leo as u64 - 1, leo as u64)?;
            inner.last_log = last.last().map(|e| e.log_id);
        }
        Ok(MetadataLogStore {
            inner: Arc::new(Mutex::new(inner)),
        })
    }

    /// Closes the log cleanly.
    pub fn close(&self) -> std::io::Result<()> {
        self.inner.lock().log.close()
    }

    #[allow(clippy::result_large_err)] // openraft's own error type
    fn io<T>(
        f: impl FnOnce() -> std::io::Result<T>,
        err: fn(openraft::AnyError) -> StorageIOError<NodeId>,
    ) -> Result<T, StorageError<NodeId>> {
        tokio::task::block_in_place(f).map_err(|e| StorageError::IO {
            source: err(openraft::AnyError::new(&e)),
        })
    }
}

fn range_bounds<RB: RangeBounds<u64>>(range: &RB) -> (u64, u64) {
    let start = match range.start_bound() {
        Bound::Included(s) => *s,
        Bound::Excluded(s) => s + 1,
        Bound::Unbounded => 0,
    };
    let end = match range.end_bound() {
        Bound::Included(e) => e + 1,
        Bound::Excluded(e) => *e,
        Bound::Unbounded => u64::MAX >> 2,
    };
    (start, end)
}

impl RaftLogReader<TypeConfig> for MetadataLogStore {
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + Send>(
        &mut self,
        range: RB,
    ) -> Result<Vec<Entry<TypeConfig>>, StorageError<NodeId>> {
        let (start, end) = range_bounds(&range);
        let inner = self.inner.clone();
        Self::io(
            move || inner.lock().read_range(start, end),
            StorageIOError::read_logs,
        )
    }
}

impl RaftLogStorage<TypeConfig> for MetadataLogStore {
    type LogReader = MetadataLogStore;

    async fn get_log_state(&mut self) -> Result<LogState<TypeConfig>, StorageError<NodeId>> {
        let inner = self.inner.lock();
        Ok(LogState {
            last_purged_log_id: inner.last_purged,
            last_log_id: inner.last_log.or(inner.last_purged),
        })
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.clone()
    }

    async fn save_vote(&mut self, vote: &Vote<NodeId>) -> Result<(), StorageError<NodeId>> {
        let inner = self.inner.clone();
        Self::io(
            move || {
                let path = inner.lock().dir.join("quorum-state");
                write_json(&path, vote)
            },
            StorageIOError::write_vote,
        )
    }

    async fn read_vote(&mut self) -> Result<Option<Vote<NodeId>>, StorageError<NodeId>> {
        let path = self.inner.lock().dir.join("quorum-state");
        Self::io(move || read_json(&path), StorageIOError::read_vote)
    }

    async fn save_committed(
        &mut self,
        committed: Option<LogId<NodeId>>,
    ) -> Result<(), StorageError<NodeId>> {
        let path = self.inner.lock().dir.join("quorum-committed");
        Self::io(move || write_json(&path, &committed), StorageIOError::write)
    }

    async fn read_committed(&mut self) -> Result<Option<LogId<NodeId>>, StorageError<NodeId>> {
        let path = self.inner.lock().dir.join("quorum-committed");
        let committed: Option<Option<LogId<NodeId>>> =
            Self::io(move || read_json(&path), StorageIOError::read)?;
        Ok(committed.flatten())
    }

    async fn append<I>(
        &mut self,
        entries: I,
        callback: LogFlushed<TypeConfig>,
    ) -> Result<(), StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<TypeConfig>> + Send,
        I::IntoIter: Send,
    {
        let inner = self.inner.clone();
        let result = Self::io(
            move || {
                let mut inner = inner.lock();
                for entry in entries {
                    let value = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
                    let leo = inner.log.log_end_offset();
                    if entry.log_id.index as i64 != leo {
                        return Err(std::io::Error::other(format!(
                            "metadata log: entry {} does not follow the log end {leo}",
                            entry.log_id.index
                        )));
                    }
                    let batch = crate::log::batch::build_batch(
                        &[(None, Some(Bytes::from(value)))],
                        crate::log::now_ms(),
                    );
                    let limit = inner.log.decompressed_limit();
                    let batch = crate::log::batch::validate_produced(batch.into(), limit)
                        .map_err(std::io::Error::other)?;
                    inner
                        .log
                        .append_as_leader(&batch, entry.log_id.leader_id.term as i32)
                        .map_err(std::io::Error::other)?;
                    inner.last_log = Some(entry.log_id);
                }
                inner.log.flush()
            },
            StorageIOError::write_logs,
        );
        match result {
            Ok(()) => {
                callback.log_io_completed(Ok(()));
                Ok(())
            }
            Err(e) => {
                callback.log_io_completed(Err(std::io::Error::other(e.to_string())));
                Err(e)
            }
        }
    }

    async fn truncate(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let inner = self.inner.clone();
        Self::io(
            move || {
                let mut inner = inner.lock();
                inner.log.truncate_to(log_id.index as i64)?;
                inner.log.flush()?;
                let leo = inner.log.log_end_offset();
                inner.last_log = if leo > inner.log.log_start_offset() {
                    inner
                        .read_range(leo as u64 - 1, leo as u64)?
                        .last()
                        .map(|e| e.log_id)
                } else {
                    None
                };
                Ok(())
            },
            StorageIOError::write_logs,
        )
    }

    async fn purge(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let inner = self.inner.clone();
        Self::io(
            move || {
                let mut inner = inner.lock();
                let path = inner.dir.join("quorum-purged");
                write_json(&path, &Some(log_id))?;
                inner.last_purged = Some(log_id);
                let next = log_id.index as i64 + 1;
                if next > inner.log.log_end_offset() {
                    // A snapshot replaced entries this node never had.
                    inner.log.truncate_fully_and_start_at(next)?;
                    inner.last_log = None;
                } else {
                    inner
                        .log
                        .delete_records_before(next)
                        .map_err(std::io::Error::other)?;
                }
                Ok(())
            },
            StorageIOError::write_logs,
        )
    }
}
