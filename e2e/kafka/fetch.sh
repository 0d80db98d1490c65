#!/usr/bin/env bash
# Fetches Apache Kafka 4.4 (broker, tools, Java client, Kafka Streams and their dependencies)
# from Maven Central into target/kafka-<version>/libs, with Maven's local repository under
# target/m2. Prints the libs directory. Runs once; later calls only print it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
dest="$repo/target/kafka-$version"
if [ ! -f "$dest/.complete" ]; then
  rm -rf "$dest"
  mkdir -p "$dest/libs"
  mvn -q -B -f "$here/pom.xml" -Dmaven.repo.local="$repo/target/m2" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dest/libs" >&2
  touch "$dest/.complete"
fi
echo "$dest/libs"
