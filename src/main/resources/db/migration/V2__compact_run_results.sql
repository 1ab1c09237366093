-- A run over a million positions has ~2M ADL queue places and ~1M events. As one row each, behind secondary indexes
-- in random account order, H2 took ~100 s to write them (src/docs/performance.md, item 10). They are now kept in
-- chunks: one row per block of up to 4,096 places of one ranked queue, one row per 1,024 consecutive events, each
-- column an array. An account's events and queue places are found through run_account_index, one compact row per
-- hash bucket of account ids, written by the store (H2WorkbenchStore's AccountIndex).
--
-- run_event and run_queue stay as views with the columns and rows they had, for reports and ad-hoc SQL; a view
-- reads whole chunks, so the store itself reads the chunk tables.

CREATE TABLE run_event_chunk (
    run_id           BIGINT  NOT NULL,
    chunk_no         INT     NOT NULL,              -- holds event_no chunk_no * 1024 + 0 .. entries - 1
    entries          INT     NOT NULL,
    steps            INT ARRAY[1024]          NOT NULL,
    rounds           INT ARRAY[1024]          NOT NULL,
    kinds            VARCHAR(16) ARRAY[1024]  NOT NULL,
    account_ids      VARCHAR(64) ARRAY[1024]  NOT NULL,
    counterparty_ids VARCHAR(64) ARRAY[1024]  NOT NULL,
    markets          VARCHAR(32) ARRAY[1024]  NOT NULL,
    sides            VARCHAR(5) ARRAY[1024]   NOT NULL,
    sizes            DECFLOAT ARRAY[1024]     NOT NULL,
    prices           DECFLOAT ARRAY[1024]     NOT NULL,
    amounts          DECFLOAT ARRAY[1024]     NOT NULL,
    equities_after   DECFLOAT ARRAY[1024]     NOT NULL,
    rule_ids         VARCHAR(100) ARRAY[1024] NOT NULL,
    reasons          VARCHAR(1000) ARRAY[1024] NOT NULL,
    PRIMARY KEY (run_id, chunk_no)
);

-- queue places with rank in rank_block * 4096 + 1 .. (rank_block + 1) * 4096, in rank order
CREATE TABLE run_queue_chunk (
    run_id      BIGINT      NOT NULL,
    market      VARCHAR(32) NOT NULL,
    step        INT         NOT NULL,
    round_no    INT         NOT NULL,
    side        VARCHAR(5)  NOT NULL,
    rank_block  INT         NOT NULL,
    point_no    INT         NOT NULL,               -- the ranking's number in the run, as run_account_index refers to it
    entries     INT         NOT NULL,
    ranks       INT ARRAY[4096]              NOT NULL,
    account_ids VARCHAR(64) ARRAY[4096]      NOT NULL,
    sizes       DECFLOAT ARRAY[4096]         NOT NULL,
    scores      DOUBLE PRECISION ARRAY[4096] NOT NULL,
    percentiles INT ARRAY[4096]              NOT NULL,
    rule_ids    VARCHAR(100) ARRAY[4096]     NOT NULL,
    PRIMARY KEY (run_id, market, step, round_no, side, rank_block)
);

CREATE TABLE run_account_index (
    run_id  BIGINT NOT NULL,
    bucket  INT    NOT NULL,
    entries VARBINARY(1000000000) NOT NULL,
    PRIMARY KEY (run_id, bucket)
);

-- NULL for runs stored before this migration: they have no run_account_index rows and are read chunk by chunk
ALTER TABLE run ADD COLUMN account_buckets INT;

INSERT INTO run_event_chunk
SELECT run_id, event_no / 1024, COUNT(*),
       ARRAY_AGG(step ORDER BY event_no), ARRAY_AGG(round_no ORDER BY event_no), ARRAY_AGG(kind ORDER BY event_no),
       ARRAY_AGG(account_id ORDER BY event_no), ARRAY_AGG(counterparty_id ORDER BY event_no),
       ARRAY_AGG(market ORDER BY event_no), ARRAY_AGG(side ORDER BY event_no), ARRAY_AGG(size ORDER BY event_no),
       ARRAY_AGG(price ORDER BY event_no), ARRAY_AGG(amount ORDER BY event_no), ARRAY_AGG(equity_after ORDER BY event_no),
       ARRAY_AGG(rule_id ORDER BY event_no), ARRAY_AGG(reason ORDER BY event_no)
FROM run_event GROUP BY run_id, event_no / 1024;

INSERT INTO run_queue_chunk
SELECT q.run_id, q.market, q.step, q.round_no, q.side, (q.queue_rank - 1) / 4096, p.point_no, COUNT(*),
       ARRAY_AGG(q.queue_rank ORDER BY q.queue_rank), ARRAY_AGG(q.account_id ORDER BY q.queue_rank),
       ARRAY_AGG(q.size ORDER BY q.queue_rank), ARRAY_AGG(q.score ORDER BY q.queue_rank),
       ARRAY_AGG(q.percentile ORDER BY q.queue_rank), ARRAY_AGG(q.rule_id ORDER BY q.queue_rank)
FROM run_queue q JOIN (
    SELECT run_id, market, step, round_no, side,
           CAST(ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY market, step, round_no, side) - 1 AS INT) AS point_no
    FROM run_queue GROUP BY run_id, market, step, round_no, side) p
  ON p.run_id = q.run_id AND p.market = q.market AND p.step = q.step AND p.round_no = q.round_no AND p.side = q.side
GROUP BY q.run_id, q.market, q.step, q.round_no, q.side, (q.queue_rank - 1) / 4096, p.point_no;

DROP TABLE run_event;
DROP TABLE run_queue;

CREATE VIEW run_event AS
SELECT c.run_id, c.chunk_no * 1024 + CAST(r.X AS INT) AS event_no, c.steps[r.X + 1] AS step,
       c.rounds[r.X + 1] AS round_no, c.kinds[r.X + 1] AS kind, c.account_ids[r.X + 1] AS account_id,
       c.counterparty_ids[r.X + 1] AS counterparty_id, c.markets[r.X + 1] AS market, c.sides[r.X + 1] AS side,
       c.sizes[r.X + 1] AS size, c.prices[r.X + 1] AS price, c.amounts[r.X + 1] AS amount,
       c.equities_after[r.X + 1] AS equity_after, c.rule_ids[r.X + 1] AS rule_id, c.reasons[r.X + 1] AS reason
FROM run_event_chunk c JOIN SYSTEM_RANGE(0, 1023) r ON r.X < c.entries;

CREATE VIEW run_queue AS
SELECT c.run_id, c.market, c.step, c.round_no, c.side, c.ranks[r.X + 1] AS queue_rank,
       c.account_ids[r.X + 1] AS account_id, c.sizes[r.X + 1] AS size, c.scores[r.X + 1] AS score,
       c.percentiles[r.X + 1] AS percentile, c.rule_ids[r.X + 1] AS rule_id
FROM run_queue_chunk c JOIN SYSTEM_RANGE(0, 4095) r ON r.X < c.entries;

-- Account sets the same way: a million positions as rows took most of an import's 12 s and a load's 6 s.
-- Accounts keep their number (account_no = chunk_no * 4096 + place in the chunk); positions are in (account_no,
-- position_no) order, 4,096 to a chunk.

CREATE TABLE set_account_chunk (
    set_id          BIGINT NOT NULL,
    chunk_no        INT    NOT NULL,
    entries         INT    NOT NULL,
    account_ids     VARCHAR(64) ARRAY[4096] NOT NULL,
    margin_modes    VARCHAR(8) ARRAY[4096]  NOT NULL,
    wallet_balances DECFLOAT ARRAY[4096]    NOT NULL,
    PRIMARY KEY (set_id, chunk_no)
);

CREATE TABLE set_position_chunk (
    set_id           BIGINT NOT NULL,
    chunk_no         INT    NOT NULL,
    entries          INT    NOT NULL,
    account_nos      INT ARRAY[4096]      NOT NULL,
    position_nos     INT ARRAY[4096]      NOT NULL,
    market_nos       INT ARRAY[4096]      NOT NULL,
    sides            CHAR(1) ARRAY[4096]  NOT NULL,
    sizes            DECFLOAT ARRAY[4096] NOT NULL,
    entry_prices     DECFLOAT ARRAY[4096] NOT NULL,
    isolated_margins DECFLOAT ARRAY[4096] NOT NULL,
    PRIMARY KEY (set_id, chunk_no)
);

INSERT INTO set_account_chunk
SELECT set_id, account_no / 4096, COUNT(*), ARRAY_AGG(account_id ORDER BY account_no),
       ARRAY_AGG(margin_mode ORDER BY account_no), ARRAY_AGG(wallet_balance ORDER BY account_no)
FROM set_account GROUP BY set_id, account_no / 4096;

INSERT INTO set_position_chunk
SELECT set_id, CAST((n - 1) / 4096 AS INT), COUNT(*), ARRAY_AGG(account_no ORDER BY n), ARRAY_AGG(position_no ORDER BY n),
       ARRAY_AGG(market_no ORDER BY n), ARRAY_AGG(side ORDER BY n), ARRAY_AGG(size ORDER BY n),
       ARRAY_AGG(entry_price ORDER BY n), ARRAY_AGG(isolated_margin ORDER BY n)
FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY set_id ORDER BY account_no, position_no) AS n FROM set_position p)
GROUP BY set_id, CAST((n - 1) / 4096 AS INT);

DROP TABLE set_account;
DROP TABLE set_position;

CREATE VIEW set_account AS
SELECT c.set_id, c.chunk_no * 4096 + CAST(r.X AS INT) AS account_no, c.account_ids[r.X + 1] AS account_id,
       c.margin_modes[r.X + 1] AS margin_mode, c.wallet_balances[r.X + 1] AS wallet_balance
FROM set_account_chunk c JOIN SYSTEM_RANGE(0, 4095) r ON r.X < c.entries;

CREATE VIEW set_position AS
SELECT c.set_id, c.account_nos[r.X + 1] AS account_no, c.position_nos[r.X + 1] AS position_no,
       c.market_nos[r.X + 1] AS market_no, c.sides[r.X + 1] AS side, c.sizes[r.X + 1] AS size,
       c.entry_prices[r.X + 1] AS entry_price, c.isolated_margins[r.X + 1] AS isolated_margin
FROM set_position_chunk c JOIN SYSTEM_RANGE(0, 4095) r ON r.X < c.entries;
