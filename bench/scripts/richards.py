# bench/scripts/richards.py N — a Richards-like operating-system
# scheduler simulation, N rounds of an idle task driving two devices
# through two handlers and a worker by passing packets; prints the number
# of packets queued and of times a task held itself, which depend on every
# scheduling decision.
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1


class Packet:
    __slots__ = ("link", "dest", "kind", "count", "data")

    def __init__(self, link, dest, kind):
        self.link, self.dest, self.kind = link, dest, kind
        self.count = 0
        self.data = [0] * 4


def append(pkt, queue):
    """Appends pkt (alone) to the list headed by queue; returns the head."""
    pkt.link = None
    if queue is None:
        return pkt
    p = queue
    while p.link is not None:
        p = p.link
    p.link = pkt
    return queue


class Task:
    __slots__ = ("ident", "pri", "queue", "waiting", "held", "fn", "state", "link")

    def __init__(self, ident, pri, queue, waiting, fn, state):
        self.ident, self.pri, self.queue = ident, pri, queue
        self.waiting, self.held = waiting, False
        self.fn, self.state = fn, state
        self.link = None

    def runnable(self):
        return not self.held and (not self.waiting or self.queue is not None)


class Scheduler:
    def __init__(self):
        self.tasks = [None] * 6
        self.order = []          # by decreasing priority
        self.current = None
        self.queue_count = 0
        self.hold_count = 0

    def add(self, task):
        self.tasks[task.ident] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.pri)

    # --- what a task may do; each returns the task to run next -----------
    def wait(self):
        self.current.waiting = True
        return self.current

    def hold(self):
        self.hold_count += 1
        self.current.held = True
        return None

    def release(self, ident):
        t = self.tasks[ident]
        t.held = False
        return t if t.pri > self.current.pri else self.current

    def send(self, pkt):
        t = self.tasks[pkt.dest]
        self.queue_count += 1
        pkt.dest = self.current.ident
        pkt.link = None
        if t.queue is None:
            t.queue = pkt
            t.waiting = False
            return t if t.pri > self.current.pri else self.current
        t.queue = append(pkt, t.queue)
        return self.current

    def run(self):
        while True:
            t = next((t for t in self.order if t.runnable()), None)
            if t is None:
                return
            self.current = t
            pkt = None
            if t.waiting or t.queue is not None:
                pkt = t.queue
                if pkt is not None:
                    t.queue = pkt.link
                t.waiting = False
            t.fn(self, pkt)


# --- the tasks; state is a small list each owns ---------------------------
def idle_fn(s, pkt):
    st = s.current.state              # [lfsr, rounds left]
    st[1] -= 1
    if st[1] == 0:
        return s.hold()
    if st[0] & 1 == 0:
        st[0] >>= 1
        return s.release(DEVICE_A)
    st[0] = (st[0] >> 1) ^ 0xD008
    return s.release(DEVICE_B)


def worker_fn(s, pkt):
    st = s.current.state              # [next handler, next letter]
    if pkt is None:
        return s.wait()
    st[0] = HANDLER_B if st[0] == HANDLER_A else HANDLER_A
    pkt.dest = st[0]
    pkt.count = 0
    for i in range(4):
        st[1] = st[1] + 1 if st[1] < 26 else 1
        pkt.data[i] = st[1]
    return s.send(pkt)


def handler_fn(s, pkt):
    st = s.current.state              # [work packets, device packets]
    if pkt is not None:
        if pkt.kind == KIND_WORK:
            st[0] = append(pkt, st[0])
        else:
            st[1] = append(pkt, st[1])
    work = st[0]
    if work is not None:
        if work.count >= 4:
            st[0] = work.link
            return s.send(work)
        dev = st[1]
        if dev is not None:
            st[1] = dev.link
            dev.count = work.data[work.count]
            work.count += 1
            return s.send(dev)
    return s.wait()


def device_fn(s, pkt):
    st = s.current.state              # [packet being "transferred"]
    if pkt is None:
        if st[0] is None:
            return s.wait()
        done, st[0] = st[0], None
        return s.send(done)
    st[0] = pkt
    return s.hold()


def bench(rounds):
    s = Scheduler()
    s.add(Task(IDLE, 0, None, False, idle_fn, [1, rounds]))
    wq = Packet(None, WORKER, KIND_WORK)
    wq = Packet(wq, WORKER, KIND_WORK)
    s.add(Task(WORKER, 1000, wq, True, worker_fn, [HANDLER_A, 0]))
    for ident, dev, pri in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        q = Packet(None, dev, KIND_DEVICE)
        q = Packet(q, dev, KIND_DEVICE)
        q = Packet(q, dev, KIND_DEVICE)
        s.add(Task(ident, pri, q, True, handler_fn, [None, None]))
    s.add(Task(DEVICE_A, 4000, None, True, device_fn, [None]))
    s.add(Task(DEVICE_B, 5000, None, True, device_fn, [None]))
    s.run()
    return s.queue_count, s.hold_count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    q, h = bench(n)
    print("queued %d held %d" % (q, h))


main()
