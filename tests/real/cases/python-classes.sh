# python3: a class hierarchy, dataclasses, properties, exceptions,
# generators, context managers, operator overloading.
python3 - <<'PY'
import math
from dataclasses import dataclass, field
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name; Shape.count += 1
    def area(self): raise NotImplementedError(self.name)
    def __repr__(self): return f"{type(self).__name__}({self.name}, {self.area():.4f})"
    def __lt__(self, other): return self.area() < other.area()
class Circle(Shape):
    def __init__(self, r): super().__init__("circle"); self.r = r
    def area(self): return math.pi * self.r ** 2
class Rect(Shape):
    def __init__(self, w, h): super().__init__("rect"); self.w, self.h = w, h
    def area(self): return self.w * self.h
class Square(Rect):
    def __init__(self, s): super().__init__(s, s); self.name = "square"
    @property
    def side(self): return self.w
shapes = sorted([Circle(1.5), Rect(2, 3.5), Square(2.5), Circle(0.5)])
print(shapes, Shape.count, Square.__mro__[1].__name__, shapes[-1].side if isinstance(shapes[-1], Square) else "-")
try:
    Shape("abstract").area()
except NotImplementedError as e:
    print("not implemented:", e)
@dataclass(order=True)
class Vec:
    x: float
    y: float = 0.0
    tags: list = field(default_factory=list, compare=False)
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __abs__(self): return math.hypot(self.x, self.y)
v = Vec(3, 4) + Vec(1, -1)
print(v, abs(Vec(3, 4)), sorted([Vec(2), Vec(1, 5), Vec(1, 2)]))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found): found.append(n); yield n
        n += 1
g = primes(); print([next(g) for _ in range(15)])
class Tracker:
    def __enter__(self): print("enter"); return self
    def __exit__(self, t, v, tb): print("exit", t.__name__ if t else None); return True
with Tracker():
    raise KeyError("swallowed")
class MyError(ValueError): pass
try:
    try: raise MyError("inner")
    except ValueError as e: raise RuntimeError("outer") from e
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__cause__)
PY
