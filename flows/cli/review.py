"""`attest serve` and `attest users`: the review web app and who may use it."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console

from flows import review_app
from flows.cli.options import add_db_options, settings_from


def register(sub: Any) -> None:
    serve = sub.add_parser("serve", help="the review web app for compliance officers")
    add_db_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    serve.add_argument(
        "--session-minutes", type=int, default=60, help="a login lasts this long (default 60)"
    )
    serve.add_argument(
        "--secure-cookies", action="store_true", help="send cookies over HTTPS only (behind TLS)"
    )
    serve.set_defaults(handler=_serve)

    users = sub.add_parser("users", help="who may use the review app, with which role")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    users_add = users_sub.add_parser("add", help="add a user (asks for the password)")
    users_add.add_argument("username")
    users_add.add_argument("--role", required=True, choices=["reviewer", "auditor", "admin"])
    users_add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_db_options(users_add)
    users_list = users_sub.add_parser("list", help="list users and roles")
    add_db_options(users_list)
    users_role = users_sub.add_parser("role", help="change a user's role (an audit event)")
    users_role.add_argument("username")
    users_role.add_argument("--role", required=True, choices=["reviewer", "auditor", "admin"])
    add_db_options(users_role)
    users_disable = users_sub.add_parser("disable", help="disable a user and end their sessions")
    users_disable.add_argument("username")
    add_db_options(users_disable)
    users.set_defaults(handler=_users)


def _serve(args: argparse.Namespace, console: Console) -> int:
    return review_app.serve(
        settings_from(args),
        args.host,
        args.port,
        console,
        session_minutes=args.session_minutes,
        secure_cookies=args.secure_cookies,
    )


def _users(args: argparse.Namespace, console: Console) -> int:
    settings = settings_from(args)
    if args.users_command == "add":
        return review_app.add_user(
            settings, args.username, args.role, console, password_stdin=args.password_stdin
        )
    if args.users_command == "role":
        return review_app.set_role(settings, args.username, args.role, console)
    if args.users_command == "disable":
        return review_app.disable_user(settings, args.username, console)
    return review_app.list_users(settings, console)
