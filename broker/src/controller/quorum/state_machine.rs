//! The quorum's state machine: committed metadata records applied to the metadata image,
//! which is then handed to the publishers (replica manager, group coordinator). Snapshots are
//! the image itself, kept in `__cluster_metadata-0/snapshot.json` and streamed from and to
//! that file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use openraft::storage::{RaftSnapshotBuilder, RaftStateMachine, Snapshot};
use openraft::{
    BasicNode, Entry, EntryPayload, LogId, SnapshotMeta, StorageError, StorageIOError,
    StoredMembership,
};
use parking_lot::{Mutex, RwLock};
use serde::{Deserialize, Serialize};

use super::transaction::{Admitted, OpenTransaction, Transactions};
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

#[derive(Deserialize)]
struct StoredSnapshot {
    meta: SnapshotMeta<NodeId, BasicNode>,
    image: MetadataImage,
    /// A metadata transaction open at the snapshot's last entry.
    #[serde(default)]
    open_transaction: Option<OpenTransaction>,
}

/// What a snapshot file holds, serialised from references (the image is not copied).
#[derive(Serialize)]
struct SnapshotRef<'a> {
    meta: &'a SnapshotMeta<NodeId, BasicNode>,
    image: &'a MetadataImage,
    #[serde(skip_serializing_if = "Option::is_none")]
    open_transaction: &'a Option<OpenTransaction>,
}

/// Metadata snapshots are files (`snapshot.json`), streamed to followers in chunks straight
/// from disk and received into `snapshot.incoming`: no node holds a snapshot's bytes in memory.
pub type SnapshotFile = tokio::fs::File;

/// Records applied since the last snapshot after which another is taken (besides openraft's
/// entry count), so a node that restarts after large operations replays little.
pub const SNAPSHOT_AFTER_RECORDS: u64 = 100_000;

pub struct MetadataStateMachine {
    state: Arc<MetadataState>,
    last_applied: Option<LogId<NodeId>>,
    membership: StoredMembership<NodeId, BasicNode>,
    snapshot_path: PathBuf,
    /// The metadata of the snapshot in `snapshot_path`, if there is one.
    current: Arc<Mutex<Option<SnapshotMeta<NodeId, BasicNode>>>>,
    transactions: Transactions,
    /// Records applied since the last snapshot was built; shared with the quorum, which asks
    /// Raft for a snapshot when it passes `SNAPSHOT_AFTER_RECORDS`.
    pub records_since_snapshot: Arc<AtomicU64>,
}

fn snapshot_io(e: impl std::fmt::Display) -> StorageError<NodeId> {
    StorageError::IO {
        source: StorageIOError::write_snapshot(None, openraft::AnyError::error(e)),
    }
}

/// Reads a snapshot file through a buffer.
fn read_snapshot(path: &Path) -> std::io::Result<StoredSnapshot> {
    let file = std::fs::File::open(path)?;
    serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{} is unreadable: {e}", path.display()),
        )
    })
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
            transactions: Transactions::default(),
            records_since_snapshot: Arc::new(AtomicU64::new(0)),
        };
        match read_snapshot(&sm.snapshot_path) {
            Ok(stored) => {
                sm.last_applied = stored.meta.last_log_id;
                sm.membership = stored.meta.last_membership.clone();
                sm.transactions.open = stored.open_transaction;
                sm.state.install(stored.image);
                *sm.current.lock() = Some(stored.meta);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        Ok(sm)
    }

    fn incoming_path(&self) -> PathBuf {
        self.snapshot_path.with_file_name("snapshot.incoming")
    }
}

/// Says when an entry discarded an open metadata transaction (its controller failed over or
/// gave up before the end; the operation was not acknowledged).
fn log_discarded(admitted: Admitted, index: u64) {
    if let Some((id, records)) = admitted.discarded {
        tracing::warn!(
            transaction = %id,
            records,
            at = index,
            "an incomplete metadata transaction was discarded"
        );
    }
}

/// Builds a snapshot of the state as it was when the builder was made (Raft builds it on a
/// task of its own while entries keep being applied).
pub struct Builder {
    image: Arc<MetadataImage>,
    last_applied: Option<LogId<NodeId>>,
    membership: StoredMembership<NodeId, BasicNode>,
    open_transaction: Option<OpenTransaction>,
    snapshot_path: PathBuf,
    current: Arc<Mutex<Option<SnapshotMeta<NodeId, BasicNode>>>>,
}

impl RaftSnapshotBuilder<TypeConfig> for Builder {
    async fn build_snapshot(&mut self) -> Result<Snapshot<TypeConfig>, StorageError<NodeId>> {
        let meta = SnapshotMeta {
            last_log_id: self.last_applied,
            last_membership: self.membership.clone(),
            snapshot_id: format!(
                "{}-{}",
                self.last_applied.map_or(0, |l| l.leader_id.term),
                self.last_applied.map_or(0, |l| l.index)
            ),
        };
        let stored = SnapshotRef {
            meta: &meta,
            image: &self.image,
            open_transaction: &self.open_transaction,
        };
        let path = self.snapshot_path.clone();
        tokio::task::block_in_place(|| {
            crate::util::write_atomic_with(&path, |w| {
                serde_json::to_writer(w, &stored).map_err(std::io::Error::other)
            })
        })
        .map_err(snapshot_io)?;
        *self.current.lock() = Some(meta.clone());
        let file = tokio::fs::File::open(&path).await.map_err(snapshot_io)?;
        Ok(Snapshot {
            meta,
            snapshot: Box::new(file),
        })
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
            let index = entry.log_id.index;
            match entry.payload {
                EntryPayload::Blank => log_discarded(self.transactions.new_term(), index),
                EntryPayload::Normal(command) => {
                    let admitted = self.transactions.admit(command);
                    self.records_since_snapshot
                        .fetch_add(admitted.apply.len() as u64, Ordering::Relaxed);
                    for r in &admitted.apply {
                        image.apply(r, index as i64);
                    }
                    log_discarded(admitted, index);
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
        self.records_since_snapshot.store(0, Ordering::Relaxed);
        Builder {
            image: self.state.image(),
            last_applied: self.last_applied,
            membership: self.membership.clone(),
            open_transaction: self.transactions.open.clone(),
            snapshot_path: self.snapshot_path.clone(),
            current: self.current.clone(),
        }
    }

    async fn begin_receiving_snapshot(
        &mut self,
    ) -> Result<Box<SnapshotFile>, StorageError<NodeId>> {
        let file = tokio::fs::File::create(self.incoming_path())
            .await
            .map_err(snapshot_io)?;
        Ok(Box::new(file))
    }

    async fn install_snapshot(
        &mut self,
        meta: &SnapshotMeta<NodeId, BasicNode>,
        snapshot: Box<SnapshotFile>,
    ) -> Result<(), StorageError<NodeId>> {
        let file = snapshot.into_std().await;
        let incoming = self.incoming_path();
        let path = self.snapshot_path.clone();
        let stored = tokio::task::block_in_place(|| {
            file.sync_all()?;
            drop(file);
            // Parsed before it replaces the current snapshot: a bad one changes nothing.
            let stored = read_snapshot(&incoming)?;
            crate::util::rename_durably(&incoming, &path)?;
            Ok::<_, std::io::Error>(stored)
        })
        .map_err(snapshot_io)?;
        self.last_applied = meta.last_log_id;
        self.membership = meta.last_membership.clone();
        self.transactions.open = stored.open_transaction;
        self.state.install(stored.image);
        self.records_since_snapshot.store(0, Ordering::Relaxed);
        *self.current.lock() = Some(meta.clone());
        Ok(())
    }

    async fn get_current_snapshot(
        &mut self,
    ) -> Result<Option<Snapshot<TypeConfig>>, StorageError<NodeId>> {
        let Some(meta) = self.current.lock().clone() else {
            return Ok(None);
        };
        let file = tokio::fs::File::open(&self.snapshot_path)
            .await
            .map_err(snapshot_io)?;
        Ok(Some(Snapshot {
            meta,
            snapshot: Box::new(file),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::quorum::MetadataCommand;
    use crate::controller::quorum::transaction::{MAX_ENTRY_BYTES, plan_entries};
    use crate::controller::records::{MetadataRecord, PartitionRegistration};
    use openraft::{CommittedLeaderId, EntryPayload};
    use tokio::io::AsyncWriteExt;

    fn entry(index: u64, command: MetadataCommand) -> Entry<TypeConfig> {
        Entry {
            log_id: LogId::new(CommittedLeaderId::new(1, 1), index),
            payload: EntryPayload::Normal(command),
        }
    }

    fn big_topic(id: uuid::Uuid, partitions: i32) -> Vec<MetadataRecord> {
        let mut records = vec![MetadataRecord::Topic {
            name: "big".into(),
            topic_id: id,
        }];
        records.extend((0..partitions).map(|p| MetadataRecord::Partition {
            topic_id: id,
            partition: p,
            registration: PartitionRegistration::new(vec![1, 2, 3]),
        }));
        records
    }

    async fn snapshot_of(sm: &mut MetadataStateMachine) -> Snapshot<TypeConfig> {
        sm.get_snapshot_builder()
            .await
            .build_snapshot()
            .await
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_snapshot_taken_inside_a_transaction_is_streamed_and_completes_it() {
        let dir = tempfile::tempdir().unwrap();
        let state = MetadataState::new();
        let mut sm = MetadataStateMachine::open(dir.path().join("a"), state.clone()).unwrap();
        let topic = uuid::Uuid::new_v4();
        let mut entries = plan_entries(
            big_topic(topic, 20_000),
            MAX_ENTRY_BYTES,
            uuid::Uuid::new_v4(),
        )
        .unwrap();
        let end = entries.pop().unwrap();
        let n = entries.len() as u64;
        sm.apply(
            entries
                .into_iter()
                .enumerate()
                .map(|(i, c)| entry(i as u64 + 1, c)),
        )
        .await
        .unwrap();
        assert!(
            state.image().topic("big").is_none(),
            "not visible before its end"
        );

        let snapshot = snapshot_of(&mut sm).await;
        let mut sent = Vec::new();
        let mut data = snapshot.snapshot;
        tokio::io::AsyncReadExt::read_to_end(&mut data, &mut sent)
            .await
            .unwrap();

        // Another node receives it in chunks, as Raft writes them.
        let other = MetadataState::new();
        let mut receiver = MetadataStateMachine::open(dir.path().join("b"), other.clone()).unwrap();
        let mut file = receiver.begin_receiving_snapshot().await.unwrap();
        for chunk in sent.chunks(1 << 20) {
            file.write_all(chunk).await.unwrap();
        }
        file.flush().await.unwrap();
        receiver
            .install_snapshot(&snapshot.meta, file)
            .await
            .unwrap();
        assert!(other.image().topic("big").is_none());
        receiver.apply([entry(n + 1, end.clone())]).await.unwrap();
        assert_eq!(other.image().topic("big").unwrap().partitions.len(), 20_000);

        // And a node restarted from the snapshot file completes it too.
        let restarted = MetadataState::new();
        let mut reopened =
            MetadataStateMachine::open(dir.path().join("a"), restarted.clone()).unwrap();
        assert_eq!(
            reopened.applied_state().await.unwrap().0,
            snapshot.meta.last_log_id
        );
        reopened.apply([entry(n + 1, end)]).await.unwrap();
        assert_eq!(*restarted.image(), *other.image());
        assert!(
            reopened.get_current_snapshot().await.unwrap().is_some(),
            "the snapshot is served from its file"
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_corrupt_incoming_snapshot_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = MetadataState::new();
        let mut sm = MetadataStateMachine::open(dir.path().to_path_buf(), state.clone()).unwrap();
        let topic = uuid::Uuid::new_v4();
        sm.apply([entry(
            1,
            MetadataCommand {
                records: big_topic(topic, 3),
                transaction: None,
            },
        )])
        .await
        .unwrap();
        let snapshot = snapshot_of(&mut sm).await;
        let mut file = sm.begin_receiving_snapshot().await.unwrap();
        file.write_all(b"{\"meta\": [").await.unwrap();
        assert!(sm.install_snapshot(&snapshot.meta, file).await.is_err());
        assert_eq!(state.image().topic("big").unwrap().partitions.len(), 3);
        let reopened = MetadataStateMachine::open(dir.path().to_path_buf(), MetadataState::new());
        assert!(
            reopened.is_ok(),
            "the good snapshot is still the one on disk"
        );
    }
}
