# python3: json round trips, sorting, nested structures, errors.
python3 - <<'PY'
import json
with open("people.csv") as f:
    rows = [line.rstrip("\n").split(",") for line in f]
head, body = rows[0], rows[1:]
people = [dict(zip(head, r)) for r in body]
for p in people:
    p["age"] = int(p["age"]); p["score"] = float(p["score"])
by_city = {}
for p in people:
    by_city.setdefault(p["city"], []).append(p["name"])
doc = {"count": len(people), "cities": by_city, "oldest": max(people, key=lambda p: p["age"]),
       "floats": [0.1 + 0.2, 1e-7, 2.5e300, -0.0], "unicode": "caf\u00e9 \u2603", "nested": [[1, [2, [3]]]]}
text = json.dumps(doc, sort_keys=True, indent=2)
print(text)
back = json.loads(text)
print(back == doc, json.dumps(back["floats"]), json.dumps(doc["unicode"], ensure_ascii=False))
try:
    json.loads('{"a": [1, 2,]}')
except json.JSONDecodeError as e:
    print("error:", e.msg, e.lineno, e.colno)
PY
