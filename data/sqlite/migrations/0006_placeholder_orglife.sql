-- PLACEHOLDER, not a release: number 0006 belongs to the activities ledger (branch orglife), built in
-- parallel. The migration runner refuses a gap, so this empty file stands in for it on branch talks
-- only. The integrator DELETES this file when merging orglife's 0006 (before any release).
SELECT 1;
