//! Sparse segment indexes, in Kafka's file format: the offset index maps a relative offset to
//! a file position (8-byte entries), the time index maps a timestamp to a relative offset
//! (12-byte entries). Entries live in memory and are written out when the segment is flushed;
//! after an unclean stop they are rebuilt from the log, as Kafka does.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One offset index entry: the last offset of a batch and the position where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetPosition {
    pub offset: i64,
    pub position: u32,
}

/// One time index entry: every record with a timestamp above `timestamp` is at or after `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimestampOffset {
    pub timestamp: i64,
    pub offset: i64,
}

fn write_atomically(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp-index");
    let mut f = fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    if sync {
        f.sync_all()?;
    }
    fs::rename(&tmp, path)
}

/// The sparse offset index of one segment.
#[derive(Debug)]
pub struct OffsetIndex {
    path: PathBuf,
    base_offset: i64,
    max_entries: usize,
    entries: Vec<(u32, u32)>,
    dirty: bool,
}

impl OffsetIndex {
    pub const ENTRY_SIZE: usize = 8;

    pub fn new(path: PathBuf, base_offset: i64, max_index_bytes: usize) -> OffsetIndex {
        OffsetIndex {
            path,
            base_offset,
            max_entries: (max_index_bytes / Self::ENTRY_SIZE).max(1),
            entries: Vec::new(),
            dirty: true,
        }
    }

    /// Loads an index file, returning `None` when it is missing or fails a sanity check
    /// (the caller then rebuilds it from the log).
    pub fn load(
        path: PathBuf,
        base_offset: i64,
        max_index_bytes: usize,
        log_size: u64,
    ) -> Option<OffsetIndex> {
        let bytes = fs::read(&path).ok()?;
        if bytes.len() % Self::ENTRY_SIZE != 0 {
            return None;
        }
        let mut entries = Vec::with_capacity(bytes.len() / Self::ENTRY_SIZE);
        for chunk in bytes.chunks_exact(Self::ENTRY_SIZE) {
            let rel = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            let pos = u32::from_be_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
            if let Some(&(prev_rel, prev_pos)) = entries.last()
                && (rel <= prev_rel || pos <= prev_pos)
            {
                return None;
            }
            if pos as u64 >= log_size {
                return None;
            }
            entries.push((rel, pos));
        }
        Some(OffsetIndex {
            path,
            base_offset,
            max_entries: (max_index_bytes / Self::ENTRY_SIZE)
                .max(1)
                .max(entries.len()),
            entries,
            dirty: false,
        })
    }

    pub fn is_full(&self) -> bool {
        self.entries.len() >= self.max_entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an entry; offsets and positions must grow.
    pub fn append(&mut self, offset: i64, position: u32) {
        let rel = (offset - self.base_offset) as u32;
        if let Some(&(last_rel, last_pos)) = self.entries.last()
            && (rel <= last_rel || position <= last_pos)
        {
            return;
        }
        self.entries.push((rel, position));
        self.dirty = true;
    }

    /// The greatest entry whose offset is at most `target` (or the segment start).
    pub fn lookup(&self, target: i64) -> OffsetPosition {
        let rel = target - self.base_offset;
        let idx = self.entries.partition_point(|&(r, _)| (r as i64) <= rel);
        if idx == 0 {
            OffsetPosition {
                offset: self.base_offset,
                position: 0,
            }
        } else {
            let (r, p) = self.entries[idx - 1];
            OffsetPosition {
                offset: self.base_offset + r as i64,
                position: p,
            }
        }
    }

    pub fn last_entry(&self) -> OffsetPosition {
        self.entries.last().map_or(
            OffsetPosition {
                offset: self.base_offset,
                position: 0,
            },
            |&(r, p)| OffsetPosition {
                offset: self.base_offset + r as i64,
                position: p,
            },
        )
    }

    /// Drops entries at or after `offset` (used when the log is truncated).
    pub fn truncate_to(&mut self, offset: i64) {
        let rel = offset - self.base_offset;
        let keep = self.entries.partition_point(|&(r, _)| (r as i64) < rel);
        self.entries.truncate(keep);
        self.dirty = true;
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.dirty = true;
    }

    pub fn flush(&mut self, sync: bool) -> std::io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let mut buf = Vec::with_capacity(self.entries.len() * Self::ENTRY_SIZE);
        for (r, p) in &self.entries {
            buf.extend_from_slice(&r.to_be_bytes());
            buf.extend_from_slice(&p.to_be_bytes());
        }
        write_atomically(&self.path, &buf, sync)?;
        self.dirty = false;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn set_path(&mut self, path: PathBuf) {
        self.path = path;
    }
}

/// The sparse time index of one segment.
#[derive(Debug)]
pub struct TimeIndex {
    path: PathBuf,
    base_offset: i64,
    entries: Vec<(i64, u32)>,
    dirty: bool,
}

impl TimeIndex {
    pub const ENTRY_SIZE: usize = 12;

    pub fn new(path: PathBuf, base_offset: i64) -> TimeIndex {
        TimeIndex {
            path,
            base_offset,
            entries: Vec::new(),
            dirty: true,
        }
    }

    pub fn load(path: PathBuf, base_offset: i64) -> Option<TimeIndex> {
        let bytes = fs::read(&path).ok()?;
        if bytes.len() % Self::ENTRY_SIZE != 0 {
            return None;
        }
        let mut entries: Vec<(i64, u32)> = Vec::with_capacity(bytes.len() / Self::ENTRY_SIZE);
        for c in bytes.chunks_exact(Self::ENTRY_SIZE) {
            let ts = i64::from_be_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            let rel = u32::from_be_bytes([c[8], c[9], c[10], c[11]]);
            if let Some(&(pts, prel)) = entries.last()
                && (ts < pts || rel < prel)
            {
                return None;
            }
            entries.push((ts, rel));
        }
        Some(TimeIndex {
            path,
            base_offset,
            entries,
            dirty: false,
        })
    }

    /// Adds an entry when the timestamp is larger than the last one.
    pub fn maybe_append(&mut self, timestamp: i64, offset: i64) {
        let rel = (offset - self.base_offset) as u32;
        if let Some(&(ts, _)) = self.entries.last()
            && timestamp <= ts
        {
            return;
        }
        self.entries.push((timestamp, rel));
        self.dirty = true;
    }

    /// The last entry at or below `timestamp`, i.e. the offset from which to scan for the
    /// first record whose timestamp is at least `timestamp`.
    pub fn lookup(&self, timestamp: i64) -> TimestampOffset {
        let idx = self.entries.partition_point(|&(ts, _)| ts < timestamp);
        if idx == 0 {
            TimestampOffset {
                timestamp: -1,
                offset: self.base_offset,
            }
        } else {
            let (ts, rel) = self.entries[idx - 1];
            TimestampOffset {
                timestamp: ts,
                offset: self.base_offset + rel as i64,
            }
        }
    }

    pub fn last_entry(&self) -> Option<TimestampOffset> {
        self.entries.last().map(|&(ts, rel)| TimestampOffset {
            timestamp: ts,
            offset: self.base_offset + rel as i64,
        })
    }

    pub fn truncate_to(&mut self, offset: i64) {
        let rel = offset - self.base_offset;
        self.entries.retain(|&(_, r)| (r as i64) < rel);
        self.dirty = true;
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.dirty = true;
    }

    pub fn flush(&mut self, sync: bool) -> std::io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let mut buf = Vec::with_capacity(self.entries.len() * Self::ENTRY_SIZE);
        for (ts, rel) in &self.entries {
            buf.extend_from_slice(&ts.to_be_bytes());
            buf.extend_from_slice(&rel.to_be_bytes());
        }
        write_atomically(&self.path, &buf, sync)?;
        self.dirty = false;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn set_path(&mut self, path: PathBuf) {
        self.path = path;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn offset_lookup_finds_greatest_entry_at_or_below() {
        let dir = tempfile::tempdir().unwrap();
        let mut idx = OffsetIndex::new(dir.path().join("a.index"), 100, 1024);
        idx.append(104, 4096);
        idx.append(110, 8192);
        assert_eq!(idx.lookup(99).position, 0);
        assert_eq!(
            idx.lookup(103),
            OffsetPosition {
                offset: 100,
                position: 0
            }
        );
        assert_eq!(
            idx.lookup(104),
            OffsetPosition {
                offset: 104,
                position: 4096
            }
        );
        assert_eq!(
            idx.lookup(200),
            OffsetPosition {
                offset: 110,
                position: 8192
            }
        );
        idx.flush(true).unwrap();
        let loaded = OffsetIndex::load(dir.path().join("a.index"), 100, 1024, 10_000).unwrap();
        assert_eq!(loaded.lookup(105).position, 4096);
        // An index pointing past the log is refused, so it gets rebuilt.
        assert!(OffsetIndex::load(dir.path().join("a.index"), 100, 1024, 5000).is_none());
    }

    #[test]
    fn time_lookup_and_truncation() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = TimeIndex::new(dir.path().join("a.timeindex"), 0);
        t.maybe_append(10, 0);
        t.maybe_append(20, 5);
        t.maybe_append(15, 6); // not increasing: skipped
        t.maybe_append(30, 9);
        assert_eq!(t.lookup(5).offset, 0);
        assert_eq!(t.lookup(20).offset, 0);
        assert_eq!(t.lookup(21).offset, 5);
        t.truncate_to(9);
        assert_eq!(t.last_entry().unwrap().timestamp, 20);
        t.flush(false).unwrap();
        assert_eq!(
            TimeIndex::load(dir.path().join("a.timeindex"), 0)
                .unwrap()
                .last_entry(),
            t.last_entry()
        );
    }

    proptest! {
        #[test]
        fn offset_index_lookup_matches_linear_scan(mut offs in proptest::collection::vec(0u32..10_000, 0..50), target in 0i64..11_000) {
            offs.sort_unstable();
            offs.dedup();
            let mut idx = OffsetIndex::new(PathBuf::from("/nonexistent"), 0, 1 << 20);
            for (i, o) in offs.iter().enumerate() {
                idx.append(*o as i64, (i as u32 + 1) * 10);
            }
            let expected = offs.iter().enumerate().rev().find(|(_, o)| (**o as i64) <= target)
                .map(|(i, o)| (*o as i64, (i as u32 + 1) * 10)).unwrap_or((0, 0));
            let got = idx.lookup(target);
            prop_assert_eq!((got.offset, got.position), expected);
        }
    }
}
