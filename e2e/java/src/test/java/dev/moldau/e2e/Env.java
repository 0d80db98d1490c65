package dev.moldau.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What every test needs: the system under test (system properties {@code bootstrap.servers},
 * {@code system} = kafka | moldau, {@code brokers}), clients configured for it, unique names and
 * bounded waits.
 */
final class Env {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Env() {}

  static String bootstrap() {
    String b = System.getProperty("bootstrap.servers");
    if (b == null || b.isEmpty()) {
      throw new IllegalStateException("set -Dbootstrap.servers=HOST:PORT (e2e/tests/test_java_client.py does)");
    }
    return b;
  }

  static String system() {
    return System.getProperty("system", "moldau");
  }

  static int brokers() {
    return Integer.getInteger("brokers", 3);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60000);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30000);
    return Admin.create(p);
  }

  static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000);
    p.putAll(overrides);
    return new KafkaProducer<>(p);
  }

  static KafkaConsumer<String, String> consumer(String group, Map<String, Object> overrides) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    if (group != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    p.putAll(overrides);
    return new KafkaConsumer<>(p);
  }

  /** Creates a topic and waits until every partition has a leader. */
  static void createTopic(Admin admin, String topic, int partitions, int replicationFactor) throws Exception {
    createTopic(admin, new NewTopic(topic, partitions, (short) replicationFactor));
  }

  static void createTopic(Admin admin, NewTopic topic) throws Exception {
    admin.createTopics(List.of(topic)).all().get();
    waitFor("leaders of " + topic.name(), () -> {
      try {
        TopicDescription d = admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name());
        return d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
      } catch (Exception e) {
        return false;
      }
    });
  }

  static TopicPartitionInfo partition(Admin admin, String topic, int partition) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(partition);
  }

  /** Polls {@code condition} until it holds or {@link #TIMEOUT} passes (then fails). */
  static void waitFor(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Reads every record of the given partitions from the beginning until {@code count} arrived. */
  static List<ConsumerRecord<String, String>> readAll(Collection<TopicPartition> partitions, int count) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = consumer(null, Map.of())) {
      c.assign(partitions);
      c.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
