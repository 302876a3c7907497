"""The board's settings, from the config's [board] table. The session's secret
key is never here: `secret_key_env` names the environment variable holding it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_SECRET_LENGTH = 32


@dataclass(frozen=True)
class BoardSettings:
    secret_key_env: str = field(default="MOLVA_BOARD_SECRET_KEY", metadata={
        "help": "environment variable holding the key that signs sessions and share links (32+ characters)"})
    session_hours: int = field(default=12, metadata={"help": "a login lasts this long"})
    login_attempts: int = field(default=5, metadata={
        "help": "failed logins allowed per user name and per address within login_window_minutes"})
    login_window_minutes: int = field(default=15, metadata={"help": "... after which they are forgotten"})
    secure_cookie: bool = field(default=True, metadata={
        "help": "send the session cookie over HTTPS only (browsers also allow it on http://127.0.0.1 and localhost)"})
    proxies: int = field(default=0, metadata={
        "help": "reverse proxies in front of the board whose X-Forwarded-For/-Proto to trust (0: none)"})
    share_days: int = field(default=7, metadata={"help": "a read-only link to one week's report works this many days"})
    page_size: int = field(default=50, metadata={"help": "mentions per page"})

    def __post_init__(self):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", self.secret_key_env):
            raise ValueError(f"secret_key_env must name an environment variable, not {self.secret_key_env!r}")
        for name in ("session_hours", "login_attempts", "login_window_minutes", "share_days", "page_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.proxies < 0:
            raise ValueError(f"proxies must be 0 or more, not {self.proxies}")


class SecretKeyMissing(Exception):
    pass


def secret_key(settings: BoardSettings, environ) -> str:
    """The signing key from the environment, or SecretKeyMissing saying how to set one."""
    key = environ.get(settings.secret_key_env, "")
    if len(key) < MIN_SECRET_LENGTH:
        problem = "is not set" if not key else f"is shorter than {MIN_SECRET_LENGTH} characters"
        raise SecretKeyMissing(
            f"{settings.secret_key_env} {problem}: the board signs its sessions with it; e.g. "
            f"export {settings.secret_key_env}=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')")
    return key
