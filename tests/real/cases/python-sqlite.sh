# python3: the sqlite3 module, csv module, tempfile and os.walk.
python3 - <<'PY'
import csv, os, sqlite3, tempfile
con = sqlite3.connect(":memory:")
con.execute("create table p (name text, city text, age int, score real)")
with open("people.csv", newline="") as f:
    r = csv.DictReader(f)
    con.executemany("insert into p values (:name, :city, :age, :score)", r)
for row in con.execute("select city, count(*), round(avg(score), 3), max(age) from p group by city order by city"):
    print(row)
print(con.execute("select name from p where score > (select avg(score) from p) order by name").fetchall())
with tempfile.TemporaryDirectory(dir=".") as d:
    for i in range(3):
        os.makedirs(os.path.join(d, f"sub{i}", "deeper"))
        open(os.path.join(d, f"sub{i}", "f.txt"), "w").write("x" * i)
    print(sorted((os.path.relpath(root, d), sorted(files)) for root, dirs, files in os.walk(d)))
print(os.path.exists("nope"), os.getcwd() == os.path.realpath("."), os.path.getsize("people.csv"))
PY
