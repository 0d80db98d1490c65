package dev.moldau.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** AdminClient: topics, configs, consumer groups, records, leaders, reassignments, cluster. */
class AdminTest {
  static void produce(String topic, int partition, int count) throws Exception {
    try (KafkaProducer<String, String> p = Env.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
      for (int i = 0; i < count; i++) {
        p.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i)).get();
      }
    }
  }

  static Throwable cause(ExecutionException e) {
    return e.getCause();
  }

  @Test
  void topicsAreCreatedDescribedGrownAndDeleted() throws Exception {
    String topic = Env.unique("java-admin-topic");
    int rf = Math.min(3, Env.brokers());
    try (Admin admin = Env.admin()) {
      Env.createTopic(admin, new NewTopic(topic, 2, (short) rf).configs(Map.of("retention.ms", "3600000")));
      assertTrue(admin.listTopics().names().get().contains(topic), "listTopics");
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertEquals(2, d.partitions().size());
      assertFalse(d.isInternal());
      assertNotNull(d.topicId());
      d.partitions().forEach(p -> {
        assertEquals(rf, p.replicas().size(), "replicas of " + p.partition());
        assertEquals(rf, p.isr().size(), "isr of " + p.partition());
        assertTrue(p.replicas().contains(p.leader()), "leader is a replica");
      });
      ExecutionException exists = assertThrows(ExecutionException.class,
          () -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get());
      assertInstanceOf(TopicExistsException.class, cause(exists));
      ExecutionException invalid = assertThrows(ExecutionException.class,
          () -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get());
      assertInstanceOf(InvalidTopicException.class, cause(invalid));

      admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(5))).all().get();
      Env.waitFor("5 partitions", () -> {
        try {
          return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size() == 5;
        } catch (Exception e) {
          return false;
        }
      });
      admin.deleteTopics(List.of(topic)).all().get();
      Env.waitFor("topic gone", () -> {
        try {
          return !admin.listTopics().names().get().contains(topic);
        } catch (Exception e) {
          return false;
        }
      });
      ExecutionException gone = assertThrows(ExecutionException.class,
          () -> admin.describeTopics(List.of(topic)).allTopicNames().get());
      assertInstanceOf(UnknownTopicOrPartitionException.class, cause(gone));
    }
  }

  static ConfigEntry topicConfig(Admin admin, String topic, String key) throws Exception {
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config c = admin.describeConfigs(List.of(r), new DescribeConfigsOptions().includeSynonyms(true).includeDocumentation(true))
        .all().get().get(r);
    ConfigEntry e = c.get(key);
    assertNotNull(e, "config " + key + " of " + topic);
    return e;
  }

  @Test
  void configsAreDescribedWithSynonymsAndSourcesAndAlteredIncrementally() throws Exception {
    String topic = Env.unique("java-admin-configs");
    try (Admin admin = Env.admin()) {
      Env.createTopic(admin, new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "7200000")));
      ConfigEntry retention = topicConfig(admin, topic, "retention.ms");
      assertEquals("7200000", retention.value());
      assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, retention.source());
      assertFalse(retention.isReadOnly());
      assertEquals(ConfigEntry.ConfigType.LONG, retention.type());
      List<ConfigEntry.ConfigSynonym> synonyms = retention.synonyms();
      assertEquals("retention.ms", synonyms.get(0).name());
      assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, synonyms.get(0).source());
      // Kafka 4.4 lists only the topic's own value here; broker-level synonyms, where a
      // system lists them, are the log.retention.* keys.
      for (ConfigEntry.ConfigSynonym syn : synonyms) {
        assertTrue(syn.name().equals("retention.ms") || syn.name().startsWith("log.retention."), "synonym " + syn);
      }

      ConfigEntry segment = topicConfig(admin, topic, "segment.bytes");
      assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, segment.source());
      assertEquals("1073741824", segment.value());
      assertTrue(segment.isDefault());

      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Map<ConfigResource, Collection<AlterConfigOp>> ops = Map.of(r, List.of(
          new AlterConfigOp(new ConfigEntry("retention.ms", null), AlterConfigOp.OpType.DELETE),
          new AlterConfigOp(new ConfigEntry("max.message.bytes", "2097152"), AlterConfigOp.OpType.SET),
          new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND)));
      admin.incrementalAlterConfigs(ops).all().get();
      Env.waitFor("altered configs visible", () -> {
        try {
          return "2097152".equals(topicConfig(admin, topic, "max.message.bytes").value());
        } catch (Exception e) {
          return false;
        }
      });
      ConfigEntry back = topicConfig(admin, topic, "retention.ms");
      assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, back.source(), "retention.ms after DELETE");
      assertEquals("604800000", back.value());
      assertEquals("delete,compact", topicConfig(admin, topic, "cleanup.policy").value());
      Map<ConfigResource, Collection<AlterConfigOp>> subtract = Map.of(r, List.of(
          new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SUBTRACT)));
      admin.incrementalAlterConfigs(subtract).all().get();
      Env.waitFor("cleanup.policy=compact", () -> {
        try {
          return "compact".equals(topicConfig(admin, topic, "cleanup.policy").value());
        } catch (Exception e) {
          return false;
        }
      });

      Map<ConfigResource, Collection<AlterConfigOp>> bad = Map.of(r, List.of(
          new AlterConfigOp(new ConfigEntry("retention.ms", "not-a-number"), AlterConfigOp.OpType.SET)));
      ExecutionException e = assertThrows(ExecutionException.class, () -> admin.incrementalAlterConfigs(bad).all().get());
      assertInstanceOf(org.apache.kafka.common.errors.InvalidConfigurationException.class, cause(e));

      String broker = Integer.toString(admin.describeCluster().nodes().get().iterator().next().id());
      ConfigResource b = new ConfigResource(ConfigResource.Type.BROKER, broker);
      Config bc = admin.describeConfigs(List.of(b), new DescribeConfigsOptions().includeSynonyms(true)).all().get().get(b);
      ConfigEntry nodeId = bc.get("node.id");
      assertNotNull(nodeId, "broker config node.id");
      assertEquals(broker, nodeId.value());
      assertTrue(nodeId.isReadOnly());
      assertEquals(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG, nodeId.source());
      ConfigEntry numPartitions = bc.get("num.partitions");
      assertNotNull(numPartitions, "broker config num.partitions");
    }
  }

  @Test
  void consumerGroupsAreListedDescribedAlteredAndDeleted() throws Exception {
    String topic = Env.unique("java-admin-groups");
    String group = Env.unique("admin-group");
    try (Admin admin = Env.admin()) {
      Env.createTopic(admin, topic, 2, 1);
      produce(topic, 0, 10);
      produce(topic, 1, 4);
      try (KafkaConsumer<String, String> c = Env.consumer(group, Map.of())) {
        c.subscribe(List.of(topic));
        int[] seen = {0};
        Env.waitFor("14 records", () -> {
          seen[0] += c.poll(Duration.ofMillis(100)).count();
          return seen[0] >= 14;
        });
        c.commitSync();
        ConsumerGroupDescription live = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        assertEquals(GroupState.STABLE, live.groupState());
        assertEquals(1, live.members().size());
        assertEquals(2, live.members().iterator().next().assignment().topicPartitions().size());
        assertNotNull(live.coordinator());
      }
      Collection<ConsumerGroupListing> listed = admin.listConsumerGroups().all().get();
      Optional<ConsumerGroupListing> mine = listed.stream().filter(g -> g.groupId().equals(group)).findFirst();
      assertTrue(mine.isPresent(), "listConsumerGroups has " + group);
      ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      assertEquals(GroupState.EMPTY, d.groupState());
      assertEquals(0, d.members().size());

      TopicPartition p0 = new TopicPartition(topic, 0);
      TopicPartition p1 = new TopicPartition(topic, 1);
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      assertEquals(10, offsets.get(p0).offset());
      assertEquals(4, offsets.get(p1).offset());

      admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(3, "reset by test"))).all().get();
      offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      assertEquals(3, offsets.get(p0).offset());
      assertEquals("reset by test", offsets.get(p0).metadata());

      admin.deleteConsumerGroupOffsets(group, Set.of(p1)).all().get();
      offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      assertFalse(offsets.containsKey(p1) && offsets.get(p1) != null, "p1's offset deleted: " + offsets);

      admin.deleteConsumerGroups(List.of(group)).all().get();
      assertFalse(admin.listConsumerGroups().all().get().stream().anyMatch(g -> g.groupId().equals(group)),
          "group deleted");
    }
  }

  @Test
  void deleteRecordsMovesTheLogStartOffset() throws Exception {
    String topic = Env.unique("java-admin-delete-records");
    try (Admin admin = Env.admin()) {
      Env.createTopic(admin, topic, 1, Math.min(3, Env.brokers()));
      produce(topic, 0, 10);
      TopicPartition tp = new TopicPartition(topic, 0);
      long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(4))).lowWatermarks().get(tp).get().lowWatermark();
      assertEquals(4, low);
      assertEquals(4, admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset());
      assertEquals(10, admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset());
      var read = Env.readAll(List.of(tp), 6);
      assertEquals(6, read.size());
      assertEquals(4, read.get(0).offset());
    }
  }

  @Test
  void reassignmentMovesReplicasAndElectLeadersMovesTheLeader() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Env.brokers() >= 3, "needs 3 brokers");
    String topic = Env.unique("java-admin-reassign");
    try (Admin admin = Env.admin()) {
      List<Integer> ids = admin.describeCluster().nodes().get().stream().map(Node::id).sorted().toList();
      int a = ids.get(0);
      int b = ids.get(1);
      int c = ids.get(2);
      Env.createTopic(admin, new NewTopic(topic, Map.of(0, List.of(a, b))));
      produce(topic, 0, 20);
      TopicPartition tp = new TopicPartition(topic, 0);
      admin.alterPartitionReassignments(Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(c, a))))).all().get();
      Env.waitFor("reassignment of " + tp + " to [" + c + ", " + a + "]", () -> {
        try {
          var info = Env.partition(admin, topic, 0);
          List<Integer> replicas = info.replicas().stream().map(Node::id).toList();
          return admin.listPartitionReassignments().reassignments().get().isEmpty()
              && replicas.equals(List.of(c, a)) && info.isr().size() == 2;
        } catch (Exception e) {
          return false;
        }
      });
      var result = admin.electLeaders(ElectionType.PREFERRED, Set.of(tp)).partitions().get();
      result.get(tp).ifPresent(e -> assertInstanceOf(ElectionNotNeededException.class, e));
      Env.waitFor("leader " + c, () -> {
        try {
          return Env.partition(admin, topic, 0).leader().id() == c;
        } catch (Exception e) {
          return false;
        }
      });
      var again = admin.electLeaders(ElectionType.PREFERRED, Set.of(tp)).partitions().get();
      assertInstanceOf(ElectionNotNeededException.class, again.get(tp).orElseThrow(), "second election");
      assertEquals(20, Env.readAll(List.of(tp), 20).size(), "records survive the move");
    }
  }

  @Test
  void clusterLogDirsAndQuorumAreDescribed() throws Exception {
    String topic = Env.unique("java-admin-logdirs");
    try (Admin admin = Env.admin()) {
      DescribeClusterResult cluster = admin.describeCluster();
      Collection<Node> nodes = cluster.nodes().get();
      assertEquals(Env.brokers(), nodes.size());
      assertNotNull(cluster.controller().get());
      String clusterId = cluster.clusterId().get();
      assertTrue(clusterId != null && !clusterId.isEmpty(), "cluster id");

      Env.createTopic(admin, topic, 1, Math.min(3, Env.brokers()));
      produce(topic, 0, 30);
      List<Integer> ids = nodes.stream().map(Node::id).toList();
      Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(ids).allDescriptions().get();
      assertEquals(Set.copyOf(ids), dirs.keySet());
      TopicPartition tp = new TopicPartition(topic, 0);
      List<Integer> replicas = Env.partition(admin, topic, 0).replicas().stream().map(Node::id).toList();
      for (int id : ids) {
        Map<String, LogDirDescription> mine = dirs.get(id);
        assertFalse(mine.isEmpty(), "broker " + id + " has a log dir");
        for (var e : mine.entrySet()) {
          assertTrue(e.getKey().startsWith("/"), "log dir path " + e.getKey());
          assertEquals(null, e.getValue().error(), "log dir error on " + id);
          assertTrue(e.getValue().totalBytes().orElse(1) > 0, "total bytes");
        }
        ReplicaInfo info = mine.values().stream().map(d -> d.replicaInfos().get(tp)).filter(r -> r != null)
            .findFirst().orElse(null);
        if (replicas.contains(id)) {
          assertNotNull(info, "broker " + id + " lists its replica of " + tp);
        }
      }
      // The leader's replica has the 30 records' bytes.
      int leader = Env.partition(admin, topic, 0).leader().id();
      long size = dirs.get(leader).values().stream().map(d -> d.replicaInfos().get(tp)).filter(r -> r != null)
          .findFirst().orElseThrow().size();
      assertTrue(size > 30 * 4, "size of " + tp + " on its leader: " + size);

      QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
      assertTrue(ids.contains(quorum.leaderId()), "quorum leader " + quorum.leaderId());
      assertTrue(quorum.leaderEpoch() > 0, "leader epoch");
      assertTrue(quorum.highWatermark() > 0, "high watermark");
      assertEquals(Set.copyOf(ids), quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet()));
      for (QuorumInfo.ReplicaState v : quorum.voters()) {
        assertTrue(v.logEndOffset() > 0, "voter " + v.replicaId() + " log end offset");
      }
    }
  }

  static Map<String, String> asMap(Config c) {
    Map<String, String> m = new HashMap<>();
    c.entries().forEach(e -> m.put(e.name(), e.value()));
    return m;
  }
}
