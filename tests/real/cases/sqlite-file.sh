# sqlite3: an on-disk database (journal, fsync, locking), indexes, a
# transaction rolled back, .dump, integrity_check, an error exit status.
sqlite3 test.db 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, n INTEGER);'
seq 1 2000 | awk '{ printf "INSERT INTO t (v, n) VALUES (%c%x%c, %d);\n", 39, $1 * 2654435761 % 65536, 39, $1 % 17 }' > ins.sql
( echo 'BEGIN;'; cat ins.sql; echo 'COMMIT;' ) | sqlite3 test.db
sqlite3 test.db 'CREATE INDEX tn ON t(n); SELECT n, COUNT(*), MIN(v) FROM t GROUP BY n ORDER BY n LIMIT 5;'
sqlite3 test.db 'BEGIN; DELETE FROM t; ROLLBACK; SELECT COUNT(*) FROM t;'
sqlite3 test.db 'PRAGMA journal_mode=WAL; INSERT INTO t (v, n) VALUES ("wal", 99); SELECT COUNT(*), SUM(n) FROM t;'
sqlite3 test.db 'PRAGMA integrity_check; EXPLAIN QUERY PLAN SELECT * FROM t WHERE n = 3;' | sed 's/^[^A-Za-z]*//'
sqlite3 test.db '.dump' | head -n 4
sqlite3 test.db 'SELECT * FROM nosuchtable;' 2>&1; echo "status $?"
