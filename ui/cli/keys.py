"""`shoptalk keys ...`: API keys with roles."""

from __future__ import annotations

from typing import Annotated

import typer

from ui.cli.common import settings_from
from ui.console import console

keys_app = typer.Typer(help="API keys with roles (shopper, agent, admin).", no_args_is_help=True)


@keys_app.command("create")
def keys_create(
    role: Annotated[str, typer.Option(help="shopper, agent or admin")],
    name: Annotated[str, typer.Option(help="Who or what the key is for")] = "cli",
    user: Annotated[str | None, typer.Option(help="Shopper keys: the user id they act for")] = None,
) -> None:
    """Create a key; it is printed once and stored only as a digest."""
    from ranking.events import make_engine
    from ui.auth import KeyStore, Role

    try:
        chosen = Role(role)
    except ValueError:
        raise typer.BadParameter(f"role {role!r}: choose shopper, agent or admin") from None
    settings = settings_from()
    settings.home.mkdir(parents=True, exist_ok=True)
    key, info = KeyStore(make_engine(settings.database())).create(chosen, name, user)
    console.print(
        f"{info.role.value} key #{info.id} ({info.name}); keep it, it is not shown again:"
    )
    print(key)


@keys_app.command("list")
def keys_list() -> None:
    """Every key's id, prefix, role and state (never the key itself)."""
    from ranking.events import make_engine
    from ui.auth import KeyStore

    settings = settings_from()
    for k in KeyStore(make_engine(settings.database())).list():
        state = "revoked" if k.revoked else "active"
        console.print(f"#{k.id} {k.prefix}... {k.role.value} {k.name} {k.user_id or ''} {state}")


@keys_app.command("revoke")
def keys_revoke(key_id: int) -> None:
    """Revoke a key by its id."""
    from ranking.events import make_engine
    from ui.auth import KeyStore

    if not KeyStore(make_engine(settings_from().database())).revoke(key_id):
        raise typer.BadParameter(f"no key #{key_id}; see `shoptalk keys list`")
    console.print(f"key #{key_id} revoked")
