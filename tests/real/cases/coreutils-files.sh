# coreutils: directories, copies, links, permissions, stat, ls -l, du.
mkdir -p tree/a/b/c && echo data > tree/a/b/c/file
cp -r tree copy && ln -s ../file copy/a/b/link && ln tree/a/b/c/file hard
mv copy/a/b/c copy/a/b/d
ls -R copy
readlink copy/a/b/link; readlink -f hard | sed 's|.*/||'
chmod 640 hard; stat -c '%a %h %s %F' hard tree/a/b/c/file
touch -d '2021-03-04 05:06:07' hard
ls -l --time-style=full-iso hard | awk '{ print $1, $2, $5, $6, $7 }'
stat -c '%y' hard
truncate -s 10000 big; du --apparent-size -k big; stat -c %s big
rm -r copy; ls
install -m 755 hard inst; stat -c '%a' inst
mktemp -d -p . tmp.XXXX | sed 's/XXXX/ok/; s/tmp\..*/made/'
df -P . > /dev/null && echo df ok
