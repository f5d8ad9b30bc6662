#!/usr/bin/env bash
# As bin/kafka-server-start.sh of the Kafka distribution: the broker, with its 1 GB default heap
# unless KAFKA_HEAP_OPTS says otherwise, logging to stdout.
set -euo pipefail
if [ "$#" -lt 1 ]; then
  echo "USAGE: $0 server.properties" >&2
  exit 1
fi
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:/etc/kafka/docker/log4j.properties -Dkafka.root.loglevel=${KAFKA_LOG4J_ROOT_LOGLEVEL:-INFO}}"
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
