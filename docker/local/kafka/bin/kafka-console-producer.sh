#!/usr/bin/env bash
# As bin/kafka-console-producer.sh of the Kafka distribution.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.ConsoleProducer "$@"
