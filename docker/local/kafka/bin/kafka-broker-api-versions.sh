#!/usr/bin/env bash
# As bin/kafka-broker-api-versions.sh of the Kafka distribution.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.BrokerApiVersionsCommand "$@"
