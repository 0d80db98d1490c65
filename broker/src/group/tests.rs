//! The classic group state machine against a real (temporary) broker: join with
//! MEMBER_ID_REQUIRED, held joins and syncs, leader assignment, heartbeats, leaves, session
//! expiry, commits, and reloading from `__consumer_offsets`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use kafka_protocol::error::ResponseError as E;

use super::*;
use crate::broker::Broker;

async fn broker(dir: &std::path::Path) -> Arc<Broker> {
    let map: BTreeMap<String, String> = [
        ("log.dirs", dir.to_str().unwrap_or_default()),
        ("group.initial.rebalance.delay.ms", "0"),
        ("group.min.session.timeout.ms", "10"),
        ("offsets.topic.num.partitions", "3"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let b = Broker::open(BrokerConfig::from_map(map).unwrap())
        .await
        .unwrap();
    b.register().await.unwrap();
    assert!(b.groups.ensure_offsets_topic().await);
    b
}

fn join_req(group: &str, member: &str, session_ms: i32) -> JoinRequest {
    JoinRequest {
        group_id: group.into(),
        member_id: member.into(),
        group_instance_id: None,
        client_id: "c".into(),
        client_host: "127.0.0.1".into(),
        session_timeout_ms: session_ms,
        rebalance_timeout_ms: 2000,
        protocol_type: "consumer".into(),
        protocols: vec![("range".into(), Bytes::from_static(b"meta"))],
        require_known_member_id: true,
    }
}

async fn join(gc: &GroupCoordinator, req: JoinRequest) -> JoinResult {
    joined(gc.join(req)).await
}

/// The answer to a (possibly held) join; -1 if the coordinator dropped it.
async fn joined(p: Pending<JoinResult>) -> JoinResult {
    p.resolve(|| JoinResult::error(-1, "")).await
}

/// The answer to a (possibly held) sync; -1 if the coordinator dropped it.
async fn synced(p: Pending<SyncResult>) -> SyncResult {
    p.resolve(|| SyncResult {
        error: -1,
        protocol_type: None,
        protocol_name: None,
        assignment: Bytes::new(),
    })
    .await
}

/// A new member: MEMBER_ID_REQUIRED first, then the real join.
async fn new_member(gc: &GroupCoordinator, group: &str, session_ms: i32) -> Pending<JoinResult> {
    let first = join(gc, join_req(group, "", session_ms)).await;
    assert_eq!(first.error, E::MemberIdRequired.code());
    assert!(!first.member_id.is_empty());
    gc.join(join_req(group, &first.member_id, session_ms))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_join_sync_and_rebalance_on_leave() {
    let dir = tempfile::tempdir().unwrap();
    let b = broker(dir.path()).await;
    let gc = &b.groups;
    let a = joined(new_member(gc, "g", 10_000).await).await;
    assert_eq!(
        (a.error, a.generation, a.leader.clone()),
        (0, 1, a.member_id.clone())
    );
    assert_eq!(a.members.len(), 1);
    let sync_a = gc.sync(
        "g",
        1,
        &a.member_id,
        None,
        None,
        None,
        vec![(a.member_id.clone(), Bytes::from_static(b"all"))],
    );
    let sync_a = synced(sync_a).await;
    assert_eq!((sync_a.error, &sync_a.assignment[..]), (0, &b"all"[..]));
    assert_eq!(gc.heartbeat("g", 1, &a.member_id, None), 0);

    // A second member triggers a rebalance: its join is held until the first rejoins.
    let b_join = new_member(gc, "g", 10_000).await;
    assert_eq!(
        gc.heartbeat("g", 1, &a.member_id, None),
        E::RebalanceInProgress.code()
    );
    let a2 = join(gc, join_req("g", &a.member_id, 10_000)).await;
    let b2 = joined(b_join).await;
    assert_eq!((a2.generation, b2.generation), (2, 2));
    assert_eq!(a2.leader, a.member_id, "the first member keeps leading");
    assert_eq!(a2.members.len(), 2);
    assert!(b2.members.is_empty(), "followers get no member list");
    // The follower's sync is held until the leader's arrives with the assignment.
    let follower = gc.sync(
        "g",
        2,
        &b2.member_id,
        None,
        Some("consumer"),
        Some("range"),
        vec![],
    );
    let plan = vec![
        (a.member_id.clone(), Bytes::from_static(b"p0")),
        (b2.member_id.clone(), Bytes::from_static(b"p1")),
    ];
    let leader = gc.sync("g", 2, &a.member_id, None, None, None, plan);
    assert_eq!(&synced(leader).await.assignment[..], b"p0");
    assert_eq!(&synced(follower).await.assignment[..], b"p1");
    // Stale generations and unknown members are refused.
    assert_eq!(
        gc.heartbeat("g", 1, &b2.member_id, None),
        E::IllegalGeneration.code()
    );
    assert_eq!(
        gc.heartbeat("g", 2, "nobody", None),
        E::UnknownMemberId.code()
    );

    // The leader leaves: the other member must rejoin alone.
    assert_eq!(
        gc.leave("g", vec![(a.member_id.clone(), None)]).unwrap(),
        vec![0]
    );
    assert_eq!(
        gc.heartbeat("g", 2, &b2.member_id, None),
        E::RebalanceInProgress.code()
    );
    let b3 = join(gc, join_req("g", &b2.member_id, 10_000)).await;
    assert_eq!(
        (b3.generation, b3.leader.clone()),
        (3, b2.member_id.clone())
    );
    assert_eq!(gc.describe("g").unwrap().members.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_sessions_are_removed_and_the_group_empties() {
    let dir = tempfile::tempdir().unwrap();
    let b = broker(dir.path()).await;
    let gc = &b.groups;
    let a = joined(new_member(gc, "g", 50).await).await;
    synced(gc.sync("g", 1, &a.member_id, None, None, None, vec![])).await;
    assert_eq!(gc.describe("g").unwrap().state, "Stable");
    tokio::time::sleep(Duration::from_millis(120)).await;
    gc.tick();
    let d = gc.describe("g").unwrap();
    assert_eq!((d.state, d.members.len()), ("Empty", 0));
    assert_eq!(
        gc.heartbeat("g", 1, &a.member_id, None),
        E::UnknownMemberId.code()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commits_need_a_current_member_and_survive_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let tp = TopicPartition::new("t", 0);
    {
        let b = broker(dir.path()).await;
        b.auto_create_topic("t").await.unwrap();
        let gc = &b.groups;
        let offset = |o: i64| {
            vec![OffsetToCommit {
                tp: tp.clone(),
                offset: o,
                leader_epoch: -1,
                metadata: Some("m".into()),
            }]
        };
        // A standalone (generation -1) commit into an empty group is fine.
        assert_eq!(gc.commit_offsets("g", -1, "", None, offset(5)), vec![0]);
        let a = joined(new_member(gc, "g", 10_000).await).await;
        // Between join and the leader's sync, commits are refused.
        assert_eq!(
            gc.commit_offsets("g", 1, &a.member_id, None, offset(6)),
            vec![E::RebalanceInProgress.code()]
        );
        synced(gc.sync("g", 1, &a.member_id, None, None, None, vec![])).await;
        assert_eq!(
            gc.commit_offsets("g", 0, &a.member_id, None, offset(7)),
            vec![E::IllegalGeneration.code()]
        );
        assert_eq!(
            gc.commit_offsets("g", 1, &a.member_id, None, offset(8)),
            vec![0]
        );
        let unknown = vec![OffsetToCommit {
            tp: TopicPartition::new("nope", 0),
            offset: 1,
            leader_epoch: -1,
            metadata: None,
        }];
        assert_eq!(
            gc.commit_offsets("g", 1, &a.member_id, None, unknown),
            vec![E::UnknownTopicOrPartition.code()]
        );
        b.shutdown().await.unwrap();
    }
    let b = broker(dir.path()).await;
    let fetched = b.groups.fetch_offsets("g", None).unwrap();
    assert_eq!(fetched.len(), 1);
    let (got_tp, o) = &fetched[0];
    let o = o.as_ref().unwrap();
    assert_eq!((got_tp, o.offset, o.metadata.as_str()), (&tp, 8, "m"));
    assert_eq!(
        b.groups.describe("g").unwrap().members.len(),
        1,
        "group membership is reloaded too"
    );
    assert_eq!(b.groups.delete_group("g"), E::NonEmptyGroup.code());
}
