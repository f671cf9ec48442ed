"""diffturns.py OLD NEW: print turns whose block differs (by conversation+turn key)."""
import sys
def blocks(p):
    out, key, cur, conv = {}, None, [], ""
    for line in open(p, encoding="utf-8"):
        if line.startswith("=== "):
            conv = line[4:].strip(); continue
        if line.startswith(">>> "):
            if key: out[key] = cur
            key = conv + " " + line[4:].split(":", 1)[0]; cur = [line.rstrip()]
        elif key:
            cur.append(line.rstrip())
    if key: out[key] = cur
    return out
a, b = blocks(sys.argv[1]), blocks(sys.argv[2])
changed = 0
for k in b:
    if a.get(k) != b[k]:
        changed += 1
        print(f"##### {k}")
        print("\n".join(a.get(k, ["(none)"])))
        print("--- new")
        print("\n".join(b[k][1:]))
print(f"{changed} of {len(b)} turns changed")
