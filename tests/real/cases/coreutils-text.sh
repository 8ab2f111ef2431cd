# coreutils: cut, paste, join, comm, tr, fold, expand, nl, tac, split.
cut -d, -f1,3 people.csv | head -n 4
cut -c1-12 text.txt | head -n 3
head -n 6 text.txt | nl -ba -w3 -s': '
tac people.csv | head -n 3
printf '1 one\n2 two\n3 three\n' > a.txt; printf '1 uno\n3 tres\n4 cuatro\n' > b.txt
join a.txt b.txt; join -a1 -a2 -e X -o 0,1.2,2.2 a.txt b.txt
comm <(cut -d' ' -f1 a.txt) <(cut -d' ' -f1 b.txt)
paste -s -d+ <(seq 1 10) | tr -d '\n'; echo
head -n 2 text.txt | fold -w 30
printf 'a\tb\tc\n' | expand -t 4 | od -c | head -n 2
split -l 12 text.txt part.; wc -l part.* | tail -n 1; ls part.*
tr -s ' ' < text.txt | tr -d ',.' | tr 'a-y' 'b-z' | head -n 2
