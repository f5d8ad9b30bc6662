#!/usr/bin/env bash
# As bin/kafka-metadata-quorum.sh of the Kafka distribution.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
