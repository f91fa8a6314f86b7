-- Verbatim from seeds/004_1276dd990bf665b3.txt: the Routine Load FAQ. It has no statements,
-- only the parallelism formula, which is an expression.
-- @fixture expression parallelism-formula
min(alive_be_number, partition_number, desired_concurrent_number, max_routine_load_task_concurrent_num)
-- @fixture expression parallelism-example
min(5,7,5,5)
