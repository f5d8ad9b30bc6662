#!/usr/bin/env bash
# As bin/kafka-consumer-groups.sh of the Kafka distribution.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "$@"
