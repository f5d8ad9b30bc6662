#!/usr/bin/env bash
# kafka-run-class.sh of the local substitute: runs a class from /opt/kafka/libs, honouring the
# variables of Kafka's own script (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS,
# KAFKA_LOG4J_OPTS). Tools get a small heap and log warnings to stderr.
set -euo pipefail
if [ "$#" -lt 1 ]; then
  echo "USAGE: $0 classname [opts]" >&2
  exit 1
fi
# shellcheck disable=SC2086 # the *_OPTS variables are lists of JVM options
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:/etc/kafka/docker/tools-log4j.properties} \
  ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$@"
