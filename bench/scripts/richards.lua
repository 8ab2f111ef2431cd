-- bench/scripts/richards.lua N — the Richards-like scheduler of
-- richards.py, task for task: an idle task drives two devices through two
-- handlers and a worker by passing packets, N rounds; prints the packets
-- queued and the times a task held itself (the same line as richards.py).
local IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 1, 2, 3, 4, 5, 6
local KIND_DEVICE, KIND_WORK = 0, 1

local function packet(link, dest, kind)
  return { link = link, dest = dest, kind = kind, count = 0, data = { 0, 0, 0, 0 } }
end

-- Appends pkt (alone) to the list headed by queue; returns the head.
local function append(pkt, queue)
  pkt.link = nil
  if queue == nil then return pkt end
  local p = queue
  while p.link ~= nil do p = p.link end
  p.link = pkt
  return queue
end

local S = { tasks = {}, order = {}, current = nil, queue_count = 0, hold_count = 0 }

local function add(ident, pri, queue, waiting, fn, state)
  local t = { ident = ident, pri = pri, queue = queue, waiting = waiting, held = false,
              fn = fn, state = state }
  S.tasks[ident] = t
  S.order[#S.order + 1] = t
  table.sort(S.order, function(x, y) return x.pri > y.pri end)
end

local function wait()
  S.current.waiting = true
  return S.current
end

local function hold()
  S.hold_count = S.hold_count + 1
  S.current.held = true
  return nil
end

local function release(ident)
  local t = S.tasks[ident]
  t.held = false
  if t.pri > S.current.pri then return t end
  return S.current
end

local function send(pkt)
  local t = S.tasks[pkt.dest]
  S.queue_count = S.queue_count + 1
  pkt.dest = S.current.ident
  pkt.link = nil
  if t.queue == nil then
    t.queue = pkt
    t.waiting = false
    if t.pri > S.current.pri then return t end
    return S.current
  end
  t.queue = append(pkt, t.queue)
  return S.current
end

local function runnable(t)
  return not t.held and (not t.waiting or t.queue ~= nil)
end

local function run()
  while true do
    local t
    for _, c in ipairs(S.order) do
      if runnable(c) then t = c; break end
    end
    if t == nil then return end
    S.current = t
    local pkt
    if t.waiting or t.queue ~= nil then
      pkt = t.queue
      if pkt ~= nil then t.queue = pkt.link end
      t.waiting = false
    end
    t.fn(pkt)
  end
end

local function idle_fn(pkt)
  local st = S.current.state          -- { lfsr, rounds left }
  st[2] = st[2] - 1
  if st[2] == 0 then return hold() end
  if st[1] & 1 == 0 then
    st[1] = st[1] >> 1
    return release(DEVICE_A)
  end
  st[1] = (st[1] >> 1) ~ 0xD008
  return release(DEVICE_B)
end

local function worker_fn(pkt)
  local st = S.current.state          -- { next handler, next letter }
  if pkt == nil then return wait() end
  st[1] = (st[1] == HANDLER_A) and HANDLER_B or HANDLER_A
  pkt.dest = st[1]
  pkt.count = 0
  for i = 1, 4 do
    st[2] = (st[2] < 26) and st[2] + 1 or 1
    pkt.data[i] = st[2]
  end
  return send(pkt)
end

local function handler_fn(pkt)
  local st = S.current.state          -- { work packets, device packets }
  if pkt ~= nil then
    if pkt.kind == KIND_WORK then st.work = append(pkt, st.work)
    else st.dev = append(pkt, st.dev) end
  end
  local work = st.work
  if work ~= nil then
    if work.count >= 4 then
      st.work = work.link
      return send(work)
    end
    local dev = st.dev
    if dev ~= nil then
      st.dev = dev.link
      dev.count = work.data[work.count + 1]
      work.count = work.count + 1
      return send(dev)
    end
  end
  return wait()
end

local function device_fn(pkt)
  local st = S.current.state          -- { packet being "transferred" }
  if pkt == nil then
    if st.busy == nil then return wait() end
    local done = st.busy
    st.busy = nil
    return send(done)
  end
  st.busy = pkt
  return hold()
end

local n = tonumber(arg and arg[1]) or 10000
add(IDLE, 0, nil, false, idle_fn, { 1, n })
add(WORKER, 1000, packet(packet(nil, WORKER, KIND_WORK), WORKER, KIND_WORK), true,
    worker_fn, { HANDLER_A, 0 })
for _, h in ipairs({ { HANDLER_A, DEVICE_A, 2000 }, { HANDLER_B, DEVICE_B, 3000 } }) do
  local q = packet(packet(packet(nil, h[2], KIND_DEVICE), h[2], KIND_DEVICE), h[2], KIND_DEVICE)
  add(h[1], h[3], q, true, handler_fn, {})
end
add(DEVICE_A, 4000, nil, true, device_fn, {})
add(DEVICE_B, 5000, nil, true, device_fn, {})
run()
print(string.format("queued %d held %d", S.queue_count, S.hold_count))
