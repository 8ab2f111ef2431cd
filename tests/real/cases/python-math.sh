# python3: float formatting and math, big integers, decimal, fractions.
python3 - <<'PY'
import math, statistics
from decimal import Decimal, getcontext
from fractions import Fraction
print(repr(0.1 + 0.2), 1 / 3, 2 ** 0.5, math.pi * 1e300, 5e-324, float("inf") - float("inf"))
print(math.sin(1), math.log(10), math.exp(-2), math.atan2(-1, -1), math.gamma(5.5), math.erf(0.5))
print(math.factorial(30), 2 ** 200, pow(3, 1000, 10 ** 9 + 7), (-7) // 2, (-7) % 2, divmod(-17, 5))
print(math.isqrt(10 ** 40 + 12345), math.gcd(2 ** 64, 6 ** 20), (123456789).bit_length())
getcontext().prec = 40
print(Decimal(1) / Decimal(7), Decimal("2").sqrt())
print(Fraction(3, 4) + Fraction(5, 6), Fraction(0.125), Fraction(355, 113) - Fraction(22, 7))
print(statistics.mean([1, 2, 3, 4, 10]), statistics.median([3, 1, 2]), round(statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]), 10))
print(f"{1234567.891:,.2f} {255:#x} {0.000123:.3e} {42:08b} {3.5:>8} {-0.0}")
print(round(2.675, 2), round(0.5), round(1.5), int("ff", 16), float.hex(0.1))
print(sum(i * i for i in range(100000)), hash(12345), hash(-1))
PY
