// sarama runs one produce / consume-in-a-group / commit / admin round with IBM/sarama
// (SyncProducer, ConsumerGroup, ClusterAdmin) and prints a JSON summary; see package run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/IBM/sarama"

	"moldau.dev/e2e/clients/internal/run"
)

const client = "sarama"

func main() {
	var version string
	f := run.ParseFlags(func(fs *flag.FlagSet) {
		fs.StringVar(&version, "kafka-version", "4.0.0", "sarama Config.Version: the Kafka version to speak")
	})
	r := run.Start(client, f)
	deadline := time.Now().Add(f.Timeout)

	cfg := sarama.NewConfig()
	v, err := sarama.ParseKafkaVersion(version)
	r.Check(err, "-kafka-version")
	cfg.Version = v
	cfg.ClientID = "moldau-e2e-sarama"
	cfg.Net.DialTimeout = 5 * time.Second
	cfg.Net.ReadTimeout = 15 * time.Second
	cfg.Net.WriteTimeout = 15 * time.Second
	cfg.Metadata.AllowAutoTopicCreation = false
	cfg.Metadata.Retry.Max = 20
	cfg.Metadata.Retry.Backoff = 250 * time.Millisecond
	cfg.Admin.Timeout = 20 * time.Second
	cfg.Admin.Retry.Max = 20
	cfg.Admin.Retry.Backoff = 250 * time.Millisecond
	// The idempotent producer: acks=all, one request in flight, retries.
	cfg.Producer.RequiredAcks = sarama.WaitForAll
	cfg.Producer.Idempotent = true
	cfg.Net.MaxOpenRequests = 1
	cfg.Producer.Retry.Max = 10
	cfg.Producer.Retry.Backoff = 200 * time.Millisecond
	cfg.Producer.Return.Successes = true
	cfg.Producer.Return.Errors = true
	cfg.Producer.Flush.Frequency = 5 * time.Millisecond
	if f.Compression != "" {
		r.Check(cfg.Producer.Compression.UnmarshalText([]byte(f.Compression)), "-compression")
	}
	cfg.Consumer.Offsets.Initial = sarama.OffsetOldest
	cfg.Consumer.Offsets.AutoCommit.Enable = false
	cfg.Consumer.MaxWaitTime = 250 * time.Millisecond
	cfg.Consumer.Return.Errors = true
	r.Check(cfg.Validate(), "sarama config")

	cl, err := sarama.NewClient(f.Brokers(), cfg)
	r.Check(err, "sarama client")
	defer func() { _ = cl.Close() }()
	adm, err := sarama.NewClusterAdminFromClient(cl)
	r.Check(err, "ClusterAdmin")

	if f.Create {
		err := adm.CreateTopic(f.Topic, &sarama.TopicDetail{NumPartitions: int32(f.Partitions),
			ReplicationFactor: int16(f.Replication)}, false)
		r.Check(err, "ClusterAdmin.CreateTopic %s", f.Topic)
		r.S.Created = true
		r.Admin("create_topic", map[string]any{"partitions": f.Partitions, "replication_factor": f.Replication})
		r.Done("create_topic")
	}

	var md *sarama.TopicMetadata
	err = run.Retry(deadline.Add(-10*time.Second), 200*time.Millisecond, func() error {
		mds, err := adm.DescribeTopics([]string{f.Topic})
		if err != nil {
			return err
		}
		if len(mds) != 1 || mds[0].Name != f.Topic {
			return fmt.Errorf("DescribeTopics answered %d topics", len(mds))
		}
		m := mds[0]
		if m.Err != sarama.ErrNoError {
			return m.Err
		}
		if len(m.Partitions) == 0 || (f.Create && len(m.Partitions) != f.Partitions) {
			return fmt.Errorf("%d partitions", len(m.Partitions))
		}
		for _, p := range m.Partitions {
			if p.Err != sarama.ErrNoError || p.Leader < 0 {
				return fmt.Errorf("partition %d: leader %d, %v", p.ID, p.Leader, p.Err)
			}
		}
		md = m
		return nil
	})
	r.Check(err, "ClusterAdmin.DescribeTopics: waiting for %s with leaders", f.Topic)
	parts := map[int32]any{}
	for _, p := range md.Partitions {
		parts[p.ID] = map[string]any{"leader": p.Leader, "replicas": p.Replicas, "isr": p.Isr}
	}
	r.Admin("topic_partitions", parts)
	topics, err := adm.ListTopics()
	r.Check(err, "ClusterAdmin.ListTopics")
	names := make([]string, 0, len(topics))
	for t := range topics {
		names = append(names, t)
	}
	sort.Strings(names)
	r.Admin("list_topics", names)
	r.Done("describe_topics")
	// The client's own metadata must know the topic's partitions before producing.
	r.Check(cl.RefreshMetadata(f.Topic), "refreshing metadata for %s", f.Topic)

	if f.Produce {
		produce(r, f, cl)
		r.Done("produce")
	}

	if f.Consume {
		end := endOffsets(r, cl, f.Topic)
		consume(r, f, cl, adm, f.Expected(end), deadline)
		resp, err := adm.ListConsumerGroupOffsets(f.Group, map[string][]int32{f.Topic: partitionIDs(md)})
		r.Check(err, "ClusterAdmin.ListConsumerGroupOffsets %s", f.Group)
		if resp.Err != sarama.ErrNoError {
			r.Fail("ClusterAdmin.ListConsumerGroupOffsets %s: %v", f.Group, resp.Err)
		}
		committed := map[int32]int64{}
		for p, b := range resp.Blocks[f.Topic] {
			if b.Err != sarama.ErrNoError {
				r.Fail("ListConsumerGroupOffsets %s[%d]: %v", f.Topic, p, b.Err)
			}
			if b.Offset >= 0 {
				committed[p] = b.Offset
			}
		}
		r.CheckOffsets(committed, endOffsets(r, cl, f.Topic))
		r.Done("check_offsets")
	}

	if f.Delete {
		r.Check(adm.DeleteTopic(f.Topic), "ClusterAdmin.DeleteTopic %s", f.Topic)
		err = run.Retry(deadline.Add(-2*time.Second), 200*time.Millisecond, func() error {
			ts, err := adm.ListTopics()
			if err != nil {
				return err
			}
			if _, ok := ts[f.Topic]; ok {
				return fmt.Errorf("%s is still listed", f.Topic)
			}
			return nil
		})
		r.Check(err, "waiting for the deleted topic to leave ListTopics")
		r.Admin("delete_topic", map[string]any{"deleted": true, "listed_after": false})
		r.Done("delete_topic")
	}
	_ = adm.Close()
	r.Finish()
}

func partitionIDs(md *sarama.TopicMetadata) []int32 {
	ids := make([]int32, 0, len(md.Partitions))
	for _, p := range md.Partitions {
		ids = append(ids, p.ID)
	}
	return ids
}

func produce(r *run.Runner, f *run.Flags, cl sarama.Client) {
	p, err := sarama.NewSyncProducerFromClient(cl)
	r.Check(err, "SyncProducer (idempotent, WaitForAll)")
	msgs := make([]*sarama.ProducerMessage, f.Count)
	for i := range msgs {
		msgs[i] = &sarama.ProducerMessage{
			Topic:   f.Topic,
			Key:     sarama.StringEncoder(run.Key(i)),
			Value:   sarama.StringEncoder(run.Value(client, f.Topic, i)),
			Headers: []sarama.RecordHeader{{Key: []byte(run.HeaderKey), Value: []byte(client)}},
		}
	}
	if err := p.SendMessages(msgs); err != nil {
		var pe sarama.ProducerErrors
		if errors.As(err, &pe) && len(pe) > 0 {
			r.Fail("SyncProducer.SendMessages: %d of %d failed, first: %v", len(pe), len(msgs), pe[0].Err)
		}
		r.Fail("SyncProducer.SendMessages: %v", err)
	}
	for i, m := range msgs {
		r.Produced(run.Record{Partition: m.Partition, Offset: m.Offset, Key: run.Key(i),
			Value: run.Value(client, f.Topic, i)})
	}
	r.Check(p.Close(), "SyncProducer.Close")
}

func endOffsets(r *run.Runner, cl sarama.Client, topic string) map[int32]int64 {
	ps, err := cl.Partitions(topic)
	r.Check(err, "partitions of %s", topic)
	out := map[int32]int64{}
	for _, p := range ps {
		o, err := cl.GetOffset(topic, p, sarama.OffsetNewest)
		r.Check(err, "end offset of %s[%d]", topic, p)
		out[p] = o
	}
	return out
}

// handler records every message, marks it, and signals `full` once `expected` arrived.
type handler struct {
	r        *run.Runner
	expected int
	full     chan struct{}
	once     sync.Once
	mu       sync.Mutex
	session  sarama.ConsumerGroupSession
}

func (h *handler) Setup(s sarama.ConsumerGroupSession) error {
	h.mu.Lock()
	h.session = s
	h.mu.Unlock()
	return nil
}

func (h *handler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *handler) ConsumeClaim(s sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		select {
		case <-s.Context().Done():
			return nil
		case m, ok := <-claim.Messages():
			if !ok {
				return nil
			}
			header := ""
			for _, hd := range m.Headers {
				if string(hd.Key) == run.HeaderKey {
					header = string(hd.Value)
				}
			}
			n := h.r.Consumed(run.Record{Partition: m.Partition, Offset: m.Offset, Key: string(m.Key),
				Value: string(m.Value), Header: header})
			s.MarkMessage(m, "")
			if n >= h.expected {
				h.once.Do(func() { close(h.full) })
			}
		}
	}
}

func consume(r *run.Runner, f *run.Flags, cl sarama.Client, adm sarama.ClusterAdmin, expected int, deadline time.Time) {
	group, err := sarama.NewConsumerGroupFromClient(f.Group, cl)
	r.Check(err, "ConsumerGroup %s", f.Group)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	h := &handler{r: r, expected: expected, full: make(chan struct{})}
	stopped := make(chan error, 1)
	go func() {
		for ctx.Err() == nil {
			// Consume returns at every rebalance; loop until cancelled.
			if err := group.Consume(ctx, []string{f.Topic}, h); err != nil && !errors.Is(err, sarama.ErrClosedConsumerGroup) {
				stopped <- err
				return
			}
		}
		stopped <- nil
	}()
	go func() {
		for err := range group.Errors() {
			r.Fail("ConsumerGroup error: %v", err)
		}
	}()
	select {
	case <-h.full:
	case err := <-stopped:
		r.Fail("ConsumerGroup.Consume stopped after %d of %d records: %v", r.ConsumedCount(), expected, err)
	case <-ctx.Done():
		r.Fail("consumed %d of %d records before the deadline", r.ConsumedCount(), expected)
	}
	time.Sleep(run.Settle)
	h.mu.Lock()
	sess := h.session
	h.mu.Unlock()
	sess.Commit() // synchronous with AutoCommit disabled
	r.Done("consume_commit")

	// While this member is still in the group: DescribeConsumerGroups, ListConsumerGroups.
	var desc *sarama.GroupDescription
	err = run.Retry(time.Now().Add(10*time.Second), 200*time.Millisecond, func() error {
		ds, err := adm.DescribeConsumerGroups([]string{f.Group})
		if err != nil {
			return err
		}
		if len(ds) != 1 {
			return fmt.Errorf("%d groups described", len(ds))
		}
		if ds[0].Err != sarama.ErrNoError {
			return ds[0].Err
		}
		if ds[0].State != "Stable" {
			return fmt.Errorf("state %s", ds[0].State)
		}
		desc = ds[0]
		return nil
	})
	r.Check(err, "ClusterAdmin.DescribeConsumerGroups %s", f.Group)
	assigned := map[string][]int32{}
	for _, m := range desc.Members {
		a, err := m.GetMemberAssignment()
		r.Check(err, "member assignment of %s", m.MemberId)
		for t, ps := range a.Topics {
			assigned[t] = append(assigned[t], ps...)
		}
	}
	for t := range assigned {
		sort.Slice(assigned[t], func(i, j int) bool { return assigned[t][i] < assigned[t][j] })
	}
	r.Admin("describe_group", map[string]any{"group": desc.GroupId, "state": desc.State,
		"protocol_type": desc.ProtocolType, "protocol": desc.Protocol, "members": len(desc.Members),
		"assigned": assigned})
	groups, err := adm.ListConsumerGroups()
	r.Check(err, "ClusterAdmin.ListConsumerGroups")
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	r.Admin("list_groups", names)
	r.Done("describe_list_groups")

	cancel()
	select {
	case err := <-stopped:
		r.Check(err, "ConsumerGroup.Consume")
	case <-time.After(15 * time.Second):
		r.Fail("the consumer group did not stop within 15s")
	}
	// Leaves the group; sarama closes the group before the shared client.
	r.Check(group.Close(), "ConsumerGroup.Close")
}
