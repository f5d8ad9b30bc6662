#!/usr/bin/env bash
# As bin/kafka-storage.sh of the Kafka distribution.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
