# sqlite3: a table, aggregates, GROUP BY/HAVING, a join, window functions,
# a recursive CTE, JSON functions.
sqlite3 -batch -header -column :memory: <<'SQL'
CREATE TABLE people (name TEXT PRIMARY KEY, city TEXT, age INTEGER, score REAL);
.mode csv
.import --skip 1 people.csv people
.mode column
CREATE TABLE cities (city TEXT, country TEXT);
INSERT INTO cities VALUES ('paris', 'FR'), ('berlin', 'DE'), ('rome', 'IT'),
  ('oslo', 'NO'), ('lima', 'PE'), ('kyiv', 'UA');
SELECT city, COUNT(*) AS n, ROUND(AVG(score), 2) AS avg, MIN(age), MAX(age), SUM(score) AS total
  FROM people GROUP BY city HAVING n > 1 ORDER BY avg DESC;
SELECT p.name, c.country, p.score FROM people p JOIN cities c USING (city)
  WHERE p.age BETWEEN 30 AND 45 ORDER BY c.country, p.name;
SELECT name, score, RANK() OVER (ORDER BY score DESC) AS rank,
  ROUND(AVG(score) OVER (PARTITION BY city), 3) AS city_avg FROM people ORDER BY rank LIMIT 6;
WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 60)
  SELECT n, a FROM fib WHERE n % 10 = 0;
SELECT json_object('n', COUNT(*), 'cities', json_group_array(DISTINCT city)) FROM people;
SELECT printf('%.3f', stddev) FROM (SELECT SQRT(AVG(score * score) - AVG(score) * AVG(score)) AS stddev FROM people);
SELECT group_concat(name, '+') FROM (SELECT name FROM people WHERE city = 'paris' ORDER BY name);
SQL
