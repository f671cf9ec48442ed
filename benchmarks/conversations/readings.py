"""How the words-only reader takes each request: one request per line (a leading `xx<TAB>`
language and anything after a second tab are ignored); prints the search text, kind, and the
top 5 titles of the assistant's own ranked list.
usage: readings.py FILE [--cards] > OUT"""
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from assistant.state import ConversationState, advance
from ui.services import build_services
from ui.settings import Settings

services = build_services(Settings(), llm=None, wait_multilingual=True)
pipeline = services.chat
cards = "--cards" in sys.argv
for line in open(sys.argv[1], encoding="utf-8"):  # noqa: SIM115
    parts = line.rstrip("\n").split("\t")
    if not parts[0] or parts[0].startswith("#"):
        continue
    text = parts[1] if len(parts) > 1 and len(parts[0]) <= 3 else parts[0]
    q = pipeline.read(text).query
    print(f">>> {text}" + (f"    [{parts[2]}]" if len(parts) > 2 else ""))
    print(f"  Q: search={q.search!r} kind={q.kind} lang={q.language}"
          + (f" recipient={q.recipient}" if q.recipient else "") + (f" unwanted={q.unwanted}" if q.unwanted else ""))
    if cards:
        state = advance(ConversationState(), q, pipeline.catalog)
        for h in pipeline.find(state, k=5).hits:
            print(f"    - {h.product.title[:90]}")
