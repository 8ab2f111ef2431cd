# diffutils: unified and context diffs, directory diff, cmp, diff3, sdiff.
sed 's/river/stream/; 20d; 30a\
an added line' text.txt > changed.txt
diff -u --label old --label new text.txt changed.txt; echo "status $?"
diff -c --label old --label new people.csv <(sed '3s/27/28/' people.csv)
diff -q text.txt changed.txt
mkdir -p d1 d2; cp people.csv hello.c d1; cp people.csv d2; echo x > d2/extra
diff -r d1 d2; echo "status $?"
cmp text.txt changed.txt; echo "status $?"
cmp -l people.csv <(sed 's/bob/rob/' people.csv)
printf 'a\nb\nc\n' > o; printf 'a\nB\nc\n' > m; printf 'a\nb\nC\n' > y
diff3 -m m o y; echo "status $?"
sdiff -w 40 o m; echo "status $?"
diff <(seq 1 5) <(seq 1 5) && echo identical
