-- PLACEHOLDER, not a release: number 0007 belongs to the talks ledger (branch talks), built in
-- parallel. The migration runner refuses a gap, so this empty file stands in for it on branch dues
-- only. The integrator DELETES this file when merging talks' 0007 (before any release).
SELECT 1;
