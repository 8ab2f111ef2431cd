# python3: regular expressions — groups, named groups, sub with functions.
python3 - <<'PY'
import re
text = open("text.txt").read()
words = re.findall(r"\b[a-z]{7,}\b", text)
print(len(words), sorted(set(words))[:10])
for m in re.finditer(r"(?P<first>\w+) (?P<noun>mill|river|bridge)\b", text):
    if m.start() < 900:
        print(m.start(), m.group("first"), m.group("noun"))
print(re.sub(r"\b(\w)(\w*)", lambda m: m.group(1).upper() + m.group(2), "the river runs past"))
print(re.split(r"[,.;]\s*", "one, two. three; four"))
pat = re.compile(r"^(\w+),(\w+),(\d+),([\d.]+)$", re.M)
print([(m[1], float(m[4])) for m in pat.finditer(open("people.csv").read()) if int(m[3]) > 40])
print(re.fullmatch(r"(?i)HELLO\s+(world|there)", "hello   There").groups())
print(re.subn(r"(?<=\d)(?=(\d{3})+$)", ",", "12345678"))
PY
