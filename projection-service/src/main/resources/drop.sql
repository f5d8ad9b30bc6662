-- Everything ViewSchema drops to rebuild the views from the topic, positions included.
DROP TABLE IF EXISTS consumed_offset;
DROP TABLE IF EXISTS applied_stream;
DROP TABLE IF EXISTS dead_letter;
DROP TABLE IF EXISTS negotiation_view;
DROP TABLE IF EXISTS actor_view;
DROP TABLE IF EXISTS development_view;
DROP TABLE IF EXISTS development_version;
DROP TABLE IF EXISTS development_amendment;
DROP TABLE IF EXISTS document_view;
DROP TABLE IF EXISTS document_version;
DROP TABLE IF EXISTS provision_occurrence;
DROP TABLE IF EXISTS provision_lineage;
DROP TABLE IF EXISTS provision_status;
DROP TABLE IF EXISTS view_schema;
DROP TABLE IF EXISTS stream_entry;
DROP TABLE IF EXISTS stream_head;
