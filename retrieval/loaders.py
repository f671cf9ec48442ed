"""Catalog loaders: the Vespa demo catalog, Amazon LC-Rec item files, ESCI rows, a generic format.

Every loader returns a `LoadReport`: the products that loaded and a `RowError` for each row
that did not, so nothing is dropped silently.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import zstandard
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from retrieval.catalog import Catalog, Price, Product
from retrieval.errors import CatalogFileError, RowError
from retrieval.text import clean_description, strip_leading_heading

Format = Literal["vespa", "lcrec", "esci", "generic"]


class CatalogSource(BaseModel):
    """One catalog file and how to read it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Format
    path: Path
    name: str = Field(min_length=1, description="Source name; becomes the product id prefix")
    department: str | None = Field(
        default=None, description="Department to put first in every category path (LC-Rec files)"
    )


@dataclass
class LoadReport:
    """What one source produced: products, rejected rows, and identical repeats merged."""

    source: str
    file: str
    products: list[Product] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    merged_duplicates: int = 0

    def reasons(self) -> Counter[str]:
        """Rejected rows counted by the field at fault."""
        return Counter(e.field for e in self.errors)

    def summary(self) -> str:
        text = f"{self.source}: {len(self.products)} loaded, {len(self.errors)} rejected"
        if self.errors:
            text += " (" + ", ".join(f"{f}: {n}" for f, n in self.reasons().most_common()) + ")"
        if self.merged_duplicates:
            text += f", {self.merged_duplicates} identical repeats merged"
        return text


class _Row(Exception):
    """Internal: a row-level problem raised inside a row parser."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _department_name(raw: str) -> str:
    return raw.replace("_and_", " & ").replace("_", " ").strip()


def _decimal(value: Any, field: str) -> Decimal:
    if isinstance(value, bool):
        raise _Row(field, f"{value!r} is not a number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _Row(field, f"{value!r} is not a number") from None
    if not number.is_finite():
        raise _Row(field, f"{value!r} is not a finite number")
    if number < 0:
        raise _Row(field, f"{value!r} is negative")
    return number


def _build(file: str, line: int, values: dict[str, Any]) -> Product:
    try:
        return Product(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"]) or "row"
        raise _Row(loc, f"{first['msg']} (got {first.get('input')!r})") from None


def _collect(
    source: str, file: Path, rows: Iterable[tuple[int, Any]], parse: Callable[[Any], dict[str, Any]]
) -> LoadReport:
    report = LoadReport(source=source, file=str(file))
    seen: dict[str, tuple[int, Product]] = {}
    for line, raw in rows:
        try:
            product = _build(str(file), line, parse(raw))
        except _Row as problem:
            report.errors.append(RowError(str(file), line, problem.field, problem.message))
            continue
        if product.id in seen:
            first_line, first = seen[product.id]
            if first == product:
                report.merged_duplicates += 1
            else:
                report.errors.append(
                    RowError(str(file), line, "id", f"{product.id} differs from line {first_line}")
                )
            continue
        seen[product.id] = (line, product)
        report.products.append(product)
    return report


def _open_text(path: Path) -> io.TextIOBase:
    if not path.is_file():
        raise CatalogFileError(path, "no such file; check the path (see README, 'Catalog formats')")
    raw = path.open("rb")
    if path.suffix == ".zst":
        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(raw), encoding="utf-8")
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    with _open_text(path) as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                yield number, json.loads(text)
            except json.JSONDecodeError as exc:
                yield number, _Row("json", f"not valid JSON: {exc.msg} at column {exc.colno}")


def _unwrap(raw: Any) -> Any:
    if isinstance(raw, _Row):
        raise raw
    if not isinstance(raw, dict):
        raise _Row("row", f"expected a JSON object, got {type(raw).__name__}")
    return raw


def load_vespa(path: Path, name: str = "vespa") -> LoadReport:
    """The Vespa sample-app catalog: `{"put":..., "fields": {...}}` per line, price in cents."""

    def parse(raw: Any) -> dict[str, Any]:
        fields = _unwrap(raw).get("fields")
        if not isinstance(fields, dict):
            raise _Row("fields", "missing the 'fields' object")
        if "id" not in fields:
            raise _Row("id", "missing")
        title = str(fields.get("title") or "").strip()
        cents = fields.get("price")
        price = None
        if cents is not None:
            amount = _decimal(cents, "price") / 100
            price = Price(amount=amount) if amount > 0 else None  # 0 = no price in the source
        rating = fields.get("average_rating")
        if rating is not None:
            rating = float(_decimal(rating, "average_rating"))
        quantity = fields.get("quantity")
        attributes: dict[str, str] = {}
        in_stock = None
        if quantity is not None:
            in_stock = int(_decimal(quantity, "quantity")) > 0
            attributes["quantity"] = str(quantity)
        description = clean_description(strip_leading_heading(str(fields.get("description") or "")))
        category = fields.get("category")
        return {
            "id": f"{name}:{fields['id']}",
            "title": title,
            "description": description,
            "category": (_department_name(category),) if category else (),
            "price": price,
            "rating": rating or None,  # 0 means unrated in this source
            "in_stock": in_stock,
            "attributes": attributes,
            "source": name,
        }

    return _collect(name, path, _json_lines(path), parse)


def load_lcrec(path: Path, name: str, department: str | None = None) -> LoadReport:
    """An LC-Rec `*.item.json`: `{"<int id>": {title, description, brand, categories}}`; no prices."""
    if not path.is_file():
        raise CatalogFileError(path, "no such file; check the path (see README, 'Catalog formats')")
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CatalogFileError(path, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(items, dict):
        raise CatalogFileError(path, "expected one JSON object keyed by item id")

    def parse(raw: Any) -> dict[str, Any]:
        key, item = raw
        if not isinstance(item, dict):
            raise _Row("item", f"expected an object, got {type(item).__name__}")
        categories = [c.strip() for c in str(item.get("categories") or "").split(",") if c.strip()]
        if department and (not categories or categories[0] != department):
            categories.insert(0, department)
        return {
            "id": f"{name}:{key}",
            "title": str(item.get("title") or "").strip().rstrip("."),
            "description": clean_description(str(item.get("description") or "")),
            "brand": str(item.get("brand") or "").strip() or None,
            "category": tuple(categories),
            "source": name,
        }

    # The file is one object, so "line" is the item's position in it (1-based).
    return _collect(name, path, enumerate(items.items(), start=1), parse)


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, row


def load_esci(path: Path, name: str = "esci") -> LoadReport:
    """Amazon Shopping Queries (ESCI) rows: one (query, product) per row; products only here."""

    def parse(row: dict[str, str]) -> dict[str, Any]:
        pid = (row.get("product_id") or "").strip()
        if not pid:
            raise _Row("product_id", "missing")
        bullets = clean_description(row.get("product_bullet_point") or "")
        description = clean_description(row.get("product_description") or "")
        attributes = {"color": row["product_color"].strip()} if row.get("product_color") else {}
        return {
            "id": f"{name}:{pid}",
            "title": (row.get("product_title") or "").strip(),
            "description": "\n".join(x for x in (bullets, description) if x),
            "brand": (row.get("product_brand") or "").strip() or None,
            "attributes": attributes,
            "source": name,
        }

    return _collect(name, path, _csv_rows(path), parse)


_GENERIC_FIELDS = {
    "id", "title", "description", "brand", "category", "price", "currency",
    "rating", "rating_count", "in_stock", "attributes",
}  # fmt: skip


def _generic_row(name: str, raw: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(raw) - _GENERIC_FIELDS)
    if unknown:
        raise _Row(
            unknown[0], f"unknown field; allowed fields: {', '.join(sorted(_GENERIC_FIELDS))}"
        )

    def blank(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    if blank(raw.get("id")):
        raise _Row("id", "missing; every product needs a unique id")
    category = raw.get("category")
    if isinstance(category, str):
        category = [c.strip() for c in category.split(">") if c.strip()]
    price = None
    if not blank(raw.get("price")):
        amount = _decimal(raw["price"], "price")
        price = {"amount": amount, "currency": (raw.get("currency") or "USD").strip().upper()}
    attributes = raw.get("attributes") or {}
    if isinstance(attributes, str):
        try:
            attributes = json.loads(attributes)
        except json.JSONDecodeError:
            raise _Row("attributes", 'must be a JSON object like {"color": "red"}') from None
    if not isinstance(attributes, dict):
        raise _Row("attributes", "must be an object of name -> value")
    in_stock = raw.get("in_stock")
    if isinstance(in_stock, str):
        flag = in_stock.strip().lower()
        if flag in {"", "unknown"}:
            in_stock = None
        elif flag in {"true", "yes", "1"}:
            in_stock = True
        elif flag in {"false", "no", "0"}:
            in_stock = False
        else:
            raise _Row("in_stock", f"{in_stock!r} is not one of true/false/yes/no/1/0")
    return {
        "id": f"{name}:{str(raw['id']).strip()}",
        "title": raw.get("title") or "",
        "description": clean_description(str(raw.get("description") or "")),
        "brand": (str(raw["brand"]).strip() or None) if not blank(raw.get("brand")) else None,
        "category": tuple(category or ()),
        "price": price,
        "rating": None if blank(raw.get("rating")) else raw["rating"],
        "rating_count": None if blank(raw.get("rating_count")) else raw["rating_count"],
        "in_stock": in_stock,
        "attributes": {str(k): str(v) for k, v in attributes.items()},
        "source": name,
    }


def load_generic(path: Path, name: str) -> LoadReport:
    """A store's own catalog as JSONL (`.jsonl`, `.jsonl.zst`) or CSV; see README 'Catalog formats'."""
    suffixes = "".join(path.suffixes[-2:]).lower()
    if suffixes.endswith(".csv"):
        header_check(path)
        rows: Iterable[tuple[int, Any]] = _csv_rows(path)
        return _collect(name, path, rows, lambda row: _generic_row(name, row))
    if ".jsonl" in suffixes or ".ndjson" in suffixes:
        return _collect(name, path, _json_lines(path), lambda raw: _generic_row(name, _unwrap(raw)))
    raise CatalogFileError(path, "unknown file type; use .jsonl, .jsonl.zst or .csv")


def header_check(path: Path) -> None:
    """Refuse a CSV whose header lacks id/title or names unknown columns, before reading rows."""
    with _open_text(path) as handle:
        header = next(csv.reader(handle), [])
    missing = {"id", "title"} - set(header)
    unknown = sorted(set(header) - _GENERIC_FIELDS)
    if missing:
        raise CatalogFileError(path, f"header lacks the required columns {sorted(missing)}")
    if unknown:
        raise CatalogFileError(
            path, f"unknown columns {unknown}; allowed: {', '.join(sorted(_GENERIC_FIELDS))}"
        )


def load_source(source: CatalogSource) -> LoadReport:
    """Read one catalog source with the loader its format names."""
    path = source.path.expanduser()
    if source.format == "vespa":
        return load_vespa(path, source.name)
    if source.format == "lcrec":
        return load_lcrec(path, source.name, source.department)
    if source.format == "esci":
        return load_esci(path, source.name)
    return load_generic(path, source.name)


def load_catalog(sources: Iterable[CatalogSource]) -> tuple[Catalog, list[LoadReport]]:
    """Load several sources into one catalog; a product id seen in two sources is rejected."""
    reports = [load_source(s) for s in sources]
    owner: dict[str, str] = {}
    products: list[Product] = []
    for report in reports:
        kept = []
        for product in report.products:
            if product.id in owner:
                report.errors.append(
                    RowError(
                        report.file,
                        0,
                        "id",
                        f"{product.id} already loaded from {owner[product.id]}",
                    )
                )
                continue
            owner[product.id] = report.file
            kept.append(product)
        report.products = kept
        products.extend(kept)
    return Catalog(products), reports


def demo_store_sources(data_dir: Path) -> list[CatalogSource]:
    """The bundled demo store: the Vespa catalog plus the Amazon Scientific items."""
    return [
        CatalogSource(
            format="vespa", path=data_dir / "catalog-vespa/products.jsonl.zst", name="vespa"
        ),
        CatalogSource(
            format="lcrec",
            path=data_dir / "amazon-scientific/Scientific.item.json",
            name="scientific",
            department="Industrial & Scientific",
        ),
    ]
