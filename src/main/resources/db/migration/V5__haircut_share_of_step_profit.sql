-- Issue 22, item 3: "largest haircut, % of profit" divided a haircut by the largest profit its account had before any
-- haircut, however small (4,255 % on the walk-through, 60,969 % on a 100k book): no committee can use that figure.
-- From this version on, run.max_haircut_profit_share holds the figure defined in engine/ProfitHaircut.java: per margin
-- pool and step, the step's haircuts over the pool's unrealised profit before the first of them, only where that
-- profit was at least 1 % of the pool's equity, counting at most the whole profit (0..1).
-- max_haircut_profit_basis says which figure a row holds: 'STEP_PROFIT_1PCT_EQUITY' for that one; NULL for a run
-- stored before this migration, whose figure is the old one and is shown as such ("old measure").
ALTER TABLE run ADD COLUMN max_haircut_profit_basis VARCHAR(32);
