# python3: subprocess — pipes to sort, shell=True through /bin/sh, exit codes.
python3 - <<'PY'
import subprocess, sys
r = subprocess.run(["sort", "-r"], input="b\na\nc\n", capture_output=True, text=True)
print(repr(r.stdout), r.returncode)
out = subprocess.check_output("grep -c river text.txt | tr -d '\\n'; echo ' rivers'", shell=True, text=True)
print(out.strip())
r = subprocess.run(["sh", "-c", "echo to-err >&2; exit 3"], stderr=subprocess.PIPE)
print(r.returncode, r.stderr)
p1 = subprocess.Popen(["seq", "1", "1000"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["wc", "-l"], stdin=p1.stdout, stdout=subprocess.PIPE, text=True)
p1.stdout.close()
print("lines", p2.communicate()[0].strip(), p1.wait(), p2.returncode)
r = subprocess.run([sys.executable, "-c", "import sys; print(sys.argv[1:]); sys.exit(7)", "x", "y z"])
print("child python status", r.returncode)
try:
    subprocess.run(["/nonexistent/program"])
except FileNotFoundError as e:
    print("not found:", e.errno)
PY
