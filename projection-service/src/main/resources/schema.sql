-- Views of projection-service. They are disposable: delete them (or point at an empty database)
-- and they are rebuilt from the Kafka topic. Portable SQL: runs on H2 2.x and PostgreSQL 15.

-- Where the views stand: next offset per partition, written in each batch's transaction.
CREATE TABLE IF NOT EXISTS consumed_offset (
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INT          NOT NULL,
    next_offset     BIGINT       NOT NULL,
    PRIMARY KEY (topic, kafka_partition)
);

-- Last applied sequence per event stream: a re-published event is recognised and skipped.
CREATE TABLE IF NOT EXISTS applied_stream (
    stream_id     VARCHAR(200) PRIMARY KEY,
    last_sequence BIGINT       NOT NULL
);

-- Records that could not be read: kept for inspection instead of blocking or vanishing.
CREATE TABLE IF NOT EXISTS dead_letter (
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INT          NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    error           VARCHAR(2000),
    record_value    VARCHAR,
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);

CREATE TABLE IF NOT EXISTS negotiation_view (
    id                VARCHAR(64) PRIMARY KEY,
    title             VARCHAR(300) NOT NULL,
    description       VARCHAR,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    development_count BIGINT NOT NULL,
    last_recorded_at  TIMESTAMP WITH TIME ZONE
);

-- One row per development; body is the timeline item as served.
CREATE TABLE IF NOT EXISTS development_view (
    event_id       VARCHAR(128) PRIMARY KEY,
    negotiation_id VARCHAR(64)  NOT NULL,
    type           VARCHAR(32)  NOT NULL,
    earliest       TIMESTAMP WITH TIME ZONE NOT NULL,
    latest         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    body           VARCHAR      NOT NULL
);

CREATE INDEX IF NOT EXISTS development_view_by_time ON development_view (negotiation_id, earliest, latest);
