"""ShopTalk's one Settings object: environment (`SHOPTALK_` prefix, `__` for sections) or `.env`."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.config import LLMConfig
from ranking.experiments import Experiment
from retrieval.config import RetrievalConfig
from ui.limits import LimitsConfig


def _project_root() -> Path:
    here = Path(__file__).resolve().parents[1]
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


ROOT = _project_root()


class AuthConfig(BaseModel):
    """Who may call what (see ui.auth)."""

    model_config = ConfigDict(extra="forbid")

    open_local_shopper: bool = Field(
        default=True, description="Shopper routes need no key from loopback callers (embedded demo)"
    )


class Settings(BaseSettings):
    """Validated once at start-up and passed down; every setting has an embedded default."""

    model_config = SettingsConfigDict(
        env_prefix="SHOPTALK_", env_nested_delimiter="__", env_file=".env", extra="forbid"
    )

    home: Path = Field(default=ROOT / ".shoptalk", description="State: indexes, caches, databases")
    data_dir: Path = Field(default=ROOT / "data", description="Folder of the public data files")
    host: str = Field(default="127.0.0.1", description="Address the API binds to")
    port: int = Field(default=8000, ge=1, le=65535)
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL for events and conversations; None: SQLite in home",
    )
    retrieval: RetrievalConfig = Field(default_factory=RetrievalConfig)
    llm: LLMConfig = Field(default_factory=LLMConfig)
    auth: AuthConfig = Field(default_factory=AuthConfig)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
    live_url: str = Field(
        default="memory://",
        pattern=r"^(memory|redis|rediss|unix)://",
        description="Live popularity and co-visitation: memory:// (each process its own, from "
        "snapshots) or redis://host:6379/1 (one set shared by every replica)",
    )
    experiments: list[Experiment] = Field(
        default_factory=list,
        description="A/B experiments on recommendations (JSON); the first active one runs",
    )

    def database(self) -> str:
        """The database URL in force."""
        return self.database_url or f"sqlite:///{self.home / 'shoptalk.db'}"
