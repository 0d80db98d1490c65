"""Runs the independent verifier (verifier.py) as a process: an idempotent acks=all producer
into TOPIC until STOPFILE exists, then reads everything back and prints the summary as JSON.
Used where the cluster's DNS names only resolve inside the stand-in's view (see
Standin.in_cluster)."""

import json
import os
import sys
import time

from confluent_kafka.admin import AdminClient, NewTopic

sys.path.insert(0, os.path.dirname(__file__))
from verifier import Verifier  # noqa: E402


def main():
    bootstrap, topic, partitions, stopfile = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    admin = AdminClient({"bootstrap.servers": bootstrap})
    fut = admin.create_topics([NewTopic(topic, partitions, 3, config={"min.insync.replicas": "2"})])[topic]
    fut.result(30)
    time.sleep(2)
    v = Verifier(bootstrap, topic, partitions, rate=300).start()
    deadline = time.time() + 600
    while not os.path.exists(stopfile) and time.time() < deadline:
        time.sleep(0.2)
        with open(stopfile + ".progress", "w") as f:
            f.write(str(v.acked_count()))
    counts = v.stop()
    s = v.check(bootstrap, assert_ok=False)
    print(json.dumps({"counts": counts, "acked": s.acked, "lost": s.lost, "duplicated": s.duplicated,
                      "misplaced": s.misplaced, "reordered": s.reordered, "errors": s.errors,
                      "error_codes": s.error_codes, "fatal": s.fatal, "examples": s.examples[:10]}))


if __name__ == "__main__":
    main()
