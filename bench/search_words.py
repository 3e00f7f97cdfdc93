"""The words of bench/search.py's ideas and posts, shared with its URLs (bench/search_urls.py)."""

BASE_WORDS = (
    "community energy co-operative solar roof tenants housing commission youth council "
    "social value commissioning asset transfer refugees volunteers school attainment "
    "credit union payroll savings mental health crisis procurement neighbourhood renewal "
    "care homework breakfast club leadership co-production officers members residents "
    "budget library park transport food bank allotment heat network insulation"
).split()
# Real text has a large vocabulary: 640 made-up words beside the network's own.
WORDS = BASE_WORDS + [f"{a}{b}{c}" for a in "bcdfghklmnprstvw" for b in "aeiou" for c in "lmnrstxz"]
