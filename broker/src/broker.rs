//! The assembled broker: configuration, log manager, controller, replica manager, group
//! coordinator and metrics, with start-up (recovery, registration, loading groups), the
//! background tasks and clean shutdown.

use std::sync::Arc;
use std::time::Duration;

use kafka_protocol::error::ResponseError;
use parking_lot::Mutex;
use tokio::task::JoinHandle;

use crate::config::BrokerConfig;
use crate::controller::{
    ApiError, BrokerRegistration, Controller, MetadataImage, MetadataPublisher, NewTopic,
    NodeIdentity, PRODUCER_ID_BLOCK,
};
use crate::group::GroupCoordinator;
use crate::log::manager::LogManager;
use crate::metrics::Metrics;
use crate::replica::ReplicaManager;

pub struct Broker {
    pub config: Arc<BrokerConfig>,
    pub log_manager: Arc<LogManager>,
    pub controller: Arc<Controller>,
    pub replicas: Arc<ReplicaManager>,
    pub groups: Arc<GroupCoordinator>,
    pub metrics: Arc<Metrics>,
    /// The current block of producer ids: next id and end (exclusive).
    producer_ids: tokio::sync::Mutex<(i64, i64)>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

/// Tells the group coordinator about metadata: `__consumer_offsets` leadership (which groups
/// it coordinates) and deleted topics (whose offsets go). Weak: the coordinator holds the
/// controller.
struct GroupPublisher(std::sync::Weak<GroupCoordinator>);

impl MetadataPublisher for GroupPublisher {
    fn publish(&self, old: &MetadataImage, new: &Arc<MetadataImage>) {
        let Some(groups) = self.0.upgrade() else {
            return;
        };
        groups.on_metadata(new);
        if old.topics.keys().any(|t| new.topic(t).is_none()) {
            groups.remove_offsets_of_deleted_topics(|t| new.topic(t).is_some());
        }
    }
}

impl Broker {
    /// Opens the data directory, recovers logs and starts the metadata quorum (Raft). The
    /// broker is not registered yet: `start_control_plane` then `register` do that.
    pub async fn open(config: BrokerConfig) -> anyhow::Result<Arc<Broker>> {
        let config = Arc::new(config);
        let metrics = Metrics::new();
        let dir = config.log_dir().to_path_buf();
        let node_id = config.node_id;
        let log_manager = Arc::new(
            tokio::task::spawn_blocking(move || LogManager::startup(&dir, node_id)).await??,
        );
        let clean = log_manager.was_clean_shutdown();
        tracing::info!(dir = %config.log_dir().display(), clean_shutdown = clean, "opening data directory");
        let advertised = config
            .advertised_listeners
            .iter()
            .find(|l| l.name == config.inter_broker_listener)
            .unwrap_or(&config.advertised_listeners[0]);
        let identity = NodeIdentity {
            registration: BrokerRegistration {
                node_id: config.node_id,
                host: advertised.host.clone(),
                port: advertised.port as i32,
                rack: config.broker_rack.clone(),
                incarnation_id: uuid::Uuid::new_v4(),
                // Where other nodes reach this node's control plane: the controller
                // listener's host, or the advertised host when it listens on all addresses.
                controller_address: config.controller_listeners.first().map(|l| {
                    if l.host.is_empty() || l.host == "0.0.0.0" || l.host == "::" {
                        format!("{}:{}", advertised.host, l.port)
                    } else {
                        l.bind_addr()
                    }
                }),
                listeners: config
                    .advertised_listeners
                    .iter()
                    .map(|l| (l.name.clone(), (l.host.clone(), l.port as i32)))
                    .collect(),
            },
            cluster_id: log_manager.cluster_id().to_string(),
        };
        let replicas = ReplicaManager::new(config.clone(), log_manager.clone(), metrics.clone());
        let controller =
            Controller::start(config.log_dir(), config.clone(), clean, identity).await?;
        replicas.attach_controller(&controller);
        controller.add_publisher(replicas.clone());
        let groups = GroupCoordinator::new(
            config.clone(),
            controller.clone(),
            replicas.clone(),
            &metrics,
        );
        controller.add_publisher(Arc::new(GroupPublisher(Arc::downgrade(&groups))));
        let weak = Arc::downgrade(&controller);
        metrics.on_scrape(move |m| {
            let Some(c) = weak.upgrade() else { return };
            let r = &m.replication;
            let (term, applied) = c.raft_progress();
            r.raft_term.set(term as i64);
            r.raft_commit_index.set(applied as i64);
            r.raft_leader
                .set(c.active_controller().unwrap_or(-1) as i64);
            let active = c.is_active();
            r.active_controller.set(active as i64);
            let image = c.image();
            let (offline, fenced) = if active {
                let offline = image
                    .topics
                    .values()
                    .flat_map(|t| t.partitions.values())
                    .filter(|p| p.leader == -1)
                    .count();
                let fenced = image
                    .brokers
                    .keys()
                    .filter(|b| {
                        image.broker_state(**b) == Some(crate::controller::BrokerState::Fenced)
                    })
                    .count();
                (offline as i64, fenced as i64)
            } else {
                (0, 0)
            };
            r.offline_partitions.set(offline);
            r.fenced_brokers.set(fenced);
        });
        Ok(Arc::new(Broker {
            config,
            log_manager,
            controller,
            replicas,
            groups,
            metrics,
            producer_ids: tokio::sync::Mutex::new((0, 0)),
            tasks: Mutex::new(Vec::new()),
        }))
    }

    pub fn cluster_id(&self) -> String {
        self.controller.cluster_id()
    }

    /// Registers with the active controller (waiting for a quorum), catches up with the
    /// metadata log, drops logs of partitions that no longer exist and reloads groups.
    pub async fn register(self: &Arc<Self>) -> anyhow::Result<()> {
        self.controller.register_self().await;
        let image = self.controller.image();
        let b = self.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            b.log_manager
                .remove_strays(|tp| image.partition(&tp.topic, tp.partition).is_some())?;
            Ok(())
        })
        .await??;
        let mut tasks = self.tasks.lock();
        tasks.extend(self.controller.run());
        tasks.push(self.controller.spawn_heartbeats());
        tasks.extend(self.replicas.start_tasks());
        Ok(())
    }

    /// Creates a topic with the broker's defaults (auto.create.topics.enable).
    pub async fn auto_create_topic(&self, name: &str) -> Result<(), ApiError> {
        let result = self
            .controller
            .create_topics(
                vec![NewTopic {
                    name: name.to_string(),
                    num_partitions: -1,
                    replication_factor: -1,
                    ..Default::default()
                }],
                false,
            )
            .await;
        match result.into_iter().next() {
            Some((_, Ok(_))) => {
                tracing::info!(topic = name, "auto-created topic");
                Ok(())
            }
            Some((_, Err(e))) if e.error == ResponseError::TopicAlreadyExists => Ok(()),
            Some((_, Err(e))) => Err(e),
            None => Err(ApiError::new(
                ResponseError::UnknownServerError,
                "topic creation returned nothing",
            )),
        }
    }

    /// Hands out the next producer id, asking the controller for a new block when needed.
    pub async fn next_producer_id(&self) -> Result<i64, ApiError> {
        let mut ids = self.producer_ids.lock().await;
        if ids.0 >= ids.1 {
            let start = self.controller.allocate_producer_ids().await?;
            *ids = (start, start + PRODUCER_ID_BLOCK);
        }
        let id = ids.0;
        ids.0 += 1;
        Ok(id)
    }

    /// Starts retention, flush, checkpoint, compaction and group timers.
    pub fn start_background_tasks(self: &Arc<Self>) {
        let mut tasks = self.tasks.lock();
        let every = |ms: u64| Duration::from_millis(ms.clamp(10, 24 * 3600 * 1000));
        let spawn_blocking_loop = |period: Duration, f: Arc<dyn Fn() + Send + Sync>| {
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(period);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                tick.tick().await;
                loop {
                    tick.tick().await;
                    let f = f.clone();
                    let _ = tokio::task::spawn_blocking(move || f()).await;
                }
            })
        };
        let b = self.clone();
        tasks.push(spawn_blocking_loop(
            every(self.config.retention_check_interval_ms),
            Arc::new(move || {
                b.log_manager
                    .run_retention(b.config.producer_id_expiration_ms);
            }),
        ));
        let b = self.clone();
        tasks.push(spawn_blocking_loop(
            Duration::from_secs(1),
            Arc::new(move || b.log_manager.run_flush()),
        ));
        let b = self.clone();
        tasks.push(spawn_blocking_loop(
            every(self.config.recovery_checkpoint_interval_ms),
            Arc::new(move || {
                if let Err(e) = b.log_manager.checkpoint() {
                    tracing::error!(error = %e, "writing checkpoints failed");
                }
            }),
        ));
        if self.config.cleaner_enable {
            let b = self.clone();
            tasks.push(spawn_blocking_loop(
                every(self.config.cleaner_backoff_ms),
                Arc::new(move || {
                    b.log_manager.run_cleaner();
                }),
            ));
        }
        let b = self.clone();
        tasks.push(spawn_blocking_loop(
            Duration::from_millis(100),
            Arc::new(move || b.groups.tick()),
        ));
        let b = self.clone();
        tasks.push(spawn_blocking_loop(
            every(self.config.offsets_retention_check_interval_ms),
            Arc::new(move || b.groups.expire_offsets()),
        ));
    }

    /// Readiness, as the `/ready` probe reports it: registered and active (not fenced, not
    /// shutting down), and in the ISR of every partition it holds a replica of (caught up).
    pub fn readiness(&self) -> Result<(), String> {
        use crate::controller::records::BrokerState;
        let id = self.config.node_id;
        let image = self.controller.image();
        match image.broker_state(id) {
            None => return Err(format!("broker {id} is not registered")),
            Some(BrokerState::Fenced) => return Err(format!("broker {id} is fenced")),
            Some(BrokerState::ShuttingDown) => return Err(format!("broker {id} is shutting down")),
            Some(BrokerState::Active) => {}
        }
        let mut behind = Vec::new();
        for (name, t) in &image.topics {
            for (p, reg) in &t.partitions {
                if reg.replicas.contains(&id) && !reg.isr.contains(&id) {
                    behind.push(format!("{name}-{p}"));
                }
            }
        }
        if behind.is_empty() {
            return Ok(());
        }
        let shown: Vec<&str> = behind.iter().take(5).map(String::as_str).collect();
        Err(format!(
            "broker {id} is catching up: not in the ISR of {} partition(s) ({}{})",
            behind.len(),
            shown.join(", "),
            if behind.len() > 5 { ", ..." } else { "" }
        ))
    }

    /// Controlled shutdown (controlled.shutdown.enable): leadership moves to other in-sync
    /// replicas before the broker stops serving.
    pub async fn controlled_shutdown(&self) {
        if !self.config.controlled_shutdown {
            return;
        }
        let timeout = Duration::from_millis(self.config.controlled_shutdown_timeout_ms);
        if self.controller.controlled_shutdown(timeout).await {
            tracing::info!("controlled shutdown: this broker leads no partition any more");
        } else {
            tracing::warn!("controlled shutdown did not complete in time; stopping anyway");
        }
    }

    /// Clean shutdown: stops background work, closes every log and the metadata log, and
    /// leaves the clean-shutdown marker so the next start skips recovery.
    pub async fn shutdown(self: &Arc<Self>) -> anyhow::Result<()> {
        let tasks: Vec<JoinHandle<()>> = self.tasks.lock().drain(..).collect();
        for t in tasks {
            t.abort();
        }
        self.replicas.shutdown().await;
        self.controller.shutdown().await;
        let b = self.clone();
        tokio::task::spawn_blocking(move || b.log_manager.shutdown()).await??;
        tracing::info!("clean shutdown complete");
        Ok(())
    }
}
