"""Words-only transcripts: each line of FILE is a conversation, turns split by ' || '.
Runs the real pipeline (real index, embedders) with no chat model; prints a compact transcript.
usage: answers.py FILE... > OUT"""
import os, sys, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from ui.settings import Settings
from ui.services import build_services
from assistant.turn import ChatRequest

settings = Settings()
services = build_services(settings, llm=None, wait_multilingual=True)
chat = services.chat
RUN = str(int(time.time()))
n = 0
start = time.time()
for path in sys.argv[1:]:
    cid = 0
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cid += 1
        conv = None
        print(f"=== {os.path.basename(path)} C{cid}")
        for t, msg in enumerate(line.split(" || "), 1):
            n += 1
            try:
                a = chat.answer(ChatRequest(message=msg, conversation_id=conv, user_id=f"probe-{RUN}-{os.path.basename(path)}-{cid}"))
            except Exception as e:  # noqa: BLE001
                print(f">>> T{t}: {msg}\n  !! {type(e).__name__}: {e}")
                continue
            conv = a.conversation_id
            q = a.query
            print(f">>> T{t}: {msg}")
            bits = [f"intent={q.intent.value}", f"search={q.search!r}"]
            for k in ("kind", "recipient", "age_min", "age_max", "min_price", "max_price", "min_rating",
                      "references", "alternatives", "unwanted", "interests", "brands", "starter", "items", "language"):
                v = getattr(q, k, None)
                if v not in (None, (), "", False, "en"):
                    bits.append(f"{k}={v}")
            print("  Q: " + " ".join(str(b) for b in bits))
            if a.notice:
                print(f"  N: {a.notice}")
            if a.relaxed:
                print(f"  R: {a.relaxed}")
            print("  A: " + a.text.replace("\n", " / "))
            for c in a.cards:
                star = "*" if c.recommended else " "
                print(f"  {star}[{c.mark}] {c.product.title[:80]} | {c.price}")
            if a.cart and a.cart.lines:
                print("  CART: " + "; ".join(f"{l.quantity}x {l.title[:40]}" for l in a.cart.lines))
print(f"# {n} turns in {time.time()-start:.0f}s", file=sys.stderr)
