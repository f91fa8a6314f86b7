-- How many times in a row the task's rounds failed with the same deterministic error (a setting
-- the worker cannot use, a commit the database cannot store). Three in a row pause the job.
ALTER TABLE tasks ADD COLUMN failure_streak INT NOT NULL DEFAULT 0;
