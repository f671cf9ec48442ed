"""Catalog loaders on the real files, and on small bad files that they must reject clearly."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from retrieval import Catalog, CatalogFileError, CatalogSource, load_catalog
from retrieval.loaders import load_esci, load_generic, load_lcrec, load_vespa


def test_vespa_prices_are_cents_and_zero_means_not_listed(data_dir: Path) -> None:
    report = load_vespa(data_dir / "catalog-vespa/products.jsonl.zst")
    assert len(report.products) + len(report.errors) == 24576
    first = report.products[0]
    assert first.price is not None and first.price.amount == Decimal("23.34")
    kindle = [p for p in report.products if p.department == "Kindle Store"]
    unpriced = [p for p in kindle if p.price is None]
    assert len(unpriced) == 167, "the source's 167 Kindle items with price 0 have no listed price"
    assert {p.department for p in report.products} == {
        "Toys & Games",
        "Musical Instruments",
        "Kindle Store",
    }


def test_vespa_description_heading_is_stripped(data_dir: Path) -> None:
    report = load_vespa(data_dir / "catalog-vespa/products.jsonl.zst")
    assert not any(p.description.startswith("#") for p in report.products[:2000])
    assert report.products[0].description.startswith("Immerse yourself")


def test_vespa_bad_row_is_reported_with_line_and_field(data_dir: Path) -> None:
    report = load_vespa(data_dir / "catalog-vespa/products.jsonl.zst")
    assert report.errors, "the real file has one product without a title"
    error = report.errors[0]
    assert error.field == "title" and error.line > 0 and "products.jsonl.zst" in error.file
    assert "1 rejected (title: 1)" in report.summary()


def test_lcrec_items_with_department_prefix(data_dir: Path) -> None:
    office = load_lcrec(data_dir / "amazon-office/Office.item.json", "office", "Office Products")
    assert len(office.products) + len(office.errors) == 2420
    assert all(p.category[0] == "Office Products" for p in office.products)
    assert all(p.price is None for p in office.products)
    sci = load_lcrec(
        data_dir / "amazon-scientific/Scientific.item.json", "scientific", "Industrial & Scientific"
    )
    assert sci.products[0].id == "scientific:0" and sci.products[0].brand


def test_esci_rows_become_products_once(data_dir: Path) -> None:
    report = load_esci(data_dir / "esci-dev/esci_exact_dev.csv")
    assert len(report.products) == 230 and not report.errors
    assert all(p.id.startswith("esci:") for p in report.products)


def test_generic_jsonl_keeps_good_rows_and_names_bad_ones(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a1",
            "title": "Trail boot",
            "price": 129.5,
            "category": "Shoes > Hiking",
            "brand": "Keen",
        },
        {"id": "a2", "title": "Wool socks", "price": "abc"},
        {"id": "a3", "title": "", "price": 5},
        {"id": "a4", "title": "Gaiter", "colour": "red"},
        {"id": "a5", "title": "Insoles", "price": -3},
        {"id": "a6", "title": "Laces", "rating": 7},
    ]
    path = tmp_path / "store.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n")
    report = load_generic(path, "mine")
    assert [p.id for p in report.products] == ["mine:a1"]
    assert report.products[0].category == ("Shoes", "Hiking")
    assert report.products[0].price is not None and report.products[0].price.amount == Decimal(
        "129.5"
    )
    problems = {(e.line, e.field) for e in report.errors}
    assert problems == {
        (2, "price"),
        (3, "title"),
        (4, "colour"),
        (5, "price"),
        (6, "rating"),
        (7, "json"),
    }
    assert "'abc' is not a number" in str(next(e for e in report.errors if e.line == 2))


def test_generic_csv_header_errors_say_what_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "store.csv"
    path.write_text("id,title,colour\n1,Boot,red\n")
    with pytest.raises(CatalogFileError, match="unknown columns \\['colour'\\]"):
        load_generic(path, "mine")
    path.write_text("id,title,price,in_stock\n1,Boot,12.50,yes\n2,Sock,,maybe\n")
    report = load_generic(path, "mine")
    assert report.products[0].in_stock is True and report.products[0].price is not None
    assert report.errors[0].line == 3 and report.errors[0].field == "in_stock"


def test_missing_file_error_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(CatalogFileError, match="no such file"):
        load_generic(tmp_path / "nope.jsonl", "x")


def test_same_id_in_two_sources_is_rejected_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "1", "title": "One"}) + "\n")
    source = CatalogSource(format="generic", path=path, name="shop")
    catalog, reports = load_catalog([source, source])
    assert len(catalog) == 1
    assert reports[1].errors and "already loaded" in reports[1].errors[0].message


def test_catalog_columns_align_with_products(small_catalog: Catalog) -> None:
    cols = small_catalog.columns
    for i in (0, len(small_catalog) // 2, len(small_catalog) - 1):
        product = small_catalog.products[i]
        assert cols.departments[cols.department[i]] == product.department
        if product.price is None:
            assert cols.price[i] != cols.price[i]  # NaN
        else:
            assert cols.price[i] == float(product.price.amount)
