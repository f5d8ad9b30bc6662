-- Views of projection-service (layout: ViewSchema.VERSION). They are disposable: when the
-- version changes, ViewSchema drops them (drop.sql) and they are rebuilt from the Kafka topic.
-- Portable SQL: runs on H2 2.x and PostgreSQL 15.

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

-- The message applied at each (stream, sequence): a different one at a sequence already applied
-- (a store restored from an older backup, a wiped store beside a surviving topic) is parked and
-- logged, not skipped as a re-delivery.
CREATE TABLE IF NOT EXISTS applied_event (
    stream_id  VARCHAR(200) NOT NULL,
    sequence   BIGINT       NOT NULL,
    message_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (stream_id, sequence)
);

-- Records that could not be read or applied: kept for inspection instead of blocking or vanishing.
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

CREATE TABLE IF NOT EXISTS actor_view (
    negotiation_id VARCHAR(64)  NOT NULL,
    actor_id       VARCHAR(64)  NOT NULL,
    name           VARCHAR(200) NOT NULL,
    affiliation    VARCHAR(200),
    kind           VARCHAR(32)  NOT NULL,
    PRIMARY KEY (negotiation_id, actor_id)
);

-- Each development in every form it has had. Version 0 is as first recorded; each correction or
-- retraction adds one. A version is what was known from known_from (the recordedAt of the event
-- that made it) until known_until (the next one's; null while it is current): transaction time.
-- recorded_at is when the development was first recorded, the same in every version.
-- body is the timeline item as served.
CREATE TABLE IF NOT EXISTS development_version (
    event_id       VARCHAR(128) NOT NULL,
    version        INT          NOT NULL,
    negotiation_id VARCHAR(64)  NOT NULL,
    known_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    known_until    TIMESTAMP WITH TIME ZONE,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    type           VARCHAR(32)  NOT NULL,
    earliest       TIMESTAMP WITH TIME ZONE NOT NULL,
    latest         TIMESTAMP WITH TIME ZONE NOT NULL,
    retracted      BOOLEAN      NOT NULL,
    inferred       BOOLEAN      NOT NULL, -- basis INFERRED: left out by basis=REPORTED
    body           VARCHAR      NOT NULL,
    PRIMARY KEY (event_id, version)
);

-- The timeline's order (earliest, latest, recorded_at, event_id: unique per knownAt): a page is a
-- walk of this index from the cursor, limit rows long.
CREATE INDEX IF NOT EXISTS development_version_timeline
    ON development_version (negotiation_id, earliest, latest, recorded_at, event_id);

-- Each development form's actor ids and topics, in the timeline's order, so that a timeline
-- filtered by actor or topic walks only the forms that have it. Joined to development_version by
-- (event_id, version) for the body and the validity.
CREATE TABLE IF NOT EXISTS development_actor (
    event_id       VARCHAR(128) NOT NULL,
    version        INT          NOT NULL,
    actor_id       VARCHAR      NOT NULL,
    negotiation_id VARCHAR(64)  NOT NULL,
    earliest       TIMESTAMP WITH TIME ZONE NOT NULL,
    latest         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_id, version, actor_id)
);

CREATE INDEX IF NOT EXISTS development_actor_timeline
    ON development_actor (negotiation_id, actor_id, earliest, latest, recorded_at, event_id);

CREATE TABLE IF NOT EXISTS development_topic (
    event_id       VARCHAR(128) NOT NULL,
    version        INT          NOT NULL,
    topic          VARCHAR      NOT NULL,
    negotiation_id VARCHAR(64)  NOT NULL,
    earliest       TIMESTAMP WITH TIME ZONE NOT NULL,
    latest         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_id, version, topic)
);

CREATE INDEX IF NOT EXISTS development_topic_timeline
    ON development_topic (negotiation_id, topic, earliest, latest, recorded_at, event_id);

-- The state query's order (latest first, then earliest, recorded_at, event_id): it pages the
-- developments that happened by `at` and finds the uncertain ones by walking it from a time.
CREATE INDEX IF NOT EXISTS development_version_latest_first
    ON development_version (negotiation_id, latest DESC, earliest DESC, recorded_at DESC, event_id);

-- Per negotiation, the widest occurred interval (latest - earliest, in microseconds) of any
-- development form ever projected. It only grows: an upper bound, so that a development whose
-- interval contains `at` is found among those with latest in (at, at + widest].
CREATE TABLE IF NOT EXISTS development_width (
    negotiation_id VARCHAR(64) PRIMARY KEY,
    widest_micros  BIGINT      NOT NULL
);

-- Each claim of each development form that is not retracted (development_version's validity and
-- times copied), for the state query: what was claimed by `at` without reading every development.
-- value_json and sources are JSON as served; ordinal is the claim's place in the form's list.
CREATE TABLE IF NOT EXISTS claim_version (
    event_id       VARCHAR(128) NOT NULL,
    version        INT          NOT NULL,
    ordinal        INT          NOT NULL,
    negotiation_id VARCHAR(64)  NOT NULL,
    subject        VARCHAR      NOT NULL,
    earliest       TIMESTAMP WITH TIME ZONE NOT NULL,
    latest         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    known_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    known_until    TIMESTAMP WITH TIME ZONE,
    value_json     VARCHAR      NOT NULL,
    sources        VARCHAR      NOT NULL,
    inferred       BOOLEAN      NOT NULL, -- the claim or its development is INFERRED
    basis_json     VARCHAR,               -- the claim's own {basis, note}, as served; null when REPORTED
    PRIMARY KEY (event_id, version, ordinal)
);

CREATE INDEX IF NOT EXISTS claim_version_by_time ON claim_version (negotiation_id, latest);

-- Each POSITION form that is not retracted, keyed by holder and question (position_key is
-- holder|on), for the state query: the latest one per key is one index lookup. body is the
-- position as served.
CREATE TABLE IF NOT EXISTS position_version (
    event_id       VARCHAR(128) NOT NULL,
    version        INT          NOT NULL,
    negotiation_id VARCHAR(64)  NOT NULL,
    position_key   VARCHAR      NOT NULL,
    earliest       TIMESTAMP WITH TIME ZONE NOT NULL,
    latest         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    known_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    known_until    TIMESTAMP WITH TIME ZONE,
    inferred       BOOLEAN      NOT NULL, -- its development is INFERRED
    body           VARCHAR      NOT NULL,
    PRIMARY KEY (event_id, version)
);

CREATE INDEX IF NOT EXISTS position_version_latest_first
    ON position_version (negotiation_id, position_key, latest DESC, earliest DESC, recorded_at DESC, event_id);

-- Every (holder, question) pair a negotiation has had a position on, in any form: which keys to
-- look up. Never shrinks.
CREATE TABLE IF NOT EXISTS position_pair (
    negotiation_id VARCHAR(64) NOT NULL,
    position_key   VARCHAR     NOT NULL,
    PRIMARY KEY (negotiation_id, position_key)
);

-- Corrections and retractions as recorded, for GET /api/events/{eventId}.
CREATE TABLE IF NOT EXISTS development_amendment (
    amendment_id VARCHAR(128) PRIMARY KEY,
    event_id     VARCHAR(128) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    body         VARCHAR      NOT NULL
);

CREATE INDEX IF NOT EXISTS development_amendment_by_event ON development_amendment (event_id, recorded_at);

-- Documents and their versions. body is the version as served (provisions, changes, sources).
CREATE TABLE IF NOT EXISTS document_view (
    document_id    VARCHAR(64)  PRIMARY KEY,
    negotiation_id VARCHAR(64)  NOT NULL,
    title          VARCHAR(300) NOT NULL,
    kind           VARCHAR(32)  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS document_view_by_negotiation ON document_view (negotiation_id, document_id);

CREATE TABLE IF NOT EXISTS document_version (
    document_id    VARCHAR(64) NOT NULL,
    version        INT         NOT NULL,
    negotiation_id VARCHAR(64) NOT NULL,
    earliest       TIMESTAMP WITH TIME ZONE NOT NULL,
    latest         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    body           VARCHAR     NOT NULL,
    PRIMARY KEY (document_id, version)
);

-- The version on the table at `at`: the first one walking back from `at`.
CREATE INDEX IF NOT EXISTS document_version_latest_first ON document_version (document_id, latest DESC, version DESC);

-- Every provision in every version it appears in, with its change from its predecessors.
CREATE TABLE IF NOT EXISTS provision_occurrence (
    document_id  VARCHAR(64) NOT NULL,
    provision_id VARCHAR(64) NOT NULL,
    version      INT         NOT NULL,
    body         VARCHAR     NOT NULL,
    PRIMARY KEY (document_id, provision_id, version)
);

-- Lineage edges: provision (from_document, from_provision) continues as (to_document, to_provision)
-- in to_version; one per predecessor recorded in a version's changes.
CREATE TABLE IF NOT EXISTS provision_lineage (
    from_document  VARCHAR(64) NOT NULL,
    from_provision VARCHAR(64) NOT NULL,
    to_document    VARCHAR(64) NOT NULL,
    to_provision   VARCHAR(64) NOT NULL,
    to_version     INT         NOT NULL,
    PRIMARY KEY (from_document, from_provision, to_document, to_provision, to_version)
);

CREATE INDEX IF NOT EXISTS provision_lineage_backward ON provision_lineage (to_document, to_provision);

-- Statuses reported for a provision over time, in the order recorded. latest is occurred.latest.
CREATE TABLE IF NOT EXISTS provision_status (
    document_id  VARCHAR(64)  NOT NULL,
    provision_id VARCHAR(64)  NOT NULL,
    stream_id    VARCHAR(200) NOT NULL,
    sequence     BIGINT       NOT NULL,
    latest       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    inferred     BOOLEAN      NOT NULL, -- basis INFERRED: left out by basis=REPORTED
    body         VARCHAR      NOT NULL,
    PRIMARY KEY (stream_id, sequence)
);

-- A provision's statuses, the most recent by occurred first: its status at `at` is one lookup.
CREATE INDEX IF NOT EXISTS provision_status_latest_first
    ON provision_status (document_id, provision_id, latest DESC, recorded_at DESC, stream_id, sequence);

CREATE TABLE IF NOT EXISTS view_schema (
    version INT NOT NULL
);

-- The messages of GET /api/stream (docs/streaming.md): one per development, correction and
-- retraction, in the order the views applied them. position is the SSE id. Positions are taken
-- from stream_head under its row lock, held until the batch commits: numbered without gaps and
-- visible in order, also with several instances writing one database.
-- forms: the development's form(s) filters match (type, actor ids, topics): as recorded, or before
-- and after the amendment. body: the SSE data, JSON.
CREATE TABLE IF NOT EXISTS stream_entry (
    position       BIGINT       PRIMARY KEY,
    negotiation_id VARCHAR(64)  NOT NULL,
    event_id       VARCHAR(128) NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    forms          VARCHAR      NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    body           VARCHAR      NOT NULL
);

CREATE TABLE IF NOT EXISTS stream_head (
    id            INT    PRIMARY KEY,
    last_position BIGINT NOT NULL
);

INSERT INTO stream_head (id, last_position) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM stream_head);
