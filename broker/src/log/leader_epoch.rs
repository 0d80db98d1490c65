//! The leader epoch cache of a partition (`leader-epoch-checkpoint`): the first offset written
//! in each leader epoch, used to answer OffsetForLeaderEpoch and to truncate a diverged replica.

use std::io;
use std::path::{Path, PathBuf};

use super::checkpoint;

pub const FILE_NAME: &str = "leader-epoch-checkpoint";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpochEntry {
    pub epoch: i32,
    pub start_offset: i64,
}

/// New epochs are written to the file at once but fsynced later, with the log's next flush
/// (as Kafka does since KAFKA-15046): an fsync on the append path stalled produce for hundreds
/// of ms whenever the disk was busy. After a crash the file may therefore lack the newest
/// epochs or be unreadable; `Log::open` re-derives them from the recovered batches. Truncations
/// from the end are fsynced at once, since a stale epoch beyond a truncation point would be
/// wrong, not merely missing.
#[derive(Debug)]
pub struct LeaderEpochCache {
    path: PathBuf,
    entries: Vec<EpochEntry>,
    unsynced: bool,
}

impl LeaderEpochCache {
    /// An empty cache for `dir` (its file is rewritten at the next change).
    pub fn empty(dir: &Path) -> LeaderEpochCache {
        LeaderEpochCache {
            path: dir.join(FILE_NAME),
            entries: Vec::new(),
            unsynced: false,
        }
    }

    pub fn load(dir: &Path) -> io::Result<LeaderEpochCache> {
        let path = dir.join(FILE_NAME);
        let mut entries = Vec::new();
        for line in checkpoint::read(&path)?.unwrap_or_default() {
            let mut it = line.split_whitespace();
            let epoch = it.next().and_then(|s| s.parse().ok());
            let start = it.next().and_then(|s| s.parse().ok());
            match (epoch, start) {
                (Some(epoch), Some(start_offset)) => entries.push(EpochEntry {
                    epoch,
                    start_offset,
                }),
                _ => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("{}: bad line {line:?}", path.display()),
                    ));
                }
            }
        }
        Ok(LeaderEpochCache {
            path,
            entries,
            unsynced: false,
        })
    }

    fn persist(&mut self, sync: bool) -> io::Result<()> {
        let lines: Vec<String> = self
            .entries
            .iter()
            .map(|e| format!("{} {}", e.epoch, e.start_offset))
            .collect();
        checkpoint::write_with(&self.path, &lines, sync)?;
        self.unsynced = !sync;
        Ok(())
    }

    /// The file, when it was written since its last fsync; the caller fsyncs it (and its
    /// directory) outside the log lock.
    pub fn take_unsynced(&mut self) -> Option<&Path> {
        std::mem::take(&mut self.unsynced).then_some(self.path.as_path())
    }

    /// Fsyncs the file now if it was written since its last fsync.
    pub fn sync(&mut self) -> io::Result<()> {
        if self.unsynced {
            self.persist(true)?;
        }
        Ok(())
    }

    /// Records the epochs of batches that may be missing from the file after a crash, without
    /// writing it; `(epoch, base offset)` in log order.
    pub fn rebuild_from(&mut self, batches: impl IntoIterator<Item = (i32, i64)>) {
        let before = self.entries.len();
        for (epoch, offset) in batches {
            self.push_if_newer(epoch, offset);
        }
        self.unsynced |= self.entries.len() != before;
    }

    fn push_if_newer(&mut self, epoch: i32, offset: i64) -> bool {
        if epoch < 0 || self.latest_epoch().is_some_and(|e| e >= epoch) {
            return false;
        }
        self.entries.push(EpochEntry {
            epoch,
            start_offset: offset,
        });
        true
    }

    pub fn latest_epoch(&self) -> Option<i32> {
        self.entries.last().map(|e| e.epoch)
    }

    pub fn entries(&self) -> &[EpochEntry] {
        &self.entries
    }

    /// Records that `epoch` starts at `offset` if it is newer than the latest epoch.
    pub fn assign(&mut self, epoch: i32, offset: i64) -> io::Result<()> {
        if self.push_if_newer(epoch, offset) {
            self.persist(false)
        } else {
            Ok(())
        }
    }

    /// OffsetForLeaderEpoch: the largest epoch at most `requested` and the offset where it
    /// ended (the next epoch's start, or the log end). `(-1, -1)` when nothing is known.
    pub fn end_offset_for(&self, requested: i32, log_end_offset: i64) -> (i32, i64) {
        let idx = self.entries.partition_point(|e| e.epoch <= requested);
        if idx == 0 {
            return (-1, -1);
        }
        let end = self
            .entries
            .get(idx)
            .map_or(log_end_offset, |next| next.start_offset);
        (self.entries[idx - 1].epoch, end)
    }

    /// Drops epochs that start at or after `offset` (the log was truncated there).
    pub fn truncate_from_end(&mut self, offset: i64) -> io::Result<()> {
        let before = self.entries.len();
        self.entries.retain(|e| e.start_offset < offset);
        if self.entries.len() != before {
            self.persist(true)
        } else {
            Ok(())
        }
    }

    /// Forgets epochs wholly below `offset` (the log start moved), keeping the one that covers it.
    pub fn truncate_from_start(&mut self, offset: i64) -> io::Result<()> {
        let keep_from = self
            .entries
            .partition_point(|e| e.start_offset <= offset)
            .saturating_sub(1);
        if keep_from == 0 {
            return Ok(());
        }
        self.entries.drain(..keep_from);
        if let Some(first) = self.entries.first_mut() {
            first.start_offset = first.start_offset.max(offset);
        }
        // Stale entries below the log start are harmless; a lost truncation is redone.
        self.persist(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_offsets_by_epoch() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = LeaderEpochCache::load(dir.path()).unwrap();
        c.assign(0, 0).unwrap();
        c.assign(2, 10).unwrap();
        c.assign(1, 12).unwrap(); // older than latest: ignored
        assert_eq!(c.end_offset_for(0, 20), (0, 10));
        assert_eq!(c.end_offset_for(1, 20), (0, 10));
        assert_eq!(c.end_offset_for(2, 20), (2, 20));
        assert_eq!(c.end_offset_for(-1, 20), (-1, -1));
        let reloaded = LeaderEpochCache::load(dir.path()).unwrap();
        assert_eq!(reloaded.entries(), c.entries());
        c.truncate_from_end(10).unwrap();
        assert_eq!(c.latest_epoch(), Some(0));
    }
}
