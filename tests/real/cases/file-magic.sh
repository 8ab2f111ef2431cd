# file (libmagic): types of text, archives, compressed data, scripts.
gzip -n -c text.txt > t.gz; bzip2 -c text.txt > t.bz2; xz -c text.txt > t.xz
tar --owner=0 --group=0 --mtime=2020-01-01 -cf t.tar people.csv
printf '#!/bin/sh\necho hi\n' > s.sh
printf '\x89PNG\r\n\x1a\n' > p.png
printf '%s\n' '{"a": 1}' > j.json
file -b text.txt people.csv hello.c t.gz t.bz2 t.xz t.tar s.sh j.json
file -b --mime-type text.txt t.gz t.tar hello.c
file -b - < t.xz
