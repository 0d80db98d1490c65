//! Metadata transactions: one controller operation whose records do not fit in one Raft entry
//! is written over several entries and applied only when its last entry commits (as KRaft's
//! KIP-868 metadata transactions). The entries are marked (`TransactionMark`): `Begin`, any
//! number of `Continue`, then `End`; `Abort` drops an open transaction.
//!
//! Every node buffers an open transaction's records and applies them all at `End`, so brokers
//! see a large operation wholly or not at all. An open transaction is discarded when anything
//! else is committed before its end: an unmarked entry, a new `Begin`, or the blank entry a new
//! Raft leader writes at the start of its term (the controller that wrote it failed over; the
//! operation was never acknowledged, so its client retries).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::MetadataCommand;
use crate::controller::records::MetadataRecord;

/// Largest serialised size of the records of one Raft entry. The entry is stored as one
/// record of the metadata log (whose `max.message.bytes` is set above this) and sent in one
/// AppendEntries slot, so it stays well below both.
pub const MAX_ENTRY_BYTES: usize = 512 << 10;

/// Where an entry stands in its metadata transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransactionPart {
    Begin,
    Continue,
    End,
    Abort,
}

/// The mark of an entry that belongs to a metadata transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionMark {
    pub id: Uuid,
    pub part: TransactionPart,
}

/// A single record larger than an entry: the operation is refused before anything commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordTooLarge {
    pub size: usize,
    pub limit: usize,
}

impl std::fmt::Display for RecordTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a metadata record of {} bytes exceeds the metadata entry limit of {} bytes",
            self.size, self.limit
        )
    }
}

/// The serialised size of a record as the metadata log stores it (JSON, plus its separator).
fn record_size(record: &MetadataRecord) -> usize {
    serde_json::to_vec(record).map_or(usize::MAX, |v| v.len() + 1)
}

/// Splits an operation's records into Raft entries of at most `max_entry_bytes` of records
/// each. One entry needs no mark; more become one transaction (`Begin`, `Continue`..., `End`)
/// with id `id`. Refused when a single record is larger than an entry.
pub fn plan_entries(
    records: Vec<MetadataRecord>,
    max_entry_bytes: usize,
    id: Uuid,
) -> Result<Vec<MetadataCommand>, RecordTooLarge> {
    let mut chunks: Vec<Vec<MetadataRecord>> = Vec::new();
    let mut current = Vec::new();
    let mut current_bytes = 0;
    for record in records {
        let size = record_size(&record);
        if size > max_entry_bytes {
            return Err(RecordTooLarge {
                size,
                limit: max_entry_bytes,
            });
        }
        if current_bytes + size > max_entry_bytes && !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
            current_bytes = 0;
        }
        current_bytes += size;
        current.push(record);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    let n = chunks.len();
    Ok(chunks
        .into_iter()
        .enumerate()
        .map(|(i, records)| MetadataCommand {
            records,
            transaction: (n > 1).then(|| TransactionMark {
                id,
                part: match i {
                    0 => TransactionPart::Begin,
                    i if i + 1 == n => TransactionPart::End,
                    _ => TransactionPart::Continue,
                },
            }),
        })
        .collect())
}

/// The entry that drops transaction `id` (written when its writer gives up half way).
pub fn abort(id: Uuid) -> MetadataCommand {
    MetadataCommand {
        records: Vec::new(),
        transaction: Some(TransactionMark {
            id,
            part: TransactionPart::Abort,
        }),
    }
}

/// An open transaction's records, buffered until its end (kept in snapshots taken while it
/// is open, so a node restored from one still completes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTransaction {
    pub id: Uuid,
    pub records: Vec<MetadataRecord>,
}

/// What one committed entry means for the image.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Admitted {
    /// Records to apply now, in order.
    pub apply: Vec<MetadataRecord>,
    /// The open transaction this entry discarded, with its record count.
    pub discarded: Option<(Uuid, usize)>,
}

/// The committed entries' transaction state on one node.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Transactions {
    pub open: Option<OpenTransaction>,
}

impl Transactions {
    fn discard(&mut self) -> Option<(Uuid, usize)> {
        self.open.take().map(|t| (t.id, t.records.len()))
    }

    /// A new Raft term began (its leader's blank entry): a transaction left open by the
    /// previous controller never completes.
    pub fn new_term(&mut self) -> Admitted {
        Admitted {
            apply: Vec::new(),
            discarded: self.discard(),
        }
    }

    /// Takes a committed command; returns what to apply now.
    pub fn admit(&mut self, command: MetadataCommand) -> Admitted {
        let Some(mark) = command.transaction else {
            // Anything committed outside the open transaction ends it.
            let discarded = self.discard();
            return Admitted {
                apply: command.records,
                discarded,
            };
        };
        let open_id = self.open.as_ref().map(|t| t.id);
        match mark.part {
            TransactionPart::Begin => {
                let discarded = self.discard();
                self.open = Some(OpenTransaction {
                    id: mark.id,
                    records: command.records,
                });
                Admitted {
                    apply: Vec::new(),
                    discarded,
                }
            }
            TransactionPart::Continue | TransactionPart::End if open_id == Some(mark.id) => {
                let Some(open) = self.open.as_mut() else {
                    return Admitted::default();
                };
                open.records.extend(command.records);
                if mark.part == TransactionPart::End {
                    let records = self.open.take().map(|t| t.records).unwrap_or_default();
                    return Admitted {
                        apply: records,
                        discarded: None,
                    };
                }
                Admitted::default()
            }
            TransactionPart::Abort if open_id == Some(mark.id) => Admitted {
                apply: Vec::new(),
                discarded: self.discard(),
            },
            // The rest of a transaction already discarded: ignored.
            _ => Admitted::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::records::PartitionRegistration;

    fn partition(i: i32) -> MetadataRecord {
        MetadataRecord::Partition {
            topic_id: Uuid::nil(),
            partition: i,
            registration: PartitionRegistration::new(vec![1, 2, 3]),
        }
    }

    fn parts(entries: &[MetadataCommand]) -> Vec<Option<TransactionPart>> {
        entries
            .iter()
            .map(|e| e.transaction.map(|m| m.part))
            .collect()
    }

    #[test]
    fn small_operations_are_one_unmarked_entry() {
        let id = Uuid::new_v4();
        let entries = plan_entries((0..10).map(partition).collect(), MAX_ENTRY_BYTES, id).unwrap();
        assert_eq!(parts(&entries), vec![None]);
        assert_eq!(entries[0].records.len(), 10);
        assert!(
            plan_entries(Vec::new(), MAX_ENTRY_BYTES, id)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn large_operations_span_bounded_entries_in_order() {
        let id = Uuid::new_v4();
        let records: Vec<_> = (0..30_000).map(partition).collect();
        let entries = plan_entries(records.clone(), MAX_ENTRY_BYTES, id).unwrap();
        assert!(entries.len() > 2, "{} entries", entries.len());
        let mut expected = vec![Some(TransactionPart::Begin)];
        expected.extend(vec![Some(TransactionPart::Continue); entries.len() - 2]);
        expected.push(Some(TransactionPart::End));
        assert_eq!(parts(&entries), expected);
        for e in &entries {
            assert_eq!(e.transaction.unwrap().id, id);
            let bytes: usize = e.records.iter().map(record_size).sum();
            assert!(bytes <= MAX_ENTRY_BYTES, "{bytes}");
            // Stored as one JSON entry well below the metadata log's record limit.
            assert!(serde_json::to_vec(e).unwrap().len() < MAX_ENTRY_BYTES + 4096);
        }
        let flat: Vec<_> = entries.into_iter().flat_map(|e| e.records).collect();
        assert_eq!(flat, records);
    }

    #[test]
    fn a_record_larger_than_an_entry_is_refused_before_commit() {
        let big = MetadataRecord::Config {
            resource: crate::controller::records::ConfigResource::ClusterDefault,
            key: "k".into(),
            value: Some("v".repeat(2000)),
        };
        let err = plan_entries(vec![partition(0), big], 1000, Uuid::new_v4()).unwrap_err();
        assert!(err.size > 2000 && err.limit == 1000, "{err}");
    }

    fn apply_all(tx: &mut Transactions, entries: Vec<MetadataCommand>) -> Vec<Vec<MetadataRecord>> {
        entries.into_iter().map(|e| tx.admit(e).apply).collect()
    }

    #[test]
    fn a_transaction_applies_only_at_its_end() {
        let records: Vec<_> = (0..20_000).map(partition).collect();
        let entries = plan_entries(records.clone(), MAX_ENTRY_BYTES, Uuid::new_v4()).unwrap();
        let mut tx = Transactions::default();
        let applied = apply_all(&mut tx, entries);
        let (last, before) = applied.split_last().unwrap();
        assert!(before.iter().all(Vec::is_empty));
        assert_eq!(*last, records);
        assert_eq!(tx.open, None);
    }

    #[test]
    fn an_interrupted_transaction_is_discarded_wholly() {
        let records: Vec<_> = (0..20_000).map(partition).collect();
        let id = Uuid::new_v4();
        let mut entries = plan_entries(records, MAX_ENTRY_BYTES, id).unwrap();
        let end = entries.pop().unwrap();

        // A new leader's term starts before the end: the end that follows is ignored.
        let mut tx = Transactions::default();
        assert!(
            apply_all(&mut tx, entries.clone())
                .iter()
                .all(Vec::is_empty)
        );
        let admitted = tx.new_term();
        assert_eq!(admitted.discarded.map(|d| d.0), Some(id));
        assert_eq!(tx.admit(end.clone()), Admitted::default());

        // An unmarked entry in between is applied, the transaction dropped.
        let mut tx = Transactions::default();
        apply_all(&mut tx, entries.clone());
        let admitted = tx.admit(MetadataCommand {
            records: vec![partition(7)],
            transaction: None,
        });
        assert_eq!(admitted.apply, vec![partition(7)]);
        assert!(admitted.discarded.is_some());
        assert!(tx.admit(end.clone()).apply.is_empty());

        // An abort, and another transaction's begin, drop it too.
        let mut tx = Transactions::default();
        apply_all(&mut tx, entries.clone());
        assert!(
            tx.admit(abort(Uuid::new_v4())).discarded.is_none(),
            "not its id"
        );
        assert!(tx.admit(abort(id)).discarded.is_some());
        let mut tx = Transactions::default();
        apply_all(&mut tx, entries.clone());
        let other = plan_entries(
            (0..20_000).map(partition).collect(),
            MAX_ENTRY_BYTES,
            Uuid::new_v4(),
        )
        .unwrap();
        let applied = apply_all(&mut tx, other);
        assert_eq!(
            applied.last().unwrap().len(),
            20_000,
            "the newer one completes"
        );
        assert!(tx.admit(end).apply.is_empty());
    }
}
