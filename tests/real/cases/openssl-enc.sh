# openssl enc: AES and ChaCha20 round trips with a fixed salt (so the
# ciphertext itself is compared), base64, PBKDF2 key derivation.
pass='pass:correct horse battery staple'
for c in aes-256-cbc aes-128-ctr chacha20 aes-192-cfb; do
    openssl enc -$c -pbkdf2 -iter 1000 -S 0102030405060708 -pass "$pass" -in text.txt -out t.enc
    printf '%s ' $c; md5sum < t.enc
    openssl enc -d -$c -pbkdf2 -iter 1000 -S 0102030405060708 -pass "$pass" -in t.enc | cmp - text.txt && echo "$c round trip ok"
done
openssl enc -aes-256-cbc -K 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f \
    -iv 0f0e0d0c0b0a09080706050403020100 -in people.csv | openssl base64 | tail -n 2
openssl enc -base64 -in hello.c | openssl enc -d -base64 | cmp - hello.c && echo base64 ok
openssl enc -d -aes-256-cbc -pbkdf2 -iter 1000 -S 0102030405060708 -pass pass:wrong -in t.enc > /dev/null 2>&1; echo "wrong password status $?"
openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:password -kdfopt salt:salt -kdfopt iter:2000 PBKDF2
openssl prime 2305843009213693951 | sed 's/ .*(/ (/'
