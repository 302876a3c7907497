"""A systemd unit that keeps the board running as an unprivileged user."""

from __future__ import annotations

from pathlib import Path


def systemd_unit(exe: Path, config: Path, user: str, host: str, port: int, secret_env: str) -> str:
    workdir = config.parent
    return f"""# /etc/systemd/system/molva-board.service: the team board, as user {user} (not root)
# The secret key goes in /etc/molva-board.env ({secret_env}=..., readable by root only: chmod 600).
[Unit]
Description=Molva team board
After=network-online.target
Wants=network-online.target

[Service]
User={user}
Group={user}
WorkingDirectory={workdir}
EnvironmentFile=/etc/molva-board.env
ExecStart={exe} serve -c {config} --host {host} --port {port}
Restart=on-failure
NoNewPrivileges=true
PrivateTmp=true
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths={workdir}

[Install]
WantedBy=multi-user.target

# then: useradd --system --home {workdir} {user}; chown -R {user} {workdir}
#       systemctl daemon-reload && systemctl enable --now molva-board"""
