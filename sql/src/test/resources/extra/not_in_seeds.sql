-- Statements Sluice supports that the seed documents do not show, written in StarRocks syntax.
-- Same format as seeds/*.sql: each "-- @fixture <kind> <name>" line starts a fixture.
-- @fixture statements create-storage-volume-s3
CREATE STORAGE VOLUME IF NOT EXISTS def_volume
TYPE = S3
LOCATIONS = ("s3://defaultbucket/test/", 's3://otherbucket/prefix/')
COMMENT 'the default volume'
PROPERTIES
(
    "enabled" = "true",
    "aws.s3.region" = "us-west-2",
    "aws.s3.endpoint" = "https://s3.us-west-2.amazonaws.com",
    "aws.s3.use_aws_sdk_default_behavior" = "false",
    "aws.s3.use_instance_profile" = "false",
    "aws.s3.access_key" = "xxxxxxxxxx",
    "aws.s3.secret_key" = "yyyyyyyyyy"
);
-- @fixture statements storage-volume-minio-lifecycle
CREATE STORAGE VOLUME minio_volume TYPE = s3 LOCATIONS = ("s3://starrocks/") PROPERTIES (
    "aws.s3.endpoint" = "http://minio:9000",
    "aws.s3.enable_path_style_access" = "true",
    "aws.s3.access_key" = "AAAAAAAAAAAAAAAAAAAA",
    "aws.s3.secret_key" = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
);
SET minio_volume AS DEFAULT STORAGE VOLUME;
DESCRIBE STORAGE VOLUME minio_volume;
DROP STORAGE VOLUME IF EXISTS minio_volume;
-- @fixture statements routine-load-ssl
-- The SSL snippet of seeds/001, one pair per line as in the original documentation.
CREATE ROUTINE LOAD load_test.orders_ssl ON orders
PROPERTIES ("format" = "json")
FROM KAFKA
(
    "kafka_broker_list" = "broker1:9093",
    "kafka_topic" = "orders",
    -- Set the security protocol to SSL.
    "property.security.protocol" = "ssl",
    -- Path to the CA certificate.
    "property.ssl.ca.location" = "FILE:ca-cert",
    -- If Kafka Server requires client authentication, also set these three parameters:
    -- Path to the client's public key.
    "property.ssl.certificate.location" = "FILE:client.pem",
    -- Path to the client's private key.
    "property.ssl.key.location" = "FILE:client.key",
    -- Password for the client's private key.
    "property.ssl.key.password" = "******"
);
-- @fixture statements routine-load-all-load-clauses
CREATE ROUTINE LOAD example_db.filtered ON example_tbl
ROWS TERMINATED BY "\n",
WHERE k1 > 100 AND k2 = 1000,
TEMPORARY PARTITION (tp1, tp2),
COLUMNS (k1, k2, tmp, k3 = k1 + k2),
COLUMNS TERMINATED BY "\t"
PROPERTIES ("desired_concurrent_number" = "3", "max_error_number" = "10")
FROM KAFKA ("kafka_broker_list" = "b:9092", "kafka_topic" = "t");
-- @fixture statements catalog-statements
SHOW DATABASES;
SHOW TABLES FROM example_db;
DESCRIBE example_db.example_tbl1;
DESC example_tbl1;
DROP TABLE IF EXISTS example_db.example_tbl1;
DROP DATABASE IF EXISTS example_db;
SHOW ALL ROUTINE LOAD FOR example_db.job FROM example_db\G
-- @fixture statements create-table-expression-partitioned
CREATE TABLE IF NOT EXISTS quickstart.events (
    id BIGINT NOT NULL AUTO_INCREMENT COMMENT 'row id',
    event_time DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    amount DECIMAL(10, 2) DEFAULT "0",
    delta INT DEFAULT -1,
    city VARCHAR(64) NULL,
    payload JSON
)
DUPLICATE KEY (id, event_time)
COMMENT "click events"
PARTITION BY date_trunc('day', event_time)
DISTRIBUTED BY RANDOM BUCKETS 8
ORDER BY (event_time)
PROPERTIES ("replication_num" = "1");
-- @fixture statements select-everything
SELECT DISTINCT site, count(*) AS clicks, count(DISTINCT uid) visitors, sum(vtime) "total"
FROM quickstart.site_clicks AS c
WHERE vtime BETWEEN 1718000000 AND 1719000000 AND site LIKE 'https://%'
GROUP BY site
HAVING count(*) > 1
ORDER BY clicks DESC, site
LIMIT 10 OFFSET 20;
