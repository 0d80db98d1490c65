//! The quorum's state machine: committed metadata records applied to the metadata image,
//! which is then handed to the publishers (replica manager, group coordinator). Snapshots are
//! the image itself, kept in `__cluster_metadata-0/snapshot.json`.

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;

use openraft::storage::{RaftSnapshotBuilder, RaftStateMachine, Snapshot};
use openraft::{
    BasicNode, Entry, EntryPayload, LogId, SnapshotMeta, StorageError, StorageIOError,
    StoredMembership,
};
use parking_lot::{Mutex, RwLock};
use serde::{Deserialize, Serialize};

use super::{NodeId, TypeConfig};
use crate::controller::{MetadataImage, MetadataPublisher};

/// What every component reads: the image as of the last applied entry.
pub struct MetadataState {
    image: RwLock<Arc<MetadataImage>>,
    publishers: RwLock<Vec<Arc<dyn MetadataPublisher>>>,
    /// Signalled after every apply (waiters re-check the image).
    pub applied: tokio::sync::Notify,
}

impl MetadataState {
    pub fn new() -> Arc<MetadataState> {
        Arc::new(MetadataState {
            image: RwLock::new(Arc::new(MetadataImage::new())),
            publishers: RwLock::new(Vec::new()),
            applied: tokio::sync::Notify::new(),
        })
    }

    pub fn image(&self) -> Arc<MetadataImage> {
        self.image.read().clone()
    }

    /// Adds a publisher and hands it the current image.
    pub fn add_publisher(&self, p: Arc<dyn MetadataPublisher>) {
        let image = self.image();
        p.publish(&MetadataImage::new(), &image);
        self.publishers.write().push(p);
    }

    fn install(&self, new: MetadataImage) {
        let new = Arc::new(new);
        let old = std::mem::replace(&mut *self.image.write(), new.clone());
        if *old != *new {
            let publishers = self.publishers.read().clone();
            tokio::task::block_in_place(|| {
                for p in &publishers {
                    p.publish(&old, &new);
                }
            });
        }
        self.applied.notify_waiters();
    }
}

#[derive(Serialize, Deserialize)]
struct StoredSnapshot {
    meta: SnapshotMeta<NodeId, BasicNode>,
    image: MetadataImage,
}

pub struct MetadataStateMachine {
    state: Arc<MetadataState>,
    last_applied: Option<LogId<NodeId>>,
    membership: StoredMembership<NodeId, BasicNode>,
    snapshot_path: PathBuf,
    current: Arc<Mutex<Option<StoredBytes>>>,
}

/// The current snapshot: its metadata and serialised bytes.
type StoredBytes = (SnapshotMeta<NodeId, BasicNode>, Vec<u8>);

fn snapshot_io(e: impl std::fmt::Display) -> StorageError<NodeId> {
    StorageError::IO {
        source: StorageIOError::write_snapshot(None, openraft::AnyError::error(e)),
    }
}

impl MetadataStateMachine {
    /// Loads the last snapshot (if any) from `dir`.
    pub fn open(dir: PathBuf, state: Arc<MetadataState>) -> anyhow::Result<MetadataStateMachine> {
        std::fs::create_dir_all(&dir)?;
        let snapshot_path = dir.join("snapshot.json");
        let mut sm = MetadataStateMachine {
            state,
            last_applied: None,
            membership: StoredMembership::default(),
            snapshot_path,
            current: Arc::new(Mutex::new(None)),
        };
        match std::fs::read(&sm.snapshot_path) {
            Ok(bytes) => {
                let stored: StoredSnapshot = serde_json::from_slice(&bytes).map_err(|e| {
                    anyhow::anyhow!("{} is unreadable: {e}", sm.snapshot_path.display())
                })?;
                sm.last_applied = stored.meta.last_log_id;
                sm.membership = stored.meta.last_membership.clone();
                sm.state.install(stored.image);
                *sm.current.lock() = Some((stored.meta, bytes));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        Ok(sm)
    }

    #[allow(clippy::result_large_err)] // openraft's own error type
    fn build(&self) -> Result<Snapshot<TypeConfig>, StorageError<NodeId>> {
        let image = (*self.state.image()).clone();
        let meta = SnapshotMeta {
            last_log_id: self.last_applied,
            last_membership: self.membership.clone(),
            snapshot_id: format!(
                "{}-{}",
                self.last_applied.map_or(0, |l| l.leader_id.term),
                self.last_applied.map_or(0, |l| l.index)
            ),
        };
        let stored = StoredSnapshot {
            meta: meta.clone(),
            image,
        };
        let bytes = serde_json::to_vec(&stored).map_err(snapshot_io)?;
        let path = self.snapshot_path.clone();
        let written = bytes.clone();
        tokio::task::block_in_place(|| crate::util::write_atomic(&path, &written))
            .map_err(snapshot_io)?;
        *self.current.lock() = Some((meta.clone(), bytes.clone()));
        Ok(Snapshot {
            meta,
            snapshot: Box::new(Cursor::new(bytes)),
        })
    }
}

pub struct Builder {
    inner: MetadataStateMachine,
}

impl RaftSnapshotBuilder<TypeConfig> for Builder {
    async fn build_snapshot(&mut self) -> Result<Snapshot<TypeConfig>, StorageError<NodeId>> {
        self.inner.build()
    }
}

impl RaftStateMachine<TypeConfig> for MetadataStateMachine {
    type SnapshotBuilder = Builder;

    async fn applied_state(
        &mut self,
    ) -> Result<(Option<LogId<NodeId>>, StoredMembership<NodeId, BasicNode>), StorageError<NodeId>>
    {
        Ok((self.last_applied, self.membership.clone()))
    }

    async fn apply<I>(&mut self, entries: I) -> Result<Vec<u64>, StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<TypeConfig>> + Send,
        I::IntoIter: Send,
    {
        let mut image = (*self.state.image()).clone();
        let mut out = Vec::new();
        for entry in entries {
            self.last_applied = Some(entry.log_id);
            match entry.payload {
                EntryPayload::Blank => {}
                EntryPayload::Normal(command) => {
                    for r in &command.records {
                        image.apply(r, entry.log_id.index as i64);
                    }
                }
                EntryPayload::Membership(m) => {
                    self.membership = StoredMembership::new(Some(entry.log_id), m);
                }
            }
            image.offset = entry.log_id.index as i64;
            out.push(entry.log_id.index);
        }
        self.state.install(image);
        Ok(out)
    }

    async fn get_snapshot_builder(&mut self) -> Self::SnapshotBuilder {
        Builder {
            inner: MetadataStateMachine {
                state: self.state.clone(),
                last_applied: self.last_applied,
                membership: self.membership.clone(),
                snapshot_path: self.snapshot_path.clone(),
                current: self.current.clone(),
            },
        }
    }

    async fn begin_receiving_snapshot(
        &mut self,
    ) -> Result<Box<Cursor<Vec<u8>>>, StorageError<NodeId>> {
        Ok(Box::new(Cursor::new(Vec::new())))
    }

    async fn install_snapshot(
        &mut self,
        meta: &SnapshotMeta<NodeId, BasicNode>,
        snapshot: Box<Cursor<Vec<u8>>>,
    ) -> Result<(), StorageError<NodeId>> {
        let bytes = snapshot.into_inner();
        let stored: StoredSnapshot = serde_json::from_slice(&bytes).map_err(snapshot_io)?;
        let path = self.snapshot_path.clone();
        let written = bytes.clone();
        tokio::task::block_in_place(|| crate::util::write_atomic(&path, &written))
            .map_err(snapshot_io)?;
        self.last_applied = meta.last_log_id;
        self.membership = meta.last_membership.clone();
        self.state.install(stored.image);
        *self.current.lock() = Some((meta.clone(), bytes));
        Ok(())
    }

    async fn get_current_snapshot(
        &mut self,
    ) -> Result<Option<Snapshot<TypeConfig>>, StorageError<NodeId>> {
        Ok(self.current.lock().clone().map(|(meta, bytes)| Snapshot {
            meta,
            snapshot: Box::new(Cursor::new(bytes)),
        }))
    }
}
