-- bench/scripts/nbody.lua N — n-body simulation of the sun and four outer
-- planets, N steps of 0.01 days; prints the energy before and after with 9
-- decimals (the same digits as nbody.py: IEEE double arithmetic and sqrt
-- are exact everywhere).
local sqrt = math.sqrt
local PI = 3.141592653589793
local SOLAR_MASS = 4 * PI * PI
local DAYS_PER_YEAR = 365.24

local function body(x, y, z, vx, vy, vz, m)
  return { x = x, y = y, z = z, vx = vx * DAYS_PER_YEAR, vy = vy * DAYS_PER_YEAR,
           vz = vz * DAYS_PER_YEAR, m = m * SOLAR_MASS }
end

local bodies = {
  body(0, 0, 0, 0, 0, 0, 1),
  body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
       1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
       9.54791938424326609e-04),
  body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
       -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
       2.85885980666130812e-04),
  body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
       2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
       4.36624404335156298e-05),
  body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
       2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
       5.15138902046611451e-05),
}

local function offset_momentum(bs)
  local px, py, pz = 0.0, 0.0, 0.0
  for _, b in ipairs(bs) do
    px = px + b.vx * b.m
    py = py + b.vy * b.m
    pz = pz + b.vz * b.m
  end
  bs[1].vx = -px / SOLAR_MASS
  bs[1].vy = -py / SOLAR_MASS
  bs[1].vz = -pz / SOLAR_MASS
end

local function energy(bs)
  local e = 0.0
  for i = 1, #bs do
    local a = bs[i]
    e = e + 0.5 * a.m * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz)
    for j = i + 1, #bs do
      local b = bs[j]
      local dx, dy, dz = a.x - b.x, a.y - b.y, a.z - b.z
      e = e - a.m * b.m / sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

local function advance(bs, dt, steps)
  local n = #bs
  for _ = 1, steps do
    for i = 1, n do
      local a = bs[i]
      for j = i + 1, n do
        local b = bs[j]
        local dx, dy, dz = a.x - b.x, a.y - b.y, a.z - b.z
        local d2 = dx * dx + dy * dy + dz * dz
        local mag = dt / (d2 * sqrt(d2))
        local bm, am = b.m * mag, a.m * mag
        a.vx, a.vy, a.vz = a.vx - dx * bm, a.vy - dy * bm, a.vz - dz * bm
        b.vx, b.vy, b.vz = b.vx + dx * am, b.vy + dy * am, b.vz + dz * am
      end
    end
    for i = 1, n do
      local b = bs[i]
      b.x, b.y, b.z = b.x + dt * b.vx, b.y + dt * b.vy, b.z + dt * b.vz
    end
  end
end

local n = tonumber(arg and arg[1]) or 1000
offset_momentum(bodies)
print(string.format("%.9f", energy(bodies)))
advance(bodies, 0.01, n)
print(string.format("%.9f", energy(bodies)))
