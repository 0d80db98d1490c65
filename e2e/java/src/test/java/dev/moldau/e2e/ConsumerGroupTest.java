package dev.moldau.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;

/** Consumer groups: assignors, rebalances as members join and leave, static membership. */
class ConsumerGroupTest {
  static final int PARTITIONS = 6;
  static final int PER_PARTITION = 50;

  /** One member of a group, polled from the test's thread, recording what it was given. */
  static final class Member implements ConsumerRebalanceListener, AutoCloseable {
    final String name;
    final KafkaConsumer<String, String> consumer;
    final List<Set<TopicPartition>> revoked = new ArrayList<>();
    final List<Set<TopicPartition>> assigned = new ArrayList<>();
    final Map<TopicPartition, Set<Long>> consumed = new HashMap<>();

    Member(String name, String group, String topic, Map<String, Object> config) {
      this.name = name;
      Map<String, Object> c = new HashMap<>(config);
      c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
      this.consumer = Env.consumer(group, c);
      consumer.subscribe(List.of(topic), this);
    }

    void poll() {
      consumer.poll(Duration.ofMillis(50)).forEach(r ->
          consumed.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new HashSet<>()).add(r.offset()));
      try {
        consumer.commitSync();
      } catch (RebalanceInProgressException e) {
        // A cooperative rebalance is under way: the next poll completes it; commit then.
      }
    }

    Set<TopicPartition> assignment() {
      return consumer.assignment();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        revoked.add(new HashSet<>(partitions));
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned.add(new HashSet<>(partitions));
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /** Polls every member until {@code done} holds (bounded). */
  static void pollUntil(String what, List<Member> members, java.util.function.Supplier<Boolean> done) {
    Env.waitFor(what, () -> {
      members.forEach(Member::poll);
      return done.get();
    });
  }

  static String topicWithRecords(String prefix) throws Exception {
    String topic = Env.unique(prefix);
    try (Admin admin = Env.admin()) {
      Env.createTopic(admin, topic, PARTITIONS, Math.min(3, Env.brokers()));
    }
    try (KafkaProducer<String, String> p = Env.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
      for (int part = 0; part < PARTITIONS; part++) {
        for (int i = 0; i < PER_PARTITION; i++) {
          p.send(new ProducerRecord<>(topic, part, "k" + i, "p" + part + "-" + i));
        }
      }
      p.flush();
    }
    return topic;
  }

  static Set<TopicPartition> all(String topic) {
    return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
  }

  static Map<String, Object> assignor(Class<?> cls) {
    return Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, cls.getName());
  }

  /** Every record was consumed (by someone) and the group's committed offsets are the end offsets. */
  static void assertAllConsumedAndCommitted(String group, String topic, List<Member> members) throws Exception {
    for (TopicPartition tp : all(topic)) {
      Set<Long> offsets = new HashSet<>();
      members.forEach(m -> offsets.addAll(m.consumed.getOrDefault(tp, Set.of())));
      assertEquals(PER_PARTITION, offsets.size(), "offsets of " + tp + " consumed");
    }
    try (Admin admin = Env.admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      all(topic).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      for (TopicPartition tp : all(topic)) {
        assertEquals(ends.get(tp).offset(), committed.get(tp).offset(), "committed offset of " + tp);
      }
    }
  }

  @Test
  void rangeAssignorRebalancesWhenMembersJoinAndLeave() throws Exception {
    String topic = topicWithRecords("java-range");
    String group = Env.unique("range");
    Map<String, Object> config = assignor(RangeAssignor.class);
    try (Member a = new Member("a", group, topic, config)) {
      pollUntil("a owns every partition", List.of(a), () -> a.assignment().size() == PARTITIONS);
      try (Member b = new Member("b", group, topic, config)) {
        pollUntil("a and b share the partitions", List.of(a, b),
            () -> a.assignment().size() == 3 && b.assignment().size() == 3);
        Set<TopicPartition> union = new HashSet<>(a.assignment());
        union.addAll(b.assignment());
        assertEquals(all(topic), union, "each partition owned by one member");
        // Eager protocol: the join revoked everything a had.
        assertEquals(all(topic), a.revoked.get(0), "a's first revocation (eager)");
        try (Admin admin = Env.admin()) {
          ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
          assertEquals("range", d.partitionAssignor());
          assertEquals(2, d.members().size());
        }
        pollUntil("every record consumed", List.of(a, b), () -> consumedCount(List.of(a, b)) == PARTITIONS * PER_PARTITION);
        b.close();
        pollUntil("a owns every partition again after b left", List.of(a), () -> a.assignment().size() == PARTITIONS);
        assertAllConsumedAndCommitted(group, topic, List.of(a, b));
      }
    }
  }

  @Test
  void cooperativeStickyRevokesOnlyThePartitionsThatMove() throws Exception {
    String topic = topicWithRecords("java-coop");
    String group = Env.unique("coop");
    Map<String, Object> config = assignor(CooperativeStickyAssignor.class);
    try (Member a = new Member("a", group, topic, config)) {
      pollUntil("a owns every partition", List.of(a), () -> a.assignment().size() == PARTITIONS);
      Set<TopicPartition> before = new HashSet<>(a.assignment());
      try (Member b = new Member("b", group, topic, config)) {
        pollUntil("a and b share the partitions", List.of(a, b),
            () -> a.assignment().size() == 3 && b.assignment().size() == 3);
        assertTrue(before.containsAll(a.assignment()), "a kept a subset of what it had");
        Set<TopicPartition> revoked = new HashSet<>();
        a.revoked.forEach(revoked::addAll);
        assertEquals(b.assignment(), revoked, "a gave up exactly the partitions b now owns");
        pollUntil("every record consumed", List.of(a, b), () -> consumedCount(List.of(a, b)) == PARTITIONS * PER_PARTITION);
        assertAllConsumedAndCommitted(group, topic, List.of(a, b));
        try (Admin admin = Env.admin()) {
          ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
          assertEquals("cooperative-sticky", d.partitionAssignor());
        }
      }
      pollUntil("a owns every partition again after b left", List.of(a), () -> a.assignment().size() == PARTITIONS);
    }
  }

  @Test
  void staticMemberRejoinsWithItsAssignmentWithoutARebalance() throws Exception {
    String topic = topicWithRecords("java-static");
    String group = Env.unique("static");
    Map<String, Object> a1 = new HashMap<>(assignor(RangeAssignor.class));
    a1.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45000);
    Map<String, Object> aConfig = new HashMap<>(a1);
    aConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-a");
    Map<String, Object> bConfig = new HashMap<>(a1);
    bConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-b");
    try (Member a = new Member("a", group, topic, aConfig)) {
      Member b = new Member("b", group, topic, bConfig);
      pollUntil("a and b share the partitions", List.of(a, b),
          () -> a.assignment().size() == 3 && b.assignment().size() == 3);
      Set<TopicPartition> bOwned = new HashSet<>(b.assignment());
      int aRevocations = a.revoked.size();
      try (Admin admin = Env.admin()) {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        Set<String> ids = d.members().stream().map(m -> m.groupInstanceId().orElse("")).collect(Collectors.toSet());
        assertEquals(Set.of("instance-a", "instance-b"), ids, "members' group.instance.id");
      }
      // A static member's close() does not leave the group: it stays a member until its
      // session times out, and the same instance id takes its place back.
      b.close();
      try (Admin admin = Env.admin()) {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        assertEquals(2, d.members().size(), "instance-b is still a member after close()");
      }
      try (Member b2 = new Member("b2", group, topic, bConfig)) {
        pollUntil("b's instance owns its partitions again", List.of(a, b2), () -> b2.assignment().equals(bOwned));
        for (int i = 0; i < 20; i++) {
          a.poll();
          b2.poll();
        }
        assertEquals(aRevocations, a.revoked.size(), "a's partitions were never revoked");
        assertEquals(3, a.assignment().size());
        try (Admin admin = Env.admin()) {
          ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
          assertEquals(2, d.members().size());
          for (MemberDescription m : d.members()) {
            assertTrue(m.groupInstanceId().isPresent(), "static member " + m.consumerId());
          }
        }
      }
    }
  }

  static int consumedCount(List<Member> members) {
    Map<TopicPartition, Set<Long>> all = new HashMap<>();
    members.forEach(m -> m.consumed.forEach((tp, o) -> all.computeIfAbsent(tp, k -> new HashSet<>()).addAll(o)));
    return all.values().stream().mapToInt(Set::size).sum();
  }
}
