-- Reserved for another §12 ledger (issue 12), built in parallel on its own branch: this placeholder
-- only keeps the numbering without gaps on the concerns branch. The integrator drops it when
-- merging the real 0010 file.
SELECT 1;
