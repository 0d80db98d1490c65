// franz runs one produce / consume-in-a-group / commit / admin round with franz-go (kgo and
// kadm) and prints a JSON summary; see package run.
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"moldau.dev/e2e/clients/internal/run"
)

const client = "franz-go"

var codecs = map[string]kgo.CompressionCodec{
	"none": kgo.NoCompression(), "gzip": kgo.GzipCompression(), "snappy": kgo.SnappyCompression(),
	"lz4": kgo.Lz4Compression(), "zstd": kgo.ZstdCompression(),
}

func main() {
	f := run.ParseFlags(nil)
	r := run.Start(client, f)
	deadline := time.Now().Add(f.Timeout)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()

	base := []kgo.Opt{
		kgo.SeedBrokers(f.Brokers()...),
		kgo.ClientID("moldau-e2e-franz"),
		kgo.RequestRetries(20),
		kgo.RetryTimeout(20 * time.Second),
	}
	adminClient, err := kgo.NewClient(base...)
	r.Check(err, "admin client")
	defer adminClient.Close()
	adm := kadm.NewClient(adminClient)

	if f.Create {
		resp, err := adm.CreateTopics(ctx, int32(f.Partitions), int16(f.Replication), nil, f.Topic)
		r.Check(err, "CreateTopics")
		c, err := resp.On(f.Topic, nil)
		r.Check(err, "CreateTopics: no answer for %s", f.Topic)
		r.Check(c.Err, "CreateTopics %s (%s)", f.Topic, c.ErrMessage)
		r.S.Created = true
		r.Admin("create_topic", map[string]any{"partitions": c.NumPartitions, "replication_factor": c.ReplicationFactor})
		r.Done("create_topic")
	}

	// The topic with a leader for every partition, as metadata shows it.
	var details kadm.TopicDetail
	err = run.Retry(deadline.Add(-10*time.Second), 200*time.Millisecond, func() error {
		tds, err := adm.ListTopics(ctx, f.Topic)
		if err != nil {
			return err
		}
		td, ok := tds[f.Topic]
		if !ok {
			return fmt.Errorf("topic not in metadata")
		}
		if td.Err != nil {
			return td.Err
		}
		if len(td.Partitions) == 0 || (f.Create && len(td.Partitions) != f.Partitions) {
			return fmt.Errorf("%d partitions in metadata", len(td.Partitions))
		}
		for _, p := range td.Partitions {
			if p.Err != nil || p.Leader < 0 {
				return fmt.Errorf("partition %d: leader %d, %v", p.Partition, p.Leader, p.Err)
			}
		}
		details = td
		return nil
	})
	r.Check(err, "waiting for %s with leaders in metadata", f.Topic)
	all, err := adm.ListTopics(ctx)
	r.Check(err, "ListTopics")
	r.Admin("list_topics", all.Names())
	parts := map[int32]any{}
	for _, p := range details.Partitions {
		parts[p.Partition] = map[string]any{"leader": p.Leader, "replicas": p.Replicas, "isr": p.ISR}
	}
	r.Admin("topic_partitions", parts)
	r.Done("list_topics")

	if f.Produce {
		produce(ctx, r, f)
		r.Done("produce")
	}

	if f.Consume {
		end := endOffsets(ctx, r, adm, f.Topic)
		consume(ctx, r, f, adm, f.Expected(end))
		committed, err := adm.FetchOffsets(ctx, f.Group)
		r.Check(err, "FetchOffsets %s", f.Group)
		r.Check(committed.Error(), "FetchOffsets %s", f.Group)
		got := map[int32]int64{}
		for p, o := range committed[f.Topic] {
			got[p] = o.At
		}
		r.CheckOffsets(got, endOffsets(ctx, r, adm, f.Topic))
		r.Done("check_offsets")
	}

	if f.Delete {
		resp, err := adm.DeleteTopics(ctx, f.Topic)
		r.Check(err, "DeleteTopics")
		d, err := resp.On(f.Topic, nil)
		r.Check(err, "DeleteTopics: no answer for %s", f.Topic)
		r.Check(d.Err, "DeleteTopics %s (%s)", f.Topic, d.ErrMessage)
		r.Done("delete_topics_call")
		// kadm answers ListTopics from kgo's metadata cache (MetadataMinAge, 5 s): drop the
		// deleted topic from it so the check below asks the broker.
		adminClient.PurgeTopicsFromClient(f.Topic)
		err = run.Retry(deadline.Add(-2*time.Second), 200*time.Millisecond, func() error {
			tds, err := adm.ListTopics(ctx)
			if err != nil {
				return err
			}
			if tds.Has(f.Topic) {
				return fmt.Errorf("%s is still listed", f.Topic)
			}
			return nil
		})
		r.Check(err, "waiting for the deleted topic to leave ListTopics")
		r.Admin("delete_topic", map[string]any{"deleted": true, "listed_after": false})
		r.Done("delete_topic")
	}
	r.Finish()
}

func produce(ctx context.Context, r *run.Runner, f *run.Flags) {
	// kgo's defaults: acks=all and the idempotent producer; both named here on purpose.
	opts := []kgo.Opt{
		kgo.SeedBrokers(f.Brokers()...),
		kgo.ClientID("moldau-e2e-franz-producer"),
		kgo.RequiredAcks(kgo.AllISRAcks()),
		kgo.DefaultProduceTopic(f.Topic),
		kgo.ProducerLinger(5 * time.Millisecond),
		kgo.RecordDeliveryTimeout(30 * time.Second),
	}
	if codec, ok := codecs[f.Compression]; ok {
		opts = append(opts, kgo.ProducerBatchCompression(codec))
	}
	cl, err := kgo.NewClient(opts...)
	r.Check(err, "producer client")
	defer cl.Close()
	recs := make([]*kgo.Record, f.Count)
	for i := range recs {
		recs[i] = &kgo.Record{
			Key:     []byte(run.Key(i)),
			Value:   []byte(run.Value(client, f.Topic, i)),
			Headers: []kgo.RecordHeader{{Key: run.HeaderKey, Value: []byte(client)}},
		}
	}
	results := cl.ProduceSync(ctx, recs...)
	r.Check(results.FirstErr(), "producing %d records", f.Count)
	for _, res := range results {
		r.Produced(run.Record{Partition: res.Record.Partition, Offset: res.Record.Offset,
			Key: string(res.Record.Key), Value: string(res.Record.Value)})
	}
	// The producer got a producer id: idempotence was on.
	id, epoch, err := cl.ProducerID(ctx)
	r.Check(err, "producer id")
	r.Admin("producer_id", map[string]any{"id": id, "epoch": epoch})
}

func endOffsets(ctx context.Context, r *run.Runner, adm *kadm.Client, topic string) map[int32]int64 {
	listed, err := adm.ListEndOffsets(ctx, topic)
	r.Check(err, "ListEndOffsets")
	r.Check(listed.Error(), "ListEndOffsets")
	out := map[int32]int64{}
	for p, o := range listed[topic] {
		out[p] = o.Offset
	}
	return out
}

func consume(ctx context.Context, r *run.Runner, f *run.Flags, adm *kadm.Client, expected int) {
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(f.Brokers()...),
		kgo.ClientID("moldau-e2e-franz-consumer"),
		kgo.ConsumerGroup(f.Group),
		kgo.ConsumeTopics(f.Topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
		kgo.FetchMaxWait(500*time.Millisecond),
	)
	r.Check(err, "consumer client")
	defer cl.Close() // leaves the group

	var settleUntil time.Time
	for {
		if !settleUntil.IsZero() && time.Now().After(settleUntil) {
			break
		}
		pctx, pcancel := context.WithTimeout(ctx, 300*time.Millisecond)
		fetches := cl.PollFetches(pctx)
		pcancel()
		if ctx.Err() != nil {
			r.Fail("consumed %d of %d records before the deadline", r.ConsumedCount(), expected)
		}
		fetches.EachError(func(t string, p int32, err error) {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				return
			}
			r.Fail("fetch %s[%d]: %v", t, p, err)
		})
		fetches.EachRecord(func(rec *kgo.Record) {
			header := ""
			for _, h := range rec.Headers {
				if h.Key == run.HeaderKey {
					header = string(h.Value)
				}
			}
			r.Consumed(run.Record{Partition: rec.Partition, Offset: rec.Offset, Key: string(rec.Key),
				Value: string(rec.Value), Header: header})
		})
		if settleUntil.IsZero() && r.ConsumedCount() >= expected {
			settleUntil = time.Now().Add(run.Settle)
		}
	}
	r.Check(cl.CommitUncommittedOffsets(ctx), "committing offsets")
	r.Done("consume_commit")

	// While this member is still in the group: DescribeGroups and ListGroups.
	var desc kadm.DescribedGroup
	err = run.Retry(time.Now().Add(10*time.Second), 200*time.Millisecond, func() error {
		ds, err := adm.DescribeGroups(ctx, f.Group)
		if err != nil {
			return err
		}
		d, ok := ds[f.Group]
		if !ok {
			return fmt.Errorf("group not described")
		}
		if d.Err != nil {
			return d.Err
		}
		if d.State != "Stable" {
			return fmt.Errorf("state %s", d.State)
		}
		desc = d
		return nil
	})
	r.Check(err, "DescribeGroups %s", f.Group)
	assigned := map[string][]int32{}
	for t, ps := range desc.AssignedPartitions() {
		for p := range ps {
			assigned[t] = append(assigned[t], p)
		}
		sort.Slice(assigned[t], func(i, j int) bool { return assigned[t][i] < assigned[t][j] })
	}
	r.Admin("describe_group", map[string]any{"group": desc.Group, "state": desc.State,
		"protocol_type": desc.ProtocolType, "protocol": desc.Protocol, "members": len(desc.Members),
		"assigned": assigned})
	groups, err := adm.ListGroups(ctx)
	r.Check(err, "ListGroups")
	r.Admin("list_groups", groups.Groups())
	r.Done("describe_list_groups")
}
