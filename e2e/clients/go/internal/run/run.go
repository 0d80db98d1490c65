// Package run holds what the three Go client programs share: their flags, the records they
// produce, the JSON summary they print, and a watchdog that bounds the whole run.
//
// Every program does the same steps with its own library: create the topic, produce
// Count keyed records, consume them in a consumer group and commit, read the committed
// offsets back and compare them with the log end offsets, exercise the library's admin
// calls, and print one JSON Summary on stdout. Any failure prints the summary so far (with
// "error" set) and exits 1.
package run

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Flags are the command line of every client program.
type Flags struct {
	Bootstrap   string
	Topic       string
	Group       string
	Count       int
	Partitions  int
	Replication int
	Timeout     time.Duration
	Create      bool
	Produce     bool
	Consume     bool
	Delete      bool
	// Expect is how many records the consumer waits for when this run produces none
	// (the topic was filled by another client); 0 means: the sum of the end offsets.
	Expect int
	// Compression is the producer's codec: none, gzip, snappy, lz4 or zstd; "" is the
	// library's default (franz-go: snappy; sarama, kafka-go: none).
	Compression string
}

// Codecs are the values -compression takes besides "".
var Codecs = []string{"none", "gzip", "snappy", "lz4", "zstd"}

// ParseFlags reads the common flags; extra lets a program add its own first.
func ParseFlags(extra func(*flag.FlagSet)) *Flags {
	f := &Flags{}
	fs := flag.CommandLine
	fs.StringVar(&f.Bootstrap, "bootstrap", "127.0.0.1:9092", "comma-separated host:port list")
	fs.StringVar(&f.Topic, "topic", "", "topic to create, produce to and consume (required)")
	fs.StringVar(&f.Group, "group", "", "consumer group id (default: <topic>-group)")
	fs.IntVar(&f.Count, "count", 100, "records to produce")
	fs.IntVar(&f.Partitions, "partitions", 3, "partitions of the created topic")
	fs.IntVar(&f.Replication, "replication", 1, "replication factor of the created topic")
	fs.DurationVar(&f.Timeout, "timeout", 50*time.Second, "upper bound for the whole run")
	fs.BoolVar(&f.Create, "create", true, "create the topic")
	fs.BoolVar(&f.Produce, "produce", true, "produce -count records")
	fs.BoolVar(&f.Consume, "consume", true, "consume in the group, commit and check the committed offsets")
	fs.BoolVar(&f.Delete, "delete", false, "delete the topic at the end and check it is gone")
	fs.IntVar(&f.Expect, "expect", 0, "with -produce=false: records to consume (default: sum of end offsets)")
	fs.StringVar(&f.Compression, "compression", "", "producer codec: none, gzip, snappy, lz4, zstd (default: the library's)")
	if extra != nil {
		extra(fs)
	}
	flag.Parse()
	if f.Topic == "" {
		fmt.Fprintln(os.Stderr, "-topic is required")
		os.Exit(2)
	}
	if f.Compression != "" && !slices.Contains(Codecs, f.Compression) {
		fmt.Fprintf(os.Stderr, "-compression: %q is not one of %v\n", f.Compression, Codecs)
		os.Exit(2)
	}
	if f.Group == "" {
		f.Group = f.Topic + "-group"
	}
	return f
}

// Brokers splits the bootstrap list.
func (f *Flags) Brokers() []string {
	var out []string
	for _, b := range strings.Split(f.Bootstrap, ",") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// Key of the i-th record a client produces.
func Key(i int) string { return fmt.Sprintf("key-%05d", i) }

// Value of the i-th record produced by `client` to `topic`.
func Value(client, topic string, i int) string {
	return fmt.Sprintf("%s|%s|value-%05d", client, topic, i)
}

// HeaderKey is the name of the header every produced record carries (value: the client name).
const HeaderKey = "produced-by"

// Record is one produced or consumed record.
type Record struct {
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
	Key       string `json:"key"`
	Value     string `json:"value"`
	Header    string `json:"header,omitempty"`
}

// Summary is what a program prints: the test asserts on it.
type Summary struct {
	Client string `json:"client"`
	Topic  string `json:"topic"`
	Group  string `json:"group"`
	// Compression is the -compression flag ("" for the library's default).
	Compression string `json:"compression"`
	Created     bool   `json:"created"`
	Produced    int    `json:"produced"`
	// Partition (as a string: JSON object keys) to count.
	ProducedPerPartition map[int32]int   `json:"produced_per_partition"`
	ProducedRecords      []Record        `json:"produced_records"`
	Consumed             int             `json:"consumed"`
	ConsumedPerPartition map[int32]int   `json:"consumed_per_partition"`
	ConsumedRecords      []Record        `json:"consumed_records"`
	CommittedOffsets     map[int32]int64 `json:"committed_offsets"`
	EndOffsets           map[int32]int64 `json:"end_offsets"`
	// Admin results, by call name (each program fills in what its library has).
	Admin map[string]any `json:"admin"`
	// Steps done, in order, with their duration in milliseconds (for diagnosis).
	Steps []Step `json:"steps"`
	Error string `json:"error,omitempty"`
}

// Step is one finished step of a run.
type Step struct {
	Name string `json:"name"`
	Ms   int64  `json:"ms"`
}

// Runner prints the summary exactly once, on success, failure or timeout.
type Runner struct {
	mu      sync.Mutex
	S       *Summary
	last    time.Time
	printed bool
}

// Start makes the summary and arms the watchdog: past `timeout` the run fails with the step
// it was in.
func Start(client string, f *Flags) *Runner {
	r := &Runner{
		S: &Summary{
			Client: client, Topic: f.Topic, Group: f.Group, Compression: f.Compression,
			ProducedPerPartition: map[int32]int{}, ConsumedPerPartition: map[int32]int{},
			ProducedRecords: []Record{}, ConsumedRecords: []Record{},
			CommittedOffsets: map[int32]int64{}, EndOffsets: map[int32]int64{},
			Admin: map[string]any{}, Steps: []Step{},
		},
		last: time.Now(),
	}
	time.AfterFunc(f.Timeout, func() {
		r.Fail("timed out after %s (steps done: %s)", f.Timeout, r.stepNames())
	})
	return r
}

func (r *Runner) stepNames() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.S.Steps))
	for _, s := range r.S.Steps {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

// Done records that a step finished.
func (r *Runner) Done(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	r.S.Steps = append(r.S.Steps, Step{Name: name, Ms: now.Sub(r.last).Milliseconds()})
	r.last = now
}

// Admin stores one admin call's result.
func (r *Runner) Admin(call string, result any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.S.Admin[call] = result
}

// Check fails the run if err is not nil.
func (r *Runner) Check(err error, what string, args ...any) {
	if err != nil {
		r.Fail("%s: %v", fmt.Sprintf(what, args...), err)
	}
}

// Fail prints the summary with the error and exits 1.
func (r *Runner) Fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.mu.Lock()
	if r.printed {
		r.mu.Unlock()
		select {} // the other caller is exiting
	}
	r.S.Error = msg
	r.printLocked()
	r.mu.Unlock()
	fmt.Fprintf(os.Stderr, "%s: FAILED: %s\n", r.S.Client, msg)
	os.Exit(1)
}

// Finish prints the summary and exits 0.
func (r *Runner) Finish() {
	r.mu.Lock()
	r.S.sortRecords()
	if r.printed {
		r.mu.Unlock()
		select {}
	}
	r.printLocked()
	r.mu.Unlock()
	os.Exit(0)
}

func (r *Runner) printLocked() {
	r.printed = true
	r.S.sortRecords()
	out, err := json.Marshal(r.S)
	if err != nil {
		fmt.Fprintf(os.Stderr, "encoding the summary: %v\n", err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}

func (s *Summary) sortRecords() {
	for _, recs := range [][]Record{s.ProducedRecords, s.ConsumedRecords} {
		sort.SliceStable(recs, func(i, j int) bool {
			if recs[i].Partition != recs[j].Partition {
				return recs[i].Partition < recs[j].Partition
			}
			return recs[i].Offset < recs[j].Offset
		})
	}
}

// Produced records one acknowledged record.
func (r *Runner) Produced(rec Record) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.S.Produced++
	r.S.ProducedPerPartition[rec.Partition]++
	r.S.ProducedRecords = append(r.S.ProducedRecords, rec)
}

// Consumed records one consumed record; it returns how many were consumed so far.
func (r *Runner) Consumed(rec Record) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.S.Consumed++
	r.S.ConsumedPerPartition[rec.Partition]++
	r.S.ConsumedRecords = append(r.S.ConsumedRecords, rec)
	return r.S.Consumed
}

// ConsumedCount is how many records were consumed so far.
func (r *Runner) ConsumedCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.S.Consumed
}

// CheckOffsets stores the committed and end offsets and fails unless they are equal for
// every partition of the topic.
func (r *Runner) CheckOffsets(committed, end map[int32]int64) {
	r.mu.Lock()
	r.S.CommittedOffsets = committed
	r.S.EndOffsets = end
	r.mu.Unlock()
	if len(end) == 0 {
		r.Fail("no end offsets were read")
	}
	for p, e := range end {
		c, ok := committed[p]
		if !ok {
			r.Fail("partition %d: no committed offset (end offset %d); committed: %v", p, e, committed)
		}
		if c != e {
			r.Fail("partition %d: committed offset %d != end offset %d; committed %v, end %v", p, c, e, committed, end)
		}
	}
	for p := range committed {
		if _, ok := end[p]; !ok {
			r.Fail("committed offset for partition %d, which has no end offset: %v", p, committed)
		}
	}
}

// Expected is how many records the consumer must see: this run's count, or -expect, or
// the sum of the end offsets.
func (f *Flags) Expected(end map[int32]int64) int {
	if f.Produce {
		return f.Count
	}
	if f.Expect > 0 {
		return f.Expect
	}
	n := 0
	for _, e := range end {
		n += int(e)
	}
	return n
}

// Settle is how long a consumer keeps polling after it got every expected record, so that a
// duplicate or an extra record would show up in the summary.
const Settle = 700 * time.Millisecond

// Retry calls fn until it returns nil or the deadline passes; it returns the last error.
func Retry(deadline time.Time, every time.Duration, fn func() error) error {
	for {
		err := fn()
		if err == nil {
			return nil
		}
		if time.Now().Add(every).After(deadline) {
			return err
		}
		time.Sleep(every)
	}
}
