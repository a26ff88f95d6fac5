"""Named errors. Every error names the file (or setting) at fault and what is wrong."""

from __future__ import annotations


class HelpersError(Exception):
    """Base class for every error this package raises on purpose.

    Errors cross process boundaries (the build's workers return them), so every
    subclass pickles the same way: rebuilt from its message (``args``) and its
    fields (``__dict__``) without calling its ``__init__``, whose keyword-only
    fields the default pickling would not pass.
    """

    def __reduce__(self):
        return (_rebuild, (type(self), self.args), self.__dict__)


def _rebuild(cls: type[HelpersError], args: tuple) -> HelpersError:
    error = cls.__new__(cls)
    error.args = args
    return error


class ConfigurationError(HelpersError):
    """A setting, catalog or ledger is unusable. Builds exit with status 2."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class DocumentError(HelpersError):
    """One document cannot be read or parsed. The rest of the build goes on."""

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class DecodeError(DocumentError):
    """Bytes that are not text in any supported encoding."""

    def __init__(self, message: str, *, path: str, byte_offset: int | None = None) -> None:
        self.byte_offset = byte_offset
        if byte_offset is not None:
            message = f"{message} (at byte offset {byte_offset})"
        super().__init__(message, path=path)


class UnknownDocumentError(ConfigurationError):
    """A document id that the corpus does not have."""

    def __init__(self, doc_id: str, valid: list[str]) -> None:
        self.doc_id = doc_id
        self.valid = valid
        super().__init__(f"unknown document id {doc_id!r}; valid ids: {', '.join(valid) or '(none)'}")


class LedgerError(ConfigurationError):
    """Rows of the reference ledger are unusable. Every bad row is listed, each with its line."""

    def __init__(self, problems: list[ConfigurationError]) -> None:
        self.problems = problems
        self.path = problems[0].path
        self.line = problems[0].line
        HelpersError.__init__(self, "\n".join(str(p) for p in problems))


class QuestionFileError(ConfigurationError):
    """A question file (``questions.yaml``) that cannot be used; the build answers generated questions instead."""


class NotebookFailed(HelpersError):
    """A notebook run failed: a cell raised, a cell timed out, or the kernel died or could not start.

    Its report is still written, with this message in a red box; ``hint`` says
    what to do when the machinery failed rather than the notebook's code.
    """

    def __init__(self, message: str, *, cell: int | None = None, hint: str = "") -> None:
        self.message = message
        self.cell = cell
        self.hint = hint
        super().__init__(message + (f" (hint: {hint})" if hint else ""))


class OutputError(HelpersError, OSError):
    """A file of the build's output cannot be written (read-only folder, full disk, name too long)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        super().__init__(f"cannot write {path}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])
