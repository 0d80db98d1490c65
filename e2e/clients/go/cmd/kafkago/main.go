// kafkago runs one produce / consume-in-a-group / commit / admin round with segmentio/kafka-go
// (Writer, Reader with a GroupID, Client) and prints a JSON summary; see package run.
// kafka-go has no idempotent producer: the Writer produces with acks=all.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"sort"
	"time"

	"github.com/segmentio/kafka-go"

	"moldau.dev/e2e/clients/internal/run"
)

const client = "kafka-go"

func main() {
	f := run.ParseFlags(nil)
	r := run.Start(client, f)
	deadline := time.Now().Add(f.Timeout)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()

	// The Transport caches metadata for MetadataTTL (6 s by default), which would hide a
	// deleted topic's removal from Client.Metadata for that long.
	transport := &kafka.Transport{MetadataTTL: 250 * time.Millisecond, DialTimeout: 5 * time.Second}
	defer transport.CloseIdleConnections()
	cl := &kafka.Client{Addr: kafka.TCP(f.Brokers()...), Timeout: 15 * time.Second, Transport: transport}

	if f.Create {
		resp, err := cl.CreateTopics(ctx, &kafka.CreateTopicsRequest{Topics: []kafka.TopicConfig{{
			Topic: f.Topic, NumPartitions: f.Partitions, ReplicationFactor: f.Replication}}})
		r.Check(err, "Client.CreateTopics")
		r.Check(resp.Errors[f.Topic], "Client.CreateTopics %s", f.Topic)
		r.S.Created = true
		r.Admin("create_topic", map[string]any{"partitions": f.Partitions, "replication_factor": f.Replication})
		r.Done("create_topic")
	}

	var topic kafka.Topic
	err := run.Retry(deadline.Add(-10*time.Second), 200*time.Millisecond, func() error {
		md, err := cl.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{f.Topic}})
		if err != nil {
			return err
		}
		if len(md.Topics) != 1 {
			return fmt.Errorf("metadata answered %d topics", len(md.Topics))
		}
		t := md.Topics[0]
		if t.Error != nil {
			return t.Error
		}
		if len(t.Partitions) == 0 || (f.Create && len(t.Partitions) != f.Partitions) {
			return fmt.Errorf("%d partitions", len(t.Partitions))
		}
		for _, p := range t.Partitions {
			if p.Error != nil || p.Leader.ID < 0 {
				return fmt.Errorf("partition %d: leader %d, %v", p.ID, p.Leader.ID, p.Error)
			}
		}
		topic = t
		return nil
	})
	r.Check(err, "Client.Metadata: waiting for %s with leaders", f.Topic)
	parts := map[int]any{}
	for _, p := range topic.Partitions {
		parts[p.ID] = map[string]any{"leader": p.Leader.ID, "replicas": ids(p.Replicas), "isr": ids(p.Isr)}
	}
	r.Admin("topic_partitions", parts)
	r.Admin("list_topics", listTopics(ctx, r, cl))
	r.Done("metadata")

	if f.Produce {
		produce(ctx, r, f)
		r.Done("produce")
	}

	if f.Consume {
		end := endOffsets(ctx, r, cl, topic)
		consume(ctx, r, f, cl, f.Expected(end))
		req := &kafka.OffsetFetchRequest{GroupID: f.Group, Topics: map[string][]int{f.Topic: partitionIDs(topic)}}
		resp, err := cl.OffsetFetch(ctx, req)
		r.Check(err, "Client.OffsetFetch %s", f.Group)
		r.Check(resp.Error, "Client.OffsetFetch %s", f.Group)
		committed := map[int32]int64{}
		for _, p := range resp.Topics[f.Topic] {
			r.Check(p.Error, "Client.OffsetFetch %s[%d]", f.Topic, p.Partition)
			if p.CommittedOffset >= 0 {
				committed[int32(p.Partition)] = p.CommittedOffset
			}
		}
		r.CheckOffsets(committed, endOffsets(ctx, r, cl, topic))
		r.Done("check_offsets")
	}

	if f.Delete {
		resp, err := cl.DeleteTopics(ctx, &kafka.DeleteTopicsRequest{Topics: []string{f.Topic}})
		r.Check(err, "Client.DeleteTopics")
		r.Check(resp.Errors[f.Topic], "Client.DeleteTopics %s", f.Topic)
		err = run.Retry(deadline.Add(-2*time.Second), 200*time.Millisecond, func() error {
			for _, t := range listTopics(ctx, r, cl) {
				if t == f.Topic {
					return fmt.Errorf("%s is still listed", f.Topic)
				}
			}
			return nil
		})
		r.Check(err, "waiting for the deleted topic to leave the metadata")
		r.Admin("delete_topic", map[string]any{"deleted": true, "listed_after": false})
		r.Done("delete_topic")
	}
	r.Finish()
}

func ids(bs []kafka.Broker) []int {
	out := make([]int, 0, len(bs))
	for _, b := range bs {
		out = append(out, b.ID)
	}
	return out
}

func partitionIDs(t kafka.Topic) []int {
	out := make([]int, 0, len(t.Partitions))
	for _, p := range t.Partitions {
		out = append(out, p.ID)
	}
	sort.Ints(out)
	return out
}

func listTopics(ctx context.Context, r *run.Runner, cl *kafka.Client) []string {
	md, err := cl.Metadata(ctx, &kafka.MetadataRequest{})
	r.Check(err, "Client.Metadata (all topics)")
	names := []string{}
	for _, t := range md.Topics {
		if !t.Internal {
			names = append(names, t.Name)
		}
	}
	sort.Strings(names)
	return names
}

func produce(ctx context.Context, r *run.Runner, f *run.Flags) {
	var failed error
	codec := map[string]kafka.Compression{"gzip": kafka.Gzip, "snappy": kafka.Snappy, "lz4": kafka.Lz4,
		"zstd": kafka.Zstd}[f.Compression] // "" and "none": 0, no compression
	w := &kafka.Writer{
		Compression:            codec,
		Addr:                   kafka.TCP(f.Brokers()...),
		Topic:                  f.Topic,
		Balancer:               &kafka.Murmur2Balancer{},
		RequiredAcks:           kafka.RequireAll,
		BatchTimeout:           5 * time.Millisecond,
		WriteTimeout:           15 * time.Second,
		ReadTimeout:            15 * time.Second,
		MaxAttempts:            10,
		AllowAutoTopicCreation: false,
		ErrorLogger:            log.New(os.Stderr, "kafka-go writer: ", log.LstdFlags),
		Completion: func(msgs []kafka.Message, err error) {
			if err != nil {
				failed = err
				return
			}
			for _, m := range msgs {
				r.Produced(run.Record{Partition: int32(m.Partition), Offset: m.Offset, Key: string(m.Key),
					Value: string(m.Value)})
			}
		},
	}
	msgs := make([]kafka.Message, f.Count)
	for i := range msgs {
		msgs[i] = kafka.Message{
			Key:     []byte(run.Key(i)),
			Value:   []byte(run.Value(client, f.Topic, i)),
			Headers: []kafka.Header{{Key: run.HeaderKey, Value: []byte(client)}},
		}
	}
	err := w.WriteMessages(ctx, msgs...)
	var we kafka.WriteErrors
	if errors.As(err, &we) {
		r.Fail("Writer.WriteMessages: %d of %d failed: %v", we.Count(), len(msgs), err)
	}
	r.Check(err, "Writer.WriteMessages")
	r.Check(w.Close(), "Writer.Close") // waits for the Completion calls
	r.Check(failed, "Writer completion")
	if r.S.Produced != f.Count {
		r.Fail("Writer acknowledged %d of %d records", r.S.Produced, f.Count)
	}
}

func endOffsets(ctx context.Context, r *run.Runner, cl *kafka.Client, t kafka.Topic) map[int32]int64 {
	var reqs []kafka.OffsetRequest
	for _, p := range partitionIDs(t) {
		reqs = append(reqs, kafka.LastOffsetOf(p))
	}
	resp, err := cl.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{t.Name: reqs}})
	r.Check(err, "Client.ListOffsets")
	out := map[int32]int64{}
	for _, p := range resp.Topics[t.Name] {
		r.Check(p.Error, "Client.ListOffsets %s[%d]", t.Name, p.Partition)
		out[int32(p.Partition)] = p.LastOffset
	}
	return out
}

func consume(ctx context.Context, r *run.Runner, f *run.Flags, cl *kafka.Client, expected int) {
	rd := kafka.NewReader(kafka.ReaderConfig{
		Brokers:           f.Brokers(),
		GroupID:           f.Group,
		Topic:             f.Topic,
		StartOffset:       kafka.FirstOffset,
		MinBytes:          1,
		MaxBytes:          10 << 20,
		MaxWait:           250 * time.Millisecond,
		HeartbeatInterval: time.Second,
		SessionTimeout:    10 * time.Second,
		RebalanceTimeout:  10 * time.Second,
		CommitInterval:    0, // CommitMessages commits synchronously
		ErrorLogger:       log.New(os.Stderr, "kafka-go reader: ", log.LstdFlags),
	})
	last := map[int]kafka.Message{}
	var settleUntil time.Time
	for settleUntil.IsZero() || time.Now().Before(settleUntil) {
		fctx, fcancel := context.WithTimeout(ctx, 300*time.Millisecond)
		m, err := rd.FetchMessage(fctx)
		fcancel()
		if ctx.Err() != nil {
			r.Fail("consumed %d of %d records before the deadline", r.ConsumedCount(), expected)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			continue
		}
		r.Check(err, "Reader.FetchMessage")
		header := ""
		for _, h := range m.Headers {
			if h.Key == run.HeaderKey {
				header = string(h.Value)
			}
		}
		n := r.Consumed(run.Record{Partition: int32(m.Partition), Offset: m.Offset, Key: string(m.Key),
			Value: string(m.Value), Header: header})
		if prev, ok := last[m.Partition]; !ok || m.Offset > prev.Offset {
			last[m.Partition] = m
		}
		if settleUntil.IsZero() && n >= expected {
			settleUntil = time.Now().Add(run.Settle)
		}
	}
	toCommit := make([]kafka.Message, 0, len(last))
	for _, m := range last {
		toCommit = append(toCommit, m)
	}
	r.Check(rd.CommitMessages(ctx, toCommit...), "Reader.CommitMessages")
	r.Done("consume_commit")

	// While this member is still in the group: DescribeGroups and ListGroups.
	var desc kafka.DescribeGroupsResponseGroup
	err := run.Retry(time.Now().Add(10*time.Second), 200*time.Millisecond, func() error {
		resp, err := cl.DescribeGroups(ctx, &kafka.DescribeGroupsRequest{GroupIDs: []string{f.Group}})
		if err != nil {
			return err
		}
		if len(resp.Groups) != 1 {
			return fmt.Errorf("%d groups described", len(resp.Groups))
		}
		g := resp.Groups[0]
		if g.Error != nil {
			return g.Error
		}
		if g.GroupState != "Stable" {
			return fmt.Errorf("state %s", g.GroupState)
		}
		desc = g
		return nil
	})
	r.Check(err, "Client.DescribeGroups %s", f.Group)
	assigned := map[string][]int{}
	for _, m := range desc.Members {
		for _, t := range m.MemberAssignments.Topics {
			assigned[t.Topic] = append(assigned[t.Topic], t.Partitions...)
		}
	}
	for t := range assigned {
		sort.Ints(assigned[t])
	}
	r.Admin("describe_group", map[string]any{"group": desc.GroupID, "state": desc.GroupState,
		"members": len(desc.Members), "assigned": assigned})
	groups, err := cl.ListGroups(ctx, &kafka.ListGroupsRequest{})
	r.Check(err, "Client.ListGroups")
	r.Check(groups.Error, "Client.ListGroups")
	names := []string{}
	for _, g := range groups.Groups {
		names = append(names, g.GroupID)
	}
	sort.Strings(names)
	r.Admin("list_groups", names)
	r.Done("describe_list_groups")

	closed := make(chan error, 1)
	go func() { closed <- rd.Close() }() // leaves the group
	select {
	case err := <-closed:
		r.Check(err, "Reader.Close")
	case <-time.After(15 * time.Second):
		r.Fail("Reader.Close did not return within 15s")
	}
}
