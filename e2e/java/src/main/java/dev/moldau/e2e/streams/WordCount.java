package dev.moldau.e2e.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Kafka Streams word count that e2e/tests/test_kafka_streams.py runs against Apache Kafka
 * and moldau: text lines from the input topic are split into words, regrouped by word (a
 * repartition topic "APP-words-repartition"), counted in a persistent (RocksDB) store "counts"
 * (its changelog "APP-counts-changelog") and written to the output topic as word → count (a
 * big-endian long).
 *
 * <pre>WordCount BOOTSTRAP APPLICATION_ID STATE_DIR INPUT OUTPUT REPLICATION_FACTOR [GUARANTEE]</pre>
 *
 * What the test reads, one line each on stdout:
 * <ul>
 *   <li>{@code STATE <old> <new>} on every state change (RUNNING when it processes);</li>
 *   <li>{@code TASKS active=[0_0,1_2] partitions=[topic-0,...]} whenever the owned tasks change
 *       (checked every 250 ms);</li>
 *   <li>{@code RESTORE-START <store> <partition> <from> <to>} and
 *       {@code RESTORED <store> <partition> <records>} when a store is restored from its changelog;</li>
 *   <li>{@code UNCAUGHT <exception>} if a stream thread dies, and {@code CLOSED} after SIGTERM.</li>
 * </ul>
 */
public final class WordCount {
    private WordCount() {}

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: WordCount BOOTSTRAP APPLICATION_ID STATE_DIR INPUT OUTPUT REPLICATION_FACTOR [GUARANTEE]");
            System.exit(2);
        }
        String bootstrap = args[0], appId = args[1], stateDir = args[2], input = args[3], output = args[4];
        int replication = Integer.parseInt(args[5]);
        String guarantee = args.length > 6 ? args[6] : StreamsConfig.AT_LEAST_ONCE;

        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // A killed instance's tasks move to the survivor once its session ends: keep that short.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        // Consumed repartition records are deleted (DeleteRecords) soon after each commit, not
        // every 30 s, so the test sees it happen.
        props.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, 1000);
        // The internal topics' own min.insync.replicas (as a production app would set it).
        props.put(StreamsConfig.topicPrefix("min.insync.replicas"), Math.min(2, replication));

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line -> Arrays.asList(line.toLowerCase().split("\\W+")))
                .filter((key, word) -> !word.isEmpty())
                .groupBy((key, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));

        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.setStateListener((now, before) -> say("STATE " + before + " " + now));
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
                say("RESTORE-START " + store + " " + tp + " " + start + " " + end);
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long restored) {}

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
                say("RESTORED " + store + " " + tp + " " + total);
            }

            @Override
            public void onRestoreSuspended(TopicPartition tp, String store, long total) {
                say("RESTORE-SUSPENDED " + store + " " + tp + " " + total);
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            say("UNCAUGHT " + e);
            e.printStackTrace();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("CLOSING");
            streams.close(Duration.ofSeconds(20));
            say("CLOSED");
            closed.countDown();
        }, "wordcount-shutdown"));

        streams.start();
        String last = "";
        while (!closed.await(250, TimeUnit.MILLISECONDS)) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                break;
            }
            TreeSet<String> tasks = new TreeSet<>();
            List<String> partitions = new ArrayList<>();
            try {
                for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                    for (TaskMetadata task : thread.activeTasks()) {
                        tasks.add(task.taskId().toString());
                        for (TopicPartition tp : task.topicPartitions()) {
                            partitions.add(tp.toString());
                        }
                    }
                }
            } catch (RuntimeException e) {
                continue; // not started yet or shutting down
            }
            partitions.sort(null);
            String now = "TASKS active=[" + String.join(",", tasks) + "] partitions=[" + String.join(",", partitions) + "]";
            if (state == KafkaStreams.State.RUNNING && !now.equals(last)) {
                say(now);
                last = now;
            }
        }
        say("EXIT " + streams.state());
        if (closed.getCount() > 0) {
            // Stopped on its own (ERROR): close and exit non-zero.
            streams.close(Duration.ofSeconds(10));
            System.exit(1);
        }
    }
}
