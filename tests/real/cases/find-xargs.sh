# find and xargs: predicates, -exec, -print0 | xargs -0, -size, -newer.
mkdir -p t/a/b t/c "t/with space"
for i in 1 2 3 4 5 6; do seq 1 $((i * 100)) > t/a/f$i.txt; done
cp people.csv t/c/; cp text.txt "t/with space/x y.txt"; ln -s ../c t/a/b/lnk
touch -d '2001-01-01' t/a/f1.txt; touch -d '2002-02-02' t/a/f2.txt
find t | sort
find t -type f -name 'f*.txt' -size +1k | sort
find t -type l -printf '%p -> %l\n'
find t -newer t/a/f1.txt ! -newer t/a/f2.txt -type f
find t -name '*.txt' -print0 | sort -z | xargs -0 wc -l | tail -n 1
find t -type f -name '*.csv' -exec wc -c {} \;
find t -type f -name 'f*' | sort | xargs -n 2 echo pair
find t -maxdepth 1 -mindepth 1 -type d | sort
seq 1 20 | xargs -P 2 -n 5 sh -c 'echo $(( $1 + $2 + $3 + $4 + $5 ))' sh | sort -n
find t -empty -o -name '*.csv' -printf '%f %s\n'
