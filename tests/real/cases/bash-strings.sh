# bash: parameter expansion, case conversion, printf -v, regex matching.
p=/usr/local/lib/libexample.so.1.2.3
echo "${#p} ${p##*/} ${p%/*} ${p#/usr} ${p%%.*} ${p/lib/LIB} ${p//lib/_}"
s="Hello, World"
echo "${s^^} ${s,,} ${s:7} ${s:0:5} ${s: -3}"
unset u; echo "[${u:-default}] [${u:=assigned}] [$u] [${s:+set}]"
printf -v line '%-8s|%6.2f|%05d|%x' name 3.14159 42 255
echo "$line"
if [[ "abc-123-xyz" =~ ^([a-z]+)-([0-9]+)- ]]; then
    echo "match ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
fi
for w in alpha beta gamma; do echo -n "${w:0:1}"; done; echo
printf '%s\n' "${s// /_}" "${s/#Hello/Bye}" "${s/%World/All}"
