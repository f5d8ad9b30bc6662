-- The event store (Axon's JPA entities) and the event index, as Hibernate created them with
-- ddl-auto=update up to this version; a database created that way is baselined at this version
-- (spring.flyway.baseline-on-migrate) instead of running it. Bytea payloads (ByteaPostgreSQLDialect,
-- STACK.md pitfall 1); the global index sequence steps by 1 (orm.xml, pitfall 2).
CREATE TABLE association_value_entry (
    id bigint NOT NULL,
    association_key character varying(255) NOT NULL,
    association_value character varying(255),
    saga_id character varying(255) NOT NULL,
    saga_type character varying(255)
);

CREATE SEQUENCE association_value_entry_seq
    START WITH 1
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE dead_letter_entry (
    dead_letter_id character varying(255) NOT NULL,
    cause_message character varying(1023),
    cause_type character varying(255),
    diagnostics bytea,
    enqueued_at timestamp(6) with time zone NOT NULL,
    last_touched timestamp(6) with time zone,
    aggregate_identifier character varying(255),
    event_identifier character varying(255) NOT NULL,
    message_type character varying(255) NOT NULL,
    meta_data bytea,
    payload bytea NOT NULL,
    payload_revision character varying(255),
    payload_type character varying(255) NOT NULL,
    sequence_number bigint,
    time_stamp character varying(255) NOT NULL,
    token bytea,
    token_type character varying(255),
    type character varying(255),
    processing_group character varying(255) NOT NULL,
    processing_started timestamp(6) with time zone,
    sequence_identifier character varying(255) NOT NULL,
    sequence_index bigint NOT NULL
);

CREATE TABLE document_index (
    document_id character varying(64) NOT NULL,
    negotiation_id character varying(64) NOT NULL
);

CREATE TABLE domain_event_entry (
    global_index bigint NOT NULL,
    event_identifier character varying(255) NOT NULL,
    meta_data bytea,
    payload bytea NOT NULL,
    payload_revision character varying(255),
    payload_type character varying(255) NOT NULL,
    time_stamp character varying(255) NOT NULL,
    aggregate_identifier character varying(255) NOT NULL,
    sequence_number bigint NOT NULL,
    type character varying(255)
);

CREATE SEQUENCE domain_event_entry_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE event_index (
    event_id character varying(128) NOT NULL,
    negotiation_id character varying(64) NOT NULL
);

CREATE TABLE saga_entry (
    saga_id character varying(255) NOT NULL,
    revision character varying(255),
    saga_type character varying(255),
    serialized_saga bytea
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier character varying(255) NOT NULL,
    sequence_number bigint NOT NULL,
    type character varying(255) NOT NULL,
    event_identifier character varying(255) NOT NULL,
    meta_data bytea,
    payload bytea NOT NULL,
    payload_revision character varying(255),
    payload_type character varying(255) NOT NULL,
    time_stamp character varying(255) NOT NULL
);

CREATE TABLE token_entry (
    processor_name character varying(255) NOT NULL,
    segment integer NOT NULL,
    owner character varying(255),
    "timestamp" character varying(255) NOT NULL,
    token bytea,
    token_type character varying(255)
);

CREATE TABLE unpublished_event (
    message_id character varying(64) NOT NULL,
    negotiation_id character varying(64) NOT NULL,
    reason character varying(1000) NOT NULL,
    refused_at timestamp(6) with time zone NOT NULL,
    sequence_number bigint NOT NULL,
    size_bytes bigint NOT NULL,
    stream_id character varying(200) NOT NULL,
    event_type character varying(100) NOT NULL
);

ALTER TABLE association_value_entry
    ADD CONSTRAINT association_value_entry_pkey PRIMARY KEY (id);

ALTER TABLE dead_letter_entry
    ADD CONSTRAINT dead_letter_entry_pkey PRIMARY KEY (dead_letter_id);

ALTER TABLE document_index
    ADD CONSTRAINT document_index_pkey PRIMARY KEY (document_id);

ALTER TABLE domain_event_entry
    ADD CONSTRAINT domain_event_entry_pkey PRIMARY KEY (global_index);

ALTER TABLE event_index
    ADD CONSTRAINT event_index_pkey PRIMARY KEY (event_id);

ALTER TABLE saga_entry
    ADD CONSTRAINT saga_entry_pkey PRIMARY KEY (saga_id);

ALTER TABLE snapshot_event_entry
    ADD CONSTRAINT snapshot_event_entry_pkey PRIMARY KEY (aggregate_identifier, sequence_number, type);

ALTER TABLE token_entry
    ADD CONSTRAINT token_entry_pkey PRIMARY KEY (processor_name, segment);

ALTER TABLE domain_event_entry
    ADD CONSTRAINT uk8s1f994p4la2ipb13me2xqm1w UNIQUE (aggregate_identifier, sequence_number);

ALTER TABLE snapshot_event_entry
    ADD CONSTRAINT uke1uucjseo68gopmnd0vgdl44h UNIQUE (event_identifier);

ALTER TABLE domain_event_entry
    ADD CONSTRAINT ukfwe6lsa8bfo6hyas6ud3m8c7x UNIQUE (event_identifier);

ALTER TABLE dead_letter_entry
    ADD CONSTRAINT ukhlr8io86j74qy298xf720n16v UNIQUE (processing_group, sequence_identifier, sequence_index);

ALTER TABLE unpublished_event
    ADD CONSTRAINT unpublished_event_pkey PRIMARY KEY (message_id);

CREATE INDEX idxe67wcx5fiq9hl4y4qkhlcj9cg ON dead_letter_entry USING btree (processing_group);

CREATE INDEX idxgv5k1v2mh6frxuy5c0hgbau94 ON association_value_entry USING btree (saga_id, saga_type);

CREATE INDEX idxk45eqnxkgd8hpdn6xixn8sgft ON association_value_entry USING btree (saga_type, association_key, association_value);

CREATE INDEX idxrwucpgs6sn93ldgoeh2q9k6bn ON dead_letter_entry USING btree (processing_group, sequence_identifier);
