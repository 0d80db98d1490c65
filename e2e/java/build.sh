#!/usr/bin/env bash
# Compiles the Java client tests and the Kafka Streams app (Maven, local repository under
# target/m2) and writes target/java/classpath: their classes, their dependencies and JUnit's
# console launcher, which e2e/tests/test_java_client.py runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/target/java"
mvn=(mvn -q -B -f "$here/pom.xml" -Dmaven.repo.local="$repo/target/m2")
mkdir -p "$out"
"${mvn[@]}" test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/deps.txt" >&2
"${mvn[@]}" dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.4 \
  -DoutputDirectory="$out" >&2
echo "$here/target/classes:$here/target/test-classes:$(cat "$out/deps.txt")" > "$out/classpath"
echo "$out/classpath"
