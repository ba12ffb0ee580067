-- Placeholder on the recruit branch only, so that 0009 loads here (migrations are numbered without
-- gaps). The branch that owns number 0008 brings the real file: drop this one when merging.
SELECT 1;
