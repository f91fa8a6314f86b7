-- Verbatim from seeds/001_a5d595689f42f959.txt: a cloud vendor's Routine Load guide whose
-- statements sit inside running text. Only the statement text is taken: surrounding prose and
-- the " -" list markers after a statement are left out, nothing inside a statement is changed.
-- Not fixtures: the SSL property snippet (flattened onto one line, so its -- comments swallow
-- it; see extra/not_in_seeds.sql for the multi-line form) and shell commands.
-- @fixture rejected syntax-template
CREATE ROUTINE LOAD <database>.<job_name> ON <table_name> [COLUMNS TERMINATED BY "column_separator" ,] [COLUMNS (col1, col2, ...) ,] [WHERE where_condition ,] [PARTITION (part1, part2, ...)]
-- @fixture load-clause mapped-columns
COLUMNS (col2, col1, temp, col3)
-- @fixture load-clause derived-columns
COLUMNS (col2, col1, temp, col3, col4 = col1 + col2)
-- @fixture load-clause where-clause
WHERE k1 > 100 and k2 = 1000
-- @fixture rejected help
HELP ROUTINE LOAD;
-- @fixture statements json-routine-load-one-line
CREATE ROUTINE LOAD load_test.example_tbl2_ordertest ON example_tbl COLUMNS(commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d')) PROPERTIES ( "desired_concurrent_number"="5", "format" ="json", "jsonpaths" ="[\"$.commodity_id\",\"$.customer_name\",\"$.country\",\"$.pay_time\",\"$.price\"]" ) FROM KAFKA ( "kafka_broker_list" ="<kafka_broker1_ip>:<kafka_broker1_port>,<kafka_broker2_ip>:<kafka_broker2_port>", "kafka_topic" = "ordertest2", "kafka_partitions" ="0,1,2,3,4", "property.kafka_default_offsets" = "OFFSET_BEGINNING" );
-- @fixture statements use-and-show-all
USE load_test; SHOW ALL ROUTINE LOAD;
-- @fixture statements show-routine-load-qualified
SHOW ROUTINE LOAD FOR load_test.example_tbl2_ordertest;
-- @fixture rejected pause-template
PAUSE ROUTINE LOAD FOR <job_name>;
-- @fixture rejected resume-template
RESUME ROUTINE LOAD FOR <job_name>;
-- @fixture rejected stop-template
STOP ROUTINE LOAD FOR <job_name>;
-- @fixture statements show-vertical-then-semicolon
SHOW ROUTINE LOAD FOR example_tbl2_ordertest2 \G;
-- @fixture statements csv-create-table-one-line
CREATE TABLE load_test.routine_load_tbl_csv ( `order_id` bigint NOT NULL COMMENT "Order ID", `pay_dt` date NOT NULL COMMENT "Payment date", `customer_name` varchar(26) NULL COMMENT "Customer name", `nationality` varchar(26) NULL COMMENT "Nationality", `price` double NULL COMMENT "Payment amount" ) ENGINE=OLAP PRIMARY KEY (order_id,pay_dt) DISTRIBUTED BY HASH(`order_id`) BUCKETS 5;
-- @fixture statements csv-routine-load-one-line
CREATE ROUTINE LOAD load_test.routine_load_tbl_ordertest_csv ON routine_load_tbl_csv COLUMNS TERMINATED BY ",", COLUMNS (order_id, pay_dt, customer_name, nationality, temp_gender, price) PROPERTIES ( "desired_concurrent_number" = "5" ) FROM KAFKA ( "kafka_broker_list" ="192.168.**.**:9092,192.168.**.**:9092,192.168.**.**:9092", "kafka_topic" = "order_sr_topic", "kafka_partitions" ="0,1,2,3,4", "property.kafka_default_offsets" = "OFFSET_BEGINNING" )
-- @fixture statements show-routine-load
SHOW ROUTINE LOAD FOR routine_load_tbl_ordertest_csv;
-- @fixture statements select-star
SELECT * FROM routine_load_tbl_csv;
-- @fixture statements pause
PAUSE ROUTINE LOAD FOR routine_load_tbl_ordertest_csv;
-- @fixture statements resume
RESUME ROUTINE LOAD FOR routine_load_tbl_ordertest_csv;
-- @fixture statements alter-without-semicolon
ALTER ROUTINE LOAD FOR routine_load_tbl_ordertest_csv PROPERTIES ( "desired_concurrent_number" = "6" )
-- @fixture statements stop
STOP ROUTINE LOAD FOR routine_load_tbl_ordertest_csv;
