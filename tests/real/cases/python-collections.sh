# python3: Counter on the text, itertools, functools, sorting with keys.
python3 - <<'PY'
import collections, functools, itertools, re
words = re.findall(r"[a-z]+", open("text.txt").read().lower())
c = collections.Counter(words)
print(sorted(c.most_common(12), key=lambda kv: (-kv[1], kv[0])))
print(len(words), len(c), sum(1 for w in c if c[w] == 1))
by_len = collections.defaultdict(list)
for w in sorted(c): by_len[len(w)].append(w)
print({k: len(v) for k, v in sorted(by_len.items())})
print(list(itertools.permutations("abc", 2))[:5], list(itertools.combinations(range(5), 3))[-2:])
print([(k, len(list(g))) for k, g in itertools.groupby(sorted(words, key=len), key=len)][:6])
print(list(itertools.accumulate(range(1, 11), lambda a, b: a * b)))
@functools.lru_cache(maxsize=None)
def ways(n, k): return 1 if n == 0 else 0 if n < 0 or k == 0 else ways(n - k, k) + ways(n, k - 1)
print(ways(100, 100), ways.cache_info().currsize)
d = collections.OrderedDict.fromkeys("mississippi"); print("".join(d))
dq = collections.deque(range(10), maxlen=5); dq.rotate(2); print(list(dq))
Point = collections.namedtuple("Point", "x y"); print(Point(1, 2)._replace(y=5))
print(functools.reduce(lambda a, b: a ^ b, range(1000)))
PY
