# lua5.4: integer and float arithmetic, string.pack, utf8, table functions.
lua5.4 - <<'LUA'
print(string.format("%.14g %.14g %.14g", math.sin(1), math.exp(1), math.sqrt(2)))
print(math.fmod(-7, 3), -7 % 3, -7 // 3, 7 >> 1, 1 << 62, ~0, 0x7fffffffffffffff * 2)
print(math.tointeger(3.0), math.floor(-2.5), math.ceil(-2.5), math.abs(math.mininteger), math.ult(1, -1))
print(string.pack("<i4", -2):byte(1, -1))
print(string.unpack(">I2 i8 d", string.pack(">I2 i8 d", 65535, -1, 0.5)))
print(utf8.char(72, 228, 8364, 128512), utf8.len("h\u{e4}\u{20ac}"))
local t = {}
for i = 1, 20 do t[#t + 1] = (i * 7919) % 31 end
table.sort(t); print(table.concat(t, ","))
print(table.unpack({ 1, 2, 3 }, 2))
local s = 0; for i = 1, 1000000 do s = s + i % 7 end; print(s)
print(tostring(1e15), tostring(1e16), 2^53, 3 / 0, -3 / 0, 0/0 ~= 0/0)
LUA
