# python3: threads — a pool of workers, a lock, a queue, an event; the
# results are independent of scheduling.
python3 - <<'PY'
import concurrent.futures, hashlib, queue, threading
def work(n):
    h = hashlib.sha256()
    for i in range(n * 200):
        h.update(str(i).encode())
    return n, h.hexdigest()[:16]
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
    for n, d in sorted(ex.map(work, range(1, 9))):
        print(n, d)
total = 0
lock = threading.Lock()
def add(k):
    global total
    for _ in range(2000):
        with lock:
            total += k
ts = [threading.Thread(target=add, args=(k,)) for k in range(1, 6)]
for t in ts: t.start()
for t in ts: t.join()
print("total", total)
q = queue.Queue(); out = []
def consumer():
    while (item := q.get()) is not None:
        out.append(item * item)
c = threading.Thread(target=consumer); c.start()
for i in range(100): q.put(i)
q.put(None); c.join()
print("squares", sum(out), len(out))
ev = threading.Event(); seen = []
def waiter(): ev.wait(); seen.append(threading.current_thread().name)
ws = [threading.Thread(target=waiter, name=f"w{i}") for i in range(3)]
for w in ws: w.start()
ev.set()
for w in ws: w.join()
print(sorted(seen), threading.active_count())
PY
