"""Password strength, judged by zxcvbn (Dropbox's estimator) rather than by length alone.

Twelve identical characters, a keyboard walk or a dictionary word with digits are long enough
and still guessed in seconds; zxcvbn scores a password by how many guesses its patterns
(repeats, sequences, dictionaries, dates, the user's own name) would take.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

from audit.errors import AccessError

MIN_PASSWORD_LENGTH = 12
MIN_SCORE = 3  # zxcvbn's 0-4 scale: 3 is "safely unguessable" (~10^10 guesses)
_MAX_CHECKED = 256  # zxcvbn's cost grows with length; longer passwords are judged on a prefix


def check_password_strength(password: str, *, username: str) -> None:
    """Raise AccessError, saying why and what to do, unless the password is strong enough."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccessError(
            "the password is too short",
            hint=f"use at least {MIN_PASSWORD_LENGTH} characters, e.g. four unrelated words",
        )
    result = zxcvbn(password[:_MAX_CHECKED], user_inputs=[username])
    if int(result["score"]) < MIN_SCORE:
        feedback = result.get("feedback") or {}
        warning = str(feedback.get("warning") or "it is too easy to guess")
        suggestions = " ".join(str(s) for s in feedback.get("suggestions") or [])
        raise AccessError(
            f"the password is too weak: {warning.rstrip('.').lower()}",
            hint=suggestions or "use four or more unrelated words, or a password manager",
        )
