# python3: hashlib, hmac, zlib, base64, struct, binascii on the data files.
python3 - <<'PY'
import base64, binascii, hashlib, hmac, struct, zlib
data = open("text.txt", "rb").read()
for name in ("md5", "sha1", "sha256", "sha512", "sha3_256", "blake2b", "blake2s"):
    print(name, hashlib.new(name, data).hexdigest()[:32])
print("shake", hashlib.shake_128(data).hexdigest(16))
print("hmac", hmac.new(b"key", data, "sha256").hexdigest())
print("pbkdf2", hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000).hex())
print("crc32", zlib.crc32(data), "adler", zlib.adler32(data))
c = zlib.compress(data, 9)
print("zlib", len(c), zlib.decompress(c) == data)
print(base64.b64encode(data[:30]).decode(), base64.b32encode(b"tern").decode())
print(binascii.hexlify(struct.pack("<iHqd", -2, 65535, 2**40, 1.5)).decode())
print(struct.unpack(">IhQ", bytes(range(14))))
PY
