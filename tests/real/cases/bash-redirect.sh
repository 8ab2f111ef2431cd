# bash: file descriptors, exec redirections, stderr ordering, noclobber.
exec 3> fd3.txt
echo "to fd 3" >&3
echo "more" >&3
exec 3>&-
cat fd3.txt
{ echo out; echo err >&2; } 2>&1 | sort
ls nonexistent-file 2> err.txt; echo "ls status $?"; cat err.txt
set -o noclobber
echo first > once.txt
( echo second > once.txt ) 2> /dev/null || echo "noclobber refused"
echo forced >| once.txt; cat once.txt
exec 4< people.csv
read -r header <&4; read -r first <&4
echo "$header / $first"
exec 4<&-
echo appended >> once.txt; wc -l < once.txt
