"""Errors the domain raises. Their text is already translated and fit to show a person."""


class DomainError(Exception):
    """Something a person asked for cannot be done; str(err) says why, in their language."""


class ValidationError(DomainError):
    """Input is malformed or out of range. `field` names the offending input when known."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFound(DomainError):
    pass


class Conflict(DomainError):
    """Someone else saved the same record first (optimistic concurrency), or a duplicate."""


class Duplicate(Conflict, ValidationError):
    """A value that must be unique (a receipt number in a project) is already recorded; `field`
    names the input that holds it."""


class TransitionRefused(DomainError):
    """A status change that the lifecycle does not allow."""


class AuthError(DomainError):
    """Login refused. `locked_until` is set while the account is locked out."""

    def __init__(self, message: str, locked_until=None):
        super().__init__(message)
        self.locked_until = locked_until
