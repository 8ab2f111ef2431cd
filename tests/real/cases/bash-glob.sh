# bash: globbing, brace expansion, extglob, nullglob, sorted file names.
mkdir -p g && cd g || exit 1
touch a1.txt a2.txt b1.txt c.log d.LOG .hidden {x,y,z}{1..3}.dat
echo *.txt
echo [ab]?.txt
echo {1..5} {a..e} {01..10..3} {z..t..2}
echo ?.* | tr ' ' '\n' | sort | tr '\n' ' '; echo
shopt -s extglob nocaseglob nullglob
echo !(*.dat)
echo *.log
echo +(x|y)2.dat
echo nothing*.here
shopt -s dotglob; echo .h*
