# openssl: message digests of the data files and of piped data, HMAC.
openssl dgst -sha256 text.txt people.csv
openssl dgst -sha512 text.txt
openssl dgst -md5 -r text.txt hello.c
openssl dgst -sha1 -sha3-256 people.csv 2>&1 | head -n 1
openssl dgst -sha3-256 people.csv
openssl dgst -blake2b512 text.txt
seq 1 100000 | openssl dgst -sha384
openssl dgst -sha256 -hmac 'secret key' text.txt
openssl sha256 -binary people.csv | openssl base64
openssl md5 < /dev/null
