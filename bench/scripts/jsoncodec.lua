-- bench/scripts/jsoncodec.lua N — JSON encode and decode in plain Lua (a
-- small encoder with sorted keys and a recursive-descent decoder written
-- here): builds N records from a fixed LCG, then 5 rounds of encode /
-- decode; prints the text's length, an Adler-32-like checksum of it and a
-- sum over the decoded values.  Lua has no null in tables, so null is the
-- sentinel NULL; arrays and objects are told apart by a marker field.
local NULL = setmetatable({}, { __tostring = function() return "null" end })
local ARRAY = {}                      -- key marking a table as a JSON array

local seed = 12345
local function rnd(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed >> 16) % m
end

local WORDS = { "alpha", "beta", "gamma", "delta", "tab\there", "quote\"d", "back\\slash",
                "line\nbreak", "caf\u{e9}", "\u{65e5}\u{672c}", "z\u{fc}rich", "omega" }

local function array(t) t[ARRAY] = true; return t end

local function record(i)
  local tags = array({})
  for k = 1, rnd(5) do tags[k] = WORDS[rnd(#WORDS) + 1] end
  local history = array({})
  for k = 1, rnd(4) do history[k] = array({ rnd(100), rnd(100) / 8.0 }) end
  return { id = i, name = WORDS[rnd(#WORDS) + 1] .. rnd(1000), active = rnd(2) == 1,
           score = rnd(1000000) / 1000.0, tags = tags,
           pos = { x = rnd(2000) - 1000, y = rnd(2000) - 1000, z = NULL },
           history = history }
end

-- --- encoder -------------------------------------------------------------
local ESC = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\t'] = '\\t',
              ['\r'] = '\\r', ['\b'] = '\\b', ['\f'] = '\\f' }

local encode
local function encode_string(s, out)
  out[#out + 1] = '"' .. s:gsub('[%c"\\]', function(c)
    return ESC[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

function encode(v, out)
  local t = type(v)
  if v == NULL then out[#out + 1] = "null"
  elseif t == "boolean" then out[#out + 1] = v and "true" or "false"
  elseif math.type(v) == "integer" then out[#out + 1] = string.format("%d", v)
  elseif t == "number" then out[#out + 1] = string.format("%.17g", v)
  elseif t == "string" then encode_string(v, out)
  elseif v[ARRAY] then
    out[#out + 1] = "["
    for i = 1, #v do
      if i > 1 then out[#out + 1] = "," end
      encode(v[i], out)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      encode_string(k, out)
      out[#out + 1] = ":"
      encode(v[k], out)
    end
    out[#out + 1] = "}"
  end
end

-- --- decoder -------------------------------------------------------------
local UNESC = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', n = '\n', t = '\t', r = '\r',
                b = '\b', f = '\f' }

local decode_value
local function skip(s, i) return s:find("[^ \t\r\n]", i) end

local function decode_string(s, i)       -- s:sub(i, i) == '"'
  local parts, j = {}, i + 1
  while true do
    local k = s:find('["\\]', j)
    parts[#parts + 1] = s:sub(j, k - 1)
    if s:sub(k, k) == '"' then return table.concat(parts), k + 1 end
    local e = s:sub(k + 1, k + 1)
    if e == "u" then
      parts[#parts + 1] = utf8.char(tonumber(s:sub(k + 2, k + 5), 16))
      j = k + 6
    else
      parts[#parts + 1] = UNESC[e]
      j = k + 2
    end
  end
end

function decode_value(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local obj = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then return obj, i + 1 end
    while true do
      local k
      k, i = decode_string(s, skip(s, i))
      i = skip(s, i) + 1                    -- the ':'
      obj[k], i = decode_value(s, i)
      i = skip(s, i)
      if s:sub(i, i) == "}" then return obj, i + 1 end
      i = i + 1                             -- the ','
    end
  elseif c == "[" then
    local arr = array({})
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return arr, i + 1 end
    while true do
      arr[#arr + 1], i = decode_value(s, i)
      i = skip(s, i)
      if s:sub(i, i) == "]" then return arr, i + 1 end
      i = i + 1
    end
  elseif c == '"' then return decode_string(s, i)
  elseif s:sub(i, i + 3) == "true" then return true, i + 4
  elseif s:sub(i, i + 4) == "false" then return false, i + 5
  elseif s:sub(i, i + 3) == "null" then return NULL, i + 4
  end
  local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  return math.tointeger(tonumber(num)) or tonumber(num), i + #num
end

local function total(doc)
  local sum = 0.0
  for _, r in ipairs(doc.records) do
    sum = sum + r.id + r.score + r.pos.x - r.pos.y + #r.tags
    for _, h in ipairs(r.history) do sum = sum + h[1] * h[2] end
  end
  return sum
end

local function checksum(s)
  local a, b = 1, 0
  for i = 1, #s do
    a = (a + s:byte(i)) % 65521
    b = (b + a) % 65521
  end
  return (b << 16) | a
end

local n = tonumber(arg and arg[1]) or 1000
local records = array({})
for i = 0, n - 1 do records[i + 1] = record(i) end
local doc, text = { version = 1, records = records }, nil
for _ = 1, 5 do
  local out = {}
  encode(doc, out)
  text = table.concat(out)
  doc = decode_value(text, 1)
end
print(string.format("%d %08x %.3f", #text, checksum(text), total(doc)))
