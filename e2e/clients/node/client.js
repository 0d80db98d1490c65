#!/usr/bin/env node
// One produce / consume-in-a-group / commit / admin round with kafkajs against a Kafka
// broker, printing one JSON summary on stdout (the same shape as the Go clients' summaries
// in e2e/clients/go/internal/run). On any failure or past --timeout it prints the summary
// so far with "error" set and exits 1. kafkajs's own log goes to stderr.
//
// node client.js --bootstrap HOST:PORT[,...] --topic T [--group G] [--count N]
//   [--partitions P] [--replication R] [--timeout-ms MS] [--no-create] [--no-produce]
//   [--no-consume] [--delete] [--expect N] [--compression none|gzip]
// (kafkajs itself has only gzip; snappy, lz4 and zstd need codec plugins.)
'use strict'

const { Kafka, Partitioners, AssignerProtocol, CompressionTypes, logLevel } = require('kafkajs')

const CLIENT = 'kafkajs'
const HEADER_KEY = 'produced-by'
const SETTLE_MS = 700

function parseArgs(argv) {
  const opts = {
    bootstrap: '127.0.0.1:9092', topic: '', group: '', count: 100, partitions: 3, replication: 1,
    timeoutMs: 50000, create: true, produce: true, consume: true, delete: false, expect: 0,
    compression: 'none',
  }
  const ints = { '--count': 'count', '--partitions': 'partitions', '--replication': 'replication',
    '--timeout-ms': 'timeoutMs', '--expect': 'expect' }
  const strs = { '--bootstrap': 'bootstrap', '--topic': 'topic', '--group': 'group', '--compression': 'compression' }
  const flags = { '--no-create': ['create', false], '--no-produce': ['produce', false],
    '--no-consume': ['consume', false], '--delete': ['delete', true] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a in flags) {
      opts[flags[a][0]] = flags[a][1]
    } else if (a in strs && i + 1 < argv.length) {
      opts[strs[a]] = argv[++i]
    } else if (a in ints && i + 1 < argv.length) {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 0) usage(`${a} needs a non-negative integer`)
      opts[ints[a]] = n
    } else {
      usage(`unknown argument ${a}`)
    }
  }
  if (!opts.topic) usage('--topic is required')
  if (!['none', 'gzip'].includes(opts.compression)) usage('--compression is none or gzip')
  if (!opts.group) opts.group = `${opts.topic}-group`
  return opts
}

function usage(msg) {
  process.stderr.write(`${msg}\n`)
  process.exit(2)
}

const key = i => `key-${String(i).padStart(5, '0')}`
const value = (topic, i) => `${CLIENT}|${topic}|value-${String(i).padStart(5, '0')}`
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

const opts = parseArgs(process.argv.slice(2))
const started = Date.now()
let last = started
const summary = {
  client: CLIENT, topic: opts.topic, group: opts.group, compression: opts.compression, created: false,
  produced: 0, produced_per_partition: {}, produced_records: [],
  consumed: 0, consumed_per_partition: {}, consumed_records: [],
  committed_offsets: {}, end_offsets: {}, admin: {}, steps: [],
}
let printed = false

function print() {
  if (printed) return
  printed = true
  const byPos = (a, b) => a.partition - b.partition || a.offset - b.offset
  summary.produced_records.sort(byPos)
  summary.consumed_records.sort(byPos)
  process.stdout.write(JSON.stringify(summary) + '\n')
}

function fail(msg) {
  summary.error = msg
  print()
  process.stderr.write(`${CLIENT}: FAILED: ${msg}\n`)
  // exit once stdout is flushed (it may be a pipe)
  process.stdout.write('', () => process.exit(1))
}

function done(step) {
  const now = Date.now()
  summary.steps.push({ name: step, ms: now - last })
  last = now
}

// The whole run is bounded.
setTimeout(() => fail(`timed out after ${opts.timeoutMs} ms (steps done: ${summary.steps.map(s => s.name).join(', ')})`),
  opts.timeoutMs)

// Retries fn until it returns a truthy value or `ms` pass; throws the last error.
async function until(what, ms, fn) {
  const deadline = Date.now() + ms
  let lastErr = null
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
      lastErr = null
    } catch (e) {
      lastErr = e
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not done within ${ms} ms${lastErr ? `: ${lastErr.message}` : ''}`)
    }
    await sleep(200)
  }
}

const stderrLog = () => ({ namespace, level, label, log }) => {
  const { message, ...extra } = log
  process.stderr.write(`[kafkajs ${label}] ${namespace}: ${message} ${JSON.stringify(extra)}\n`)
}

const kafka = new Kafka({
  clientId: 'moldau-e2e-kafkajs',
  brokers: opts.bootstrap.split(',').map(s => s.trim()).filter(Boolean),
  connectionTimeout: 5000,
  requestTimeout: 20000,
  retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 2000 },
  logLevel: logLevel.WARN,
  logCreator: stderrLog,
})

async function endOffsets(admin) {
  const out = {}
  for (const p of await admin.fetchTopicOffsets(opts.topic)) out[p.partition] = Number(p.high)
  return out
}

async function main() {
  const admin = kafka.admin()
  await admin.connect()

  if (opts.create) {
    const created = await admin.createTopics({
      topics: [{ topic: opts.topic, numPartitions: opts.partitions, replicationFactor: opts.replication }],
      waitForLeaders: true,
      timeout: 20000,
    })
    if (!created) throw new Error(`admin.createTopics: ${opts.topic} already existed`)
    summary.created = true
    summary.admin.create_topic = { partitions: opts.partitions, replication_factor: opts.replication }
    done('create_topic')
  }

  const md = await until(`admin.fetchTopicMetadata: ${opts.topic} with leaders`, 20000, async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [opts.topic] })
    const t = topics.find(x => x.name === opts.topic)
    if (!t || t.partitions.length === 0) return null
    if (opts.create && t.partitions.length !== opts.partitions) return null
    return t.partitions.every(p => p.partitionErrorCode === 0 && p.leader >= 0) ? t : null
  })
  summary.admin.topic_partitions = Object.fromEntries(md.partitions.map(p =>
    [p.partitionId, { leader: p.leader, replicas: p.replicas, isr: p.isr }]))
  summary.admin.list_topics = (await admin.listTopics()).filter(t => !t.startsWith('__')).sort()
  done('fetch_topic_metadata')

  if (opts.produce) {
    await produce()
    done('produce')
  }

  if (opts.consume) {
    const end = await endOffsets(admin)
    const expected = opts.produce ? opts.count
      : opts.expect > 0 ? opts.expect : Object.values(end).reduce((a, b) => a + b, 0)
    await consume(admin, expected)
    const fetched = await admin.fetchOffsets({ groupId: opts.group, topics: [opts.topic] })
    const committed = {}
    for (const t of fetched) {
      if (t.topic !== opts.topic) continue
      for (const p of t.partitions) {
        if (Number(p.offset) >= 0) committed[p.partition] = Number(p.offset)
      }
    }
    summary.committed_offsets = committed
    summary.end_offsets = await endOffsets(admin)
    checkOffsets(summary.committed_offsets, summary.end_offsets)
    done('check_offsets')
  }

  if (opts.delete) {
    await admin.deleteTopics({ topics: [opts.topic], timeout: 20000 })
    await until(`admin.listTopics: ${opts.topic} to be gone`, 15000, async () =>
      !(await admin.listTopics()).includes(opts.topic))
    summary.admin.delete_topic = { deleted: true, listed_after: false }
    done('delete_topic')
  }
  await admin.disconnect()
}

async function produce() {
  // Which partition the producer's partitioner (kafkajs's default: Java-compatible murmur2)
  // chose for each key, so each record's offset can be reported.
  const chosen = new Map()
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // kafkajs warns that fewer retries than this "may invalidate EoS guarantees"; the
    // run's --timeout-ms bounds them anyway.
    retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: Number.MAX_SAFE_INTEGER },
    allowAutoTopicCreation: false,
    createPartitioner: () => {
      const partitioner = Partitioners.DefaultPartitioner()
      return args => {
        const p = partitioner(args)
        chosen.set(args.message.key.toString(), p)
        return p
      }
    },
  })
  await producer.connect()
  const messages = []
  for (let i = 0; i < opts.count; i++) {
    messages.push({ key: key(i), value: value(opts.topic, i), headers: { [HEADER_KEY]: CLIENT } })
  }
  // One send: kafkajs puts each partition's messages, in order, in one batch.
  const compression = opts.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None
  const results = await producer.send({ topic: opts.topic, acks: -1, timeout: 20000, compression, messages })
  const base = {}
  for (const r of results) {
    if (r.errorCode !== 0) throw new Error(`producer.send: partition ${r.partition}: error ${r.errorCode}`)
    base[r.partition] = Number(r.baseOffset)
  }
  const next = { ...base }
  for (let i = 0; i < opts.count; i++) {
    const p = chosen.get(key(i))
    if (p === undefined || next[p] === undefined) {
      throw new Error(`producer.send: no result for ${key(i)} (partition ${p})`)
    }
    summary.produced_records.push({ partition: p, offset: next[p]++, key: key(i), value: value(opts.topic, i) })
    summary.produced_per_partition[p] = (summary.produced_per_partition[p] || 0) + 1
    summary.produced++
  }
  await producer.disconnect()
}

async function consume(admin, expected) {
  const consumer = kafka.consumer({
    groupId: opts.group,
    sessionTimeout: 10000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 250,
    retry: { retries: 10 },
  })
  const crashed = new Promise((_, reject) => {
    consumer.on(consumer.events.CRASH, e => reject(new Error(`consumer crashed: ${e.payload.error.message}`)))
  })
  crashed.catch(() => {}) // observed below
  await consumer.connect()
  await consumer.subscribe({ topics: [opts.topic], fromBeginning: true })
  const next = {} // partition -> next offset to commit
  let full
  const gotAll = new Promise(resolve => { full = resolve })
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      const header = message.headers && message.headers[HEADER_KEY] ? message.headers[HEADER_KEY].toString() : ''
      const offset = Number(message.offset)
      summary.consumed_records.push({
        partition, offset, key: message.key ? message.key.toString() : null,
        value: message.value ? message.value.toString() : null, header,
      })
      summary.consumed_per_partition[partition] = (summary.consumed_per_partition[partition] || 0) + 1
      summary.consumed++
      next[partition] = Math.max(next[partition] || 0, offset + 1)
      if (summary.consumed >= expected) full()
    },
  })
  await Promise.race([gotAll, crashed])
  await sleep(SETTLE_MS) // a duplicate or an extra record would show up now
  await consumer.commitOffsets(Object.entries(next).map(([partition, offset]) =>
    ({ topic: opts.topic, partition: Number(partition), offset: String(offset) })))
  done('consume_commit')

  // While this member is still in the group: describeGroups and listGroups.
  const g = await until(`admin.describeGroups: ${opts.group} Stable`, 10000, async () => {
    const { groups } = await admin.describeGroups([opts.group])
    const d = groups.find(x => x.groupId === opts.group)
    return d && d.errorCode === 0 && d.state === 'Stable' ? d : null
  })
  const assigned = {}
  for (const m of g.members) {
    const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)
    for (const [t, ps] of Object.entries(a ? a.assignment : {})) {
      assigned[t] = (assigned[t] || []).concat(ps).sort((x, y) => x - y)
    }
  }
  summary.admin.describe_group = {
    group: g.groupId, state: g.state, protocol_type: g.protocolType, protocol: g.protocol,
    members: g.members.length, assigned,
  }
  summary.admin.list_groups = (await admin.listGroups()).groups.map(x => x.groupId).sort()
  done('describe_list_groups')
  await consumer.disconnect() // leaves the group
}

function checkOffsets(committed, end) {
  const ends = Object.keys(end)
  if (ends.length === 0) throw new Error('no end offsets were read')
  for (const p of ends) {
    if (!(p in committed)) throw new Error(`partition ${p}: no committed offset (end offset ${end[p]})`)
    if (committed[p] !== end[p]) {
      throw new Error(`partition ${p}: committed offset ${committed[p]} != end offset ${end[p]}; ` +
        `committed ${JSON.stringify(committed)}, end ${JSON.stringify(end)}`)
    }
  }
  for (const p of Object.keys(committed)) {
    if (!(p in end)) throw new Error(`committed offset for partition ${p}, which has no end offset`)
  }
}

main().then(
  () => {
    print()
    process.stdout.write('', () => process.exit(0))
  },
  e => {
    if (e && e.stack) process.stderr.write(`${e.stack}\n`)
    fail(e && e.message ? e.message : String(e))
  },
)
