-- Verbatim from seeds/003_8dd8d8910bf1d1e9.txt: the shared-data quick start (MinIO, Redpanda).
-- Note: this quick start has no CREATE STORAGE VOLUME (its volume comes from fe.conf); see
-- extra/not_in_seeds.sql. Not fixtures: the mysql command line, SHOW output shown in SQL
-- blocks, and one-pair property snippets that end in a comma.
-- @fixture statements show-storage-volumes
SHOW STORAGE VOLUMES;
-- @fixture statements desc-storage-volume
DESC STORAGE VOLUME builtin_storage_volume\G
-- @fixture statements create-database
CREATE DATABASE quickstart;
-- @fixture statements use
USE quickstart;
-- @fixture statements create-table-site-clicks
CREATE TABLE site_clicks (
    `uid` bigint NOT NULL COMMENT "uid",
    `site` string NOT NULL COMMENT "site url",
    `vtime` bigint NOT NULL COMMENT "vtime"
)
DISTRIBUTED BY HASH(`uid`)
PROPERTIES("replication_num"="1");
-- @fixture statements create-routine-load-clicks
CREATE ROUTINE LOAD quickstart.clicks ON site_clicks
PROPERTIES
(
    "format" = "JSON",
    "jsonpaths" ="[\"$.uid\",\"$.site\",\"$.vtime\"]"
)
FROM KAFKA
(     
    "kafka_broker_list" = "redpanda:29092",
    "kafka_topic" = "test2",
    "kafka_partitions" = "0",
    "kafka_offsets" = "OFFSET_BEGINNING"
);
-- @fixture statements show-routine-load-vertical
SHOW ROUTINE LOAD\G
-- @fixture statements show-routine-load-vertical-again
SHOW ROUTINE LOAD\G
-- @fixture statements use-and-select
USE quickstart;
SELECT * FROM site_clicks;
-- @fixture statements select-star
SELECT * FROM site_clicks;
-- @fixture statements create-routine-load-clicks-again
CREATE ROUTINE LOAD quickstart.clicks ON site_clicks
PROPERTIES
(
    "format" = "JSON",
    "jsonpaths" ="[\"$.uid\",\"$.site\",\"$.vtime\"]"
)
FROM KAFKA
(     
    "kafka_broker_list" = "redpanda:29092",
    "kafka_topic" = "test2",
    "kafka_partitions" = "0",
    "kafka_offsets" = "OFFSET_BEGINNING"
);
-- @fixture rejected create-routine-load-head-only
CREATE ROUTINE LOAD quickstart.clicks ON site_clicks
-- @fixture properties jsonpaths
"jsonpaths" ="[\"$.uid\",\"$.site\",\"$.vtime\"]"
-- @fixture kafka-properties partitions-and-offsets
"kafka_partitions" = "0",
"kafka_offsets" = "OFFSET_BEGINNING"
