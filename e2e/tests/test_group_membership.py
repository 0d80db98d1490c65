"""Group membership details a user notices: static members (group.instance.id) come back to
their partitions without disturbing the others, and offsets of an empty group can be deleted."""

import time

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import unique


class Tracked:
    """A consumer that records every assignment change it is told about."""

    def __init__(self, broker, group, topic, instance):
        self.events = []
        self.assigned = set()
        self.c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": group, "group.instance.id": instance,
                           "session.timeout.ms": 10000, "heartbeat.interval.ms": 500, "auto.offset.reset": "earliest"})
        self.c.subscribe([topic], on_assign=self._assign, on_revoke=self._revoke)

    def _assign(self, c, parts):
        self.assigned = {p.partition for p in parts}
        self.events.append(("assign", tuple(sorted(self.assigned))))

    def _revoke(self, c, parts):
        self.events.append(("revoke", tuple(sorted(p.partition for p in parts))))
        self.assigned = set()

    def poll(self):
        self.c.poll(0.1)


def poll_until(consumers, cond, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for c in consumers:
            c.poll()
        if cond():
            return
    raise AssertionError("condition not reached: " + repr([c.events for c in consumers]))


def test_static_member_returns_to_its_partitions_without_a_rebalance(broker):
    topic, group = unique("static"), unique("sg")
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(topic, num_partitions=4, replication_factor=1)])[topic].result(15)
    b = Tracked(broker, group, topic, "instance-b")
    poll_until([b], lambda: len(b.assigned) == 4)
    a = Tracked(broker, group, topic, "instance-a")
    poll_until([a, b], lambda: len(a.assigned) == 2 and len(b.assigned) == 2)
    a_parts, b_events = set(a.assigned), list(b.events)
    a.c.close()  # a static member does not leave the group on close
    a2 = Tracked(broker, group, topic, "instance-a")
    poll_until([a2, b], lambda: len(a2.assigned) == 2)
    for _ in range(20):
        b.poll()
    assert a2.assigned == a_parts
    assert b.events == b_events, "the other member saw a rebalance"
    desc = admin.describe_consumer_groups([group])[group].result(15)
    assert sorted(m.group_instance_id for m in desc.members) == ["instance-a", "instance-b"]
    a2.c.close()
    b.c.close()


def test_offset_delete_refuses_subscribed_topics_and_deletes_others(broker):
    topic, other, group = unique("od"), unique("od-other"), unique("odg")
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    for t in (topic, other):
        admin.create_topics([NewTopic(t, num_partitions=1, replication_factor=1)])[t].result(15)
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": group, "auto.offset.reset": "earliest"})
    c.subscribe([topic])
    deadline = time.time() + 30
    while not c.assignment() and time.time() < deadline:
        c.poll(0.2)
    c.commit(offsets=[TopicPartition(topic, 0, 3), TopicPartition(other, 0, 5)], asynchronous=False)
    from kafka import TopicPartition as KTP
    from kafka.admin import KafkaAdminClient
    kadmin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    # The group consumes `topic`: its offsets cannot be deleted while it does; `other` can.
    result = kadmin.delete_group_offsets(group, [KTP(other, 0), KTP(topic, 0)])
    assert result[KTP(other, 0)].__name__ == "NoError"
    assert result[KTP(topic, 0)].__name__ == "GroupSubscribedToTopicError"
    committed = c.committed([TopicPartition(topic, 0), TopicPartition(other, 0)], timeout=10)
    assert [tp.offset for tp in committed] == [3, -1001]
    c.close()
    kadmin.close()
