# lua5.4: tables, string patterns, closures, metatables, coroutines, errors.
cat > prog.lua <<'LUA'
local words, count = {}, 0
for line in io.lines("text.txt") do
  for w in line:gmatch("%a+") do
    w = w:lower(); count = count + 1
    words[w] = (words[w] or 0) + 1
  end
end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys, function(a, b) if words[a] ~= words[b] then return words[a] > words[b] end return a < b end)
for i = 1, 8 do io.write(keys[i], "=", words[keys[i]], " ") end
print(count, #keys)
local function counter() local n = 0; return function() n = n + 1; return n end end
local c1, c2 = counter(), counter(); c1(); c1()
print(c1(), c2())
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, V) end
V.__tostring = function(v) return string.format("(%g, %g)", v.x, v.y) end
local v = setmetatable({ x = 1, y = 2 }, V) + setmetatable({ x = 0.5, y = -4 }, V)
print(tostring(v))
local co = coroutine.create(function(a) for i = 1, 3 do a = coroutine.yield(a * i) end return "done" end)
for _, arg in ipairs({ 10, 20, 30, 40 }) do print(coroutine.resume(co, arg)) end
local ok, e = pcall(function() error({ code = 7 }) end); print(ok, e.code)
print(select(2, pcall(error, "message", 0)))
print(("hello world from lua"):gsub("(%w+)", "<%1>"))
print(string.format("%5.2f|%-5d|%q|%x", math.pi, 42, "a\nb", 255))
print(#"length", ("x"):rep(5, ","), ("Lua"):byte(1, -1))
LUA
lua5.4 prog.lua
lua5.4 -e 'print(_VERSION, math.type(1), math.type(1.0), 7 // 2, 7.0 // 2, 2^10, 10 / 4, math.maxinteger + 1 == math.mininteger)'
