-- bench/scripts/fannkuch.lua N — fannkuch-redux over the permutations of
-- 1..N: flip the prefix named by the first element until it is 1; prints
-- the alternating-sign checksum of the flip counts and the largest count
-- (the same as fannkuch.py).
local function fannkuch(n)
  local perm1, perm, count = {}, {}, {}
  for i = 0, n - 1 do perm1[i] = i end
  local checksum, max_flips, sign, r = 0, 0, 1, n
  while true do
    while r ~= 1 do count[r - 1] = r; r = r - 1 end
    for i = 0, n - 1 do perm[i] = perm1[i] end
    local flips, k = 0, perm[0]
    while k ~= 0 do
      local i, j = 0, k
      while i < j do perm[i], perm[j] = perm[j], perm[i]; i = i + 1; j = j - 1 end
      flips = flips + 1
      k = perm[0]
    end
    if flips > max_flips then max_flips = flips end
    checksum = checksum + sign * flips
    sign = -sign
    -- the next permutation: rotate the first r+1 elements until a counter
    -- has not run out
    while true do
      if r == n then return checksum, max_flips end
      local first = perm1[0]
      for i = 0, r - 1 do perm1[i] = perm1[i + 1] end
      perm1[r] = first
      count[r] = count[r] - 1
      if count[r] > 0 then break end
      r = r + 1
    end
  end
end

local n = tonumber(arg and arg[1]) or 7
local checksum, flips = fannkuch(n)
print(string.format("%d\nPfannkuchen(%d) = %d", checksum, n, flips))
