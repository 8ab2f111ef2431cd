# tar: deterministic archives (fixed owner, mtime, order), list, extract,
# compressed variants through gzip, bzip2 and xz.
mkdir -p src/sub && cp text.txt people.csv src/ && cp hello.c src/sub/ && ln -s ../text.txt src/sub/link
opts='--sort=name --owner=0 --group=0 --numeric-owner --mtime=2020-01-01 --format=gnu'
tar $opts -cf a.tar src
md5sum < a.tar
tar -tvf a.tar
tar $opts -czf a.tgz src; tar -tzf a.tgz | wc -l
tar $opts -cjf a.tbz src; tar $opts -cJf a.txz src
mkdir out && tar -xJf a.txz -C out && diff -r src out/src && echo xz extract same
tar -xjf a.tbz -O src/people.csv | tail -n 1
tar -xzf a.tgz src/sub/hello.c && cmp src/sub/hello.c hello.c && echo gz member same
