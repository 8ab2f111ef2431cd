-- bench/scripts/sqlite.sql — sqlite3 work on a database generated in
-- memory: bulk inserts from recursive CTEs, two indexes, joins, grouped
-- aggregates, an update and a delete through the indexes, a correlated
-- subquery.  The size comes from the table p(n) (orders), which the
-- command line creates first:
--     sqlite3 :memory: "CREATE TEMP TABLE p AS SELECT 200000 AS n;" ".read sqlite.sql"
-- Every query has an ORDER BY on unique keys or returns one row, so the
-- output is the same on every host (floats are printed with round()).
CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, region INTEGER, since INTEGER);
CREATE TABLE orders(id INTEGER PRIMARY KEY, cust INTEGER, amount INTEGER, item TEXT, day INTEGER);

BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < (SELECT n / 10 FROM p))
INSERT INTO customers SELECT i, 'cust' || i, i % 17, 2000 + i % 25 FROM c;
WITH RECURSIVE c(i, s) AS (
    SELECT 1, 12345
    UNION ALL
    SELECT i + 1, (s * 1103515245 + 12345) % 2147483648 FROM c WHERE i < (SELECT n FROM p))
INSERT INTO orders
SELECT i, (s >> 8) % (SELECT n / 10 FROM p) + 1, (s >> 4) % 1000, 'item' || ((s >> 12) % 5000), (s >> 16) % 365 FROM c;
COMMIT;

CREATE INDEX orders_cust ON orders(cust);
CREATE INDEX orders_item ON orders(item, amount);

SELECT 'regions';
SELECT c.region, count(*), sum(o.amount), round(avg(o.amount), 3)
FROM orders o JOIN customers c ON c.id = o.cust
GROUP BY c.region ORDER BY c.region;

SELECT 'top items';
SELECT item, count(*) AS k, max(amount) FROM orders GROUP BY item ORDER BY k DESC, item LIMIT 10;

SELECT 'best customers of region 3';
SELECT c.name, sum(o.amount) AS t FROM customers c JOIN orders o ON o.cust = c.id
WHERE c.region = 3 GROUP BY c.id ORDER BY t DESC, c.id LIMIT 5;

SELECT 'busy days';
SELECT day, count(*) FROM orders WHERE item BETWEEN 'item100' AND 'item200'
GROUP BY day ORDER BY count(*) DESC, day LIMIT 5;

UPDATE orders SET amount = amount + 1 WHERE cust % 7 = 0;
DELETE FROM orders WHERE amount < 10;

SELECT 'customers above their region average';
SELECT count(*) FROM customers c
WHERE (SELECT sum(amount) FROM orders WHERE cust = c.id) >
      (SELECT avg(t) FROM (SELECT sum(o.amount) AS t FROM orders o JOIN customers d ON d.id = o.cust
                           WHERE d.region = c.region GROUP BY o.cust))
  AND c.id % 1000 = 0;

SELECT 'totals';
SELECT count(*), sum(amount), count(DISTINCT cust), count(DISTINCT item) FROM orders;
